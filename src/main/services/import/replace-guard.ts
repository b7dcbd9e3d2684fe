import type { Db } from '../store';
import type { ImportKind } from './fields';
import { importWords } from '../../../shared/import-words-da';

/** The figures' names in words (citizen-words, issue 15: from the importer's messages module). */
const figure = importWords.figures;

/**
 * Each figure: column, Danish name and, for a share, when the new row still carries it (the
 * counts it is computed from), so a file with counts but no share column loses nothing.
 */
/** Measurements and focus measurements carry the same figures; a share computable from the new row's counts is not lost. */
const lackingFigures: ([string, string] | [string, string, string])[] = [
  ['measured', figure.measured],
  ['interviews_lacking', figure.interviews_lacking],
  ['interviews_lacking_share', figure.interviews_lacking_share, 'n.interviews_lacking IS NOT NULL AND n.measured IS NOT NULL'],
  ['offers_lacking', figure.offers_lacking],
  ['offers_lacking_share', figure.offers_lacking_share, 'n.offers_lacking IS NOT NULL AND n.measured IS NOT NULL'],
];

const guarded: Partial<Record<ImportKind, { table: string; keys: string[]; figures: ([string, string] | [string, string, string])[] }>> = {
  measurement: {
    table: 'measurement',
    keys: ['municipality_code', 'group_id', 'month'],
    figures: lackingFigures,
  },
  focus: {
    table: 'focus_measurement',
    keys: ['municipality_code', 'group_label', 'period'],
    figures: lackingFigures,
  },
  benchmark: {
    table: 'benchmark',
    keys: ['municipality_code', 'group_label', 'period'],
    figures: [
      ['expected_count', figure.expected_count],
      ['actual_count', figure.actual_count],
      ['expected_share', figure.expected_share],
      ['actual_share', figure.actual_share],
      ['difference_points', figure.difference_points],
      ['benchmark_rank', figure.benchmark_rank],
    ],
  },
};

interface LostFigures {
  /** Rows of the new batch that lack a figure the row they replace had. */
  rows: number;
  /** The figures lost, by Danish name, with how many rows lose each. */
  figures: { name: string; rows: number }[];
}

/**
 * Inside the import's transaction, before the commit: how many of the new batch's rows would
 * replace a row that had a figure with one that has none (issue 12: a file without the figures
 * must not silently replace rows that had them).
 */
export function rowsLosingFigures(db: Db, kind: ImportKind, batchId: number): LostFigures {
  const spec = guarded[kind];
  if (!spec) return { rows: 0, figures: [] };
  const { table, keys, figures } = spec;
  if (!db.prepare(`SELECT 1 FROM ${table} WHERE batch_id < ? LIMIT 1`).get(batchId)) return { rows: 0, figures: [] };
  const match = (alias: string) => keys.map((key) => `${alias}.${key} = n.${key}`).join(' AND ');
  const lost = ([column, , carried]: [string, string] | [string, string, string]) =>
    `(n.${column} IS NULL AND o.${column} IS NOT NULL${carried ? ` AND NOT (${carried})` : ''})`;
  const row = db
    .prepare(
      `SELECT SUM(${figures.map(lost).join(' OR ')}) AS rows,
              ${figures.map((figure, index) => `SUM(${lost(figure)}) AS f${index}`).join(', ')}
       FROM ${table} n JOIN ${table} o ON ${match('o')}
        AND o.batch_id = (SELECT MAX(p.batch_id) FROM ${table} p WHERE ${match('p')} AND p.batch_id < n.batch_id)
       WHERE n.batch_id = ?`,
    )
    .get(batchId) as Record<string, number | null>;
  return {
    rows: row.rows ?? 0,
    figures: figures.map(([, name], index) => ({ name, rows: row[`f${index}`] ?? 0 })).filter((figure) => figure.rows > 0),
  };
}
