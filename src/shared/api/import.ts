import { z } from 'zod';
import { defineCall } from '../contract';
import { dateOrders, importDelimiters, importEncodings, importKinds, importLayouts, shareScales, type DateOrder, type ImportLayout, type SkippedReason, type ShareScale, type ImportDelimiter, type ImportEncoding, type ImportFormat, type ImportKind } from '../enums';

export type { ImportDelimiter, ImportEncoding, ImportFormat, ImportKind };

/** Everything the preview detects, each changeable by the user; absent = detect. */
export interface ImportOptions {
  encoding?: ImportEncoding;
  delimiter?: ImportDelimiter;
  sheet?: string;
  /** The header row as numbered in Excel (1-based). */
  headerRow?: number;
  kind?: ImportKind;
  /** Field id → column index (0-based); replaces the detected mapping when given. */
  mapping?: Record<string, number>;
  /** A saved mapping profile to apply. */
  profile?: string;
  // --- issue 12 (import-layouts): layout, scale, date order, replace guard ---
  /** How the table is laid out; absent = detect. */
  layout?: ImportLayout;
  /** Share field id → how its numbers are written; absent = decided from the column's values. */
  shareScales?: Record<string, ShareScale>;
  /** Day/month order of date text in the period column; absent = decided from its values. */
  dateOrder?: DateOrder;
  /** A wide sheet without a measure column: the field its numbers are. */
  wideMeasure?: string;
  /** Store rows even when they lack figures that the current rows for the same keys have. */
  replaceWithoutFigures?: boolean;
}

// --- issue 12 (import-layouts) ---
export type { ImportLayout, ShareScale, DateOrder } from '../enums'; // declared once in enums.ts (citizen-words, issue 15)

/** A row left out on purpose: a note under the table or a total row. */
export interface SkippedImportRow {
  row: number;
  reason: SkippedReason;
  text: string;
}

/** How one share column's numbers are read, and why. */
export interface ShareScaleDecision {
  field: string;
  header: string;
  scale: ShareScale;
  chosen: boolean;
  uncertain: boolean;
  text: string;
}

export interface EarlierImport {
  batchId: number;
  fileName: string;
  importedAt: string;
}

export interface ImportPreview {
  fileId: string;
  fileName: string;
  size: number;
  format: ImportFormat;
  encoding: ImportEncoding | null;
  delimiter: ImportDelimiter | null;
  sheetNames: string[];
  sheet: string | null;
  headerRow: number;
  headers: string[];
  kind: ImportKind;
  /** Field id → column index. */
  mapping: Record<string, number>;
  /** The fields of `kind`, in order; `required` ones must be mapped. */
  fields: { id: string; required: boolean }[];
  /** The first data rows as text, as parsed. */
  sampleRows: { rowNumber: number; cells: string[] }[];
  /** A saved profile for files with these headers, if any (already applied when `profile` was not given). */
  matchedProfile: string | null;
  profiles: string[];
  duplicateOf: EarlierImport | null;
  /** Things the user should know, in Danish (e.g. a required field that matched no column). */
  warnings: string[];
  // --- issue 12 (import-layouts) ---
  layout: ImportLayout;
  /** What was decided about the file (sheet, layout, scale, date order, filled-down labels), in Danish. */
  decisions: string[];
  shareScales: ShareScaleDecision[];
  /** The period column's date order; `order` null = undecided, the user must choose. */
  dateOrder: { order: DateOrder | null; chosen: boolean; text: string } | null;
  /** A wide sheet without a measure column: which field its numbers are (`field` null = the user must choose). */
  measureChoice: { fields: string[]; field: string | null } | null;
  /** Columns with numbers that no field is mapped to (shown, never dropped silently). */
  unmappedNumeric: { index: number; header: string }[];
  /** The first rows as they will be stored (after unpivoting and filling down). */
  longHeaders: string[];
  longRows: { rowNumber: number; cells: string[] }[];
  /** Rows in the first part of the file that are left out on purpose. */
  skippedRows: SkippedImportRow[];
}

/** One problem, where the user finds it in Excel. */
export interface ImportProblem {
  row: number;
  /** Excel column letter (`C`), empty when the whole row is wrong. */
  column: string;
  /** The column's header, when known. */
  header: string | null;
  message: string;
  /** issue 12: the same problem in more rows (summarised as one line); `rows` lists the first of them. */
  count?: number;
  rows?: number[];
}

export interface ValidationReport {
  fileId: string;
  fileName: string;
  kind: ImportKind;
  rowsRead: number;
  rowsValid: number;
  rowsWithProblems: number;
  /** At most 1,000 problems; `problemsTotal` counts all. */
  problems: ImportProblem[];
  problemsTotal: number;
  duplicateOf: EarlierImport | null;
  // --- issue 12 (import-layouts) ---
  decisions: string[];
  warnings: string[];
  skippedRows: SkippedImportRow[];
  skippedRowsTotal: number;
}

