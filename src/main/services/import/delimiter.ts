import Papa from 'papaparse';

import { importDelimiters, type ImportDelimiter } from '../../../shared/enums';

/** Declared once, in src/shared/enums.ts. */
export type Delimiter = ImportDelimiter;
const delimiters = importDelimiters;

/**
 * Picks the delimiter under which the most lines share the same (largest) number of fields.
 * Title rows above a Jobindsats header have one field under every candidate, so they do not vote.
 */
export function detectDelimiter(sample: string): Delimiter {
  let best: { delimiter: Delimiter; score: number } = { delimiter: ';', score: -1 };
  for (const delimiter of delimiters) {
    const parsed = Papa.parse<string[]>(sample, { delimiter, preview: 50, skipEmptyLines: true });
    const counts = new Map<number, number>();
    for (const row of parsed.data) if (row.length > 1) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
    let score = 0;
    for (const [fields, lines] of counts) score = Math.max(score, lines * 1000 + fields);
    // Ties go to the order of `delimiters`: ';' first, as Danish Excel writes it.
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}
