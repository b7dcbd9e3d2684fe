import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/handlers';
import { cancelImport, importFile, listBatches, previewFile, removeBatch, saveProfile } from '../../src/main/services/import/pipeline';
import { registerLocalFile } from '../../src/main/services/import/staging';
import { tempSession } from '../helpers/temp-store';
import { importPath, sharedExtractPath, storeFingerprint, validatePath, writeDanishCsv, writeTitledWorkbook } from '../helpers/import-files';

let made: ReturnType<typeof tempSession>;
beforeEach(() => {
  made = tempSession();
});
afterEach(() => made.cleanup());
const file = (name: string) => path.join(made.dir, name);
const db = () => made.session.db;

describe('the shared Jobindsats Y30R21 extract', () => {
  it('imports as it is: 2,352 rows, shares as fractions, group labels kept', async () => {
    const report = await importPath(db(), sharedExtractPath());
    expect(report).toMatchObject({ kind: 'benchmark', rowsRead: 2352, rowsImported: 2352, rowsSkipped: 0, rowsReplaced: 0 });
    const counts = db().prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT municipality_code) AS m, COUNT(DISTINCT period) AS p FROM benchmark').get();
    expect(counts).toEqual({ n: 2352, m: 98, p: 6 });
    const labels = (db().prepare('SELECT DISTINCT group_label AS l FROM benchmark ORDER BY 1').all() as { l: string }[]).map((row) => row.l);
    expect(labels).toEqual(['A-dagpenge mv.', 'Kontanthjælp mv.', 'Sygedagpenge mv.', 'Ydelsesgrupper i alt']);
    // The first line: København 2020QMAT02 all groups, "9,08" / "9,28" / "0,20", rank 63.
    const first = db()
      .prepare("SELECT * FROM benchmark WHERE municipality_code = 101 AND period = '2020QMAT02' AND group_label = 'Ydelsesgrupper i alt'")
      .get() as Record<string, number>;
    expect(first).toMatchObject({ expected_count: 43070, actual_count: 44010, difference_count: 940, benchmark_rank: 63 });
    expect(first.expected_share).toBeCloseTo(0.0908, 10);
    expect(first.actual_share).toBeCloseTo(0.0928, 10);
    expect(first.difference_points).toBeCloseTo(0.2, 10);
    // Ærø's −0,10 in 2021QMAT02 (README: the borderline case the minister's letter names).
    const aeroe = db().prepare("SELECT difference_points AS d FROM benchmark WHERE municipality_code = 492 AND period = '2021QMAT02' AND group_label = 'Ydelsesgrupper i alt'").get() as { d: number };
    expect(aeroe.d).toBeCloseTo(-0.1, 10);
  });

  it('refuses the same file twice, naming the earlier import', async () => {
    const first = await importPath(db(), sharedExtractPath());
    const before = storeFingerprint(db());
    await expect(importPath(db(), sharedExtractPath())).rejects.toThrow(new RegExp(`allerede indlæst.*jobindsats-Y30R21-2023-08.ndjson.*indlæsning nr. ${first.batchId}`));
    expect(storeFingerprint(db())).toBe(before);
  });
});

