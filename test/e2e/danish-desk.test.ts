import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/shared/api';
import { discardStaged, registerLocalFile } from '../../src/main/services/import/staging';
import { openAppInChromium, screenshot, settled, type AppUnderTest } from '../helpers/browser';
import { findForbidden } from '../helpers/code-words';
import { describeMonth } from '../../src/shared/period-words';
import { sharedExtractPath, writeDanishCsv } from '../helpers/import-files';
import { callApi, type ArgsOf } from '../helpers/api';
import type { CallName } from '../../src/shared/api';

/**
 * Issue 11 in Chromium at 1366 × 768: no code or English word on any screen or in any exported
 * file (the list is derived from the code), the empty start is a welcome page, screens refresh
 * when the data change, the contact list follows the AMK filter, and a view export's provenance
 * sheet names its filters. Every screen is photographed under test-results/.
 */
let app: AppUnderTest;
const gridWarnings: string[] = [];
const period = '2023H2';

/** The one typed test client (test/helpers/api.ts), on this file's session. */
const api = <K extends CallName>(callName: K, ...args: ArgsOf<K>) => callApi(app.session, callName, ...args);

/**
 * What a reviewer can read on the page: text, and the words in placeholders, titles and labels.
 * The import preview's sample rows are the user's own file as read (its "2023M07" is the file's),
 * so they are left out.
 */
