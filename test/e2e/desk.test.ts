import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResult } from '../../src/shared/api';
import { callApi, type testClient } from '../helpers/api';
import { chartDrawn, downloadWorkbook, openAppInChromium, screenshot, settled, type AppUnderTest } from '../helpers/browser';
import { describeMonth, describeMonthShort } from '../../src/shared/period-words';

/**
 * A reviewer's day on the demo data, in Chromium through the browser bridge. Every number the
 * test expects on screen or in the file is fetched from the API (whatever engine is registered),
 * never written into the test.
 */
let app: AppUnderTest;
beforeAll(async () => {
  app = await openAppInChromium();
});
afterAll(async () => {
  await app?.close();
});

const api: ReturnType<typeof testClient> = (name, ...args) => callApi(app.session, name, ...args);

const da = new Intl.NumberFormat('da-DK', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const period = '2023H2';

describe('the analyst’s desk', () => {
  let evaluation: CallResult<'evaluate.early2023'>;
  let opened: { code: number; name: string };
  let scrollBefore = 0;

  it('shows the overview counters in the letter’s terms, as the engine computed them', async () => {
    const { page } = app;
    evaluation = await api('evaluate.early2023', { period });
    const periods = await api('periods.available', {});
    // The latest complete half-year is chosen by default.
    await expect.poll(() => page.getByTestId('period-picker').inputValue()).toBe(periods.latestCompleteHalfYear);
    await page.getByTestId('period-picker').selectOption(period);
    const { summary } = evaluation;
    await page.getByTestId('summary-sentence').filter({ hasText: `${summary.toContact} kommuner skal kontaktes` }).waitFor();
    expect(await page.getByTestId('summary-sentence').textContent()).toContain(
      `${summary.toContact} kommuner skal kontaktes; ${summary.failInterviews} fejler samtalekriteriet, og ${summary.failOffers} fejler tilbudskriteriet.`,
    );
    for (const key of ['toContact', 'failInterviews', 'failOffers', 'exemptionProposals', 'earlyWarnings'] as const) {
      expect(await page.getByTestId(`counter-${key}`).locator('.counter-value').textContent()).toBe(String(summary[key]));
    }
    await page.getByTestId('overview-row-count').filter({ hasText: '98 kommuner' }).waitFor();
    await screenshot(page, 'desk-01-overview');
  });

  it('filters to "kun kontaktes", sorts, and opens a municipality with the keyboard', async () => {
    const { page } = app;
    await page.getByTestId('chip-contact').click();
    await page.getByTestId('overview-row-count').filter({ hasText: `${evaluation.summary.toContact} af 98 kommuner` }).waitFor();
    const header = page.locator('[data-testid="overview-grid"] .ag-header-cell[col-id="name"]');
    await header.click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    const viewport = page.locator('[data-testid="overview-grid"] .ag-grid-viewport');
    await viewport.evaluate((element) => (element.scrollTop = 170));
    await settled(page);
    scrollBefore = await viewport.evaluate((element) => element.scrollTop);
    expect(scrollBefore).toBeGreaterThan(0);
    // Every shown row is one the engine says to contact.
    const shownCodes = await page.locator('[data-testid="overview-grid"] .ag-row [col-id="code"]').allTextContents();
    const contactCodes = new Set(evaluation.municipalities.filter((row) => row.toContact).map((row) => String(row.code)));
    expect(shownCodes.length).toBeGreaterThan(0);
    for (const code of shownCodes) expect(contactCodes.has(code)).toBe(true);

    const sorted = evaluation.municipalities.filter((row) => row.toContact).sort((a, b) => a.name.localeCompare(b.name, 'da'));
    // Rows are 34 px high: a row two below the first visible one.
    const startIndex = Math.ceil(scrollBefore / 34) + 2;
    await page.locator(`[data-testid="overview-grid"] .ag-row[row-index="${startIndex}"] [col-id="code"]`).click();
    scrollBefore = await viewport.evaluate((element) => element.scrollTop);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    opened = sorted[startIndex + 1];
    await page.getByTestId('municipality-title').filter({ hasText: `${opened.name} (${opened.code})` }).waitFor();
    expect(await page.getByTestId('breadcrumbs').textContent()).toContain(`Overblik › ${opened.name}`);
  });

  it('shows the same monthly figures and explanation as the engine’s JSON, and draws the chart', async () => {
    const { page } = app;
    const detail = await api('municipality.detail', { code: opened.code, period });
    for (const criterion of ['interviews', 'offers'] as const) {
      const cells = page.locator(`[data-testid="criterion-figures"] tr[data-criterion="${criterion}"] td`);
      await expect.poll(() => cells.count()).toBe(detail.result[criterion].months.length);
      for (const [index, figure] of detail.result[criterion].months.entries()) {
        const cellText = (await cells.nth(index).textContent()) ?? '';
        expect(cellText.replace(/\u00a0/g, ' ')).toContain(da.format(figure.share!).replace(/\u00a0/g, ' '));
        expect(cellText).toContain(`${new Intl.NumberFormat('da-DK').format(figure.lacking!)}/${new Intl.NumberFormat('da-DK').format(figure.measured!)}`);
        expect(await cells.nth(index).getAttribute('class')).toBe(figure.above ? 'cell-above' : '');
      }
    }
    const explanation = await page.locator('[data-testid="explanation"] .explanation li').allTextContents();
    for (const line of detail.result.explanation) expect(explanation).toContain(line);
    for (const batch of detail.batches) expect(await page.getByTestId('sources').textContent()).toContain(batch.fileName);
    // AG Charts draws on a canvas; the threshold's label is in its accessible text or legend.
    await chartDrawn(page, '[data-testid="trend-chart"] canvas');
    expect(await page.locator('[data-testid="group-month-grid"] .ag-row').count()).toBe(detail.groupMonths.length);
    await screenshot(page, 'desk-02-municipality');

    // "This view" of the benefit group × month grid, to .xlsx: its rows and its columns, shares as percentages.
    const { workbook } = await downloadWorkbook(page, () => page.getByTestId('municipality-screen').getByTestId('export-view-xlsx').click(), path.join(app.dir, 'group-months.xlsx'));
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount - 1).toBe(detail.groupMonths.length);
    // Each month's share with the counts the cell shows beside it.
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual([
      'Ydelsesgruppe',
      'Kriterium',
      ...detail.groupMonths[0].months.flatMap((figure) => [`${describeMonth(figure.month)} andel uden`, `${describeMonth(figure.month)} antal uden`, `${describeMonth(figure.month)} målte borgere`]),
    ]);
    expect(sheet.getRow(2).getCell(4).value).toBe(detail.groupMonths[0].months[0].lacking);
    expect(sheet.getRow(2).getCell(5).value).toBe(detail.groupMonths[0].months[0].measured);
    expect(sheet.getRow(2).getCell(5).numFmt).toBe('#,##0');
    expect(sheet.getRow(2).getCell(1).value).toBe(detail.groupMonths[0].label);
    expect(sheet.getRow(2).getCell(3).value).toBeCloseTo(detail.groupMonths[0].months[0].share!, 12);
    expect(sheet.getRow(2).getCell(3).numFmt).toBe('0.0%');
  });

  it('records a decision that shows in the history, with who and when', async () => {
    const { page } = app;
    await page.getByTestId('decision-action').selectOption({ index: 0 });
    await page.getByTestId('decision-date').fill('2024-03-25');
    await page.getByTestId('decision-reason').fill('Ringet op af AMK Øst');
    await page.getByTestId('decision-record').click();
    await page.getByTestId('decision-history').filter({ hasText: 'Ringet op af AMK Øst' }).waitFor();
    const rows = await api('decisions.list', { municipalityCode: opened.code, period });
    expect(rows[0]).toMatchObject({ subject: 'contact', verdict: 'contacted', decidedOn: '2024-03-25', reason: 'Ringet op af AMK Øst' });
    expect(rows[0].decidedBy.length).toBeGreaterThan(0);
    expect(await page.getByTestId('decision-history').textContent()).toContain(rows[0].decidedBy);
  });

  it('drills from a benefit group row to that group across all municipalities, and back', async () => {
    const { page } = app;
    const firstGroup = page.locator('[data-testid="group-month-grid"] .ag-row[row-index="0"] [col-id="criterion"]');
    await firstGroup.click();
    await page.keyboard.press('Enter');
    await page.getByTestId('benefit-group-screen').waitFor();
    const detail = await api('municipality.detail', { code: opened.code, period });
    const group = detail.groupMonths[0];
    expect(await page.getByTestId('group-picker').inputValue()).toBe(group.groupId);
    expect(await page.getByTestId('breadcrumbs').textContent()).toContain(`Overblik › ${opened.name} › ${group.label}`);
    await page.keyboard.press('Alt+ArrowLeft');
    await page.getByTestId('municipality-title').filter({ hasText: `${opened.name} (${opened.code})` }).waitFor();
  });

  it('goes back with Alt+Left to the grid as it was: filter, sort and scroll kept', async () => {
    const { page } = app;
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Alt+ArrowLeft');
    await page.getByTestId('overview-screen').waitFor({ state: 'visible' });
    await page.getByTestId('overview-row-count').filter({ hasText: `${evaluation.summary.toContact} af 98 kommuner` }).waitFor();
    const header = page.locator('[data-testid="overview-grid"] .ag-header-cell[col-id="name"]');
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(await page.getByTestId('chip-contact').getAttribute('aria-pressed')).toBe('true');
    const scrollAfter = await page.locator('[data-testid="overview-grid"] .ag-grid-viewport').evaluate((element) => element.scrollTop);
    expect(scrollAfter).toBe(scrollBefore);
    const decisionCell = page.locator(`[data-testid="overview-grid"] .ag-row[row-id="${opened.code}"] [col-id="decision"]`);
    await expect.poll(() => decisionCell.textContent()).toBe('Kontaktet');
  });

  it('saves the contact list with Ctrl+E, and the file holds what the engine says, formatted', async () => {
    const { page } = app;
    // The whole list (62 municipalities, each with its drill-down) takes a while on a loaded machine.
    const downloadPromise = page.waitForEvent('download', { timeout: 120_000 });
    await page.keyboard.press('Control+e');
    const download = await downloadPromise;
    const file = path.join(app.dir, download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^Kontaktliste 2\. halvår 2023 .*\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const list = workbook.getWorksheet('Kontaktliste')!;
    expect(list.rowCount - 1).toBe(evaluation.summary.toContact);
    const headers = (list.getRow(1).values as string[]).slice(1);
    const firstInterview = headers.indexOf(`Samtaler ${describeMonth(evaluation.months[0])} andel uden`) + 1;
    expect(firstInterview).toBeGreaterThan(0);
    const statusColumn = headers.indexOf('Kontaktstatus') + 1;
    let checked = false;
    list.eachRow((row, rowNumber) => {
      if (rowNumber === 1 || row.getCell(2).value !== opened.code) return;
      checked = true;
      const expected = evaluation.municipalities.find((municipality) => municipality.code === opened.code)!;
      expected.interviews.months.forEach((figure, index) => {
        // Share, then the counts behind it, for each month.
        expect(row.getCell(firstInterview + index * 3).value).toBeCloseTo(figure.share!, 12);
        expect(row.getCell(firstInterview + index * 3).numFmt).toBe('0.0%');
        expect(row.getCell(firstInterview + index * 3 + 1).value).toBe(figure.lacking);
        expect(row.getCell(firstInterview + index * 3 + 2).value).toBe(figure.measured);
      });
      expect(String(row.getCell(statusColumn).value)).toMatch(/^Kontaktet 25\. marts 2024/);
    });
    expect(checked).toBe(true);
    const provenance: string[] = [];
    workbook.getWorksheet('Grundlag')!.eachRow((row) => row.eachCell((cell) => provenance.push(String(cell.value))));
    for (const batch of evaluation.batches) expect(provenance).toContain(batch.sha256);
    expect(provenance).toContain(evaluation.ruleSetVersion);
    expect(await page.getByTestId('contact-list-status').textContent()).toContain(download.suggestedFilename());
  });

  it('exports this view as Danish CSV: the filtered, sorted rows and the shown columns', async () => {
    const { page } = app;
    const downloadPromise = page.waitForEvent('download');
    await page.getByTestId('overview-screen').getByTestId('export-view-csv').click();
    const download = await downloadPromise;
    const file = path.join(app.dir, 'view.csv');
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(evaluation.summary.toContact + 1);
    const header = lines[0].split(';');
    expect(header[0]).toBe('Kommune');
    expect(header).toContain(`Samtaler ${describeMonth(evaluation.months[0])} andel uden`);
    expect(header).toContain(`Samtaler, andel uden Halvår, pct.`);
    const names = lines.slice(1).map((line) => line.split(';')[0]);
    expect(names).toEqual(
      evaluation.municipalities
        .filter((row) => row.toContact)
        .map((row) => row.name)
        .sort((a, b) => a.localeCompare(b, 'da')),
    );
  });

  it('keeps the grid’s sort and the filter chips between sessions', async () => {
    const { page } = app;
    await page.reload();
    await page.getByTestId('period-picker').selectOption(period);
    await page.getByTestId('overview-row-count').filter({ hasText: `${evaluation.summary.toContact} af 98 kommuner` }).waitFor();
    await expect.poll(() => page.locator('[data-testid="overview-grid"] .ag-header-cell[col-id="name"]').getAttribute('aria-sort')).toBe('ascending');
    expect(await page.getByTestId('chip-contact').getAttribute('aria-pressed')).toBe('true');
    // Ctrl+F goes to the search field; the quick search narrows within the chips' filter.
    await page.keyboard.press('Control+f');
    expect(await page.locator('[data-testid="overview-screen"] [data-search]').evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.type(opened.name);
    const matching = evaluation.municipalities.filter((row) => row.toContact && row.name.toLocaleLowerCase('da').includes(opened.name.toLocaleLowerCase('da'))).length;
    await page.getByTestId('overview-row-count').filter({ hasText: `${matching} af 98 kommuner` }).waitFor();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
  });

  it('goes from a fresh start to a saved contact list for 2023H2 with the keyboard alone', async () => {
    const { page } = app;
    // A fresh start: no half-year chosen before (the choice is otherwise kept between sessions).
    await page.evaluate("window.localStorage.removeItem('indsatsmonitor.desk.period')");
    await page.reload();
    await page.getByTestId('counters').waitFor();
    const picker = page.getByTestId('period-picker');
    const isFocused = () => picker.evaluate((element) => element === element.ownerDocument.activeElement);
    for (let presses = 0; presses < 30 && !(await isFocused()); presses += 1) await page.keyboard.press('Tab');
    expect(await isFocused()).toBe(true);
    const periods = await api('periods.available', {});
    const steps = periods.halfYears.findIndex((half) => half.period === periods.latestCompleteHalfYear) - periods.halfYears.findIndex((half) => half.period === period);
    for (let step = 0; step < steps; step += 1) await page.keyboard.press('ArrowUp');
    await expect.poll(() => picker.inputValue()).toBe(period);
    await page.getByTestId('summary-sentence').filter({ hasText: `${evaluation.summary.toContact} kommuner skal kontaktes` }).waitFor();
    // The whole list (62 municipalities, each with its drill-down) takes a while on a loaded machine.
    const downloadPromise = page.waitForEvent('download', { timeout: 120_000 });
    await page.keyboard.press('Control+e');
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^Kontaktliste 2\. halvår 2023 /);
    const file = path.join(app.dir, 'keyboard.xlsx');
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.getWorksheet('Kontaktliste')!.rowCount - 1).toBe(evaluation.summary.toContact);
  });

  it('shows the benefit-group, country and rule-set screens', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Ydelsesgrupper' }).click();
    const group = await api('benefitGroup.detail', { groupId: 'dagpenge', period });
    await page.locator('[data-testid="benefit-group-screen"] .ag-row').first().waitFor();
    expect(await page.getByTestId('group-national').textContent()).toContain(describeMonthShort(group.months[0]));
    // The national line of the group is drawn against the rule set's threshold.
    await chartDrawn(page, '[data-testid="group-chart"] canvas');
    expect(group.threshold).toBe(0.2);
    // Each municipality's part of the country's lacking citizens: the top row (highest share) checked against the API's counts.
    const top = [...group.municipalities].sort((a, b) => (b.share ?? -1) - (a.share ?? -1))[0];
    const lackingInCountry = group.municipalities.filter((row) => row.criterion === top.criterion).reduce((sum, row) => sum + row.lacking, 0);
    const expectedPart = `${((top.lacking / lackingInCountry) * 100).toFixed(1).replace('.', ',')} %`;
    const shownPart = await page.locator('[data-testid="benefit-group-screen"] .ag-row[row-index="0"] [col-id="contribution"]').first().textContent();
    expect(shownPart?.replace(/\s/g, ' ')).toBe(expectedPart);
    await screenshot(page, 'desk-03-benefit-group');

    await page.getByRole('button', { name: 'Hele landet' }).click();
    const statusGrid = page.locator('[data-testid="status-grid"] .ag-row');
    await statusGrid.first().waitFor();
    const periods = await api('periods.available', {});
    const month = periods.months.at(-1)!;
    const status = await api('evaluate.status', { period: month, baseline: periods.months[Math.max(0, periods.months.length - 13)] });
    await expect.poll(() => statusGrid.count()).toBe(status.rows.length);
    const whole = status.rows.find((row) => row.groupId === null)!;
    expect((await page.locator('[data-testid="status-grid"] .ag-row[row-id="all"] [col-id="share"]').textContent())?.replace(/\u00a0/g, ' ')).toBe(
      da.format(whole.share!).replace(/\u00a0/g, ' '),
    );
    await chartDrawn(page, '[data-testid="distribution-chart"] canvas');
    await screenshot(page, 'desk-04-country');

    await page.getByRole('button', { name: 'Regelsæt' }).click();
    await page.getByTestId('rule-sets-screen').waitFor();
    const ruleSets = await api('ruleSets.list', {});
    for (const ruleSet of ruleSets) expect(await page.getByTestId('rule-sets-screen').textContent()).toContain(ruleSet.name);

    // A what-if: copy with a higher threshold, compare side by side, and see who changes status.
    const threshold = ruleSets[0].parameters.find((parameter) => parameter.key === 'threshold');
    await page.getByTestId('copy-name').fill('Grænse 25 %');
    if (threshold) await page.getByTestId('copy-param-threshold').fill('25');
    await page.getByTestId('copy-create').click();
    await page.getByTestId('copy-status').filter({ hasText: 'Grænse 25 %' }).waitFor();
    const after = await api('ruleSets.list', {});
    const copy = after.find((ruleSet) => ruleSet.name === 'Grænse 25 %')!;
    expect(copy.basedOn).toBe(ruleSets[0].id);
    await page.getByTestId('compare-left').selectOption(ruleSets[0].id);
    await page.getByTestId('compare-right').selectOption(copy.id);
    await page.getByTestId('compare-run').click();
    const comparison = await api('ruleSets.compare', { left: ruleSets[0].id, right: copy.id, period });
    await page.getByTestId('compare-result').filter({ hasText: `${comparison.changed.length} kommuner skifter status` }).waitFor();
    await screenshot(page, 'desk-05-rule-sets');
  });
});
