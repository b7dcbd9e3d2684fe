import type { ImportKind, ImportOptions, ImportProblem } from '../shared/api';
import { importKinds } from '../shared/enums';
import { importFile } from '../main/services/import/pipeline';
import { FileProblem } from '../main/services/import/readers';
import { discardStaged, registerLocalFile } from '../main/services/import/staging';
import { CliError, formatTable, type CliCommand } from './cli-context';

const kinds: readonly string[] = importKinds;

/** `file:row:column: message`, the form editors and CI logs jump to. */
function problemLine(fileName: string, problem: ImportProblem): string {
  return `${fileName}:${problem.row}:${problem.column || '-'}: ${problem.message}`;
}

export const importCommands: CliCommand[] = [
  {
    name: 'import',
    summary: 'Indlæs Excel-, CSV- og JSON-filer (målinger, resultatmål, fokusmål, skærpet tilsyn)',
    usage: 'indsatsmonitor import <filer…> [--kind measurement|benchmark|focus|supervision] [--profile NAVN] [--skip-bad-rows] [--json] [--db FIL]',
    options: { kind: { type: 'string' }, profile: { type: 'string' }, 'skip-bad-rows': { type: 'boolean' }, json: { type: 'boolean' } },
    async run({ session, io, positionals, options }) {
      if (positionals.length === 0) throw new CliError('Angiv mindst én fil. Brug: indsatsmonitor import <filer…>', 2);
      const kind = options.kind as ImportKind | undefined;
      if (kind && !kinds.includes(kind)) throw new CliError(`Ukendt --kind "${kind}"; vælg en af ${kinds.join(', ')}.`, 2);
      const importOptions: ImportOptions & { skipBadRows?: boolean } = {
        kind,
        profile: typeof options.profile === 'string' ? options.profile : undefined,
        skipBadRows: options['skip-bad-rows'] === true,
      };
      const results: { file: string; ok: boolean; report?: unknown; error?: { code: string; message: string; problems: ImportProblem[] } }[] = [];
      for (const filePath of positionals) {
        try {
          const file = registerLocalFile(filePath);
          try {
            const report = await importFile(session.db, file, importOptions, { databasePath: session.databasePath });
            session.emit('data.changed', { reason: 'import' });
            results.push({ file: filePath, ok: true, report });
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
            ['Fil', 'Indlæsning', 'Art', 'Læst', 'Indlæst', 'Sprunget over', 'Erstattet'],
            imported.map(({ file, report }) => {
              const r = report as { batchId: number; kind: string; rowsRead: number; rowsImported: number; rowsSkipped: number; rowsReplaced: number };
              return [file, r.batchId, r.kind, r.rowsRead, r.rowsImported, r.rowsSkipped, r.rowsReplaced];
            }),
          ),
        );
      }
      for (const result of results) {
        if (result.ok || !result.error) continue;
        if (result.error.problems.length === 0) io.err(`${result.file}:0:-: ${result.error.message}`);
        for (const problem of result.error.problems) io.err(problemLine(result.file, problem));
        if (result.error.problems.length > 0) io.err(`${result.file}: ${result.error.message}`);
      }
      return allOk ? 0 : 1;
    },
  },
];
