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
import { formatDanishDateTime, importKindWords } from '../shared/words-da';

const kinds: readonly string[] = importKinds;
const layouts: readonly string[] = importLayouts; // declared once in shared/enums.ts (citizen-words, issue 15)
const allFields = [...new Set(Object.values(fieldsByKind).flat())];

/** `file:row:column: message`, the form editors and CI logs jump to; a repeated problem is one line with its count. */
function problemLine(fileName: string, problem: ImportProblem): string {
  const line = `${fileName}:${problem.row}:${problem.column || '-'}: ${problem.message}`;
  if (!problem.count || problem.count <= 1) return line;
  const rows = problem.rows ?? [];
  const shown = rows.join(', ') + (problem.count > rows.length ? ', …' : '');
  return `${line} (${problem.count.toLocaleString('da-DK')} rækker: ${shown})`;
}

/** "og 4.211 fejl mere" when the list is not all of them. */
function moreLine(fileName: string, problems: ImportProblem[], total: number | undefined): string | null {
  if (total === undefined) return null;
  const listed = problems.reduce((sum, problem) => sum + (problem.count ?? 1), 0);
  return total > listed ? `${fileName}: og ${(total - listed).toLocaleString('da-DK')} fejl mere` : null;
}

function skippedLines(fileName: string, rows: SkippedImportRow[], total: number): string[] {
  if (total === 0) return [];
  const reason = { note: 'note/kilde under tabellen', total: 'total-række' };
  const lines = rows.slice(0, 20).map((row) => `${fileName}:${row.row}: sprunget over med vilje (${reason[row.reason]}): ${row.text}`);
  if (total > lines.length) lines.push(`${fileName}: og ${(total - lines.length).toLocaleString('da-DK')} rækker mere sprunget over med vilje`);
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
  throw new CliError(`--map: kolonnen "${spec}" findes ikke. Overskrifterne er: ${headers.filter(Boolean).join(', ')}. Angiv overskriften, bogstavet (C) eller nummeret (3).`, 2);
}

function pairs(values: unknown, option: string): [string, string][] {
  const list = Array.isArray(values) ? values : values === undefined ? [] : [values];
  return list.map((value) => {
    const text = String(value);
    const at = text.indexOf('=');
    if (at <= 0) throw new CliError(`--${option} skal skrives FELT=VÆRDI, fx --${option} interviewsLacking=D (fik "${text}").`, 2);
    return [text.slice(0, at).trim(), text.slice(at + 1).trim()];
  });
}

function checkField(field: string, option: string): FieldId {
  if (!allFields.includes(field as FieldId)) {
    throw new CliError(`--${option}: ukendt felt "${field}". Felterne er: ${allFields.map((id) => `${id} (${fieldLabels[id]})`).join(', ')}.`, 2);
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
  for (const warning of report.warnings) io.err(`${file}: advarsel: ${warning}`);
  for (const line of skippedLines(file, report.skippedRows, report.skippedRowsTotal)) io.out(line);
}

export const importCommands: CliCommand[] = [
  {
    name: 'import',
    summary: 'Indlæs Excel-, CSV- og JSON-filer (målinger, resultatmål, fokusmål, skærpet tilsyn, borgeres forløb og hændelser)',
    usage:
      'indsatsmonitor import <filer…> [--kind measurement|benchmark|focus|supervision|spells|events] [--profile NAVN] [--sheet ARK] [--header-row N] ' +
      '[--map FELT=KOLONNE …] [--layout long|wide|blocks|spell-events] [--measure FELT] [--scale FELT=percent|fraction …] [--date-order day-first|month-first] ' +
      '[--replace-without-figures] [--skip-bad-rows] [--json] [--db FIL]',
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
      if (positionals.length === 0) throw new CliError('Angiv mindst én fil. Brug: indsatsmonitor import <filer…>', 2);
      const kind = options.kind as ImportKind | undefined;
      if (kind && !kinds.includes(kind)) throw new CliError(`Ukendt --kind "${kind}"; vælg en af ${kinds.join(', ')}.`, 2);
      const layout = options.layout as ImportOptions['layout'];
      if (layout && !layouts.includes(layout)) throw new CliError(`Ukendt --layout "${layout}"; vælg en af ${layouts.join(', ')}.`, 2);
      const dateOrder = options['date-order'] as ImportOptions['dateOrder'];
      if (dateOrder && dateOrder !== 'day-first' && dateOrder !== 'month-first') throw new CliError(`Ukendt --date-order "${dateOrder}"; vælg day-first eller month-first.`, 2);
      const headerRowText = options['header-row'];
      const headerRow = typeof headerRowText === 'string' ? Number(headerRowText) : undefined;
      if (headerRow !== undefined && (!Number.isInteger(headerRow) || headerRow < 1)) throw new CliError(`--header-row skal være et rækkenummer (1, 2, …), ikke "${headerRowText}".`, 2);
      const shareScales: Record<string, 'percent' | 'fraction'> = {};
      for (const [field, scale] of pairs(options.scale, 'scale')) {
        if (!shareFields.includes(checkField(field, 'scale'))) throw new CliError(`--scale: "${field}" er ikke en andel. Andelene er: ${shareFields.join(', ')}.`, 2);
        if (scale !== 'percent' && scale !== 'fraction') throw new CliError(`--scale ${field}=… skal være percent (15,61) eller fraction (0,1561), ikke "${scale}".`, 2);
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
            ['Fil', 'Indlæsning', 'Art', 'Læst', 'Indlæst', 'Sprunget over', 'Erstattet', 'Med vilje udeladt'],
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
    summary: 'Vis indlæsningerne (også fortrudte, med hvem og hvornår); --undo N fortryder indlæsning nr. N',
    usage: 'indsatsmonitor imports [--undo N] [--json] [--db FIL]',
    options: { undo: { type: 'string' }, json: { type: 'boolean' } },
    async run({ call, io, options }) {
      if (typeof options.undo === 'string') {
        const batchId = Number(options.undo);
        if (!Number.isInteger(batchId) || batchId < 1) throw new CliError(`--undo skal være et indlæsningsnummer (1, 2, …), ikke "${options.undo}".`, 2);
        const result = await call('import.undo', { batchId });
        if (options.json) io.out(JSON.stringify(result, null, 2));
        else io.out(`Indlæsning nr. ${batchId} er fortrudt: ${result.removedRows === 1 ? '1 række' : `${result.removedRows.toLocaleString('da-DK')} rækker`} fjernet. Den står stadig i listen, markeret som fortrudt.`);
        return 0;
      }
      const batches = await call('import.history');
      if (options.json) {
        io.out(JSON.stringify(batches, null, 2));
        return 0;
      }
      if (batches.length === 0) {
        io.out('Ingen filer er indlæst endnu.');
        return 0;
      }
      io.out(
        formatTable(
          ['Nr.', 'Fil', 'Datatype', 'Rækker', 'Gældende rækker', 'Indlæst', 'Af', 'Status'],
          batches.map((batch) => [
            batch.id,
            batch.isDemo ? `${batch.fileName} (demodata)` : batch.fileName,
            importKindWords[batch.kind] ?? 'Andet',
            batch.rowsImported.toLocaleString('da-DK'),
            batch.currentRows.toLocaleString('da-DK'),
            formatDanishDateTime(batch.importedAt),
            batch.importedBy,
            batch.undoneAt ? `Fortrudt ${formatDanishDateTime(batch.undoneAt)} af ${batch.undoneBy ?? ''}` : 'Gælder',
          ]),
        ),
      );
      return 0;
    },
  },
];
