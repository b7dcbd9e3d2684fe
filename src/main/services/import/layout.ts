import type { ImportOptions, ImportPreview } from '../../../shared/api/import';
import type { Db } from '../store';
import {
  detectKind,
  fieldsByKind,
  fieldLabels,
  headerSignature,
  mappingFromHeaders,
  matchHeader,
  recognisedCount,
  requiredFieldsByKind,
  type FieldId,
  type ImportKind,
  type Mapping,
} from './fields';
import { FileProblem, openSource, type Source, type SourceRow } from './readers';
import type { StagedFile } from './staging';

/** How a file is to be read: everything the preview shows and the user may change. */
export interface Layout {
  source: Source;
  headerRow: number;
  headers: string[];
  kind: ImportKind;
  mapping: Mapping;
  matchedProfile: string | null;
  firstRows: SourceRow[];
  warnings: string[];
}

const headerSearchRows = 30;

export function displayCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/** The header row: the first of the rows the synonym table recognises most cells of. */
export function detectHeaderRow(rows: SourceRow[]): number {
  let best: { rowNumber: number; score: number } | null = null;
  for (const row of rows.slice(0, headerSearchRows)) {
    const score = recognisedCount(row.cells);
    if (score > 0 && (!best || score > best.score)) best = { rowNumber: row.rowNumber, score };
  }
  if (best) return best.rowNumber;
  // Nothing recognised: the first row with several filled cells (title rows have one).
  const filled = (row: SourceRow) => row.cells.filter((cell) => displayCell(cell).trim() !== '').length;
  return (rows.find((row) => filled(row) >= 2) ?? rows.find((row) => filled(row) >= 1) ?? rows[0])?.rowNumber ?? 1;
}

const cellTexts = (row: SourceRow | undefined) => (row?.cells ?? []).map((cell) => displayCell(cell).trim());

/**
 * A two-row header ("Samtaler" merged across "Antal uden" and "Andel uden (pct.)", with
 * "Kommune" merged down over both rows) is read as one: the upper row's merged labels are carried
 * right over their span and put in front of the lower row's. Used only when it recognises more
 * columns than either row alone. The header row is then the lower one.
 */
export function chooseHeaders(rows: SourceRow[], chosenRow?: number): { headerRow: number; headers: string[] } {
  const byNumber = new Map(rows.map((row) => [row.rowNumber, row]));
  const single = (rowNumber: number) => cellTexts(byNumber.get(rowNumber));
  const combined = (upperNumber: number, lowerNumber: number) => {
    const upper = single(upperNumber);
    const lower = single(lowerNumber);
    const carried: string[] = [];
    let last = '';
    for (let index = 0; index < Math.max(upper.length, lower.length); index++) {
      if (upper[index]) last = upper[index];
      // An upper label is carried right only over columns that have a lower label (a merged span).
      carried.push(upper[index] || (lower[index] ? last : ''));
    }
    return carried.map((top, index) => {
      const bottom = lower[index] ?? '';
      if (!top) return bottom;
      if (!bottom || top === bottom) return top;
      return matchHeader(bottom) ? bottom : `${top}: ${bottom}`;
    });
  };
  const score = (headers: string[]) => recognisedCount(headers);
  const base = chosenRow ?? detectHeaderRow(rows);
  let best = { headerRow: base, headers: single(base), score: score(single(base)) };
  if (chosenRow === undefined) {
    for (const [upper, lower] of [
      [base - 1, base],
      [base, base + 1],
    ]) {
      if (!byNumber.has(upper) || !byNumber.has(lower)) continue;
      const headers = combined(upper, lower);
      const value = score(headers);
      if (value > best.score) best = { headerRow: lower, headers, score: value };
    }
  }
  return { headerRow: best.headerRow, headers: trimTrailingEmpty(best.headers) };
}

interface ProfileRow {
  name: string;
  kind: ImportKind;
  header_signature: string;
  mapping_json: string;
}