describe('a Windows-1252 semicolon CSV with decimal commas', () => {
  const rows = [
    ['Ærø', 'A-dagpenge', '2023M07', 25, 6, '24,0', 3, '12,0'],
    ['Høje-Taastrup Kommune', 'Kontanthjælp', '2023M07', '1.234', 100, '8,1', 250, '20,3'],
    ['825', 'Sygedagpenge', 'juli 2023', 12, 1, '8,3', '', ''],
    ['"Læsø"', '"Forrevalidering og revalidering"', '"jul. 2023"', 3, 0, '0,0', '', ''],
  ];

  it('imports counts and shares, æøå intact, blanks where a measure does not apply', async () => {
    const report = await importPath(db(), writeDanishCsv(file('maalinger.csv'), rows));
    expect(report).toMatchObject({ kind: 'measurement', rowsRead: 4, rowsImported: 4, rowsSkipped: 0 });
    const stored = db()
      .prepare('SELECT m.name, c.group_id, c.month, c.measured, c.interviews_lacking, c.interviews_lacking_share, c.offers_lacking, c.offers_lacking_share, c.source_form FROM measurement c JOIN municipality m ON m.code = c.municipality_code ORDER BY m.name')
      .all();
    expect(stored).toEqual([
      { name: 'Høje-Taastrup', group_id: 'kontanthjaelp', month: '2023-07', measured: 1234, interviews_lacking: 100, interviews_lacking_share: 0.081, offers_lacking: 250, offers_lacking_share: 0.203, source_form: 'counts' },
      { name: 'Læsø', group_id: 'revalidering', month: '2023-07', measured: 3, interviews_lacking: 0, interviews_lacking_share: 0, offers_lacking: null, offers_lacking_share: null, source_form: 'counts' },
      { name: 'Læsø', group_id: 'sygedagpenge', month: '2023-07', measured: 12, interviews_lacking: 1, interviews_lacking_share: 0.083, offers_lacking: null, offers_lacking_share: null, source_form: 'counts' },
      { name: 'Ærø', group_id: 'dagpenge', month: '2023-07', measured: 25, interviews_lacking: 6, interviews_lacking_share: 0.24, offers_lacking: 3, offers_lacking_share: 0.12, source_form: 'counts' },
    ]);
    const batch = db().prepare('SELECT reader, kind, rows_imported FROM import_batch WHERE id = ?').get(report.batchId);
    expect(batch).toEqual({ reader: 'csv, Windows-1252, ";"', kind: 'measurement', rows_imported: 4 });
  });

  it('previews what it detected', async () => {
    const preview = await previewFile(db(), registerLocalFile(writeDanishCsv(file('p.csv'), rows)));
    expect(preview).toMatchObject({ format: 'csv', encoding: 'windows-1252', delimiter: ';', headerRow: 1, kind: 'measurement', warnings: [] });
    expect(preview.mapping).toEqual({ municipality: 0, group: 1, period: 2, measured: 3, interviewsLacking: 4, interviewsLackingShare: 5, offersLacking: 6, offersLackingShare: 7 });
    expect(preview.sampleRows[0]).toEqual({ rowNumber: 2, cells: ['Ærø', 'A-dagpenge', '2023M07', '25', '6', '24,0', '3', '12,0'] });
  });

  it('turns "with" counts into lacking = measured − with, and keeps shares-only rows as shares', async () => {
    const header = ['Område', 'Ydelsesgrupper', 'Periode', 'Antal personer', 'Antal med samtaler', 'Andel med tilbud (pct.)'];
    const csv = writeDanishCsv(file('med.csv'), [['Aarhus', 'A-dagpenge mv.', '2023-08', 200, 150, '87,5']], header);
    await importPath(db(), csv);
    const row = db().prepare("SELECT * FROM measurement WHERE municipality_code = 751 AND month = '2023-08'").get() as Record<string, unknown>;
    expect(row).toMatchObject({ measured: 200, interviews_lacking: 50, offers_lacking: null, source_form: 'counts' });
    expect(row.offers_lacking_share).toBeCloseTo(0.125, 10);

    const sharesOnly = writeDanishCsv(file('andele.csv'), [['Aarhus', 'Sygedagpenge', '2023-08', '12,5 %', '30']], ['Kommune', 'Ydelsesgruppe', 'Måned', 'Andel uden samtaler (pct.)', 'Andel uden tilbud (pct.)']);
    await importPath(db(), sharesOnly);
    const shares = db().prepare("SELECT * FROM measurement WHERE municipality_code = 751 AND group_id = 'sygedagpenge'").get() as Record<string, unknown>;
    // Never rounded into a fake count.
    expect(shares).toMatchObject({ measured: null, interviews_lacking: null, offers_lacking: null, source_form: 'shares' });
    expect(shares.interviews_lacking_share).toBeCloseTo(0.125, 10);
  });

  it('reads quoted fields with the delimiter and a line break inside', async () => {
    const text = 'Kommune;Ydelsesgruppe;Måned;Antal borgere;Antal uden samtaler;Bemærkning\r\n"Ærø";"A-dagpenge";2023M07;10;2;"første; anden\r\nlinje"\r\nLæsø;A-dagpenge;2023M07;5;1;\r\n';
    fs.writeFileSync(file('quoted.csv'), iconv.encode(text, 'windows-1252'));
    const report = await importPath(db(), file('quoted.csv'));
    expect(report.rowsImported).toBe(2);
  });

  it('reads UTF-16 with BOM and UTF-8 with BOM', async () => {
    const text = 'Kommune\tYdelsesgruppe\tMåned\tAntal borgere\tAntal uden samtaler\r\nÆrø\tA-dagpenge\t2023M07\t10\t2\r\n';
    fs.writeFileSync(file('u16.txt'), iconv.encode(text, 'utf-16le', { addBOM: true }));
    const preview = await previewFile(db(), registerLocalFile(file('u16.txt')));
    expect(preview).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    await importPath(db(), file('u16.txt'));
    fs.writeFileSync(file('u8.csv'), '\uFEFF' + text.replace('2023M07', '2023M08').replace(/\t/g, ','), 'utf8');
    await importPath(db(), file('u8.csv'));
    expect(db().prepare("SELECT COUNT(*) AS n FROM measurement WHERE municipality_code = 492").get()).toEqual({ n: 2 });
  });
});

