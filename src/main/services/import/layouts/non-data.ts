import type { ImportKind, Mapping } from '../fields';
import type { SkippedRow } from './types';
import { maskIdsInText } from '../citizen-fields';

/** Lines under (or in) a table that are not data: sources, notes, footnotes. */
const notePattern = /^(kilde|kilder|anm\.?|anmærkning|anmærkninger|note|noter|fodnote|fodnoter|source|sources|bemærk|bemærkning|forklaring|opdateret|udtrukket|obs|\*)(\b|:|\.|\s|$)/i;

/** Total rows: never a municipality, never a reason to refuse the file. */
const areaTotalPattern = /^(hele landet|i alt|total|totalt|totaler|landstotal|landet i alt|danmark|alle kommuner|alle|sum|summa|samlet|grand total|hovedtotal|subtotal|kommuner i alt|region .+|rar .+|landsdel .+)$/i;
const groupTotalPattern = /^(i alt|total|totalt|alle|sum|samlet|alle ydelsesgrupper|ydelsesgrupper i alt|ydelser i alt|grand total|subtotal)$/i;

const text = (value: unknown) => (value === null || value === undefined ? '' : value instanceof Date ? '' : String(value).trim());

/**
 * Says whether a source row is a note or a total row. `labelColumns` are the columns holding the
 * area and (unless the kind keeps group totals, as the benchmark does) the benefit group.
 */
export function classifyRow(cells: unknown[], kind: ImportKind, mapping: Mapping): SkippedRow['reason'] | null {
  // Only a row with one or two filled cells can be a note: stop counting at three (a million rows pass here).
  let filled = 0;
  let first = '';
  for (const cell of cells) {
    if (cell === null || cell === undefined) continue;
    if (typeof cell === 'string') {
      if (cell.length === 0 || (cell.charCodeAt(0) <= 32 && cell.trim() === '')) continue;
      if (!first) first = cell.trim();
    } else if (!first) first = text(cell);
    if (++filled > 2) break;
  }
  if (filled === 0) return null;
  if (filled <= 2 && notePattern.test(first)) return 'note';
  // One long text cell alone is a sentence under the table, not a row with figures.
  if (filled === 1 && first.length >= 15 && /\s/.test(first) && !/^\d/.test(first)) return 'note';
  if (mapping.municipality !== undefined && isTotal(areaTotals, areaTotalPattern, cells[mapping.municipality])) return 'total';
  // The benchmark's "Ydelsesgrupper i alt" is a figure of its own (model C reads it).
  if (kind !== 'benchmark' && mapping.group !== undefined && isTotal(groupTotals, groupTotalPattern, cells[mapping.group])) return 'total';
  // An Excel table's totals row: "Total"/"I alt" in the first column, no area of its own.
  if (mapping.municipality !== 0 && isTotal(firstTotals, firstCellTotalPattern, cells[0])) return 'total';
  return null;
}

const firstCellTotalPattern = /^(total|i alt|sum|totalt|hovedtotal)$/i;
/** A file repeats the same hundred labels a million times: each label's answer is remembered. */
const areaTotals = new Map<string, boolean>();
const groupTotals = new Map<string, boolean>();
const firstTotals = new Map<string, boolean>();
function isTotal(cache: Map<string, boolean>, pattern: RegExp, value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0) return false;
  // cit-import (issue 10): every total word starts with a letter, so a cell starting with a digit
  // (a code, a CPR number: a million distinct ones in a citizen file) is answered without the pattern.
  const first = value.charCodeAt(0);
  if (first >= 48 && first <= 57) return false;
  let answer = cache.get(value);
  if (answer === undefined) {
    answer = pattern.test(value.trim());
    if (cache.size < 10_000) cache.set(value, answer);
  }
  return answer;
}

export function skippedText(cells: unknown[]): string {
  const parts = cells.map(text).filter(Boolean);
  // citizens (issue 10): a skipped row's text is shown in reports; a CPR number in it is masked.
  return maskIdsInText(parts.slice(0, 3).join(' · ')).slice(0, 80);
}
