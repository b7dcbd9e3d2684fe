import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallName } from '../../src/shared/api';
import { downloadWorkbook, openAppInChromium, screenshot, type AppUnderTest } from '../helpers/browser';
import { insertMeasurements, series } from '../helpers/engine-fixtures';
import { sharedExtractPath } from '../helpers/import-files';
import { callApi, type ArgsOf } from '../helpers/api';

/**
 * models-finish (issue 13 items 3, 4 and 6), in Chromium at 1366 × 768 on the demo data: each
 * screen as a reviewer first sees it (screenshots in test-results/), the early warning in words
 * on the overview without a column chooser, and a what-if copy marked on every screen and in the
 * files saved there (read back).
 */
let app: AppUnderTest;
beforeAll(async () => {
  app = await openAppInChromium();
  await app.page.setViewportSize({ width: 1366, height: 768 });
  // An unfinished half-year after the demo's last month: København above 20 % in each of its three months so far.
  insertMeasurements(app.session.db, series(101, 'dagpenge', ['2025-07', '2025-08', '2025-09'], 100, 30, 0));
  await app.page.reload();
});
afterAll(async () => {
  await app?.close();
});

/** The one typed test client (test/helpers/api.ts), on this file's session. */
const api = <K extends CallName>(callName: K, ...args: ArgsOf<K>) => callApi(app.session, callName, ...args);

function download(page: Page, testId: string, scope: string, name: string): Promise<{ workbook: ExcelJS.Workbook; fileName: string }> {
  return downloadWorkbook(page, () => page.getByTestId(scope).getByTestId(testId).first().click(), path.join(app.dir, name));
}

/** No element of the page reaches past the window's right edge (nothing cut at 1366 px). */
async function overflowRight(page: Page, scope: string): Promise<string[]> {
  // A string expression: the test project has no DOM types (the page runs it).
  return page.evaluate(`(() => {
    const width = document.documentElement.clientWidth;
    const selector = '[data-testid="${scope}"]';
    const cut = [];
    for (const element of document.querySelectorAll(selector + ' .ag-header-cell, ' + selector + ' th, ' + selector + ' button, ' + selector + ' label')) {
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.right > width + 1) cut.push((element.textContent || '').trim().slice(0, 40) + ' (' + Math.round(box.right) + ' > ' + width + ')');
    }
    return cut;
  })()`);
}

describe('every screen at 1366 × 768', () => {
  it('the overview shows the early warning in words without opening a column chooser', async () => {
    const { page } = app;
    const periods = await api('periods.available', {});
    expect(periods.halfYears.find((half) => half.period === '2025H2')?.complete).toBe(false);
    await page.getByTestId('overview-screen').waitFor();
    await screenshot(page, 'finish-01-overview');
    expect(await overflowRight(page, 'overview-screen')).toEqual([]);
    await page.getByTestId('period-picker').selectOption('2025H2');
    const evaluation = await api('evaluate.early2023', { period: '2025H2' });
    const warned = evaluation.municipalities.find((row) => row.code === 101)!;
    expect(warned.status).toBe('early-warning');
    const warning = warned.earlyWarnings.find((candidate) => candidate.criterion === 'interviews')!;
    const status = page.locator('[data-testid="overview-grid"] .ag-row[row-id="101"] [col-id="toContact"]');
    // In the status cell, with the rows as they open: no column chooser, no tooltip.
    await expect.poll(() => status.first().textContent()).toBe(`Tidlig varsling – samtaler: ${warning.monthsAboveSoFar} af ${warning.monthsAssessed} over indtil nu`);
    expect(await status.first().isVisible()).toBe(true);
    await screenshot(page, 'finish-02-overview-early-warning');
    expect(await overflowRight(page, 'overview-screen')).toEqual([]);
    await page.getByTestId('period-picker').selectOption('2023H2');
  });

  for (const [index, [button, screen]] of (
    [
      ['Månedlig (2021)', 'monthly-screen'],
      ['Skærpet tilsyn', 'supervision-screen'],
      ['Hele landet', 'country-screen'],
    ] as const
  ).entries()) {
    it(`${button}: nothing cut at the right edge`, async () => {
      const { page } = app;
      if (screen === 'supervision-screen') {
        // Model C needs the Y30R21 extract (the shared real one), imported as a reviewer does.
        await page.getByRole('button', { name: 'Indlæs filer' }).click();
        await page.getByTestId('import-file-input').setInputFiles([sharedExtractPath()]);
        const card = page.locator('[data-testid="import-card"]').first();
        await card.getByTestId('import-run').click();
        await card.getByTestId('import-report').waitFor({ timeout: 60_000 });
      }
      await page.getByRole('button', { name: button, exact: true }).click();
      await page.getByTestId(screen).waitFor();
      if (screen === 'supervision-screen') {
        await page.getByTestId('supervision-period').selectOption('2021QMAT02');
        await page.getByTestId('supervision-screen').locator('.ag-row').first().waitFor();
      } else {
        await page.getByTestId(screen).locator('.ag-row').first().waitFor();
      }
      await screenshot(page, `finish-0${index + 3}-${screen}`);
      expect(await overflowRight(page, screen)).toEqual([]);
    });
  }

  it('the decision panel, one key away', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Overblik', exact: true }).click();
    const evaluation = await api('evaluate.early2023', { period: '2023H2' });
    const first = evaluation.municipalities.find((row) => row.toContact)!;
    await page.getByTestId('overview-screen').locator('input[type="search"]').fill(first.name);
    await page.locator(`[data-testid="overview-grid"] .ag-row[row-id="${first.code}"] [col-id="name"]`).dblclick();
    await page.getByTestId('municipality-title').filter({ hasText: first.name }).waitFor();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('d');
    await expect.poll(() => page.evaluate("Boolean(document.activeElement?.closest('#decision-panel'))")).toBe(true);
    await screenshot(page, 'finish-06-decision-panel');
    expect(await overflowRight(page, 'municipality-screen')).toEqual([]);
    await page.getByTestId('back').click();
    await page.getByTestId('overview-screen').locator('input[type="search"]').fill('');
  });
});