describe('an .xlsx with three title rows above the header', () => {
  it('skips the title rows, reads numbers stored as text, Excel dates and formulas by their cached value', async () => {
    const workbookPath = await writeTitledWorkbook(file('jobindsats.xlsx'), [
      ['Ærø', 'A-dagpenge', new Date(Date.UTC(2023, 6, 1)), '25', '6', 24, 3, 12],
      ['Læsø', 'Kontanthjælp', '2023M07', { formula: 'B1', result: 14 } as unknown, 2, '14,3', 1, '7,1'],
    ]);
    const preview = await previewFile(db(), registerLocalFile(workbookPath));
    expect(preview).toMatchObject({ format: 'xlsx', sheetNames: ['Jobindsats'], sheet: 'Jobindsats', headerRow: 4, kind: 'measurement' });
    const report = await importPath(db(), workbookPath);
    expect(report).toMatchObject({ rowsRead: 2, rowsImported: 2 });
    const stored = db().prepare('SELECT municipality_code AS code, month, measured, interviews_lacking AS lacking FROM measurement ORDER BY code').all();
    expect(stored).toEqual([
      { code: 492, month: '2023-07', measured: 25, lacking: 6 },
      { code: 825, month: '2023-07', measured: 14, lacking: 2 },
    ]);
  });

  it('refuses a row whose formula fetched its value from outside the workbook (WEBSERVICE, HYPERLINK), naming the cell', async () => {
    const workbookPath = await writeTitledWorkbook(file('udefra.xlsx'), [
      ['Ærø', 'A-dagpenge', '2023M07', 25, 6, 24, 3, 12],
      ['Læsø', 'Kontanthjælp', '2023M07', { formula: 'WEBSERVICE("https://example.invalid/n")', result: 14 } as unknown, 2, '14,3', 1, '7,1'],
    ]);
    const before = storeFingerprint(db());
    await expect(importPath(db(), workbookPath)).rejects.toThrow(/1 af 2 rækker har fejl/);
    expect(storeFingerprint(db())).toBe(before);
    const report = await importPath(db(), workbookPath, { skipBadRows: true });
    expect(report.rowsImported).toBe(1);
    expect(report.skippedProblems[0]).toMatchObject({ row: 6, column: 'D' });
    expect(report.skippedProblems[0].message).toMatch(/=WEBSERVICE.*uden for projektmappen/);
  });

  it('reads a share that Excel keeps as a fraction with a percent format (0,24 shown as 24,0 %) as 24 %', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Andele');
    sheet.addRow(['Kommune', 'Ydelsesgruppe', 'Måned', 'Antal borgere', 'Andel uden samtaler (pct.)', 'Andel uden tilbud (pct.)']);
    sheet.addRow(['Ærø', 'A-dagpenge', '2023M07', 25, 0.24, 12]);
    sheet.getCell('E2').numFmt = '0.0%';
    const percentPath = file('procent.xlsx');
    await workbook.xlsx.writeFile(percentPath);
    await importPath(db(), percentPath);
    // E2 carries a percent format (0.24 → 24 %); F2 is a plain number already in per cent (12 → 12 %).
    expect(db().prepare('SELECT interviews_lacking_share AS interviews, offers_lacking_share AS offers FROM measurement WHERE municipality_code = 492').get()).toEqual({
      interviews: 0.24,
      offers: 0.12,
    });
  });

  it('proposes the sheet with the table (issue 12), or reads the sheet the user chooses', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Noter').addRow(['Læs mig først']);
    const data = workbook.addWorksheet('Tal i år');
    data.addRow(['Kommunekode', 'Ydelsesgruppe', 'Måned', 'Antal borgere', 'Antal uden samtaler']);
    data.addRow([492, 'A-dagpenge', '2023M07', 25, 6]);
    const twoSheets = file('to-ark.xlsx');
    await workbook.xlsx.writeFile(twoSheets);
    const first = await previewFile(db(), registerLocalFile(twoSheets));
    expect(first).toMatchObject({ sheetNames: ['Noter', 'Tal i år'], sheet: 'Tal i år', headerRow: 1 });
    expect(first.decisions[0]).toBe('Tabellen står på arket "Tal i år" (arket "Noter" har ingen genkendelig tabel); det ark indlæses.');
    expect(first.warnings.join(' ')).not.toMatch(/Ingen af kolonneoverskrifterne|række 1/);
    const cover = await previewFile(db(), registerLocalFile(twoSheets), { sheet: 'Noter' });
    expect(cover.warnings[0]).toMatch(/Ingen af kolonneoverskrifterne/);
    const chosen = await previewFile(db(), registerLocalFile(twoSheets), { sheet: 'Tal i år' });
    expect(chosen).toMatchObject({ sheet: 'Tal i år', headerRow: 1, mapping: { municipality: 0, group: 1, period: 2, measured: 3, interviewsLacking: 4 } });
    expect(await importPath(db(), twoSheets, { sheet: 'Tal i år' })).toMatchObject({ rowsImported: 1 });
    await expect(previewFile(db(), registerLocalFile(twoSheets), { sheet: 'Ark9' })).rejects.toThrow('Arket "Ark9" findes ikke i filen. Arkene hedder: Noter, Tal i år.');
  });

  it('reads a two-row header with merged cells as one', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Ark1');
    sheet.addRow(['Tidlig indsats']);
    sheet.addRow([]);
    sheet.addRow(['Kommune', 'Ydelsesgruppe', 'Måned', 'Antal borgere', 'Samtaler', null, 'Tilbud', null]);
    sheet.addRow([null, null, null, null, 'Antal uden', 'Andel uden (pct.)', 'Antal uden', 'Andel uden (pct.)']);
    for (const range of ['A3:A4', 'B3:B4', 'C3:C4', 'D3:D4', 'E3:F3', 'G3:H3']) sheet.mergeCells(range);
    sheet.addRow(['Ærø', 'A-dagpenge', '2023M07', 25, 6, 24, 3, 12]);
    const merged = file('flettet.xlsx');
    await workbook.xlsx.writeFile(merged);
    const preview = await previewFile(db(), registerLocalFile(merged));
    expect(preview).toMatchObject({ headerRow: 4, kind: 'measurement' });
    expect(preview.mapping).toEqual({ municipality: 0, group: 1, period: 2, measured: 3, interviewsLacking: 4, interviewsLackingShare: 5, offersLacking: 6, offersLackingShare: 7 });
    expect(preview.headers[4]).toBe('Samtaler: Antal uden');
    expect(await importPath(db(), merged)).toMatchObject({ rowsImported: 1 });
  });

  it('reports problems with the row and column the user sees in Excel', async () => {
    const workbookPath = await writeTitledWorkbook(file('fejl.xlsx'), [
      ['Ærø', 'A-dagpenge', '2023M07', 25, 6, 24, 3, 12],
      ['Atlantis', 'A-dagpenge', '2023M07', 25, 6, 24, 3, 12],
      ['Læsø', 'Efterløn', '2023M13', 10, 11, 140, 'mange', 12],
      ['Ærø', 'A-dagpenge', '2023M07', 25, 6, 24, 3, 12],
    ]);
    const report = await validatePath(db(), workbookPath);
    expect(report).toMatchObject({ rowsRead: 4, rowsValid: 1, rowsWithProblems: 3 });
    const problems = report.problems.map((problem) => `${problem.row}:${problem.column}: ${problem.message}`);
    expect(problems).toEqual([
      '6:A: Ukendt kommune: "Atlantis".',
      expect.stringMatching(/^7:C: Perioden "2023M13" kan ikke læses/),
      '7:B: Ukendt ydelsesgruppe: "Efterløn".',
      '7:F: Andel uden samtaler (pct.): 140 ligger ikke mellem 0 og 100 %.',
      '7:E: Antal uden samtaler (11) er større end antal borgere (10).',
      '7:G: Antal uden tilbud: "mange" er ikke et tal.',
      '8:A: Samme kommune, ydelsesgruppe og periode står også i række 5.',
    ]);
    expect(report.problems[0].header).toBe('Kommune');
    // Validation alone writes nothing.
    expect(db().prepare('SELECT COUNT(*) AS n FROM import_batch').get()).toEqual({ n: 0 });
  });
});

