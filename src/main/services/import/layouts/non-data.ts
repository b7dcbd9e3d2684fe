import type { ImportKind, Mapping } from '../fields';
import type { SkippedRow } from './types';

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
  let filled = 0;
  let first = '';
  for (const cell of cells) {
    if (cell === null || cell === undefined) continue;
    if (typeof cell !== 'string') {
      filled++;
      if (!first) first = text(cell);
      continue;
    }
    const value = cell.trim();
    if (value === '') continue;
    filled++;
    if (!first) first = value;
  }
  if (filled === 0) return null;
  if (notePattern.test(first) && filled <= 2) return 'note';
  // One long text cell alone is a sentence under the table, not a row with figures.
  if (filled === 1 && first.length >= 15 && /\s/.test(first) && !/^\d/.test(first)) return 'note';
  const area = mapping.municipality !== undefined ? text(cells[mapping.municipality]) : '';
  if (area && areaTotalPattern.test(area)) return 'total';
  // The benchmark's "Ydelsesgrupper i alt" is a figure of its own (model C reads it).
  if (kind !== 'benchmark' && mapping.group !== undefined) {
    const group = text(cells[mapping.group]);
    if (group && groupTotalPattern.test(group)) return 'total';
  }
  // An Excel table's totals row: "Total"/"I alt" in the first column, no area of its own.
  const firstCell = text(cells[0]);
  if (firstCell && /^(total|i alt|sum|totalt|hovedtotal)$/i.test(firstCell)) return 'total';
  return null;
}

export function skippedText(cells: unknown[]): string {
  const parts = cells.map(text).filter(Boolean);
  return parts.slice(0, 3).join(' · ').slice(0, 80);
}
