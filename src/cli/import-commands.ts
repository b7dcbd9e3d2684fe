import type { ImportKind, ImportOptions, ImportProblem, ImportReport, SkippedImportRow } from '../shared/api';
import { importKinds, importLayouts } from '../shared/enums';
import { dispatch } from '../main/handlers';
import { previewFile } from '../main/services/import/pipeline';
import { fieldsByKind, fieldLabels, type FieldId } from '../main/services/import/fields';
import { columnLetter } from '../main/services/import/convert';
import { shareFields } from '../main/services/import/decisions';
import { FileProblem } from '../main/services/import/readers';
import { discardStaged, registerLocalFile, type StagedFile } from '../main/services/import/staging';
import type { Db } from '../main/services/store';
import { CliError, formatTable, type CliCommand, type CliIo } from './cli-context';
import { formatCount, formatDanishDateTime, importKindWords } from '../shared/words-da';
import { cliWords } from '../shared/cli-words-da';

const words = cliWords.import;

const kinds: readonly string[] = importKinds;
const layouts: readonly string[] = importLayouts; // declared once in shared/enums.ts (citizen-words, issue 15)
const allFields = [...new Set(Object.values(fieldsByKind).flat())];

/** `file:row:column: message`, the form editors and CI logs jump to; a repeated problem is one line with its count. */
function problemLine(fileName: string, problem: ImportProblem): string {
  const line = `${fileName}:${problem.row}:${problem.column || '-'}: ${problem.message}`;
  if (!problem.count || problem.count <= 1) return line;
  const rows = problem.rows ?? [];
  const shown = rows.join(', ') + (problem.count > rows.length ? ', …' : '');
  return words.problemRows(line, problem.count, shown);
}

/** "og 4.211 fejl mere" when the list is not all of them. */
function moreLine(fileName: string, problems: ImportProblem[], total: number | undefined): string | null {
  if (total === undefined) return null;
  const listed = problems.reduce((sum, problem) => sum + (problem.count ?? 1), 0);
  return total > listed ? words.moreProblems(fileName, total - listed) : null;
}

function skippedLines(fileName: string, rows: SkippedImportRow[], total: number): string[] {
  if (total === 0) return [];
  const lines = rows.slice(0, 20).map((row) => words.skippedRow(fileName, row.row, words.skippedReason[row.reason], row.text));
  if (total > lines.length) lines.push(words.moreSkipped(fileName, total - lines.length));
  return lines;
}

/** `--map FIELD=COLUMN`: the column by its header, its letter (C) or its number (3). */
function resolveColumn(spec: string, headers: string[]): number {
  const wanted = spec.trim().toLocaleLowerCase('da-DK');
  const byHeader = headers.findIndex((header) => header.trim().toLocaleLowerCase('da-DK') === wanted);
  if (byHeader >= 0) return byHeader;
  if (/^\d{1,3}$/.test(wanted)) return Number(wanted) - 1;
  if (/^[a-z]{1,2}$/.test(wanted)) {
    for (let index = 0; index < Math.max(headers.length, 702); index++) if (columnLetter(index).toLowerCase() === wanted) return index;
  }
  throw new CliError(words.noColumn(spec, headers.filter(Boolean).join(', ')), 2);
}

function pairs(values: unknown, option: string): [string, string][] {
  const list = Array.isArray(values) ? values : values === undefined ? [] : [values];
  return list.map((value) => {
    const text = String(value);
    const at = text.indexOf('=');
    if (at <= 0) throw new CliError(words.badPair(option, text), 2);
    return [text.slice(0, at).trim(), text.slice(at + 1).trim()];
  });
}

function checkField(field: string, option: string): FieldId {
  if (!allFields.includes(field as FieldId)) {
    throw new CliError(words.unknownField(option, field, allFields.map((id) => `${id} (${fieldLabels[id]})`).join(', ')), 2);
  }
  return field as FieldId;
}

