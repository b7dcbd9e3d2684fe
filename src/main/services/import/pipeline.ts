import { batchTouchesCitizens, rebuildCitizenDerived } from '../citizens/rebuild'; // cit-engine (issue 10)
import crypto from 'node:crypto';
import type { Surface } from '../../../shared/enums';
import fs from 'node:fs';
import type {
  EarlierImport,
  ImportBatchRow,
  ImportOptions,
  ImportPreview,
  ImportReport,
  ValidationReport,
} from '../../../shared/api/import';
import { formatDanishDateTime } from '../../../shared/words-da';
import { backupDatabase, currentUserName, nowIso, setSetting, type Db } from '../store';
import type { ConvertedRow } from './convert';
import { readRows, type ReadSummary, type RowsBatch } from './read-rows';
import { encodingLabels } from './encoding';
import { fieldLabels, headerSignature, type Mapping } from './fields';
import { describeLayout, hasMeasureOfKind, kindWithoutMeasures, missingRequired, previewOf, resolveLayout, type Layout } from './layout';
import { rowsLosingFigures } from './replace-guard';
import { checkFileSize, FileProblem } from './readers';
import { deleteBatchRows } from './bulk-indexes';
import type { StagedFile } from './staging';
import { beginBatch, type BatchWriter } from './writer';
// citizens (issue 10)
import { isCitizenKind } from './citizen-fields';
import { refuseOverlap } from './citizen-overlap';
import { importWords } from '../../../shared/import-words-da';

export interface ProgressPayload {
  importId: string;
  phase: string;
  rowsDone: number;
  rowsTotal: number | null;
}

interface RunHooks {
  importId?: string;
  onProgress?(payload: ProgressPayload): void;
  /** Database file, for the backup taken before an import into a store that has data. */
  databasePath?: string;
  /** Who reads the messages: the CLI's name its options, the app's the preview (issue 12). */
  surface?: Surface;
}

const insertRun = 100_000;
const cancelled = new Set<string>();
const running = new Set<string>();
let importInProgress = false;

/**
 * An import keeps one transaction open across its async batches, on the one connection every
 * handler shares: any other write in that time would join it and be rolled back with a cancel.
 */
export function isImportInProgress(): boolean {
  return importInProgress;
}

export function cancelImport(importId: string): boolean {
  if (!running.has(importId)) return false;
  cancelled.add(importId);
  return true;
}