describe('all or nothing, skip bad rows, replace and undo', () => {
  const good = ['Ærø', 'A-dagpenge', '2023M07', 25, 6, '24,0', 3, '12,0'];
  const bad = ['Atlantis', 'A-dagpenge', '2023M07', 25, 6, '24,0', 3, '12,0'];

  it('imports nothing from a file with errors unless told to skip bad rows, and keeps the skipped rows in the report', async () => {
    const csv = writeDanishCsv(file('blandet.csv'), [good, bad]);
    const before = storeFingerprint(db());
    await expect(importPath(db(), csv)).rejects.toThrow(/1 af 2 rækker har fejl, så intet fra filen blev indlæst/);
    expect(storeFingerprint(db())).toBe(before);
    const report = await importPath(db(), csv, { skipBadRows: true });
    expect(report).toMatchObject({ rowsRead: 2, rowsImported: 1, rowsSkipped: 1 });
    expect(report.skippedProblems).toEqual([{ row: 3, column: 'A', header: 'Kommune', message: 'Ukendt kommune: "Atlantis".' }]);
    const stored = JSON.parse((db().prepare('SELECT report_json FROM import_batch WHERE id = ?').get(report.batchId) as { report_json: string }).report_json);
    expect(stored.skippedProblems).toHaveLength(1);
  });

  it('lets a newer file replace overlapping keys, says from which batch, and undo brings the old values back', async () => {
    const first = await importPath(db(), writeDanishCsv(file('juli.csv'), [good, ['Læsø', 'A-dagpenge', '2023M07', 5, 1, '20,0', 0, '0,0']]));
    const second = await importPath(db(), writeDanishCsv(file('juli-rettet.csv'), [['Ærø', 'A-dagpenge', '2023M07', 26, 2, '7,7', 3, '11,5'], ['Ærø', 'A-dagpenge', '2023M08', 20, 2, '10,0', 1, '5,0']]));
    expect(second).toMatchObject({ rowsImported: 2, rowsReplaced: 1, replacedFrom: [{ batchId: first.batchId, fileName: 'juli.csv', rows: 1 }] });
    const current = () => db().prepare("SELECT measured, interviews_lacking AS lacking, batch_id AS batch FROM measurement_current WHERE municipality_code = 492 AND month = '2023-07'").get();
    expect(current()).toEqual({ measured: 26, lacking: 2, batch: second.batchId });
    const history = listBatches(db());
    expect(history.find((row) => row.id === first.batchId)).toMatchObject({ currentRows: 1, rowsImported: 2 });
    expect(history.find((row) => row.id === second.batchId)).toMatchObject({ currentRows: 2, rowsReplaced: 1 });
    expect(removeBatch(db(), second.batchId)).toBe(2);
    expect(current()).toEqual({ measured: 25, lacking: 6, batch: first.batchId });
    expect(db().prepare("SELECT COUNT(*) AS n FROM measurement WHERE month = '2023-08'").get()).toEqual({ n: 0 });
  });

  it('undoing the demo batch clears the demo data for good', async () => {
    const { loadDemoData } = await import('../../src/main/services/demo-data');
    const { getSetting } = await import('../../src/main/services/store');
    const { batchId } = loadDemoData(db());
    expect(removeBatch(db(), batchId)).toBe(37044);
    expect(getSetting(db(), 'demoDataDismissed')).toBe('1');
  });

  it('takes a backup before importing into a store that has data', async () => {
    await importPath(db(), writeDanishCsv(file('a.csv'), [good]), {}, made.databasePath);
    expect(fs.existsSync(path.join(made.dir, 'backups'))).toBe(false);
    const report = await importPath(db(), writeDanishCsv(file('b.csv'), [['Læsø', 'A-dagpenge', '2023M07', 5, 1, '20,0', 0, '0,0']]), {}, made.databasePath);
    expect(report.backupPath).toBeTruthy();
    expect(fs.existsSync(report.backupPath!)).toBe(true);
  });

  it('cancelling leaves the store as it was', async () => {
    const rows = Array.from({ length: 60_000 }, (_, index) => ['Ærø', 'A-dagpenge', `${1950 + Math.floor(index / 12)}M${String((index % 12) + 1).padStart(2, '0')}`, 10, 1, '10,0', 1, '10,0']).slice(0, 3000);
    const many = writeDanishCsv(file('mange.csv'), rows.map((row, index) => [index % 2 ? 'Læsø' : 'Ærø', ...row.slice(1)]));
    await importPath(db(), writeDanishCsv(file('foer.csv'), [good]));
    const before = storeFingerprint(db());
    let phases: string[] = [];
    const run = importFile(db(), registerLocalFile(many), {}, {
      importId: 'cancel-me',
      onProgress: (payload) => {
        phases.push(payload.phase);
        if (payload.phase === 'importing') cancelImport('cancel-me');
      },
    });
    await expect(run).rejects.toThrow(/annulleret/);
    expect(phases).toContain('cancelled');
    expect(storeFingerprint(db())).toBe(before);
    phases = [];
  });
});

