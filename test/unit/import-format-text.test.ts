/**
 * The text formats (formats/csv, json, ndjson, api-error) and the registry in readers.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorAnswerText } from '../../src/main/services/import/formats/api-error';
import { FileProblem, formats, openSource, sniffFormat, type SourceRow } from '../../src/main/services/import/readers';
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