/** The CLI's choices, as the preview's (issue 12: the CLI can do what the app can). */
async function optionsFor(db: Db, file: StagedFile, base: ImportOptions, maps: [string, string][]): Promise<ImportOptions> {
  if (maps.length === 0) return base;
  const preview = await previewFile(db, file, base);
  const mapping: Record<string, number> = { ...preview.mapping };
  for (const [field, column] of maps) {
    const index = resolveColumn(column, preview.headers);
    for (const [other, at] of Object.entries(mapping)) if (at === index) delete mapping[other];
    mapping[checkField(field, 'map')] = index;
  }
  return { ...base, mapping, kind: base.kind ?? preview.kind };
}

function printReport(io: CliIo, file: string, report: ImportReport): void {
  for (const decision of report.decisions) io.out(`${file}: ${decision}`);
  for (const warning of report.warnings) io.err(words.warning(file, warning));
  for (const line of skippedLines(file, report.skippedRows, report.skippedRowsTotal)) io.out(line);
}

export const importCommands: CliCommand[] = [
  {
    name: 'import',
    summary: words.summary,
    usage: words.usage,
    options: {
      kind: { type: 'string' },
      profile: { type: 'string' },
      'skip-bad-rows': { type: 'boolean' },
      json: { type: 'boolean' },
      // issue 12 (import-layouts)
      sheet: { type: 'string' },
      'header-row': { type: 'string' },
      map: { type: 'string', multiple: true },
      layout: { type: 'string' },
      measure: { type: 'string' },
      scale: { type: 'string', multiple: true },
      'date-order': { type: 'string' },
      'replace-without-figures': { type: 'boolean' },
    },
    async run({ session, io, positionals, options }) {
      if (positionals.length === 0) throw new CliError(words.noFiles, 2);
      const kind = options.kind as ImportKind | undefined;
      if (kind && !kinds.includes(kind)) throw new CliError(words.unknownKind(kind, kinds.join(', ')), 2);
      const layout = options.layout as ImportOptions['layout'];
      if (layout && !layouts.includes(layout)) throw new CliError(words.unknownLayout(layout, layouts.join(', ')), 2);
      const dateOrder = options['date-order'] as ImportOptions['dateOrder'];
      if (dateOrder && dateOrder !== 'day-first' && dateOrder !== 'month-first') throw new CliError(words.unknownDateOrder(dateOrder), 2);
      const headerRowText = options['header-row'];
      const headerRow = typeof headerRowText === 'string' ? Number(headerRowText) : undefined;
      if (headerRow !== undefined && (!Number.isInteger(headerRow) || headerRow < 1)) throw new CliError(words.badHeaderRow(headerRowText), 2);
      const shareScales: Record<string, 'percent' | 'fraction'> = {};
      for (const [field, scale] of pairs(options.scale, 'scale')) {
        if (!shareFields.includes(checkField(field, 'scale'))) throw new CliError(words.notAShare(field, shareFields.join(', ')), 2);
        if (scale !== 'percent' && scale !== 'fraction') throw new CliError(words.badScale(field, scale), 2);
        shareScales[field] = scale;
      }
      const measure = typeof options.measure === 'string' ? checkField(options.measure, 'measure') : undefined;
      const maps = pairs(options.map, 'map');
      const baseOptions: ImportOptions & { skipBadRows?: boolean } = {
        kind,
        profile: typeof options.profile === 'string' ? options.profile : undefined,
        skipBadRows: options['skip-bad-rows'] === true,
        sheet: typeof options.sheet === 'string' ? options.sheet : undefined,
        headerRow,
        layout,
        dateOrder,
        wideMeasure: measure,
        shareScales: Object.keys(shareScales).length > 0 ? shareScales : undefined,
        replaceWithoutFigures: options['replace-without-figures'] === true,
      };
      const results: { file: string; ok: boolean; report?: ImportReport; error?: { code: string; message: string; problems: ImportProblem[] } }[] = [];
      for (const filePath of positionals) {
        try {
          const file = registerLocalFile(filePath);
          try {
            // The app's own path: the import worker on its own connection, the one Danish error mapping (issue 14).
            const { skipBadRows, ...rest } = { ...(await optionsFor(session.db, file, baseOptions, maps)), skipBadRows: baseOptions.skipBadRows };
            const envelope = await dispatch(session, 'import.run', { fileId: file.fileId, options: rest, skipBadRows });
            if (envelope.ok) results.push({ file: filePath, ok: true, report: envelope.value as ImportReport });
            else {
              const problems = Array.isArray(envelope.error.details) ? (envelope.error.details as ImportProblem[]) : [];
              results.push({ file: filePath, ok: false, error: { code: envelope.error.code, message: envelope.error.message, problems } });
            }
          } finally {
            discardStaged(file.fileId);
          }
        } catch (error) {
          if (!(error instanceof FileProblem)) throw error;
          const problems = Array.isArray(error.details) ? (error.details as ImportProblem[]) : [];
          results.push({ file: filePath, ok: false, error: { code: error.code, message: error.message, problems } });
        }
      }
      const allOk = results.every((result) => result.ok);
      if (options.json) {
        io.out(JSON.stringify({ ok: allOk, files: results }, null, 2));
        return allOk ? 0 : 1;
      }
      const imported = results.filter((result) => result.ok);
      if (imported.length > 0) {
        io.out(
          formatTable(
            words.reportColumns,
            imported.map(({ file, report: r }) => [file, r!.batchId, importKindWords[r!.kind] ?? r!.kind, r!.rowsRead, r!.rowsImported, r!.rowsSkipped, r!.rowsReplaced, r!.skippedRowsTotal]),
          ),
        );
        for (const { file, report } of imported) printReport(io, file, report!);
        for (const { file, report } of imported) {
          for (const problem of report!.skippedProblems) io.err(problemLine(file, problem));
          const more = moreLine(file, report!.skippedProblems, report!.problemsTotal);
          if (more) io.err(more);
        }
      }
      for (const result of results) {
        if (result.ok || !result.error) continue;
        if (result.error.problems.length === 0) io.err(`${result.file}:0:-: ${result.error.message}`);
        for (const problem of result.error.problems) io.err(problemLine(result.file, problem));
        // The closing message says "og N fejl mere" when the list is not all of them.
        if (result.error.problems.length > 0) io.err(`${result.file}: ${result.error.message}`);
      }
      return allOk ? 0 : 1;
    },
  },
  // danish-finish (issue 11 item 5): the list of imports, undone ones marked with who and when; undo by number.
  {
    name: 'imports',
    summary: words.importsSummary,
    usage: words.importsUsage,
    options: { undo: { type: 'string' }, json: { type: 'boolean' } },
    async run({ call, io, options }) {
      if (typeof options.undo === 'string') {
        const batchId = Number(options.undo);
        if (!Number.isInteger(batchId) || batchId < 1) throw new CliError(words.badUndo(options.undo), 2);
        const result = await call('import.undo', { batchId });
        if (options.json) io.out(JSON.stringify(result, null, 2));
        else io.out(words.undone(batchId, result.removedRows));
        return 0;
      }
      const batches = await call('import.history');
      if (options.json) {
        io.out(JSON.stringify(batches, null, 2));
        return 0;
      }
      if (batches.length === 0) {
        io.out(words.nothingImported);
        return 0;
      }
      io.out(
        formatTable(
          words.historyColumns,
          batches.map((batch) => [
            batch.id,
            batch.isDemo ? words.demoFile(batch.fileName) : batch.fileName,
            importKindWords[batch.kind] ?? words.otherKind,
            formatCount(batch.rowsImported),
            formatCount(batch.currentRows),
            formatDanishDateTime(batch.importedAt),
            batch.importedBy,
            batch.undoneAt ? words.undoneBy(formatDanishDateTime(batch.undoneAt), batch.undoneBy ?? '') : words.active,
          ]),
        ),
      );
      return 0;
    },
  },
];