describe('writes while an import holds its transaction', () => {
  it('refuses a decision during an import, so a cancel cannot roll it back, and accepts it afterwards', async () => {
    const rows = Array.from({ length: 3000 }, (_, index) => [index % 2 ? 'Læsø' : 'Ærø', 'A-dagpenge', `${1950 + Math.floor(index / 24)}M${String((index % 12) + 1).padStart(2, '0')}`, 10, 1, '10,0', 1, '10,0']);
    const many = writeDanishCsv(file('travl.csv'), rows);
    const decision = { ruleSetId: 'early-2023', period: '2023H2', municipalityCode: 492, subject: 'contact', verdict: 'contacted', reason: 'ringet op' };
    let duringImport: unknown = null;
    const run = importFile(db(), registerLocalFile(many), {}, {
      importId: 'busy-check',
      onProgress: (payload) => {
        if (payload.phase === 'importing' && duringImport === null) {
          duringImport = 'pending';
          void dispatch(made.session, 'decisions.record', decision).then((envelope) => {
            duringImport = envelope;
            cancelImport('busy-check');
          });
        }
      },
    });
    await expect(run).rejects.toThrow(/annulleret/);
    expect(duringImport).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(db().prepare('SELECT COUNT(*) AS n FROM decision').get()).toEqual({ n: 0 });
    expect(await dispatch(made.session, 'decisions.record', decision)).toMatchObject({ ok: true });
    expect(db().prepare('SELECT COUNT(*) AS n FROM decision').get()).toEqual({ n: 1 });
  });
});

