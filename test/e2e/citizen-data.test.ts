import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../helpers/api';
import { downloadWorkbook, openAppInChromium, screenshot, type AppUnderTest } from '../helpers/browser';
import { storeFileText } from '../helpers/db-fingerprint';
import { xlsxPartsText } from '../helpers/xlsx-check';

/**
 * citizens (issue 10), cit-import: a spells file and an events file picked on the import screen
 * (kinds detected, ids masked in the preview), imported, then "Slet alle borgerdata" under
 * Indlæsninger with its confirm step; afterwards the database file holds no id. At 1366 × 768.
 * Between the two (issue 10's end-to-end walk): the engine derives the windows from what was just
 * imported, the reviewer finds the citizen still within reach on "Borgere" and exports the list.
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

  it('finds the citizen still within reach on Borgere and exports the list with masked ids', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Borgere', exact: true }).click();
    await page.getByTestId('citizens-screen').waitFor();
    // As of 15 January 2024. Worked by hand from the two files: 010190-1111 is on A-dagpenge from
    // 31 August 2023 (before 2024: 4 interviews and an offer); six months end 1 March 2024, so the
    // last day that counts is 29 February 2024. Inside the window: a jobcenter interview on
    // 1 September (counts) and an a-kasse interview on 2 October (shown, not counted): 3
    // interviews and the offer are missing, 45 days left.
    const asOf = page.getByTestId('citizens-as-of');
    await asOf.fill('15.01.2024');
    await asOf.press('Enter');
    await page.getByTestId('citizens-within-reach').check();
    const expected = await callApi(app.session, 'citizens.query', { withinReach: true, asOf: '2024-01-15', limit: 1000 });
    const expectedTotal = (await callApi(app.session, 'citizens.count', { withinReach: true, asOf: '2024-01-15' })).total;
    const hand = expected.rows.find((row) => row.citizenId === '010190-****');
    expect(hand).toMatchObject({ groupId: 'dagpenge', deadline: '2024-02-29', cohortMonth: '2024-03', interviewsCounted: 1, interviewsNotCounted: 1, interviewsMissing: 3, offerMissing: true, daysLeft: 45 });
    await expect.poll(() => page.getByTestId('citizens-count').innerText()).toBe(`${expectedTotal} forløb`);
    await expect.poll(() => page.getByTestId('citizens-grid').innerText()).toContain('010190-****');
    expect(await page.locator('body').innerText()).not.toMatch(/(?<!\d)\d{6}-?\d{4}(?!\d)/);
    await screenshot(page, 'citizens-04-within-reach');

    const file = path.join(app.dir, 'borgere-der-kan-naas.xlsx');
    const { workbook } = await downloadWorkbook(page, () => page.getByTestId('citizens-export').click(), file);
    const sheet = workbook.getWorksheet('Borgere')!;
    const ids = sheet.getColumn(1).values.slice(2) as string[];
    expect(ids).toHaveLength(expectedTotal);
    expect(ids).toContain('010190-****');
    // The parts are deflated: search their unpacked text (which does hold the masked id), not the zip's bytes.
    const text = await xlsxPartsText(fs.readFileSync(file));
    expect(text).toContain('010190-****');
    for (const id of ['010190-1111', '0101901111']) expect(text.includes(id), id).toBe(false);
    const row = sheet.getRow(ids.indexOf('010190-****') + 2).values as unknown[];
    expect(row.join(' | ')).toContain('3 samtaler');
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
    const bytes = storeFileText(databasePath);
    for (const id of ['010190-1111', '020285-1234', '050392-1234', 'K-000417']) expect(bytes.includes(id), id).toBe(false);
  });

  it('when another window keeps the file from being cleaned, says so, and offers "Ryd databasefilen" until it is done', async () => {
    const { page, session } = app;
    await page.getByRole('button', { name: 'Indlæs filer' }).click();
    await page.getByTestId('import-file-input').setInputFiles([path.join(fixtures, 'forloeb-libreoffice.csv')]);
    const spells = card('forloeb-libreoffice.csv');
    await spells.getByTestId('import-run').click();
    await spells.getByTestId('import-report').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Indlæsninger', exact: true }).click();
    // Another connection in a read transaction from before the delete (another window on the same file).
    const reader = new Database(session.databasePath, { timeout: 0 });
    try {
      reader.exec('BEGIN');
      expect(reader.prepare('SELECT COUNT(*) AS n FROM citizen_spell').get()).toEqual({ n: 4 });
      session.db.pragma('busy_timeout = 100');
      await page.getByTestId('citizen-data-delete').click();
      await page.getByTestId('citizen-data-confirm-delete').click();
      const panel = page.getByTestId('citizen-data');
      await expect.poll(() => panel.innerText(), { timeout: 30_000 }).toContain('kunne ikke ryddes helt');
      await expect.poll(() => page.getByTestId('citizen-data-status').textContent()).toBe('Der er ingen borgerdata i databasen.');
      await expect.poll(() => page.getByTestId('citizen-data-cleanup-pending').textContent()).toContain('ikke ryddet endnu');
      await panel.scrollIntoViewIfNeeded();
      await screenshot(page, 'citizens-05-cleanup-pending');
    } finally {
      reader.exec('ROLLBACK');
      reader.close();
    }
    await page.getByTestId('citizen-data-cleanup').click();
    await expect(page.getByTestId('citizen-data-done').textContent({ timeout: 30_000 })).resolves.toMatch(/^Databasefilen er ryddet/);
    await expect.poll(() => page.getByTestId('citizen-data-cleanup-pending').count()).toBe(0);
    const databasePath = session.databasePath;
    const bytes = storeFileText(databasePath);
    for (const id of ['010190-1111', '020285-1234', '050392-1234']) expect(bytes.includes(id), id).toBe(false);
  });
  it('undoes the events file under Indlæsninger (in the import worker), and the windows count nothing from it', async () => {
    const { page, session } = app;
    await page.getByRole('button', { name: 'Indlæs filer' }).click();
    // The spells again (the test before deleted every citizen row), then the events.
    await page.getByTestId('import-file-input').setInputFiles([path.join(fixtures, 'forloeb-openpyxl.xlsx'), path.join(fixtures, 'haendelser-libreoffice.csv')]);
    await expect.poll(() => page.getByTestId('import-mapping').count(), { timeout: 30_000 }).toBe(2);
    for (const target of [card('forloeb-openpyxl.xlsx'), card('haendelser-libreoffice.csv')]) {
      await target.getByTestId('import-run').click();
      await target.getByTestId('import-report').waitFor({ timeout: 60_000 });
    }
    const counted = () => session.db.prepare('SELECT TOTAL(interviews_counted) + TOTAL(offers) AS n FROM citizen_window').get() as { n: number };
    expect(counted().n).toBeGreaterThan(0);
    const batch = session.db.prepare("SELECT id FROM import_batch WHERE kind = 'events' AND undone_at IS NULL ORDER BY id DESC LIMIT 1").get() as { id: number };
    await page.getByRole('button', { name: 'Indlæsninger', exact: true }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId(`import-batch-${batch.id}`).getByRole('button', { name: 'Fortryd' }).click();
    await expect.poll(() => page.getByTestId('import-history-notice').textContent(), { timeout: 60_000 }).toMatch(/^Indlæsningen af "haendelser-libreoffice.csv" er fortrudt \(5 rækker fjernet\)/);
    expect(await page.getByTestId('import-history-undoing').count()).toBe(0);
    await page.getByTestId(`import-batch-${batch.id}`).getByTestId('import-batch-undone').waitFor();
    expect(counted().n).toBe(0);
    await expect.poll(() => page.getByTestId('citizen-data-status').textContent()).toMatch(/^4 ydelsesforløb og 0 samtaler og tilbud fra 1 indlæsning\./);
    // The undone file has no current rows left.
    await expect.poll(() => page.getByTestId(`import-batch-${batch.id}`).locator('td').nth(6).textContent()).toBe('0');
    expect(await page.getByRole('button', { name: 'Fortryd' }).first().isEnabled()).toBe(true);
  });
});
