import { FileProblem, inMemorySource, isObject, type FormatReader, type SourceRow } from './source';
import { firstCharacter } from './json';
import { textEncoding, wholeText } from './text';
import { detectEncoding } from '../encoding';
import { importWords } from '../../../../shared/import-words-da';

function looksLikeNdjson(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((line) => line.trim());
  return lines.length > 1 && lines[0].trim().startsWith('{') && lines[0].trim().endsWith('}') && lines[1].trim().startsWith('{');
}

/**
 * One JSON object per line, as the Jobindsats API returns rows: keys become a virtual header row,
 * numbered 0, so each data row's number is its line number in the file (what an editor shows).
 */
export const ndjsonFormat: FormatReader = {
  format: 'ndjson',
  sniff(head) {
    if (firstCharacter(head) !== '{') return false;
    const { bomLength } = detectEncoding(head);
    return looksLikeNdjson(head.subarray(bomLength).toString('latin1'));
  },
  async open(file, options) {
    const encoding = await textEncoding(file, options);
    const text = wholeText(file.path, encoding);
    const lines = text.split(/\r?\n/);
    const headers: string[] = [];
    const headerIndex = new Map<string, number>();
    const objects: { line: number; value: Record<string, unknown> }[] = [];
    lines.forEach((line, index) => {
      if (!line.trim()) return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new FileProblem('bad-json', importWords.file.badJsonLine(index + 1));
      }
      if (!isObject(value)) throw new FileProblem('bad-json', importWords.file.jsonLineNotRow(index + 1));
      for (const key of Object.keys(value)) {
        if (!headerIndex.has(key)) {
          headerIndex.set(key, headers.length);
          headers.push(key);
        }
      }
      objects.push({ line: index + 1, value });
    });
    const rows: SourceRow[] = [{ rowNumber: 0, cells: headers }, ...objects.map(({ line, value }) => ({ rowNumber: line, cells: headers.map((header) => value[header]) }))];
    return inMemorySource({ format: 'ndjson', encoding, delimiter: null, sheetNames: [], sheet: null }, rows);
  },
};
