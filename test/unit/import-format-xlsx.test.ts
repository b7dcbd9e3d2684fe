/**
 * The .xlsx format module (src/main/services/import/formats/xlsx.ts): a package built part by
 * part, the way other writers lay them out, read back cell by cell.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { numberFormatKind, resolveTarget } from '../../src/main/services/import/formats/xlsx';
import { ExternalFormulaCell, FileProblem, openSource, UncachedFormulaCell, type SourceRow } from '../../src/main/services/import/readers';
import { inspectXlsx } from '../../src/main/services/import/zip-inspect';
import { malformedFiles } from '../trust/fixtures/malformed-corpus';
import { buildZip } from '../helpers/zip';
import { tempDir } from '../helpers/temp-store';

let made: ReturnType<typeof tempDir>;
beforeEach(() => {
  made = tempDir();
});
afterEach(() => made.cleanup());

const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const pkgRel = 'http://schemas.openxmlformats.org/package/2006/relationships';

async function readAll(file: string, options = {}): Promise<{ rows: SourceRow[]; sheet: string | null; sheetNames: string[]; percentColumns?: number[] }> {
  const source = await openSource(file, options);
  const rows: SourceRow[] = [];
  await source.read(({ rows: batch }) => {
    rows.push(...batch);
  });
  return { rows, sheet: source.info.sheet, sheetNames: source.info.sheetNames, percentColumns: source.info.percentColumns };
}

/** A workbook as the Open XML SDK lays it out: `x:` prefixes, the sheet first, absolute targets. */
function prefixedWorkbook(options: { recalculate?: boolean; date1904?: boolean } = {}): Buffer {
  const sheet = `<x:worksheet xmlns:x="${main}"><x:sheetData>
    <x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>Kom</x:t><x:r><x:t>mune</x:t></x:r><x:rPh><x:t>ふりがな</x:t></x:rPh></x:is></x:c></x:row>
    <x:row r="3">
      <x:c r="A3" s="1"><x:v>0.1561</x:v></x:c>
      <x:c r="B3" s="2"><x:v>15.61</x:v></x:c>
      <x:c r="C3" s="3"><x:v>45108</x:v></x:c>
      <x:c r="D3" t="d"><x:v>2023-07-01T00:00:00</x:v></x:c>
      <x:c r="E3" t="b"><x:v>1</x:v></x:c>
      <x:c r="F3" t="e"><x:v>#DIV/0!</x:v></x:c>
      <x:c r="G3"><x:f>A3*0</x:f><x:v>0</x:v></x:c>
      <x:c r="H3"><x:f>SUM(A3:B3)</x:f></x:c>
      <x:c r="I3"><x:f t="shared" si="0" ref="I3:I4">WEBSERVICE("https://x.example")</x:f><x:v>7</x:v></x:c>
      <x:c r="K3" t="str"><x:f>"a"&amp;"b"</x:f><x:v>ab</x:v></x:c>
    </x:row>
    <x:row r="4"><x:c r="I4"><x:f t="shared" si="0"/><x:v>8</x:v></x:c><x:c r="J4"><x:v>12</x:v></x:c></x:row>
  </x:sheetData></x:worksheet>`;
  const styles = `<x:styleSheet xmlns:x="${main}"><x:numFmts><x:numFmt numFmtId="164" formatCode="0.00&quot; %&quot;"/><x:numFmt numFmtId="165" formatCode="mmm yyyy"/></x:numFmts>
    <x:cellStyleXfs><x:xf numFmtId="10"/></x:cellStyleXfs><x:cellXfs><x:xf numFmtId="0"/><x:xf numFmtId="10"/><x:xf numFmtId="164"/><x:xf numFmtId="165"/></x:cellXfs></x:styleSheet>`;
  const workbook = `<x:workbook xmlns:x="${main}" xmlns:rel="${rel}">${options.date1904 ? '<x:workbookPr date1904="1"/>' : ''}<x:sheets><x:sheet name="Udtræk" sheetId="1" rel:id="R1a"/></x:sheets>${options.recalculate ? '<x:calcPr fullCalcOnLoad="1"/>' : ''}</x:workbook>`;
  return buildZip([
    { name: 'xl/worksheets/sheet.xml', data: Buffer.from(sheet) },
    { name: 'xl/sharedStrings.xml', data: Buffer.from(`<x:sst xmlns:x="${main}"><x:si><x:t>Kode</x:t></x:si></x:sst>`) },
    { name: 'xl/styles.xml', data: Buffer.from(styles) },
    { name: 'xl/workbook.xml', data: Buffer.from(workbook) },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: Buffer.from(
        `<Relationships xmlns="${pkgRel}"><Relationship Id="R1a" Type="${rel}/worksheet" Target="/xl/worksheets/sheet.xml"/><Relationship Id="R2" Type="${rel}/sharedStrings" Target="/xl/sharedStrings.xml"/><Relationship Id="R3" Type="${rel}/styles" Target="../xl/styles.xml"/></Relationships>`,
      ),
    },
    { name: '_rels/.rels', data: Buffer.from(`<Relationships xmlns="${pkgRel}"><Relationship Id="R0" Type="${rel}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`) },
    { name: '[Content_Types].xml', data: Buffer.from('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
  ]);
}

describe('the .xlsx reader', () => {
  it('reads an x:-prefixed package with its parts in any order, every cell type by what Excel shows', async () => {
    const file = path.join(made.dir, 'dotnet.xlsx');
    fs.writeFileSync(file, prefixedWorkbook());
    const { rows, sheet, sheetNames, percentColumns } = await readAll(file);
    expect(sheetNames).toEqual(['Udtræk']);
    // Column A was percent-formatted (already in per cent); B's literal " %" is not.
    expect(percentColumns).toEqual([0]);
    expect(sheet).toBe('Udtræk');
    expect(rows.map((row) => row.rowNumber)).toEqual([1, 3, 4]);
    // Rich inline text joined, the phonetic guide left out; holes are null.
    expect(rows[0].cells).toEqual(['Kode', null, 'Kommune']);
    const cells = rows[1].cells;
    expect(cells[0]).toBe(15.61); // 0.1561 in a percent format
    expect(cells[1]).toBe(15.61); // 0.00" %": the per cent sign is text, the value is not multiplied
    expect(cells[2]).toEqual(new Date(Date.UTC(2023, 6, 1))); // serial 45108 in "mmm yyyy"
    expect(cells[3]).toEqual(new Date(Date.UTC(2023, 6, 1))); // t="d", not the year 1905
    expect(cells[4]).toBe(true);
    expect(cells[5]).toBe('#DIV/0!');
    expect(cells[6]).toBe(0); // a cached 0 stays 0
    expect(cells[7]).toBeInstanceOf(UncachedFormulaCell);
    expect(String(cells[7])).toBe('=SUM(A3:B3)');
    expect(cells[8]).toBeInstanceOf(ExternalFormulaCell);
    expect(cells[10]).toBe('ab');
    // The shared formula's other cell is refused too: it fetches from outside as well.
    expect(rows[2].cells[8]).toBeInstanceOf(ExternalFormulaCell);
    expect(rows[2].cells[9]).toBe(12);
  });

  it('does not trust cached values in a workbook that asks Excel to recalculate on opening (XlsxWriter)', async () => {
    const file = path.join(made.dir, 'recalc.xlsx');
    fs.writeFileSync(file, prefixedWorkbook({ recalculate: true }));
    const { rows } = await readAll(file);
    expect(rows[1].cells[6]).toBeInstanceOf(UncachedFormulaCell);
    expect((rows[1].cells[6] as UncachedFormulaCell).reason).toMatch(/ikke regnet ud.*Åbn filen i Excel eller LibreOffice, gem den, og indlæs den igen/);
  });

  it('counts dates from 1904 when the workbook says so', async () => {
    const file = path.join(made.dir, 'mac.xlsx');
    fs.writeFileSync(file, prefixedWorkbook({ date1904: true }));
    const { rows } = await readAll(file);
    expect(rows[1].cells[2]).toEqual(new Date(Date.UTC(2027, 6, 2)));
  });

  it('names a sheet that does not exist, listing the sheets', async () => {
    const file = path.join(made.dir, 'ark.xlsx');
    fs.writeFileSync(file, prefixedWorkbook());
    await expect(openSource(file, { sheet: 'Data' })).rejects.toThrow('Arket "Data" findes ikke i filen. Arkene hedder: Udtræk.');
  });

  it('refuses a workbook that under-declares its sizes while inflating, after the directory check let it through', async () => {
    const entry = malformedFiles.find((candidate) => candidate.name === 'loegn.xlsx')!;
    const file = await entry.build(made.dir);
    expect(fs.statSync(file).size).toBeLessThan(1024 * 1024);
    expect(() => inspectXlsx(file)).not.toThrow();
    let refusal: unknown = null;
    try {
      await readAll(file);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(FileProblem);
    expect((refusal as FileProblem).code).toBe('zip-bomb');
    expect((refusal as FileProblem).message).toMatch(/zip-bombe/);
  });
});

describe('number formats', () => {
  it.each([
    ['0.00%', 'percent'],
    ['0%', 'percent'],
    ['0.0" %"', 'number'],
    ['0.0\\%', 'number'],
    ['#,##0', 'number'],
    ['0.00E+00', 'number'],
    ['[Red]0.00;[Blue]-0.00', 'number'],
    ['General', 'number'],
    ['mmm yyyy', 'date'],
    ['[$-406]mmmm yyyy;@', 'date'],
    ['dd-mm-yyyy', 'date'],
    ['[h]:mm', 'date'],
    ['#,##0" borgere"', 'number'],
  ])('%s is a %s format', (code, kind) => {
    expect(numberFormatKind(code)).toBe(kind);
  });
});

describe('relationship targets', () => {
  it.each([
    ['xl', '/xl/worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml'],
    ['xl', 'worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml'],
    ['xl', '../xl/styles.xml', 'xl/styles.xml'],
    ['xl', './worksheets/./sheet%201.xml', 'xl/worksheets/sheet 1.xml'],
    ['', 'xl/workbook.xml', 'xl/workbook.xml'],
  ])('from %s, %s is the part %s', (base, target, part) => {
    expect(resolveTarget(base, target)).toBe(part);
  });
});