describe('other sources and kinds', () => {
  it('reads Jobindsats JSON in both API forms', async () => {
    const v2 = [{ Variables: [{ Name: 'area', Label: 'Område' }, { Name: 'period', Label: 'Periode' }, { Name: 'group', Label: 'Ydelsesgrupper' }, { Name: 'n', Label: 'Antal borgere' }, { Name: 'l', Label: 'Antal uden samtaler' }], Data: [['Ærø', '2023M07', 'A-dagpenge mv.', '25', '6']] }];
    fs.writeFileSync(file('v2.json'), JSON.stringify(v2));
    const v3 = { columns: ['Område', 'Periode', 'Ydelsesgrupper', 'Antal borgere', 'Antal uden samtaler'], rows: [['Læsø', '2023M07', 'A-dagpenge mv.', 5, 1]] };
    fs.writeFileSync(file('v3.json'), JSON.stringify(v3));
    expect(await importPath(db(), file('v2.json'))).toMatchObject({ rowsImported: 1, kind: 'measurement' });
    expect(await importPath(db(), file('v3.json'))).toMatchObject({ rowsImported: 1 });
    expect(db().prepare('SELECT COUNT(*) AS n, SUM(measured) AS s FROM measurement').get()).toEqual({ n: 2, s: 30 });
  });

  it('imports a focus-target file and a supervision list, and the list is editable', async () => {
    const focusHeader = ['Kommune', 'Ydelsesgruppe', 'Periode', 'Antal borgere med mindst 12 måneders anciennitet', 'Antal uden 4 samtaler inden for seneste 12 måneder', 'Antal uden tilbud eller 225 timers ordinært arbejde inden for 12 måneder'];
    const focus = await importPath(db(), writeDanishCsv(file('fokus.csv'), [['Ærø', 'Kontanthjælp', '2023Q2', 40, 12, 9]], focusHeader));
    expect(focus.kind).toBe('focus');
    expect(db().prepare('SELECT group_label, period, measured, interviews_lacking, offers_lacking FROM focus_measurement').get()).toEqual({ group_label: 'Kontanthjælp', period: '2023Q2', measured: 40, interviews_lacking: 12, offers_lacking: 9 });
    const supervision = await importPath(db(), writeDanishCsv(file('tilsyn.csv'), [['Ærø', '2022-04', '2023-03', 'Udvalgt april 2022']], ['Kommune', 'Fra', 'Til', 'Bemærkning']));
    expect(supervision.kind).toBe('supervision');
    const listed = await dispatch(made.session, 'supervision.list', {});
    expect(listed).toMatchObject({ ok: true, value: [{ municipalityName: 'Ærø', periodFrom: '2022-04', periodTo: '2023-03', batchId: supervision.batchId }] });
    const added = await dispatch(made.session, 'supervision.add', { municipality: 'Læsø kommune', periodFrom: 'april 2024' });
    expect(added).toMatchObject({ ok: true, value: { municipalityCode: 825, periodFrom: '2024-04', periodTo: null } });
    const removed = await dispatch(made.session, 'supervision.remove', { id: (added as { value: { id: number } }).value.id });
    expect(removed).toEqual({ ok: true, value: { removed: true } });
    expect(await dispatch(made.session, 'supervision.add', { municipality: 'Atlantis', periodFrom: '2024-04' })).toMatchObject({ ok: false, error: { message: 'Ukendt kommune: "Atlantis".' } });
  });

  it('saves a confirmed mapping as a profile and offers it for files with the same headers', async () => {
    const header = ['Sted', 'Ydelse', 'Tid', 'Personer i alt', 'Mangler samtale'];
    const first = writeDanishCsv(file('egen1.csv'), [['Ærø', 'A-dagpenge', '2023M07', 10, 2]], header);
    const mapping = { municipality: 0, group: 1, period: 2, measured: 3, interviewsLacking: 4 };
    await saveProfile(db(), 'Kommunens eget udtræk', registerLocalFile(first), { mapping, kind: 'measurement' });
    const second = writeDanishCsv(file('egen2.csv'), [['Læsø', 'A-dagpenge', '2023M08', 5, 1]], header);
    const preview = await previewFile(db(), registerLocalFile(second));
    expect(preview).toMatchObject({ matchedProfile: 'Kommunens eget udtræk', mapping, kind: 'measurement', profiles: ['Kommunens eget udtræk'] });
    expect(await importPath(db(), second)).toMatchObject({ rowsImported: 1 });
  });
});

