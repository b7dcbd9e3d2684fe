import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppInChromium, screenshot, type AppUnderTest } from '../helpers/browser';

/**
 * citizens (issue 10), cit-import: a spells file and an events file picked on the import screen
 * (kinds detected, ids masked in the preview), imported, then "Slet alle borgerdata" under
 * Indlæsninger with its confirm step; afterwards the database file holds no id. At 1366 × 768.
 */
const fixtures = path.resolve(__dirname, '..', 'fixtures', 'citizens');
let app: AppUnderTest;
beforeAll(async () => {
  app = await openAppInChromium();
  await app.page.setViewportSize({ width: 1366, height: 768 });
});
afterAll(async () => {
  await app?.close();
});

const card = (name: string) => app.page.locator('[data-testid="import-card"]', { has: app.page.locator('h3', { hasText: name }) });

describe('citizen data in Chromium', () => {
  it('previews spells and events with masked ids and imports both', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Indlæs filer' }).click();
    await page.getByTestId('import-file-input').setInputFiles([path.join(fixtures, 'forloeb-libreoffice.csv'), path.join(fixtures, 'haendelser-openpyxl.xlsx')]);
    await expect.poll(() => page.getByTestId('import-mapping').count(), { timeout: 30_000 }).toBe(2);
    const spells = card('forloeb-libreoffice.csv');
    const events = card('haendelser-openpyxl.xlsx');
    await expect(spells.getByTestId('import-kind').inputValue()).resolves.toBe('spells');
    await expect(events.getByTestId('import-kind').inputValue()).resolves.toBe('events');
    const sample = (await spells.getByTestId('import-sample').textContent()) ?? '';
    expect(sample).toContain('010190-****');
    expect(sample).not.toContain('010190-1111');
    expect(await page.locator('body').textContent()).not.toMatch(/(?<!\d)\d{6}-?\d{4}(?!\d)/);
    await spells.scrollIntoViewIfNeeded();
    await screenshot(page, 'citizens-01-preview');
    for (const target of [spells, events]) {
      await target.getByTestId('import-run').click();
      await target.getByTestId('import-report').waitFor({ timeout: 60_000 });
    }
    expect(app.session.db.prepare('SELECT (SELECT COUNT(*) FROM citizen_spell) AS s, (SELECT COUNT(*) FROM citizen_event) AS e').get()).toEqual({ s: 4, e: 5 });
  });

  it('"Slet alle borgerdata" says what goes, asks, deletes, says so, and the file holds no id', async () => {
    const { page, session } = app;
    await page.getByRole('button', { name: 'Indlæsninger', exact: true }).click();
    await expect(page.getByTestId('citizen-data-status').textContent()).resolves.toMatch(/^4 ydelsesforløb og 5 samtaler og tilbud fra 2 indlæsninger/);
    await page.getByTestId('citizen-data-delete').click();
    const confirm = page.getByTestId('citizen-data-confirm');
    await expect(confirm.textContent()).resolves.toMatch(/Det sletter 4 ydelsesforløb, 5 samtaler og tilbud og de 2 indlæsninger/);
    await confirm.scrollIntoViewIfNeeded();
    await screenshot(page, 'citizens-02-confirm-delete');
    await page.getByTestId('citizen-data-confirm-delete').click();
    await expect(page.getByTestId('citizen-data-done').textContent({ timeout: 30_000 })).resolves.toMatch(/^Alle borgerdata er slettet: 4 forløb, 5 samtaler og tilbud/);
    await expect(page.getByTestId('citizen-data-status').textContent()).resolves.toBe('Der er ingen borgerdata i databasen.');
    await screenshot(page, 'citizens-03-deleted');
    const databasePath = session.databasePath;
    const bytes = ['', '-wal'].map((suffix) => (fs.existsSync(databasePath + suffix) ? fs.readFileSync(databasePath + suffix).toString('latin1') : '')).join('');
    for (const id of ['010190-1111', '020285-1234', '050392-1234', 'K-000417']) expect(bytes.includes(id), id).toBe(false);
  });
});
