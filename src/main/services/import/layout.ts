import type { ImportOptions, ImportPreview } from '../../../shared/api/import';
import type { Surface } from '../../../shared/enums';
import type { Db } from '../store';
import {
  detectKind,
  fieldsByKind,
  fieldLabels,
  headerSignature,
  kindLabels,
  mappingFromHeaders,
  matchHeader,
  recognisedCount,
  requiredFieldsByKind,
  type FieldId,
  type ImportKind,
  type Mapping,
} from './fields';
import { FileProblem, openSource, type Source, type SourceRow } from './readers';
import { columnLetter, type ShareScale } from './convert';
import { DecisionCollector, type DateOrderDecision, type ShareDecision } from './decisions';
import { planLayout, type LayoutContext, type LayoutPlan, type LongRow, type SkippedRow } from './layouts';
import { periodColumns } from './layouts/wide';
import { eventColumns } from './layouts/spell-events';
import { parseNumber } from './numbers';
import type { StagedFile } from './staging';
// citizens (issue 10)
import { citizenDateOrderText, citizenMapping, isCitizenKind, maskIdsInText } from './citizen-fields';
import { importWords } from '../../../shared/import-words-da';

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
  // --- issue 12 (import-layouts) ---
  /** The layout module's plan: the long headers and mapping the converter reads. */
  plan: LayoutPlan;
  decisions: string[];
  shareDecisions: ShareDecision[];
  shareScales: Partial<Record<FieldId, ShareScale>>;
  dateOrder: DateOrderDecision | null;
  unmappedNumeric: { index: number; header: string }[];
  /** The first rows in long form and the ones left out, for the preview. */
  longSample: LongRow[];
  skippedSample: SkippedRow[];
  sampleNotes: string[];
}

const headerSearchRows = 30;

function displayCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/** The header row: the first of the rows the synonym table recognises most cells of. */
function detectHeaderRow(rows: SourceRow[]): number {
  let best: { rowNumber: number; score: number } | null = null;
  for (const row of rows.slice(0, headerSearchRows)) {
    // Months as column headers count too: a wide table's header names few fields.
    const score = recognisedCount(row.cells) + Math.min(periodColumns(cellTexts(row)).length, 3);
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
function chooseHeaders(rows: SourceRow[], chosenRow?: number): { headerRow: number; headers: string[] } {
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

/** How well a sheet's first rows look like a table we can read (sheet choice). */
function tableScore(rows: SourceRow[]): number {
  let best = 0;
  for (const row of rows.slice(0, headerSearchRows)) {
    const texts = cellTexts(row);
    best = Math.max(best, recognisedCount(texts) + Math.min(periodColumns(texts).length, 3));
  }
  return best;
}

async function readFirstRows(source: Source): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  await source.read(({ rows: batch }) => {
    rows.push(...batch);
  }, headerSearchRows + sampleRows);
  return rows;
}

/**
 * Every sheet is looked at; the one with a recognisable table is proposed. A cover sheet with a
 * title and no table is never the one the messages talk about.
 */
async function openBestSheet(filePath: string, options: ImportOptions): Promise<{ source: Source; firstRows: SourceRow[]; note: string | null }> {
  const source = await openSource(filePath, options);
  const firstRows = await readFirstRows(source);
  const { sheetNames, sheet } = source.info;
  if (options.sheet || source.info.format !== 'xlsx' || sheetNames.length < 2) return { source, firstRows, note: null };
  let best = { source, firstRows, score: tableScore(firstRows) };
  for (const name of sheetNames) {
    if (name === sheet) continue;
    const other = await openSource(filePath, { ...options, sheet: name });
    const rows = await readFirstRows(other);
    const score = tableScore(rows);
    if (score > best.score) best = { source: other, firstRows: rows, score };
  }
  if (best.source === source) return { source, firstRows, note: null };
  return {
    source: best.source,
    firstRows: best.firstRows,
    note: importWords.columns.otherSheet(best.source.info.sheet ?? '', sheet ?? ''),
  };
}

const sampleRows = 200;

/** Columns with numbers in the sample that nothing reads: shown, never dropped silently. */
function unmappedNumericColumns(headers: string[], rows: SourceRow[], used: Set<number>): { index: number; header: string }[] {
  const found: { index: number; header: string }[] = [];
  const width = Math.max(headers.length, ...rows.map((row) => row.cells.length));
  for (let index = 0; index < width; index++) {
    if (used.has(index)) continue;
    let numbers = 0;
    let filled = 0;
    for (const row of rows) {
      const cell = row.cells[index];
      if (cell === null || cell === undefined || cell === '' || cell instanceof Date) continue;
      filled++;
      const parsed = parseNumber(cell);
      if (parsed.ok && parsed.value !== null) numbers++;
    }
    if (numbers > 0 && numbers * 2 >= filled) found.push({ index, header: headers[index] || importWords.columns.unnamed(columnLetter(index)) });
  }
  return found;
}

export async function resolveLayout(db: Db, file: StagedFile, options: ImportOptions = {}): Promise<Layout> {
  const { source, firstRows, note: sheetNote } = await openBestSheet(file.filePath, options);
  if (firstRows.length === 0) throw new FileProblem('empty-file', importWords.file.noRowsAtAll);
  const { headerRow, headers } = chooseHeaders(firstRows, options.headerRow);
  const warnings: string[] = [];
  const decisions: string[] = [];
  if (sheetNote) decisions.push(sheetNote);

  let profile: ProfileRow | undefined;
  if (options.profile) {
    profile = db.prepare('SELECT * FROM mapping_profile WHERE name = ?').get(options.profile) as ProfileRow | undefined;
    if (!profile) throw new FileProblem('unknown-profile', importWords.columns.unknownProfile(options.profile));
  } else if (!options.mapping) {
    profile = db.prepare('SELECT * FROM mapping_profile WHERE header_signature = ? ORDER BY created_at DESC LIMIT 1').get(headerSignature(headers)) as
      | ProfileRow
      | undefined;
  }
  const profileMapping = profile ? (JSON.parse(profile.mapping_json) as Mapping) : undefined;
  const detected = mappingFromHeaders(headers);
  const mapping: Mapping = { ...((options.mapping as Mapping | undefined) ?? profileMapping ?? detected) };
  const kind = options.kind ?? profile?.kind ?? detectKind(headers, mapping);
  // citizens (issue 10): "Dato" is an event's date and "Start" a spell's start here, not a period.
  if (isCitizenKind(kind) && !options.mapping && !profileMapping) {
    for (const field of Object.keys(mapping) as FieldId[]) delete mapping[field];
    Object.assign(mapping, citizenMapping(headers, kind, matchHeader));
  }
  for (const field of Object.keys(mapping) as FieldId[]) {
    if (!fieldsByKind[kind].includes(field) || mapping[field]! >= Math.max(headers.length, 1)) delete mapping[field];
  }
  const dataRows = firstRows.filter((row) => row.rowNumber > headerRow);
  const context: LayoutContext = {
    kind,
    headerRow,
    headers,
    mapping,
    sampleRows: dataRows,
    sheet: source.info.sheet,
    titleLines: firstRows.filter((row) => row.rowNumber < headerRow).map((row) => cellTexts(row).filter(Boolean).join(' ')).filter(Boolean),
    wideMeasure: options.wideMeasure,
  };
  const planned = planLayout(context, options.layout);
  if ('problem' in planned) throw new FileProblem('layout', planned.problem);
  const plan = planned;
  decisions.push(...plan.decisions);
  const periodIndexes =
    plan.id === 'wide'
      ? new Set(periodColumns(headers).map((column) => column.index))
      : plan.id === 'spell-events' // citizens (issue 10): the event date columns are read
        ? new Set(eventColumns(headers).map((column) => column.index))
        : new Set<number>();

  if (Object.keys(detected).length === 0 && Object.keys(mapping).length === 0 && !options.mapping && !profileMapping) {
    warnings.push(
      importWords.columns.noneKnownInRow(headerRow, headers.filter(Boolean).slice(0, 6).join(', ') || importWords.columns.emptyRow),
    );
  }
  const missing = missingRequired(kind, plan.longMapping);
  if (missing.length > 0) warnings.push(importWords.columns.missingWarning(missing.map((field) => fieldLabels[field]).join(', ')));
  if (!hasMeasureOfKind(kind, plan)) warnings.push(kindWithoutMeasures(kind, headers, 'app'));
  if (plan.measureChoice?.problem) warnings.push(importWords.columns.measureWarning(plan.measureChoice.problem));
  const used = new Set<number>([...Object.values(mapping), ...periodIndexes]);
  const unmappedNumeric = unmappedNumericColumns(headers, dataRows.slice(0, sampleRows), used);
  for (const column of unmappedNumeric) {
    warnings.push(importWords.columns.unmappedNumbers(column.header, columnLetter(column.index)));
  }

  // Decisions per column from the first rows; the rest of the file is read only when they do not settle it.
  const sampleTransformer = plan.createTransformer();
  const longSample: LongRow[] = [];
  const skippedSample: SkippedRow[] = [];
  for (const row of dataRows) sampleTransformer.push(row, longSample, skippedSample);
  sampleTransformer.finish(longSample);
  const collector = new DecisionCollector(plan.longMapping);
  for (const row of longSample) if (!row.problem) collector.add(row.cells);
  const layout: Layout = {
    source,
    headerRow,
    headers,
    kind,
    mapping,
    matchedProfile: profile?.name ?? null,
    firstRows,
    warnings,
    plan,
    decisions,
    shareDecisions: [],
    shareScales: {},
    dateOrder: null,
    unmappedNumeric,
    longSample,
    skippedSample,
    sampleNotes: sampleTransformer.notes(),
  };
  if (!collector.settled() && firstRows.length >= headerSearchRows + sampleRows) await collectAll(layout, collector);
  layout.shareDecisions = collector.shareDecisions(plan.longHeaders, options.shareScales as Record<string, ShareScale> | undefined);
  for (const decision of layout.shareDecisions) {
    layout.shareScales[decision.field] = decision.scale;
    decisions.push(decision.text);
    if (decision.uncertain) warnings.push(decision.text);
  }
  layout.dateOrder = isCitizenKind(kind)
    ? // citizens (issue 10): every date column is read in the Danish order unless the user chose otherwise.
      { order: options.dateOrder ?? 'day-first', chosen: Boolean(options.dateOrder), text: citizenDateOrderText(options.dateOrder ?? 'day-first', Boolean(options.dateOrder)) }
    : collector.dateOrderDecision(plan.longHeaders, options.dateOrder);
  if (layout.dateOrder) {
    decisions.push(layout.dateOrder.text);
    if (!layout.dateOrder.order) warnings.push(importWords.columns.dateOrderWarning(layout.dateOrder.text));
  }
  return layout;
}

/** The whole file, for decisions the first rows cannot settle (a share column with only small numbers). */
async function collectAll(layout: Layout, collector: DecisionCollector): Promise<void> {
  const transformer = layout.plan.createTransformer();
  const sampleEnd = layout.firstRows[layout.firstRows.length - 1]?.rowNumber ?? 0;
  const out: LongRow[] = [];
  const skipped: SkippedRow[] = [];
  await layout.source.read(({ rows }) => {
    for (const row of rows) if (row.rowNumber > sampleEnd) transformer.push(row, out, skipped);
    for (const row of out) if (!row.problem) collector.add(row.cells);
    out.length = 0;
    skipped.length = 0;
  });
  transformer.finish(out);
  for (const row of out) if (!row.problem) collector.add(row.cells);
}

const measureFieldsByKind: Record<ImportKind, FieldId[]> = {
  measurement: ['measured', 'interviewsLacking', 'interviewsWith', 'interviewsLackingShare', 'interviewsWithShare', 'offersLacking', 'offersWith', 'offersLackingShare', 'offersWithShare'],
  focus: ['measured', 'interviewsLacking', 'interviewsWith', 'interviewsLackingShare', 'interviewsWithShare', 'offersLacking', 'offersWith', 'offersLackingShare', 'offersWithShare'],
  benchmark: ['expectedCount', 'actualCount', 'differenceCount', 'expectedShare', 'actualShare', 'differencePoints', 'rank'],
  supervision: [],
  // citizens (issue 10): rows, not figures
  spells: [],
  events: [],
};

/** A file must carry at least one figure of the kind it is imported as (issue 12, item 9). */
export function hasMeasureOfKind(kind: ImportKind, plan: LayoutPlan): boolean {
  const measures = measureFieldsByKind[kind];
  return measures.length === 0 || measures.some((field) => plan.longMapping[field] !== undefined);
}

export function kindWithoutMeasures(kind: ImportKind, headers: string[], surface: Surface): string {
  const wanted = measureFieldsByKind[kind].map((field) => fieldLabels[field]);
  const found = headers.filter(Boolean).slice(0, 8).join(', ') || importWords.columns.none;
  return importWords.columns.kindWithoutMeasures(kindLabels[kind].toLocaleLowerCase('da-DK'), wanted.slice(0, 4).join(', '), found, surface);
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
  // citizens (issue 10): no CPR number is shown in full in the preview, whatever the kind (a wrongly chosen kind too).
  const shownCell = (value: unknown) => maskIdsInText(displayCell(value));
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
      .map((row) => ({ rowNumber: row.rowNumber, cells: row.cells.map(shownCell) })),
    matchedProfile: layout.matchedProfile,
    profiles,
    warnings: layout.warnings,
    layout: layout.plan.id,
    decisions: [...layout.decisions, ...layout.sampleNotes],
    shareScales: layout.shareDecisions.map((decision) => ({
      field: decision.field,
      header: layout.plan.longHeaders[layout.plan.longMapping[decision.field]!] ?? fieldLabels[decision.field],
      scale: decision.scale,
      chosen: decision.chosen,
      uncertain: decision.uncertain,
      text: decision.text,
    })),
    dateOrder: layout.dateOrder,
    measureChoice: layout.plan.measureChoice ? { fields: layout.plan.measureChoice.fields, field: layout.plan.measureChoice.field } : null,
    unmappedNumeric: layout.unmappedNumeric,
    longHeaders: layout.plan.longHeaders,
    longRows: layout.longSample
      .filter((row) => !row.problem)
      .slice(0, 12)
      .map((row) => ({ rowNumber: row.rowNumber, cells: row.cells.map(shownCell) })),
    skippedRows: layout.skippedSample.slice(0, 50),
  };
}

/**
 * The layout as the batch's record keeps it (kind, header row, mapping with the headers' names,
 * layout, sheet, scales, date order).
 */
export function describeLayout(layout: Layout): string {
  const named: Record<string, string> = {};
  for (const [field, index] of Object.entries(layout.mapping)) named[field] = layout.headers[index as number] ?? importWords.columns.unnamed(index as number);
  return JSON.stringify({
    kind: layout.kind,
    headerRow: layout.headerRow,
    mapping: layout.mapping,
    headers: named,
    layout: layout.plan.id,
    sheet: layout.source.info.sheet,
    shareScales: layout.shareScales,
    dateOrder: layout.dateOrder?.order ?? null,
  });
}
