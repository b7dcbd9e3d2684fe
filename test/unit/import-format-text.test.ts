/**
 * The text formats (formats/csv, json, ndjson, api-error) and the registry in readers.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorAnswerText } from '../../src/main/services/import/formats/api-error';
import { FileProblem, formats, openSource, sniffFormat, type SourceRow } from '../../src/main/services/import/readers';
import { readChunkBytes } from '../../src/main/services/import/formats/csv';
import { importPath } from '../helpers/import-files';
import { tempSession } from '../helpers/temp-store';

let made: ReturnType<typeof tempSession>;
beforeEach(() => {
  made = tempSession();
});
afterEach(() => made.cleanup());
const write = (name: string, data: string | Buffer) => {
  const file = path.join(made.dir, name);
  fs.writeFileSync(file, data);
  return file;
};

async function refusal(promise: Promise<unknown>): Promise<FileProblem> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FileProblem) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('the registry', () => {
  it('asks the formats in one table, CSV last', () => {
    expect(formats.map((format) => format.format)).toEqual(['xlsx', 'ndjson', 'json', 'csv']);
  });

  it('sniffs by content, never by name', () => {
    expect(sniffFormat(Buffer.from('PK\u0003\u0004rest', 'latin1'))).toBe('xlsx');
    expect(sniffFormat(Buffer.from('{"a":1}\n{"a":2}\n'))).toBe('ndjson');
    expect(sniffFormat(Buffer.from('\uFEFF[{"a":1}]'))).toBe('json');
    expect(sniffFormat(Buffer.from('Kommune;Måned\r\n101;2023M07\r\n'))).toBe('csv');
    expect(() => sniffFormat(Buffer.from('%PDF-1.7'))).toThrow(/PDF/);
  });
});

describe('NDJSON', () => {
  const line = (month: string, lacking: number | string) =>
    JSON.stringify({ Område: 'Ærø', Ydelsesgruppe: 'A-dagpenge', Periode: month, 'Antal borgere': 25, 'Antal uden samtaler': lacking });

  it('numbers each row by its line in the file (the header is virtual)', async () => {
    const file = write('rows.ndjson', `${line('2023M07', 6)}\n\n${line('2023M08', 7)}\n`);
    const source = await openSource(file);
    const rows: SourceRow[] = [];
    await source.read(({ rows: batch }) => {
      rows.push(...batch);
    });
    expect(rows.map((row) => row.rowNumber)).toEqual([0, 1, 3]);
    expect(rows[0].cells).toEqual(['Område', 'Ydelsesgruppe', 'Periode', 'Antal borgere', 'Antal uden samtaler']);
  });

  it('reports a bad value at the line an editor shows it on', async () => {
    const file = write('bad.ndjson', `${line('2023M07', 6)}\n${line('2023M08', 'mange')}\n${line('2023M09', 5)}\n`);
    const problem = await refusal(importPath(made.session.db, file));
    expect(problem.code).toBe('invalid-rows');
    const problems = problem.details as { row: number; message: string }[];
    expect(problems).toHaveLength(1);
    expect(problems[0].row).toBe(2);
    expect(problems[0].message).toMatch(/"mange" er ikke et tal/);
  });

  it('imports the first line (it is data, not a header)', async () => {
    const file = write('one.ndjson', `${line('2023M07', 6)}\n${line('2023M08', 7)}\n`);
    expect(await importPath(made.session.db, file)).toMatchObject({ rowsRead: 2, rowsImported: 2 });
  });
});

describe('an API error text saved as the extract', () => {
  it.each([
    ['plain text', 'fejl.csv', 'Forkert nøgle eller nøglen er udløbet.'],
    ['a JSON string', 'fejl.json', '"Forkert nøgle eller nøglen er udløbet."'],
    ['a JSON message object', 'fejl.json', '{"Message":"Forkert nøgle eller nøglen er udløbet."}'],
    ['Windows-1252 text with a line end', 'fejl.txt', iconv.encode('Forkert nøgle eller nøglen er udløbet.\r\n', 'windows-1252')],
  ])('%s is named an error answer, with the text and what to do', async (_what, name, data) => {
    const problem = await refusal(importPath(made.session.db, write(name, data)));
    expect(problem.code).toBe('error-answer');
    expect(problem.message).toContain('Forkert nøgle eller nøglen er udløbet.');
    expect(problem.message).toMatch(/fejlbesked.*Hent udtrækket igen med en gyldig API-nøgle/);
  });

  it('names a saved web page', async () => {
    const problem = await refusal(importPath(made.session.db, write('side.csv', '<!DOCTYPE html><html><body>Log ind</body></html>')));
    expect(problem.code).toBe('error-answer');
    expect(problem.message).toMatch(/webside \(HTML\)/);
  });

  it('leaves small real tables alone', () => {
    expect(errorAnswerText('Kommune;Ydelsesgruppe;Måned;Antal borgere\r\nÆrø;A-dagpenge;2023M07;25\r\n')).toBeNull();
    expect(errorAnswerText('Kommune,Måned,Antal\nÆrø,2023M07,25\n')).toBeNull();
    expect(errorAnswerText('Kommune,Fejl\n101,2\n')).toBeNull();
    expect(errorAnswerText('[{"Kommune":"Ærø","Fejl":1}]')).toBeNull();
    expect(errorAnswerText('{"columns":["a"],"rows":[]}')).toBeNull();
  });
});

describe('a CSV file read in many batches', () => {
  // speed (issue 10): a big file arrives in batches of readChunkBytes (256 KiB), so rows, quoted
  // fields and multi-byte characters meet the batches' edges; none may be cut, lost or read twice.
  it.each(['utf8', 'windows-1252'] as const)('gives every row once, whole, in order, whatever falls on a batch edge, in small batches (%s, as Excel saves a CSV)', async (encoding) => {
    const rows: string[][] = [];
    for (let index = 0; index < 40_000; index++) {
      const note = index % 7 === 0 ? `"Bemærk; ""citat"" og\nlinjeskift ${index}"` : `Ærø-Æbelø ${index}`;
      rows.push([String(index), note, 'Københavns Kommune', `${2020 + (index % 5)}-0${1 + (index % 9)}-1${index % 10}`]);
    }
    const text = ['Nr;Note;Kommune;Dato', ...rows.map((cells) => cells.join(';'))].join('\r\n') + '\r\n';
    const bytes = iconv.encode(text, encoding);
    expect(bytes.length).toBeGreaterThan(8 * readChunkBytes);
    const source = await openSource(write('mange.csv', bytes));
    const batches: number[] = [];
    const read: SourceRow[] = [];
    await source.read(({ rows: batch }) => {
      batches.push(batch.length);
      for (const row of batch) read.push(row);
    });
    // No batch near the size that made the young generation copy whole batches (one per MiB before).
    expect(batches.length).toBeGreaterThanOrEqual(8);
    expect(Math.max(...batches)).toBeLessThan(10_000);
    expect(read.map((row) => row.rowNumber)).toEqual(Array.from({ length: rows.length + 1 }, (_, index) => index + 1));
    expect(read.slice(1).map((row) => row.cells)).toEqual(
      rows.map((cells) => [cells[0], cells[1].startsWith('"') ? cells[1].slice(1, -1).replace(/""/g, '"') : cells[1], cells[2], cells[3]]),
    );
    expect(read.some((row) => row.problem)).toBe(false);
  });
});