async function visibleWords(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const own = [...document.querySelectorAll('[data-testid="import-sample"]')];
    const before = own.map((element) => element.style.display);
    own.forEach((element) => (element.style.display = 'none'));
    const parts = [document.body.innerText];
    own.forEach((element, index) => (element.style.display = before[index]));
    for (const element of document.querySelectorAll('[placeholder], [title], [aria-label]')) {
      if (element.closest('[hidden]')) continue;
      for (const name of ['placeholder', 'title', 'aria-label']) {
        const value = element.getAttribute(name);
        if (value) parts.push(value);
      }
    }
    return parts.join('\\n');
  })()`);
}

async function expectDanishScreen(page: Page, where: string): Promise<void> {
  const found = findForbidden(await visibleWords(page));
  expect(found, `${where}: ${found.join('\n')}`).toEqual([]);
}

/** Every cell and sheet name of a workbook as text. */
async function workbookText(file: string): Promise<{ workbook: ExcelJS.Workbook; text: string }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const parts: string[] = [];
  workbook.eachSheet((sheet) => {
    parts.push(sheet.name);
    sheet.eachRow((row) => row.eachCell((cell) => parts.push(cell.value instanceof Date ? '' : String(cell.value ?? ''))));
  });
  return { workbook, text: parts.join('\n') };
}

async function download(page: Page, click: () => Promise<void>, name: string): Promise<string> {
  const downloadPromise = page.waitForEvent('download', { timeout: 120_000 });
  await click();
  const done = await downloadPromise;
  const file = path.join(app.dir, name);
  await done.saveAs(file);
  return file;
}

async function expectDanishWorkbook(file: string, where: string) {
  const { workbook, text } = await workbookText(file);
  const found = findForbidden(text);
  expect(found, `${where}: ${found.join('\n')}`).toEqual([]);
  // Every column of every sheet has a width.
  workbook.eachSheet((sheet) => {
    for (let index = 1; index <= sheet.columnCount; index += 1) expect(sheet.getColumn(index).width, `${where} ${sheet.name} column ${index}`).toBeGreaterThan(0);
  });
  return workbook;
}

/** A file read in as the CLI does it: registered, then the app's own import call (data.changed reaches the page). */
async function importThroughHandlers(file: string): Promise<ImportReport> {
  const staged = registerLocalFile(file);
  try {
    return await api('import.run', { fileId: staged.fileId });
  } finally {
    discardStaged(staged.fileId);
  }
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Skærme' }).getByRole('button', { name, exact: true }).click();

beforeAll(async () => {
  app = await openAppInChromium({ demo: false });
  const { page } = app;
  page.on('console', (message) => {
    if (/AG Grid|AG Charts/i.test(message.text())) gridWarnings.push(message.text());
  });
  page.on('dialog', (dialog) => void dialog.accept());
  await page.setViewportSize({ width: 1366, height: 768 });
});
afterAll(async () => {
  await app?.close();
});

describe('a desk in Danish, with its numbers visible (issue 11)', () => {
  it('starts empty on a welcome page that says what to do, without an error', async () => {
    const { page } = app;
    const welcome = page.locator('.screen-host:not([hidden]) [data-testid="welcome"]');
    await welcome.waitFor();
    expect(await page.locator('.error').count()).toBe(0);
    expect(await welcome.textContent()).toContain('Indlæs demodata');
    await expectDanishScreen(page, 'velkomst');
    await screenshot(page, 'danish-01-welcome');
    // The benefit-group and country screens say the same instead of failing.
    await nav(page, 'Ydelsesgrupper');
    await page.locator('.screen-host:not([hidden]) [data-testid="welcome"]').waitFor();
    await nav(page, 'Overblik');
  });

  it('loads the demo data from the welcome page, and the overview appears without a reload', async () => {
    const { page } = app;
    await page.locator('.screen-host:not([hidden]) [data-testid="welcome-demo"]').click();
    await page.getByTestId('demo-banner').waitFor({ timeout: 60_000 });
    await page.getByTestId('counters').waitFor();
    await page.locator('.screen-host:not([hidden]) [data-testid="period-picker"]').selectOption(period);
    const evaluation = await api('evaluate.early2023', { period });
    await page.getByTestId('summary-sentence').filter({ hasText: `${evaluation.summary.toContact} kommuner skal kontaktes` }).waitFor();
    // Each month's share is written as a number, and the half-year's pooled share beside it.
    const first = evaluation.municipalities.find((row) => row.interviews.months.every((figure) => figure.share !== null))!;
    const row = page.locator(`[data-testid="overview-grid"] .ag-row[row-id="${first.code}"]`).last();
    await page.getByTestId('overview-screen').locator('input[type="search"]').fill(first.name);
    const numbers = await row.locator('[col-id="interviews"] .month-share').allTextContents();
    expect(numbers).toEqual(first.interviews.months.map((figure) => (figure.share! * 100).toLocaleString('da-DK', { minimumFractionDigits: 1, maximumFractionDigits: 1 })));
    const lacking = first.interviews.months.reduce((sum, figure) => sum + figure.lacking!, 0);
    const measured = first.interviews.months.reduce((sum, figure) => sum + figure.measured!, 0);
    const pooled = (await row.locator('[col-id="interviewsPooled"]').textContent())!.replace(/\s/g, ' ');
    expect(pooled).toBe(`${((lacking / measured) * 100).toLocaleString('da-DK', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`);
    await page.getByTestId('overview-screen').locator('input[type="search"]').fill('');
    // Nothing is cut at 1366 × 768: the grid's columns fit without a horizontal scroll.
    const overflow = await page.evaluate(`(() => {
      const scroll = document.querySelector('[data-testid="overview-grid"] .ag-body-horizontal-scroll-viewport');
      return scroll ? scroll.scrollWidth - scroll.clientWidth : -1;
    })()`);
    expect(overflow).toBeLessThanOrEqual(1);
    await expectDanishScreen(page, 'overblik');
    await screenshot(page, 'danish-02-overview');
  });

  it('says "kan ikke vurderes" for a municipality too small to assess, never "Nej"', async () => {
    const { page } = app;
    const evaluation = await api('evaluate.early2023', { period });
    const small = evaluation.municipalities.find((row) => !row.interviews.eligible && !row.offers.eligible);
    const statuses = await page.locator('[data-testid="overview-grid"] .ag-row [col-id="toContact"]').allTextContents();
    expect(statuses).not.toContain('Nej');
    if (small) {
      await page.getByTestId('overview-screen').locator('input[type="search"]').fill(small.name);
      await expect.poll(() => page.locator(`[data-testid="overview-grid"] .ag-row[row-id="${small.code}"] [col-id="toContact"]`).last().textContent()).toMatch(/^Kan ikke vurderes \(under \d+ borgere\)$/);
      await page.getByTestId('overview-screen').locator('input[type="search"]').fill('');
    }
  });

  it('counts with the AMK filter, and the contact list then holds only that AMK, with counts beside shares', async () => {
    const { page } = app;
    const evaluation = await api('evaluate.early2023', { period });
    const byOffice = new Map<string, number>();
    for (const row of evaluation.municipalities.filter((candidate) => candidate.toContact)) byOffice.set(row.labourMarketOffice, (byOffice.get(row.labourMarketOffice) ?? 0) + 1);
    const [office, count] = [...byOffice.entries()].sort((a, b) => b[1] - a[1])[0];
    await page.getByTestId('chip-amk').selectOption(office);
    await expect.poll(() => page.getByTestId('counter-toContact').locator('.counter-value').textContent()).toBe(String(count));
    expect(await page.getByTestId('summary-sentence').textContent()).toContain(`AMK ${office}`);

    const file = await download(page, () => page.getByTestId('export-contact-list').click(), 'kontaktliste-amk.xlsx');
    const workbook = await expectDanishWorkbook(file, 'kontaktliste');
    const list = workbook.getWorksheet('Kontaktliste')!;
    expect(list.rowCount - 1).toBe(count);
    const headers = (list.getRow(1).values as string[]).slice(1);
    const amkColumn = headers.indexOf('AMK') + 1;
    list.eachRow((row, number) => number > 1 && expect(row.getCell(amkColumn).value).toBe(office));
    const share = headers.indexOf(`Samtaler ${describeMonth(evaluation.months[0])} andel uden`) + 1;
    expect(headers[share]).toBe(`Samtaler ${describeMonth(evaluation.months[0])} antal uden`);
    const code = list.getRow(2).getCell(headers.indexOf('Kode') + 1).value as number;
    const figure = evaluation.municipalities.find((row) => row.code === code)!.interviews.months[0];
    expect(list.getRow(2).getCell(share + 1).value).toBe(figure.lacking);
    expect(list.getRow(2).getCell(share + 1).numFmt).toBe('#,##0');
    const provenance = workbook.getWorksheet('Grundlag')!;
    const provenanceText: string[] = [];
    provenance.eachRow((row) => row.eachCell((cell) => provenanceText.push(String(cell.value))));
    expect(provenanceText).toContain(`AMK ${office}`);
    expect(await page.getByTestId('contact-list-status').getAttribute('data-tone')).toBe('done');
  });

  it('exports this view with a provenance sheet that names the filters, rule set and source files', async () => {
    const { page } = app;
    await page.getByTestId('chip-contact').click();
    const file = await download(page, () => page.getByTestId('overview-screen').getByTestId('export-view-xlsx').click(), 'visning.xlsx');
    const workbook = await expectDanishWorkbook(file, 'visning');
    const provenance = workbook.getWorksheet('Grundlag');
    expect(provenance).toBeDefined();
    const values = new Map<string, string>();
    provenance!.eachRow((row) => values.set(String(row.getCell(1).value), String(row.getCell(2).value ?? '')));
    const amk = await page.getByTestId('chip-amk').inputValue();
    expect(values.get('Filtre')).toContain('kun kontaktes');
    expect(values.get('Filtre')).toContain(`AMK ${amk}`);
    expect(values.get('Periode')).toBe('2. halvår 2023');
    expect(values.get('Regelsæt')).toBe('Tidlig indsats fra 2023 (halvårlig)');
    expect(values.get('Lavet')).toMatch(/^\d{1,2}\. [a-zæøå]+ \d{4} kl\. \d{2}\.\d{2}$/);
    const history = await api('import.history', {});
    const all: string[] = [];
    provenance!.eachRow((row) => row.eachCell((cell) => all.push(String(cell.value))));
    for (const batch of history) expect(all).toContain(batch.sha256);
    // The CSV of the same view, read back, is Danish too.
    const csv = await download(page, () => page.getByTestId('overview-screen').getByTestId('export-view-csv').click(), 'visning.csv');
    const found = findForbidden(fs.readFileSync(csv, 'utf8'));
    expect(found, found.join('\n')).toEqual([]);
    await page.getByTestId('chip-contact').click();
    await page.getByTestId('chip-amk').selectOption('');
  });

  it('shows AG Grid’s own texts in Danish (a column filter)', async () => {
    const { page } = app;
    const header = page.locator('[data-testid="overview-grid"] .ag-header-cell[col-id="name"]');
    await header.hover();
    await header.locator('.ag-header-cell-filter-button, .ag-header-cell-menu-button').first().click();
    await page.locator('.ag-filter').first().waitFor();
    const filterText = await visibleWords(page);
    expect(filterText).toContain('Indeholder');
    await expectDanishScreen(page, 'kolonnefilter');
    await page.keyboard.press('Escape');
  });

  it('opens a municipality: decisions, sources and chart in Danish', async () => {
    const { page } = app;
    const evaluation = await api('evaluate.early2023', { period });
    const target = evaluation.municipalities.find((row) => row.toContact)!;
    await page.locator(`[data-testid="overview-grid"] .ag-row[row-id="${target.code}"]`).first().dblclick();
    await page.getByTestId('municipality-title').waitFor();
    await page.getByTestId('decision-reason').fill('Ringet op');
    await page.getByTestId('decision-date').fill('2024-03-25');
    await page.getByTestId('decision-record').click();
    await page.getByTestId('decision-history').filter({ hasText: '25. marts 2024' }).waitFor();
    expect(await page.getByTestId('decision-history').textContent()).toContain('Kontakt');
    await page.locator('[data-testid="trend-chart"] canvas').first().waitFor({ state: 'attached' });
    await settled(page);
    await expectDanishScreen(page, 'kommune');
    await screenshot(page, 'danish-03-municipality');
    const file = await download(page, () => page.getByTestId('municipality-screen').getByTestId('export-view-xlsx').click(), 'kommune.xlsx');
    await expectDanishWorkbook(file, 'kommunens visning');
    // The decision reached the overview without a reload.
    await page.keyboard.press('Alt+ArrowLeft');
    await expect.poll(() => page.locator(`[data-testid="overview-grid"] .ag-row[row-id="${target.code}"] [col-id="decision"]`).first().textContent()).toBe('Kontaktet');
  });

  it('shows the other screens in Danish at 1366 × 768', async () => {
    const { page } = app;
    // Every screen's button is whole on the screen at 1366 px ("Afstemning" was cut off at the right edge).
    const navBoxes = await page.locator('.app-nav button').evaluateAll((buttons) =>
      buttons.map((button) => ({ text: button.textContent, right: button.getBoundingClientRect().right, clipped: button.scrollWidth > button.clientWidth })),
    );
    expect(navBoxes.length).toBeGreaterThanOrEqual(11);
    expect(navBoxes.filter((box) => box.right > 1366 || box.clipped)).toEqual([]);
    const shots: [string, string, string][] = [
      ['Ydelsesgrupper', 'benefit-group-screen', 'danish-04-benefit-groups'],
      ['Hele landet', 'country-screen', 'danish-05-country'],
      ['Kommuner', 'municipality-grid', 'danish-06-municipalities'],
      ['Indlæs filer', 'import-screen', 'danish-07-import'],
      ['Indlæsninger', 'import-history', 'danish-08-import-history'],
    ];
    for (const [button, testId, name] of shots) {
      await nav(page, button);
      await page.locator(`.screen-host:not([hidden]) [data-testid="${testId}"]`).waitFor();
      await settled(page);
      await expectDanishScreen(page, button);
      await screenshot(page, name);
    }
  });

  it('what-if in per cent: a changed threshold is marked as the user’s own, the comparison uses names and exports', async () => {
    const { page } = app;
    await nav(page, 'Regelsæt');
    await page.getByTestId('rule-sets-screen').waitFor();
    expect(await page.getByTestId('copy-param-threshold').inputValue()).toBe('20');
    expect(await page.getByTestId('rule-sets-screen').textContent()).toContain('Notat 23. oktober 2023, Opfølgningsmodel for den tidlige indsats, afsnit Handlekriterier');
    // Over 100 % is refused in Danish words.
    await page.getByTestId('copy-name').fill('For høj');
    await page.getByTestId('copy-param-threshold').fill('150');
    await page.getByTestId('copy-create').click();
    await page.getByTestId('copy-status').filter({ hasText: 'over 100 %' }).waitFor();
    expect(await page.getByTestId('copy-status').getAttribute('role')).toBe('alert');
    await page.getByTestId('copy-name').fill('Grænse 25 %');
    await page.getByTestId('copy-param-threshold').fill('25');
    await page.getByTestId('copy-create').click();
    await page.getByTestId('copy-status').filter({ hasText: 'Grænse 25 %' }).waitFor();
    const changed = page.locator('[data-testid="rule-sets-screen"] tr[data-changed="true"]');
    await changed.first().waitFor();
    expect(await changed.count()).toBe(1);
    expect(await changed.textContent()).toContain('25 %');
    expect(await changed.textContent()).toContain('Ændret af');
    const ruleSets = await api('ruleSets.list', {});
    const copy = ruleSets.find((ruleSet) => ruleSet.name === 'Grænse 25 %')!;
    await page.getByTestId('compare-left').selectOption('early-2023');
    await page.getByTestId('compare-right').selectOption(copy.id);
    await page.getByTestId('compare-run').click();
    await page.getByTestId('compare-result').waitFor();
    await expectDanishScreen(page, 'regelsæt');
    await screenshot(page, 'danish-09-rule-sets');
    const file = await download(page, () => page.getByTestId('compare-export').click(), 'sammenligning.xlsx');
    await expectDanishWorkbook(file, 'sammenligning');
    const comparison = await api('ruleSets.compare', { left: 'early-2023', right: copy.id, period });
    if (comparison.changed.length > 0) {
      await page.getByTestId('compare-table').locator('button.link').first().click();
      await page.getByTestId('municipality-title').filter({ hasText: comparison.changed[0].name }).waitFor();
      await page.keyboard.press('Alt+ArrowLeft');
    }
  });

  it('import: bad rows marked in the preview, the error list saved as .xlsx, the refusal shown by the button', async () => {
    const { page } = app;
    const csvPath = writeDanishCsv(path.join(app.dir, 'fejl-juli.csv'), [
      ['Ærø', 'A-dagpenge', '2023M07', 25, 6, '24,0', 3, '12,0'],
      ['Atlantis', 'A-dagpenge', '2023M07', 10, 1, '10,0', 1, '10,0'],
    ]);
    await nav(page, 'Indlæs filer');
    await page.getByTestId('import-file-input').setInputFiles([csvPath]);
    const card = page.locator('[data-testid="import-card"]', { has: page.locator('h3', { hasText: 'fejl-juli.csv' }) });
    await card.getByTestId('import-validate').click();
    await card.getByTestId('import-problems').waitFor();
    const bad = card.locator('[data-testid="import-sample"] tr[data-bad="true"]');
    await expect.poll(() => bad.count()).toBe(1);
    expect(await bad.textContent()).toContain('Atlantis');
    const file = await download(page, () => card.getByTestId('import-problems-export').click(), 'fejl.xlsx');
    const { text } = await workbookText(file);
    expect(text).toContain('Ukendt kommune: "Atlantis".');
    await expectDanishWorkbook(file, 'fejlliste');
    await card.getByTestId('import-run').click();
    const error = card.getByTestId('import-error');
    await error.waitFor();
    // The refusal comes after the button pressed, not at the top of the card.
    const after = await card.getByTestId('import-run').evaluate((button) => {
      const message = button.closest('[data-testid="import-card"]')!.querySelector('[data-testid="import-error"]')!;
      return Boolean(button.compareDocumentPosition(message) & 4); // DOCUMENT_POSITION_FOLLOWING
    });
    expect(after).toBe(true);
    await error.scrollIntoViewIfNeeded();
    await expectDanishScreen(page, 'indlæsning med fejl');
    await screenshot(page, 'danish-10-import-errors');
  });

  // danish-finish: the screens the first pass did not walk, with data in them, and their saved lists.
  it('walks Månedlig, Skærpet tilsyn and Hele landet in Danish, and their saved lists are Danish too', async () => {
    const { page } = app;
    await importThroughHandlers(sharedExtractPath());
    const walk: [string, string, string][] = [
      ['Månedlig (2021)', 'monthly-screen', 'danish-11-monthly'],
      ['Skærpet tilsyn', 'supervision-screen', 'danish-12-supervision'],
      ['Hele landet', 'country-screen', 'danish-13-country'],
    ];
    for (const [button, testId, name] of walk) {
      await nav(page, button);
      const screen = page.locator(`.screen-host:not([hidden]) [data-testid="${testId}"]`);
      await screen.waitFor();
      await screen.locator('.ag-row').first().waitFor({ timeout: 60_000 });
      await settled(page);
      await expectDanishScreen(page, button);
      await screenshot(page, name);
      const file = await download(page, () => screen.getByTestId('export-model-list').click(), `${name}.xlsx`);
      await expectDanishWorkbook(file, `${button}: gemt liste`);
    }
    // The supervision picker says the moving year in words.
    await nav(page, 'Skærpet tilsyn');
    const options = await page.getByTestId('supervision-period').locator('option').allTextContents();
    expect(options).toContain('året til og med 2. kvartal 2021');
    // Hele landet's view export as well.
    await nav(page, 'Hele landet');
    const view = await download(page, () => page.locator('.screen-host:not([hidden]) [data-testid="country-screen"]').getByTestId('export-view-xlsx').first().click(), 'hele-landet.xlsx');
    await expectDanishWorkbook(view, 'Hele landet: visning');
  });

  it('names demo months and imported months apart in the chart, and keeps an undone import in Indlæsninger with who and when', async () => {
    const { page } = app;
    const report = await importThroughHandlers(writeDanishCsv(path.join(app.dir, 'aeroe-juli.csv'), [['Ærø', 'A-dagpenge', '2023M07', 25, 6, '24,0', 3, '12,0']]));
    const detail = await api('municipality.detail', { code: 492, period });
    expect(detail.monthSources?.find((entry) => entry.month === '2023-07')?.source).toBe('mixed');
    expect(detail.monthSources?.find((entry) => entry.month === '2023-06')?.source).toBe('demo');
    await nav(page, 'Overblik');
    const search = page.getByTestId('overview-screen').locator('input[type="search"]');
    await search.fill('Ærø');
    await page.locator('[data-testid="overview-grid"] .ag-row[row-id="492"]').first().dblclick();
    await page.getByTestId('municipality-title').filter({ hasText: 'Ærø' }).waitFor();
    await page.locator('[data-testid="trend-chart"] canvas').first().waitFor({ state: 'attached' });
    await expect.poll(async () => visibleWords(page)).toContain('Samtaler – demodata');
    await page.getByTestId('municipality-screen').getByTestId('trend-chart').scrollIntoViewIfNeeded();
    await screenshot(page, 'danish-14-municipality-chart');
    // A contact person, so the contacts panel is walked with content.
    await page.getByTestId('contact-name').fill('Karen Jensen');
    await page.getByTestId('contact-email').fill('kj@aeroe.dk');
    await page.getByTestId('contact-save').click();
    await page.getByTestId('contacts-table').filter({ hasText: 'Karen Jensen' }).waitFor();
    await expect.poll(async () => visibleWords(page)).toContain('Samtaler – demodata');
    const words = await visibleWords(page);
    expect(words).toContain('Samtaler – blandet demodata og indlæste tal');
    await expectDanishScreen(page, 'kommune med demodata og indlæste tal');
    await screenshot(page, 'danish-14-municipality-contacts');
    // The benefit group's national line says the same of its months (A-dagpenge: July both kinds).
    const group = await api('benefitGroup.detail', { groupId: 'dagpenge', period });
    expect(group.monthSources?.find((entry) => entry.month === '2023-07')?.source).toBe('mixed');
    expect(group.monthSources?.find((entry) => entry.month === '2023-08')?.source).toBe('demo');
    await page.locator('[data-testid="group-month-grid"] .ag-row[row-id="dagpenge:interviews"]').first().dblclick();
    const groupChart = page.locator('.screen-host:not([hidden]) [data-testid="group-chart"]');
    await groupChart.waitFor();
    await expect.poll(async () => visibleWords(page)).toContain('Samtaler – blandet demodata og indlæste tal');
    expect(await visibleWords(page)).toContain('Samtaler – demodata');
    await groupChart.scrollIntoViewIfNeeded();
    await screenshot(page, 'danish-14-group-chart');
    await page.keyboard.press('Alt+ArrowLeft');
    await page.getByTestId('municipality-title').filter({ hasText: 'Ærø' }).waitFor();
    await page.keyboard.press('Alt+ArrowLeft');
    await search.fill('');

    await nav(page, 'Indlæsninger');
    const row = page.getByTestId(`import-batch-${report.batchId}`);
    await row.getByRole('button', { name: 'Fortryd' }).click();
    const undone = row.getByTestId('import-batch-undone');
    await undone.waitFor();
    expect(await undone.textContent()).toMatch(/^Fortrudt \d{1,2}\. [a-zæøå]+ \d{4} kl\. \d{2}\.\d{2} af \S+/);
    expect(await row.getAttribute('data-undone')).toBe('true');
    expect(await row.getByRole('button', { name: 'Fortryd' }).count()).toBe(0);
    const history = await api('import.history', {});
    expect(history.find((batch) => batch.id === report.batchId)).toMatchObject({ currentRows: 0, undoneAt: expect.any(String) as string });
    await expectDanishScreen(page, 'indlæsninger med en fortrudt');
    await screenshot(page, 'danish-15-import-undone');
  });

  it('keeps the chosen half-year over a restart', async () => {
    const { page } = app;
    await page.reload();
    await expect.poll(() => page.locator('.screen-host:not([hidden]) [data-testid="period-picker"]').inputValue()).toBe(period);
  });

  it('clears the demo data and every screen shows the empty start again, without a reload', async () => {
    const { page } = app;
    await nav(page, 'Overblik');
    await page.getByTestId('demo-clear').click();
    await page.locator('.screen-host:not([hidden]) [data-testid="welcome"]').waitFor();
    expect(await page.getByTestId('demo-banner').count()).toBe(0);
    expect(await page.locator('.error').count()).toBe(0);
    await nav(page, 'Indlæsninger');
    // The demo batch is gone from the history; the files read in (and the one undone) stay.
    await expect.poll(() => page.getByTestId('import-history-table').filter({ hasText: 'demodata' }).count()).toBe(0);
    expect(gridWarnings, gridWarnings.join('\n')).toEqual([]);
  });
});