export async function resolveLayout(db: Db, file: StagedFile, options: ImportOptions = {}): Promise<Layout> {
  const source = await openSource(file.filePath, options);
  const firstRows: SourceRow[] = [];
  await source.read(({ rows }) => {
    firstRows.push(...rows);
  }, headerSearchRows + 12);
  if (firstRows.length === 0) throw new FileProblem('empty-file', 'Filen indeholder ingen rækker. Der er intet at indlæse.');
  const { headerRow, headers } = chooseHeaders(firstRows, options.headerRow);
  const warnings: string[] = [];

  let profile: ProfileRow | undefined;
  if (options.profile) {
    profile = db.prepare('SELECT * FROM mapping_profile WHERE name = ?').get(options.profile) as ProfileRow | undefined;
    if (!profile) throw new FileProblem('unknown-profile', `Der findes ingen gemt kolonneopsætning med navnet "${options.profile}".`);
  } else if (!options.mapping) {
    profile = db.prepare('SELECT * FROM mapping_profile WHERE header_signature = ? ORDER BY created_at DESC LIMIT 1').get(headerSignature(headers)) as
      | ProfileRow
      | undefined;
  }
  const profileMapping = profile ? (JSON.parse(profile.mapping_json) as Mapping) : undefined;
  const detected = mappingFromHeaders(headers);
  const mapping: Mapping = { ...((options.mapping as Mapping | undefined) ?? profileMapping ?? detected) };
  const kind = options.kind ?? profile?.kind ?? detectKind(headers, mapping);
  for (const field of Object.keys(mapping) as FieldId[]) {
    if (!fieldsByKind[kind].includes(field) || mapping[field]! >= Math.max(headers.length, 1)) delete mapping[field];
  }
  if (Object.keys(detected).length === 0 && !options.mapping && !profileMapping) {
    warnings.push(
      `Ingen af kolonneoverskrifterne i række ${headerRow} blev genkendt (${headers.filter(Boolean).slice(0, 6).join(', ') || 'tom række'}). Vælg den rigtige overskriftsrække, eller angiv hver kolonnes betydning.`,
    );
  }
  const missing = missingRequired(kind, mapping);
  if (missing.length > 0) warnings.push(`Disse kolonner mangler: ${missing.map((field) => fieldLabels[field]).join(', ')}.`);
  if (kind === 'measurement' || kind === 'focus') {
    const measures = fieldsByKind[kind].filter((field) => !['municipality', 'group', 'period'].includes(field));
    if (!measures.some((field) => mapping[field] !== undefined)) warnings.push('Ingen kolonne med antal borgere, samtaler eller tilbud blev fundet.');
  }
  return { source, headerRow, headers, kind, mapping, matchedProfile: profile?.name ?? null, firstRows, warnings };
}

/** Empty cells after the last header (formatting Excel left behind) are no columns. */
function trimTrailingEmpty(headers: string[]): string[] {
  let last = headers.length;
  while (last > 0 && !headers[last - 1]) last--;
  return headers.slice(0, last);
}

export function missingRequired(kind: ImportKind, mapping: Mapping): FieldId[] {
  return requiredFieldsByKind[kind].filter((field) => mapping[field] === undefined);
}

/** The preview's own part (without file identity and duplicate check). */
export function previewOf(layout: Layout, profiles: string[]): Omit<ImportPreview, 'fileId' | 'fileName' | 'size' | 'duplicateOf'> {
  const { info } = layout.source;
  return {
    format: info.format,
    encoding: info.encoding,
    delimiter: info.delimiter,
    sheetNames: info.sheetNames,
    sheet: info.sheet,
    headerRow: layout.headerRow,
    headers: layout.headers,
    kind: layout.kind,
    mapping: layout.mapping as Record<string, number>,
    fields: fieldsByKind[layout.kind].map((id) => ({ id, required: requiredFieldsByKind[layout.kind].includes(id) })),
    sampleRows: layout.firstRows
      .filter((row) => row.rowNumber > layout.headerRow)
      .slice(0, 10)
      .map((row) => ({ rowNumber: row.rowNumber, cells: row.cells.map(displayCell) })),
    matchedProfile: layout.matchedProfile,
    profiles,
    warnings: layout.warnings,
  };
}