export interface ImportReport {
  batchId: number;
  fileName: string;
  kind: ImportKind;
  rowsRead: number;
  rowsImported: number;
  rowsSkipped: number;
  rowsReplaced: number;
  /** Which earlier imports the replaced rows came from. */
  replacedFrom: { batchId: number; fileName: string; rows: number }[];
  /** The skipped rows' problems (at most 1,000 kept). */
  skippedProblems: ImportProblem[];
  durationMs: number;
  backupPath: string | null;
  // --- issue 12 (import-layouts) ---
  decisions: string[];
  warnings: string[];
  /** Notes and total rows left out on purpose (at most 1,000 listed). */
  skippedRows: SkippedImportRow[];
  skippedRowsTotal: number;
  /** All problems of the skipped rows, when more than were kept. */
  problemsTotal: number;
}

export interface ImportBatchRow {
  id: number;
  fileName: string;
  fileSize: number;
  sha256: string;
  kind: string;
  reader: string;
  rowsRead: number;
  rowsImported: number;
  rowsSkipped: number;
  rowsReplaced: number;
  importedAt: string;
  importedBy: string;
  isDemo: boolean;
  /** Rows of this batch that are the current value of their key (a newer batch replaces). */
  currentRows: number;
  /** danish-finish (issue 11): when and by whom the import was undone; its rows are gone, the record stays. */
  undoneAt: string | null;
  undoneBy: string | null;
}

export interface SupervisionEntryRow {
  id: number;
  municipalityCode: number;
  municipalityName: string;
  periodFrom: string;
  periodTo: string | null;
  note: string | null;
  batchId: number | null;
  createdAt: string;
  createdBy: string;
}

const kind = z.enum(importKinds);
const importOptionsSchema = z
  .object({
    encoding: z.enum(importEncodings).optional(),
    delimiter: z.enum(importDelimiters).optional(),
    sheet: z.string().max(200).optional(),
    // import-readers: 0 is the virtual header row of an NDJSON file (its data rows are numbered by line).
    headerRow: z.number().int().min(0).max(1000).optional(),
    kind: kind.optional(),
    mapping: z.record(z.string().max(40), z.number().int().min(0).max(1000)).optional(),
    profile: z.string().max(200).optional(),
    // issue 12 (import-layouts)
    layout: z.enum(importLayouts).optional(),
    shareScales: z.record(z.string().max(40), z.enum(shareScales)).optional(),
    dateOrder: z.enum(dateOrders).optional(),
    wideMeasure: z.string().max(40).optional(),
    replaceWithoutFigures: z.boolean().optional(),
  })
  .strict();
const fileId = z.string().regex(/^[a-f0-9-]{8,64}$/);
const importId = z.string().min(1).max(100);

export const importContract = {
  /** Starts an upload: the renderer reads the picked file and sends its bytes in chunks. */
  'import.upload.begin': defineCall<{ uploadId: string }>()(z.object({ fileName: z.string().min(1).max(500), size: z.number().int().min(0) }).strict()),
  'import.upload.chunk': defineCall<{ received: number }>()(
    z.object({ uploadId: fileId, offset: z.number().int().min(0), base64: z.string().max(48 * 1024 * 1024) }).strict(),
  ),
  'import.upload.finish': defineCall<{ fileId: string; fileName: string; size: number }>()(z.object({ uploadId: fileId }).strict()),
  'import.discard': defineCall<{ discarded: boolean }>()(z.object({ fileId }).strict()),
  'import.preview': defineCall<ImportPreview>()(z.object({ fileId, options: importOptionsSchema.optional() }).strict()),
  'import.validate': defineCall<ValidationReport>()(z.object({ fileId, options: importOptionsSchema.optional() }).strict()),
  'import.run': defineCall<ImportReport>()(
    z.object({ fileId, options: importOptionsSchema.optional(), skipBadRows: z.boolean().optional(), importId: importId.optional() }).strict(),
    { writes: true },
  ),
  'import.cancel': defineCall<{ cancelled: boolean }>()(z.object({ importId }).strict()),
  'import.history': defineCall<ImportBatchRow[]>()(z.object({}).strict().optional()),
  'import.undo': defineCall<{ batchId: number; removedRows: number }>()(z.object({ batchId: z.number().int().min(1) }).strict(), { writes: true }),
  'import.profiles.list': defineCall<{ name: string; kind: ImportKind; createdAt: string }[]>()(z.object({}).strict().optional()),
  'import.profiles.save': defineCall<{ name: string }>()(
    z.object({ name: z.string().trim().min(1).max(100), fileId, options: importOptionsSchema.optional() }).strict(),
    { writes: true },
  ),
  'supervision.list': defineCall<SupervisionEntryRow[]>()(z.object({}).strict().optional()),
  'supervision.add': defineCall<SupervisionEntryRow>()(
    z
      .object({
        municipality: z.union([z.number().int(), z.string().min(1).max(100)]),
        periodFrom: z.string().min(1).max(40),
        periodTo: z.string().max(40).nullable().optional(),
        note: z.string().max(2000).nullable().optional(),
      })
      .strict(),
    { writes: true },
  ),
  'supervision.remove': defineCall<{ removed: boolean }>()(z.object({ id: z.number().int().min(1) }).strict(), { writes: true }),
};