describe('through the handler table, as the renderer sends a picked file', () => {
  it('uploads in chunks, previews, validates, imports, lists and undoes, emitting progress and data.changed', async () => {
    const events: string[] = [];
    made.session.events.on('event', (name: string) => events.push(name));
    const bytes = fs.readFileSync(writeDanishCsv(file('upload.csv'), [['Ærø', 'A-dagpenge', '2023M07', 25, 6, '24,0', 3, '12,0']]));
    const begin = await dispatch(made.session, 'import.upload.begin', { fileName: 'upload.csv', size: bytes.length });
    const { uploadId } = (begin as { value: { uploadId: string } }).value;
    const half = Math.floor(bytes.length / 2);
    await dispatch(made.session, 'import.upload.chunk', { uploadId, offset: 0, base64: bytes.subarray(0, half).toString('base64') });
    await dispatch(made.session, 'import.upload.chunk', { uploadId, offset: half, base64: bytes.subarray(half).toString('base64') });
    const finished = await dispatch(made.session, 'import.upload.finish', { uploadId });
    expect(finished).toMatchObject({ ok: true, value: { fileName: 'upload.csv', size: bytes.length } });
    const fileId = (finished as { value: { fileId: string } }).value.fileId;
    expect(await dispatch(made.session, 'import.preview', { fileId })).toMatchObject({ ok: true, value: { encoding: 'windows-1252', kind: 'measurement' } });
    expect(await dispatch(made.session, 'import.validate', { fileId })).toMatchObject({ ok: true, value: { rowsValid: 1, problemsTotal: 0 } });
    const run = await dispatch(made.session, 'import.run', { fileId, importId: 'ui-1' });
    expect(run).toMatchObject({ ok: true, value: { rowsImported: 1 } });
    expect(events).toContain('import.progress');
    expect(events).toContain('data.changed');
    const history = await dispatch(made.session, 'import.history', {});
    const batchId = (run as { value: { batchId: number } }).value.batchId;
    expect(history).toMatchObject({ ok: true, value: [{ id: batchId, fileName: 'upload.csv', currentRows: 1 }] });
    expect(await dispatch(made.session, 'import.undo', { batchId })).toEqual({ ok: true, value: { batchId, removedRows: 1 } });
    expect(await dispatch(made.session, 'import.undo', { batchId })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
