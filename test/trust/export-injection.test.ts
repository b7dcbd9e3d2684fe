import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startsLikeFormula } from '../../src/main/services/export/neutralise-formula';
import { xmlSafeText } from '../../src/main/services/export/xml-text';
import { measurementHeader } from '../helpers/import-files';
import { tempSession } from '../helpers/temp-store';
import { allCells, strictXlsx } from '../helpers/xlsx-check';
import { formulaInjectionStrings, nonXmlStrings } from './attack-strings';
import { trustRecorder } from './recorder';
import { callApi, type ArgsOf } from '../helpers/api';
import type { CallArgs, CallName } from '../../src/shared/api';

/**
 * Formula injection and non-XML text (issue 14 item 14 and "trust figures that can fail"): the
 * attack strings are put where the app's own data comes from (an uploaded file's name, a
 * rule-set copy's name, a decision's note), the app's real export handlers write the files, and
 * the bytes are read back strictly (every XML part through a conforming parser, then exceljs).
 * An item counts only from that read-back. Municipality names cannot carry an attack: they come
 * from the reference list, and an imported row naming an unknown municipality is refused.
 */
const trust = trustRecorder(__filename);
const attacks = [...formulaInjectionStrings, ...nonXmlStrings];
const ruleSetId = 'early-2023';
const period = '2023H2';

let made: ReturnType<typeof tempSession>;
/** The one typed test client (test/helpers/api.ts), on this file's session. */
const call = <K extends CallName>(callName: K, ...args: ArgsOf<K>) => callApi(made.session, callName, ...args);
const fromBase64 = (result: { contentBase64: string | null }) => Buffer.from(result.contentBase64!, 'base64');
/** How a string must read back from an .xlsx cell: XML-safe, line breaks as \n. */
const inXlsx = (text: string) => xmlSafeText(text);

/** What the store kept (SQLite keeps text as UTF-8, so a lone surrogate comes back as U+FFFD). */
const storedFileNames = new Map<string, string>();
const storedNotes = new Map<string, string>();
const copies = new Map<string, string>();
let contactList: Awaited<ReturnType<typeof strictXlsx>>;

beforeAll(async () => {
  made = tempSession();
  await call('demo.load', undefined);
  const municipalities = await call('municipalities.list', undefined);
  // One small measurement file per attack, uploaded under the attack's name (as the renderer
  // uploads a picked file), each replacing one demo row inside the half-year so its batch is
  // one of the files behind the contact list's numbers.
  for (const [index, attack] of attacks.entries()) {
    const text = [measurementHeader, [String(municipalities[index].code), 'A-dagpenge', '2023M07', 200, 60, '30,0', 70, '35,0']].map((row) => row.join(';')).join('\r\n');
    const bytes = iconv.encode(`${text}\r\n`, 'windows-1252');
    const { uploadId } = await call('import.upload.begin', { fileName: `${attack} ${index}.csv`, size: bytes.length });
    await call('import.upload.chunk', { uploadId, offset: 0, base64: bytes.toString('base64') });
    const { fileId } = await call('import.upload.finish', { uploadId });
    const report = await call('import.run', { fileId });
    const history = await call('import.history', undefined);
    storedFileNames.set(attack, history.find((batch) => batch.id === report.batchId)!.fileName);
  }
  const evaluation = await call('evaluate.early2023', { period });
  const listed = evaluation.municipalities.filter((municipality) => municipality.toContact);
  expect(listed.length).toBeGreaterThan(0);
  for (const [index, attack] of attacks.entries()) {
    const recorded = await call('decisions.record', {
      ruleSetId,
      period,
      municipalityCode: listed[index % listed.length].code,
      subject: 'exemption:positive-development:all',
      verdict: 'rejected',
      reason: attack,
    });
    storedNotes.set(attack, recorded.reason);
  }
  contactList = await strictXlsx(fromBase64(await call('export.contactList', { period })));
}, 600_000);
afterAll(() => made?.cleanup());

/** The cells whose text is exactly `expected` (or contains it), with the checks every item shares. */
function cellsWith(workbook: ExcelJS.Workbook | null, expected: string, mode: 'equal' | 'contains') {
  expect(workbook, 'the workbook loads').not.toBeNull();
  return allCells(workbook!).filter(({ cell }) => (mode === 'equal' ? cell.value === expected : typeof cell.value === 'string' && cell.value.includes(expected)));
}

function expectTextCell(cell: ExcelJS.Cell) {
  expect(cell.type).toBe(ExcelJS.ValueType.String);
  expect(cell.formula).toBeFalsy();
}

