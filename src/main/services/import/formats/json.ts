import { detectEncoding } from '../encoding';
import { FileProblem, inMemorySource, isObject, type FormatReader, type SourceRow } from './source';
import { textEncoding, wholeText } from './text';
import { importWords } from '../../../../shared/import-words-da';

/** The first non-blank character of the head, after any BOM (UTF-16 files are never JSON here). */
export function firstCharacter(head: Buffer): string | undefined {
  const { encoding, bomLength } = detectEncoding(head);
  if (encoding.startsWith('utf-16')) return undefined;
  return head.subarray(bomLength).toString('latin1').trimStart()[0];
}

/**
 * Jobindsats API v2 `[{"Variables":[…],"Data":[[…]]}]`, v3 `{"columns":[…],"rows":[[…]]}`, or an
 * array of row objects. Row 1 is the header; data rows follow as 2, 3, …
 */
export const jsonFormat: FormatReader = {
  format: 'json',
  sniff(head) {
    const first = firstCharacter(head);
    return first === '{' || first === '[';
  },
  async open(file, options) {
    const encoding = await textEncoding(file, options);
    const text = wholeText(file.path, encoding);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new FileProblem('bad-json', importWords.file.badJson);
    }
    const table = Array.isArray(parsed) && parsed.length === 1 && isObject(parsed[0]) && 'Data' in parsed[0] ? parsed[0] : parsed;
    let headers: unknown[];
    let data: unknown[][];
    if (isObject(table) && Array.isArray(table.Variables) && Array.isArray(table.Data)) {
      headers = table.Variables.map((variable) => (isObject(variable) ? (variable.Label ?? variable.Name ?? '') : String(variable)));
      data = table.Data as unknown[][];
    } else if (isObject(table) && Array.isArray(table.columns) && Array.isArray(table.rows)) {
      headers = table.columns.map((column) => (isObject(column) ? (column.label ?? column.Label ?? column.name ?? column.Name ?? '') : column));
      data = table.rows as unknown[][];
    } else if (Array.isArray(table) && table.every(isObject)) {
      headers = [...new Set(table.flatMap((row) => Object.keys(row as object)))];
      data = table.map((row) => headers.map((header) => (row as Record<string, unknown>)[String(header)]));
    } else {
      throw new FileProblem('bad-json', importWords.file.unknownJsonShape);
    }
    const rows: SourceRow[] = [{ rowNumber: 1, cells: headers }, ...data.map((cells, index) => ({ rowNumber: index + 2, cells: Array.isArray(cells) ? cells : [cells] }))];
    return inMemorySource({ format: 'json', encoding, delimiter: null, sheetNames: [], sheet: null }, rows);
  },
};