describe('a what-if copy of model A, on every screen and in every file made there', () => {
  it('is marked on the overview, the drill-down and a benefit group, and in the contact list and the view exports', async () => {
    const { page } = app;
    const copy = await api('ruleSets.copy', { fromId: 'early-2023', name: 'Tærskel 25 e2e', changes: { threshold: 0.25 } });
    await page.reload();
    await page.getByTestId('overview-screen').waitFor();
    await page.getByTestId('period-picker').selectOption('2023H2');
    await page.getByTestId('overview-screen').getByTestId('rule-set-picker').selectOption(copy.id);
    await page.getByTestId('overview-screen').getByTestId('hypothetical-note').waitFor();
    const evaluation = await api('evaluate.early2023', { period: '2023H2', ruleSetId: copy.id });
    await screenshot(page, 'finish-07-what-if-overview');

    const list = await download(page, 'export-contact-list', 'overview-screen', 'what-if-contact-list.xlsx');
    expect(list.fileName).toContain('HYPOTETISK');
    expect(list.workbook.getWorksheet('Kontaktliste (hypotetisk)')!.rowCount - 1).toBe(evaluation.summary.toContact);
    const overviewView = await download(page, 'export-view-xlsx', 'overview-screen', 'what-if-overview.xlsx');
    expect(overviewView.fileName).toContain('HYPOTETISK');
    expect(overviewView.workbook.worksheets[0].name).toBe('Overblik (hypotetisk)');
    expect(String(overviewView.workbook.getWorksheet('Grundlag')!.getCell('A2').value)).toMatch(/^HYPOTETISK: lavet under regelsættet "Tærskel 25 e2e"/);

    // The drill-down under the copy says so above its numbers, and so does its view export.
    const first = evaluation.municipalities.find((row) => row.toContact)!;
    await page.getByTestId('overview-screen').locator('input[type="search"]').fill(first.name);
    await page.locator(`[data-testid="overview-grid"] .ag-row[row-id="${first.code}"] [col-id="name"]`).dblclick();
    await page.getByTestId('municipality-title').filter({ hasText: first.name }).waitFor();
    await page.getByTestId('municipality-screen').getByTestId('hypothetical-note').filter({ hasText: 'Tærskel 25 e2e' }).waitFor();
    await screenshot(page, 'finish-08-what-if-municipality');
    const drill = await download(page, 'export-view-xlsx', 'municipality-screen', 'what-if-municipality.xlsx');
    expect(drill.fileName).toContain('HYPOTETISK');
    expect(drill.workbook.worksheets[0].name.endsWith('(hypotetisk)')).toBe(true);
    await page.getByTestId('back').click();
    await page.getByTestId('overview-screen').locator('input[type="search"]').fill('');

    // A benefit group under the copy.
    await page.getByRole('button', { name: 'Ydelsesgrupper', exact: true }).click();
    await page.getByTestId('benefit-group-screen').getByTestId('hypothetical-note').waitFor();
    const group = await download(page, 'export-view-xlsx', 'benefit-group-screen', 'what-if-group.xlsx');
    expect(group.fileName).toContain('HYPOTETISK');

    // Back to the rule set in force: no mark anywhere.
    await page.getByRole('button', { name: 'Overblik', exact: true }).click();
    await page.getByTestId('overview-screen').getByTestId('rule-set-picker').selectOption('early-2023');
    await expect.poll(() => page.getByTestId('overview-screen').getByTestId('hypothetical-note').count()).toBe(0);
    const plain = await download(page, 'export-view-xlsx', 'overview-screen', 'in-force-overview.xlsx');
    expect(plain.fileName).not.toContain('HYPOTETISK');
  });
});