describe('the contact list, written by export.contactList, with attack strings in the data behind it', () => {
  it.each(attacks)('file name %j: a valid .xlsx, the name as plain text', async (attack) => {
    await trust.check('formula-injection', `XLSX contact list, uploaded file name ${JSON.stringify(attack)}`, () => {
      expect(contactList.problems).toEqual([]);
      const found = cellsWith(contactList.workbook, inXlsx(storedFileNames.get(attack)!), 'equal');
      expect(found.length, 'the file name is in the provenance').toBeGreaterThan(0);
      for (const { cell } of found) expectTextCell(cell);
    });
  });

  it.each(attacks)('decision note %j: a valid .xlsx, the note as plain text', async (attack) => {
    await trust.check('formula-injection', `XLSX contact list, decision note ${JSON.stringify(attack)}`, () => {
      expect(contactList.problems).toEqual([]);
      const found = cellsWith(contactList.workbook, inXlsx(storedNotes.get(attack)!), 'contains');
      expect(found.length, 'the note is in the list').toBeGreaterThan(0);
      for (const { cell } of found) expectTextCell(cell);
    });
  });

  // A rule-set copy per attack costs a contact list each (slow: see the report of issue 14): three names.
  const ruleSetAttacks = [nonXmlStrings[0], nonXmlStrings[2], formulaInjectionStrings[0]];
  it.each(ruleSetAttacks)('rule-set name %j: a valid .xlsx, the name as plain text', async (attack) => {
    await trust.check('formula-injection', `XLSX contact list, rule-set name ${JSON.stringify(attack)}`, async () => {
      const copy = await call('ruleSets.copy', { fromId: ruleSetId, name: attack, changes: {} });
      copies.set(attack, copy.id);
      const { problems, workbook } = await strictXlsx(fromBase64(await call('export.contactList', { ruleSetId: copy.id, period })));
      expect(problems).toEqual([]);
      const found = cellsWith(workbook, inXlsx(copy.name), 'equal');
      expect(found.length, 'the rule-set name is in the provenance').toBeGreaterThan(0);
      for (const { cell } of found) expectTextCell(cell);
    });
  }, 120_000);
});

describe('"this view", written by export.view, with the app\'s own data in its cells, title and headers', () => {
  /** The file names and decision notes as the app lists them. */
  async function viewRows() {
    const history = await call('import.history', undefined);
    const decisions = await call('decisions.list', { ruleSetId });
    return { history, decisions };
  }

  it.each(attacks)('%j as a cell, a header and the title: .xlsx valid, text never a formula', async (attack) => {
    await trust.check('formula-injection', `XLSX view ${JSON.stringify(attack)}`, async () => {
      // The first cell is the attack itself (a grid can hold any text), the next ones the stored note and file name.
      const note = attack;
      const args: CallArgs<'export.view'> = { title: attack, format: 'xlsx', columns: [{ header: attack, kind: 'text' }, { header: 'Andel', kind: 'share' }], rows: [[note, 0.25], [storedNotes.get(attack)!, null], [storedFileNames.get(attack)!, null]] };
      const { problems, workbook } = await strictXlsx(fromBase64(await call('export.view', args)));
      expect(problems).toEqual([]);
      const sheet = workbook!.worksheets[0];
      expect(sheet.getRow(1).getCell(1).value).toBe(inXlsx(attack));
      const cell = sheet.getRow(2).getCell(1);
      expectTextCell(cell);
      expect(cell.value).toBe(inXlsx(note));
      if (startsLikeFormula(note)) expect(cell.numFmt).toBe('@');
      expect(sheet.getRow(2).getCell(2).value).toBe(0.25);
      expect(sheet.getRow(3).getCell(1).value).toBe(inXlsx(storedNotes.get(attack)!));
      expect(sheet.getRow(4).getCell(1).value).toBe(inXlsx(storedFileNames.get(attack)!));
    });
  });

  it.each(formulaInjectionStrings)('%j in a CSV view: starts with a quote, reads back as the same text', async (attack) => {
    await trust.check('formula-injection', `CSV view ${JSON.stringify(attack)}`, async () => {
      const args: CallArgs<'export.view'> = { title: 'Visning', format: 'csv', columns: [{ header: 'Note', kind: 'text' }, { header: 'Antal', kind: 'integer' }], rows: [[attack, -3]] };
      const text = fromBase64(await call('export.view', args)).toString('utf8').replace(/^\uFEFF/, '');
      const parsed = Papa.parse<string[]>(text.trimEnd(), { delimiter: ';', newline: '\r\n' });
      expect(parsed.errors).toEqual([]);
      expect(parsed.data[1]).toEqual([`'${attack}`, '-3']);
      expect(startsLikeFormula(parsed.data[1][0])).toBe(false);
    });
  });

  it('the file-name and note data the view rows came from are really the attack strings (the items are not vacuous)', async () => {
    const { history, decisions } = await viewRows();
    expect(decisions.filter((decision) => formulaInjectionStrings.includes(decision.reason))).toHaveLength(formulaInjectionStrings.length);
    expect(history.filter((batch) => startsLikeFormula(batch.fileName)).length).toBeGreaterThan(5);
    expect(history.some((batch) => batch.fileName.includes('\uFFFE'))).toBe(true);
  });
});

describe('the read-back can fail (controls, not counted)', () => {
  it('a workbook written without the sanitising writer is caught by the strict parse', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Ark').addRow(['Regelsæt \uFFFE', 'styre\u0001tegn']);
    const { problems } = await strictXlsx(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(problems.join(' ')).toMatch(/sheet1\.xml|sharedStrings\.xml/);
  });

  it('a real formula reads back as a formula, so "never a formula" can fail', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Ark').addRow([{ formula: '1+1', result: 2 }]);
    const { workbook: back } = await strictXlsx(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(back!.worksheets[0].getRow(1).getCell(1).type).toBe(ExcelJS.ValueType.Formula);
  });
});
