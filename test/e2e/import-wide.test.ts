/**
 * Issue 12: a wide file (months as columns, a measure column, the area written once per block,
 * a total row and notes under the table) through the preview in Chromium: the preview shows the
 * unpivoted rows it will store and what it decided; stored, a value is read back through the API.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/handlers';
import { openAppInChromium, screenshot, type AppUnderTest } from '../helpers/browser';

const fixture = path.resolve(__dirname, '..', 'fixtures', 'layouts', 'wide-measure-column-xlsxwriter.xlsx');
const expected = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'fixtures', 'layouts', 'expected', 'wide-measure-column-xlsxwriter.json'), 'utf8')) as {
  rows: [number, string, string, number, number, number][];
};

let app: AppUnderTest;
beforeAll(async () => {
  app = await openAppInChromium({ demo: false, screen: 'Indlæs filer' });
  await app.page.setViewportSize({ width: 1366, height: 768 });
});
afterAll(async () => {
  await app?.close();
});

describe('a wide file through the preview', () => {
  it('shows the long rows it will store and the decisions, stores them, and the API returns the file’s value', async () => {
    const { page, session } = app;
    await page.getByTestId('import-file-input').setInputFiles([fixture]);
    const card = page.getByTestId('import-card');
    await card.getByTestId('import-long-rows').waitFor({ timeout: 30_000 });
    await expect(card.getByTestId('import-layout').inputValue()).resolves.toBe('wide');
    const decisions = (await card.getByTestId('import-decision-list').textContent()) ?? '';
    expect(decisions).toContain('Bred tabel: 6 perioder som kolonner (juli 2023 … december 2023)');
    expect(decisions).toContain('Kommune stod kun én gang pr. blok');
    // The first long row: København, A-dagpenge, 2023-07 with its count of citizens and of those lacking interviews.
    const [code, , month, measured, lacking] = expected.rows[0];
    expect(code).toBe(101);
    const firstRow = (await card.getByTestId('import-long-rows').locator('tbody tr').first().locator('td').allTextContents()).slice(1);
    expect(firstRow.slice(0, 5)).toEqual(['København', 'A-dagpenge', month, String(measured), String(lacking)]);
    await expect(card.getByTestId('import-skipped').locator('summary').textContent()).resolves.toBe('3 rækker springes over med vilje (noter og totaler gemmes aldrig)');
    await card.getByTestId('import-decisions').scrollIntoViewIfNeeded();
    const shot = await screenshot(page, 'import-wide-01-preview');
    expect(fs.statSync(shot).size).toBeGreaterThan(10_000);

    await card.getByTestId('import-run').click();
    await card.getByTestId('import-report').waitFor({ timeout: 60_000 });
    await expect(card.getByTestId('import-report').textContent()).resolves.toContain(`indlæst: ${expected.rows.length}`);
    await card.getByTestId('import-report').scrollIntoViewIfNeeded();
    await screenshot(page, 'import-wide-02-report');

    const envelope = await dispatch(session, 'municipality.detail', { code: 101, period: '2023H2' });
    expect(envelope.ok).toBe(true);
    const detail = (envelope as { ok: true; value: { groupMonths: { groupId: string; criterion: string; months: { month: string; measured: number | null; lacking: number | null }[] }[] } }).value;
    const july = detail.groupMonths.find((row) => row.groupId === 'dagpenge' && row.criterion === 'interviews')!.months.find((row) => row.month === month)!;
    expect([july.measured, july.lacking]).toEqual([measured, lacking]);
  });
});

describe('the preview lets the user decide what the file cannot', () => {
  const layouts = path.resolve(__dirname, '..', 'fixtures', 'layouts');

  it('undecidable dates: the preview asks for the order, and the chosen order is imported', async () => {
    const { page, session } = app;
    await page.getByTestId('import-file-input').setInputFiles([path.join(layouts, 'us-dates-undecidable.csv')]);
    const card = page.locator('[data-testid="import-card"]', { has: page.locator('h3', { hasText: 'us-dates-undecidable.csv' }) });
    const order = card.getByTestId('import-date-order');
    await order.waitFor({ timeout: 30_000 });
    await expect(order.inputValue()).resolves.toBe('choose');
    await expect(card.getByTestId('import-warning').allTextContents()).resolves.toContainEqual(expect.stringContaining('Vælg datoernes rækkefølge.'));
    await order.scrollIntoViewIfNeeded();
    await screenshot(page, 'import-wide-03-date-order');
    await order.selectOption('month-first');
    await expect.poll(() => card.getByTestId('import-decision-list').textContent()).toContain('måned først (amerikansk, 07/31/2023), som valgt');
    await card.getByTestId('import-run').click();
    await card.getByTestId('import-report').waitFor({ timeout: 60_000 });
    const batch = session.db.prepare("SELECT id FROM import_batch WHERE file_name = 'us-dates-undecidable.csv'").get() as { id: number };
    expect(session.db.prepare('SELECT DISTINCT month FROM measurement WHERE batch_id = ? ORDER BY 1').all(batch.id)).toEqual([
      { month: '2023-04' },
      { month: '2023-05' },
      { month: '2023-06' },
    ]);
  });

  it('a file without the figures earlier rows had is refused, and "Erstat alligevel" stores it', async () => {
    const { page, session } = app;
    await page.getByTestId('import-file-input').setInputFiles([path.join(layouts, 'unknown-measure-header.csv')]);
    const card = page.locator('[data-testid="import-card"]', { has: page.locator('h3', { hasText: 'unknown-measure-header.csv' }) });
    await card.getByTestId('import-unmapped').waitFor({ timeout: 30_000 });
    await expect(card.getByTestId('import-unmapped').textContent()).resolves.toContain('"Manko (samtaler)"');
    await card.getByTestId('import-run').click();
    await card.getByTestId('import-error').filter({ hasText: 'Filen ville erstatte 30 rækker, der har tal' }).waitFor({ timeout: 60_000 });
    await expect(card.getByTestId('import-error').textContent()).resolves.toContain('vælg "Erstat alligevel"');
    const before = session.db.prepare("SELECT interviews_lacking AS l FROM measurement_current WHERE municipality_code = 101 AND group_id = 'dagpenge' AND month = '2023-07'").get() as { l: number };
    expect(before.l).not.toBeNull();
    await card.getByTestId('import-replace-anyway').check();
    await card.getByTestId('import-run').click();
    await card.getByTestId('import-report').waitFor({ timeout: 60_000 });
    expect(session.db.prepare("SELECT interviews_lacking AS l FROM measurement_current WHERE municipality_code = 101 AND group_id = 'dagpenge' AND month = '2023-07'").get()).toEqual({ l: null });
  });
});
