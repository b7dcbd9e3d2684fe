import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contactListSheetNames } from '../../src/main/services/export/contact-list';
import { callApi } from '../helpers/api';
import { demoSession } from '../helpers/demo-store';

/*
 * models-finish (issue 13 item 4): every file made under a what-if copy of a rule set says it is
 * hypothetical (file name, the data sheet's tab, the provenance sheet), and a file made under the
 * rule set in force says nothing of the kind. Each export is written by its real handler on the
 * demo data and read back.
 */

let made: ReturnType<typeof demoSession>;
beforeEach(() => {
  made = demoSession();
});
afterEach(() => made.cleanup());

async function readBack(contentBase64: string | null) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(contentBase64!, 'base64') as unknown as ArrayBuffer);
  return workbook;
}

/** Every text cell of a sheet, column A and B joined, one line per row. */
function lines(sheet: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  sheet.eachRow((row) => out.push([row.getCell(1).value, row.getCell(2).value].filter((value) => value !== null && value !== undefined).join(' | ')));
  return out;
}

async function copyOfModelA() {
  return callApi(made.session, 'ruleSets.copy', { fromId: 'early-2023', name: 'Tærskel 25', changes: { threshold: 0.25 } });
}

describe('the contact list under a what-if copy', () => {
  it('is marked in its file name, its list tab and its provenance sheet; the list under the rule set in force is not', async () => {
    const copy = await copyOfModelA();
    const builtinName = (await callApi(made.session, 'ruleSets.list', {})).find((ruleSet) => ruleSet.id === 'early-2023')!.name;
    const whatIf = await callApi(made.session, 'export.contactList', { period: '2023H2', ruleSetId: copy.id });
    expect(whatIf.fileName).toMatch(/^Kontaktliste 2\. halvår 2023 HYPOTETISK \d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = await readBack(whatIf.contentBase64);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Kontaktliste (hypotetisk)', contactListSheetNames.months, contactListSheetNames.provenance]);
    // The list holds the copy's municipalities (fewer at a higher threshold), so the mark is on the numbers it changed.
    const evaluation = await callApi(made.session, 'evaluate.early2023', { period: '2023H2', ruleSetId: copy.id });
    expect(workbook.getWorksheet('Kontaktliste (hypotetisk)')!.rowCount - 1).toBe(evaluation.summary.toContact);
    const provenance = lines(workbook.getWorksheet(contactListSheetNames.provenance)!);
    expect(provenance[1]).toBe(`HYPOTETISK: lavet under regelsættet "Tærskel 25", en kopi af ${builtinName} med ændrede parametre. Tallene følger ikke de gældende regler.`);
    expect(provenance).toContain(`Hypotetisk regelsæt | Ja (kopi af ${builtinName})`);

    const inForce = await callApi(made.session, 'export.contactList', { period: '2023H2' });
    expect(inForce.fileName).not.toContain('HYPOTETISK');
    const plain = await readBack(inForce.contentBase64);
    expect(plain.worksheets.map((sheet) => sheet.name)).toEqual(Object.values(contactListSheetNames));
    const plainLines = lines(plain.getWorksheet(contactListSheetNames.provenance)!);
    expect(plainLines).toContain('Hypotetisk regelsæt | Nej');
    expect(plainLines.some((line) => line.startsWith('HYPOTETISK'))).toBe(false);
  });
});

describe('"Eksportér visning" (export.view) of numbers made under a what-if copy', () => {
  const columns = [
    { header: 'Kommune', kind: 'text' as const },
    { header: 'Andel', kind: 'share' as const },
  ];
  const rows = [['København', 0.25]];

  it('is marked in its file name, its sheet tab and its provenance sheet, for every screen that passes its rule set', async () => {
    const copy = await copyOfModelA();
    // The titles the overview, the municipality drill-down, a benefit group and Hele landet give their views.
    for (const title of ['Overblik 2023H2', 'København 2023H2', 'A-dagpenge 2023H2', 'Et meget langt visningsnavn der fylder mere end 31 tegn']) {
      const result = await callApi(made.session, 'export.view', { title, format: 'xlsx', columns, rows, provenance: { period: '2023H2', ruleSetId: copy.id } });
      expect(result.fileName).toMatch(/ HYPOTETISK \d{4}-\d{2}-\d{2}\.xlsx$/);
      const workbook = await readBack(result.contentBase64);
      const [data, about] = workbook.worksheets;
      expect(data.name.endsWith(' (hypotetisk)')).toBe(true);
      expect(data.name.length).toBeLessThanOrEqual(31);
      expect(data.getCell('A2').value).toBe('København');
      const provenance = lines(about);
      expect(provenance[1]).toMatch(/^HYPOTETISK: lavet under regelsættet "Tærskel 25"/);
      expect(provenance.some((line) => line.startsWith('Hypotetisk regelsæt | Ja (kopi af '))).toBe(true);
    }
    // A CSV cannot carry a provenance sheet: its file name says it.
    const csv = await callApi(made.session, 'export.view', { title: 'Overblik 2023H2', format: 'csv', columns, rows, provenance: { ruleSetId: copy.id } });
    expect(csv.fileName).toMatch(/^Overblik 2\. halvår 2023 HYPOTETISK \d{4}-\d{2}-\d{2}\.csv$/);
  });

  it('is not marked under a rule set in force', async () => {
    for (const ruleSetId of ['early-2023', 'status']) {
      const result = await callApi(made.session, 'export.view', { title: 'Overblik 2023H2', format: 'xlsx', columns, rows, provenance: { period: '2023H2', ruleSetId } });
      expect(result.fileName).not.toContain('HYPOTETISK');
      const workbook = await readBack(result.contentBase64);
      expect(workbook.worksheets[0].name).toBe('Overblik 2. halvår 2023');
      const provenance = lines(workbook.worksheets[1]);
      expect(provenance).toContain('Hypotetisk regelsæt | Nej');
      expect(provenance.some((line) => line.includes('HYPOTETISK'))).toBe(false);
    }
  });

  it('marks a view of model D under its own copy (Hele landet)', async () => {
    const copy = await callApi(made.session, 'ruleSets.copy', { fromId: 'status', name: 'Andet grundlag', changes: {} });
    const result = await callApi(made.session, 'export.view', { title: 'Hele landet 2024-12', format: 'xlsx', columns, rows, provenance: { period: '2024-12', ruleSetId: copy.id } });
    expect(result.fileName).toContain('HYPOTETISK');
    expect((await readBack(result.contentBase64)).worksheets[0].name).toBe('Hele landet (hypotetisk)');
  });
});