async function sha256OfFile(filePath: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function findEarlierImport(db: Db, sha256: string): EarlierImport | null {
  // danish-finish: an undone batch keeps its record but not its data, so its file may be read again.
  const row = db.prepare('SELECT id, file_name, imported_at FROM import_batch WHERE sha256 = ? AND undone_at IS NULL').get(sha256) as
    | { id: number; file_name: string; imported_at: string }
    | undefined;
  return row ? { batchId: row.id, fileName: row.file_name, importedAt: row.imported_at } : null;
}

function duplicateMessage(earlier: EarlierImport): string {
  return importWords.run.alreadyImported(earlier.fileName, formatDanishDateTime(earlier.importedAt), earlier.batchId);
}

function statSize(file: StagedFile): number {
  try {
    return fs.statSync(file.filePath).size;
  } catch {
    throw new FileProblem('not-found', importWords.file.unreadable(file.fileName));
  }
}

export async function previewFile(db: Db, file: StagedFile, options: ImportOptions = {}): Promise<ImportPreview> {
  checkFileSize(statSize(file));
  const layout = await resolveLayout(db, file, options);
  const profiles = (db.prepare('SELECT name FROM mapping_profile ORDER BY name').all() as { name: string }[]).map((row) => row.name);
  return {
    fileId: file.fileId,
    fileName: file.fileName,
    size: file.size,
    ...previewOf(layout, profiles),
    duplicateOf: findEarlierImport(db, await sha256OfFile(file.filePath)),
  };
}

function readerLabel(layout: Layout): string {
  const { info } = layout.source;
  const parts: string[] = [info.format];
  if (info.encoding) parts.push(encodingLabels[info.encoding]);
  if (info.delimiter) parts.push(info.delimiter === '\t' ? 'tabulator' : `"${info.delimiter}"`);
  if (info.sheet) parts.push(`ark "${info.sheet}"`);
  return parts.join(', ');
}

function requireColumns(layout: Layout, surface: Surface = 'app'): void {
  const missing = missingRequired(layout.kind, layout.plan.longMapping);
  const found = layout.headers.filter(Boolean).slice(0, 8).join(', ') || importWords.columns.none;
  const sheet = layout.source.info.sheet ? importWords.columns.sheet(layout.source.info.sheet) : '';
  if (missing.length > 0 && Object.keys(layout.mapping).length === 0) {
    throw new FileProblem(
      'no-known-columns',
      importWords.columns.noneKnown(sheet, layout.headerRow, found, surface),
    );
  }
  if (missing.length > 0) {
    throw new FileProblem(
      'missing-columns',
      importWords.columns.missing(missing.map((field) => fieldLabels[field]).join(', '), sheet, layout.headerRow, found, surface),
    );
  }
  if (layout.plan.measureChoice?.problem) {
    throw new FileProblem('wide-measure', importWords.columns.chooseMeasure(layout.plan.measureChoice.problem, surface));
  }
  if (!hasMeasureOfKind(layout.kind, layout.plan)) throw new FileProblem('kind-without-measures', kindWithoutMeasures(layout.kind, layout.headers, surface));
  if (layout.dateOrder && !layout.dateOrder.order) {
    throw new FileProblem(
      'date-order',
      importWords.columns.chooseDateOrder(layout.dateOrder.text, surface),
    );
  }
}

/** "og 4.211 fejl mere" when not every problem is listed. */
function moreProblems(pass: Pass): string {
  const listed = pass.problems.reduce((sum, problem) => sum + (problem.count ?? 1), 0);
  const more = pass.problemsTotal - listed;
  return more > 0 ? importWords.run.moreProblems(listed, more) : '';
}

interface Pass extends ReadSummary {
  writer: BatchWriter | null;
}

/**
 * Reads every row once (`read-rows.ts`: lays out, converts, validates, checks duplicate keys) and,
 * when a writer is given, inserts the good rows inside the file's transaction. Yields between
 * batches so progress events go out and a cancel can arrive.
 */
async function readAll(
  db: Db,
  layout: Layout,
  importId: string,
  phase: string,
  hooks: RunHooks,
  startWriter: () => BatchWriter | null,
): Promise<Pass> {
  const writer = startWriter();
  let pending: ConvertedRow[] = [];
  const onBatch = async ({ good, rowsRead, fraction }: RowsBatch) => {
    if (writer) {
      // Bigger sorted runs keep the B-tree inserts closer to sequential (citizen rows: the writer says how many, citizen-writer.ts).
      for (const row of good) pending.push(row);
      if (pending.length >= (writer.runSize?.() ?? insertRun)) {
        writer.insert(pending, fraction);
        pending = [];
      }
    }
    const estimate = fraction && fraction > 0 ? Math.round(rowsRead / fraction) : null;
    hooks.onProgress?.({ importId, phase, rowsDone: rowsRead, rowsTotal: fraction === 1 ? rowsRead : estimate });
    // Let progress events out and a cancel in.
    await new Promise((resolve) => setImmediate(resolve));
    if (cancelled.has(importId)) throw new FileProblem('cancelled', importWords.run.cancelled);
  };
  const summary = await readRows(db, layout, onBatch);
  if (writer && pending.length > 0) writer.insert(pending, 1);
  return { ...summary, writer };
}

/** The decisions the report repeats: layout, sheet, scales, date order, filled-down labels. */
function decisionsOf(layout: Layout, pass: Pass): string[] {
  return [...layout.decisions, ...pass.notes];
}

export async function validateFile(db: Db, file: StagedFile, options: ImportOptions = {}, hooks: RunHooks = {}): Promise<ValidationReport> {
  checkFileSize(statSize(file));
  const layout = await resolveLayout(db, file, options);
  requireColumns(layout, hooks.surface);
  const importId = hooks.importId ?? crypto.randomUUID();
  running.add(importId);
  try {
    const pass = await readAll(db, layout, importId, 'validating', hooks, () => null);
    if (pass.rowsRead === 0) throw new FileProblem('no-rows', importWords.run.noRows);
    return {
      fileId: file.fileId,
      fileName: file.fileName,
      kind: layout.kind,
      rowsRead: pass.rowsRead,
      rowsValid: pass.rowsValid,
      rowsWithProblems: pass.rowsWithProblems,
      problems: pass.problems,
      problemsTotal: pass.problemsTotal,
      duplicateOf: findEarlierImport(db, await sha256OfFile(file.filePath)),
      decisions: decisionsOf(layout, pass),
      warnings: layout.warnings,
      skippedRows: pass.skippedRows,
      skippedRowsTotal: pass.skippedRowsTotal,
    };
  } finally {
    running.delete(importId);
    cancelled.delete(importId);
  }
}

export async function importFile(
  db: Db,
  file: StagedFile,
  options: ImportOptions & { skipBadRows?: boolean } = {},
  hooks: RunHooks = {},
): Promise<ImportReport> {
  const started = Date.now();
  const size = statSize(file);
  checkFileSize(size);
  if (importInProgress) throw new FileProblem('busy', importWords.run.busy);
  importInProgress = true;
  const importId = hooks.importId ?? crypto.randomUUID();
  running.add(importId);
  let writer: BatchWriter | null = null;
  try {
    const sha256 = await sha256OfFile(file.filePath);
    const earlier = findEarlierImport(db, sha256);
    if (earlier) throw new FileProblem('duplicate-file', duplicateMessage(earlier));
    const layout = await resolveLayout(db, file, options);
    requireColumns(layout, hooks.surface);
    let backupPath: string | null = null;
    const hasData = db.prepare('SELECT 1 FROM import_batch WHERE undone_at IS NULL LIMIT 1').get();
    if (hasData && hooks.databasePath) backupPath = backupDatabase(db, hooks.databasePath, 'before-import');
    const importedAt = nowIso();
    const pass = await readAll(db, layout, importId, 'importing', hooks, () => {
      writer = beginBatch(db, {
        fileName: file.fileName,
        fileSize: size,
        sha256,
        kind: layout.kind,
        reader: readerLabel(layout),
        mappingJson: describeLayout(layout),
        importedAt,
        importedBy: currentUserName(),
      });
      return writer;
    });
    const activeWriter = pass.writer!;
    if (pass.rowsRead === 0) throw new FileProblem('no-rows', importWords.run.noRowsStored);
    if (pass.rowsWithProblems > 0 && !options.skipBadRows) {
      throw new FileProblem(
        'invalid-rows',
        `${importWords.run.invalidRows(pass.rowsWithProblems, pass.rowsRead, hooks.surface)}${moreProblems(pass)}`,
        pass.problems,
      );
    }
    if (pass.rowsValid === 0) throw new FileProblem('no-valid-rows', importWords.run.noValidRows, pass.problems);
    // citizens (issue 10): spells already stored from an earlier file are never silently doubled.
    // cit-import (issue 10): the indexes dropped for the bulk insert are built before anything reads the rows.
    activeWriter.endInserts();
    if (isCitizenKind(layout.kind)) refuseOverlap(db, activeWriter.batchId, hooks.surface);
    if (!options.replaceWithoutFigures) {
      const lost = rowsLosingFigures(db, layout.kind, activeWriter.batchId);
      if (lost.rows > 0) {
        const figures = lost.figures.map((figure) => figure.name).join(', ');
        throw new FileProblem(
          'would-lose-figures',
          importWords.run.wouldLoseFigures(lost.rows, figures, hooks.surface),
          { lostFigures: lost },
        );
      }
    }
    hooks.onProgress?.({ importId, phase: 'committing', rowsDone: pass.rowsRead, rowsTotal: pass.rowsRead });
    const replacedFrom = activeWriter.replaced();
    const rowsReplaced = replacedFrom.reduce((sum, entry) => sum + entry.rows, 0);
    const report: ImportReport = {
      batchId: activeWriter.batchId,
      fileName: file.fileName,
      kind: layout.kind,
      rowsRead: pass.rowsRead,
      rowsImported: pass.rowsValid,
      rowsSkipped: pass.rowsWithProblems,
      rowsReplaced,
      replacedFrom,
      skippedProblems: pass.problems,
      durationMs: 0,
      backupPath,
      decisions: decisionsOf(layout, pass),
      warnings: layout.warnings,
      skippedRows: pass.skippedRows,
      skippedRowsTotal: pass.skippedRowsTotal,
      problemsTotal: pass.problemsTotal,
    };
    activeWriter.commit({
      rowsRead: pass.rowsRead,
      rowsImported: pass.rowsValid,
      rowsSkipped: pass.rowsWithProblems,
      rowsReplaced,
      reportJson: JSON.stringify({
        replacedFrom,
        skippedProblems: pass.problems,
        problemsTotal: pass.problemsTotal,
        warnings: layout.warnings,
        decisions: report.decisions,
        skippedRows: pass.skippedRows,
        skippedRowsTotal: pass.skippedRowsTotal,
      }),
    });
    writer = null;
    report.durationMs = Date.now() - started;
    hooks.onProgress?.({ importId, phase: 'done', rowsDone: pass.rowsRead, rowsTotal: pass.rowsRead });
    return report;
  } catch (error) {
    (writer as BatchWriter | null)?.rollback();
    hooks.onProgress?.({ importId, phase: error instanceof FileProblem && error.code === 'cancelled' ? 'cancelled' : 'failed', rowsDone: 0, rowsTotal: null });
    throw error;
  } finally {
    importInProgress = false;
    running.delete(importId);
    cancelled.delete(importId);
  }
}

export function listBatches(db: Db): ImportBatchRow[] {
  const current = new Map<number, number>();
  const tally = (sql: string) => {
    for (const row of db.prepare(sql).all() as { batchId: number; rows: number }[]) current.set(row.batchId, (current.get(row.batchId) ?? 0) + row.rows);
  };
  tally('SELECT batch_id AS batchId, COUNT(*) AS rows FROM measurement_current GROUP BY batch_id');
  for (const [table, keys] of [
    ['benchmark', 'municipality_code, group_label, period'],
    ['focus_measurement', 'municipality_code, group_label, period'],
  ] as const) {
    tally(`SELECT batch_id AS batchId, COUNT(*) AS rows FROM ${table} t WHERE batch_id = (SELECT MAX(batch_id) FROM ${table} o WHERE (${keys
      .split(', ')
      .map((key) => `o.${key} = t.${key}`)
      .join(' AND ')})) GROUP BY batch_id`);
  }
  tally('SELECT batch_id AS batchId, COUNT(*) AS rows FROM supervision_entry WHERE batch_id IS NOT NULL AND removed_at IS NULL GROUP BY batch_id');
  // citizens (issue 10): citizen rows are never replaced by a later file, so all of a batch's rows are current
  // until it is undone (its rows are gone then).
  tally("SELECT id AS batchId, rows_imported AS rows FROM import_batch WHERE kind IN ('spells', 'events') AND undone_at IS NULL");
  const rows = db
    .prepare(
      `SELECT id, file_name AS fileName, file_size AS fileSize, sha256, kind, reader, rows_read AS rowsRead, rows_imported AS rowsImported,
              rows_skipped AS rowsSkipped, rows_replaced AS rowsReplaced, imported_at AS importedAt, imported_by AS importedBy, is_demo AS isDemo,
              undone_at AS undoneAt, undone_by AS undoneBy
       FROM import_batch ORDER BY id DESC`,
    )
    .all() as (Omit<ImportBatchRow, 'isDemo' | 'currentRows'> & { isDemo: number })[];
  return rows.map((row) => ({ ...row, isDemo: row.isDemo === 1, currentRows: current.get(row.id) ?? 0 }));
}

/** Every table whose rows point to an import batch (the fact tables, citizen rows included), read from the schema. */
function batchTables(db: Db): string[] {
  return (
    db
      .prepare(
        `SELECT DISTINCT m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) f
         WHERE m.type = 'table' AND f."table" = 'import_batch' AND f."from" = 'batch_id' ORDER BY m.name`,
      )
      .all() as { name: string }[]
  )
    .map((row) => row.name)
    .filter((name) => /^[a-z_]+$/.test(name));
}

/**
 * Undo: the batch's rows go and older rows become current again. The batch's record stays in the
 * history, marked as undone with who and when (danish-finish, issue 11 item 5); the demo batch is
 * the demo data and goes entirely, as "Fjern demodata" does.
 */
export function removeBatch(db: Db, batchId: number): number {
  if (importInProgress) throw new FileProblem('busy', importWords.run.busyUndo);
  return db.transaction(() => {
    const exists = db.prepare('SELECT is_demo, undone_at FROM import_batch WHERE id = ?').get(batchId) as { is_demo: number; undone_at: string | null } | undefined;
    if (!exists) throw new FileProblem('not-found', importWords.run.batchNotFound(batchId));
    if (exists.undone_at !== null) {
      throw new FileProblem('not-found', importWords.run.batchUndone(batchId, formatDanishDateTime(exists.undone_at)));
    }
    const citizens = batchTouchesCitizens(db, batchId);
    let removed = 0;
    // A batch that is much of its table (5,000,000 events: 74 s row by row) is deleted with the indexes rebuilt after.
    for (const table of batchTables(db)) removed += deleteBatchRows(db, table, batchId);
    if (exists.is_demo === 1) {
      db.prepare('DELETE FROM import_batch WHERE id = ?').run(batchId);
      // Undoing the demo batch is clearing the demo data: it must not come back on the next start.
      setSetting(db, 'demoDataDismissed', '1');
    } else {
      db.prepare('UPDATE import_batch SET undone_at = ?, undone_by = ? WHERE id = ?').run(nowIso(), currentUserName(), batchId);
    }
    // cit-engine (issue 10): undoing spells or events rebuilds what was derived from them, in the same transaction.
    if (citizens) rebuildCitizenDerived(db);
    return removed;
  })();
}

export function listProfiles(db: Db) {
  return db.prepare('SELECT name, kind, created_at AS createdAt FROM mapping_profile ORDER BY name').all() as {
    name: string;
    kind: Layout['kind'];
    createdAt: string;
  }[];
}

/** Saves the mapping the user confirmed for this file's headers, offered again for files with the same headers. */
export async function saveProfile(db: Db, name: string, file: StagedFile, options: ImportOptions = {}): Promise<void> {
  const layout = await resolveLayout(db, file, { ...options, profile: undefined });
  db.prepare(
    `INSERT INTO mapping_profile (name, kind, header_signature, mapping_json, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, header_signature = excluded.header_signature, mapping_json = excluded.mapping_json, created_at = excluded.created_at`,
  ).run(name, layout.kind, headerSignature(layout.headers), JSON.stringify(layout.mapping satisfies Mapping), nowIso());
}

