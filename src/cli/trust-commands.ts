import path from 'node:path';
import { RecoveryError } from '../main/services/database-errors';
import { checkDatabaseFile, listAllBackups, newestUsableBackup, restoreBackup, startFresh } from '../main/services/recovery';
import { backupDir } from '../main/services/store';
import { CliError, formatTable, type CliCommand } from './cli-context';

/** Danish date and time for a terminal line. */
function danishTime(iso: string): string {
  return new Date(iso).toLocaleString('da-DK', { dateStyle: 'short', timeStyle: 'medium' });
}

/** `newest`, a bare file name from the backup folder, or a path. */
function resolveBackup(databasePath: string, given: string, io: { err(text: string): void }): string {
  if (given === 'newest' || given === 'nyeste') {
    // trust-store (issue 14, item 4): an incomplete or damaged backup is passed over for the next good one.
    const { backup, skipped } = newestUsableBackup(databasePath);
    for (const bad of skipped) io.err(`Springer over ${bad.fileName}: ${bad.reason}.`);
    if (!backup) throw new CliError(`Der er ingen brugbare sikkerhedskopier i ${backupDir(databasePath)}.`);
    return backup.path;
  }
  return given.includes('/') || given.includes('\\') ? path.resolve(given) : path.join(backupDir(databasePath), given);
}

export const trustCommands: CliCommand[] = [
  {
    name: 'backups',
    summary: 'Vis de automatiske sikkerhedskopier; gendan én (--restore FIL|newest) eller start forfra efter skade (--fresh)',
    usage: 'indsatsmonitor backups [--restore FIL|newest] [--fresh] [--db FIL]',
    options: { restore: { type: 'string' }, fresh: { type: 'boolean' } },
    // Must work when the database cannot be opened at all: that is when it is needed.
    async withoutStore({ databasePath, io, options }) {
      try {
        if (typeof options.restore === 'string') {
          const result = restoreBackup(databasePath, resolveBackup(databasePath, options.restore, io));
          io.out(`Sikkerhedskopien ${path.basename(result.restoredFrom)} er gendannet til ${databasePath}.`);
          if (result.movedAside.length > 0) io.out(`Den tidligere databasefil er gemt som ${result.movedAside[0]}.`);
          return 0;
        }
        if (options.fresh) {
          const result = startFresh(databasePath);
          if (result.movedAside.length > 0) io.out(`Den beskadigede databasefil er gemt som ${result.movedAside[0]}.`);
          io.out('Næste kommando starter med en tom database.');
          return 0;
        }
      } catch (error) {
        if (error instanceof RecoveryError) throw new CliError(error.message);
        throw error;
      }
      const state = checkDatabaseFile(databasePath);
      io.out(`Database: ${databasePath} (${state.ok ? 'i orden' : `BESKADIGET: ${state.reason}`})`);
      const backups = listAllBackups(databasePath);
      if (backups.length === 0) {
        io.out(`Ingen sikkerhedskopier i ${backupDir(databasePath)}.`);
        return 0;
      }
      io.out(
        formatTable(
          ['Fil', 'Taget', 'Anledning', 'Størrelse (kB)'],
          backups.map((backup) => [
            backup.complete ? backup.fileName : `${backup.fileName} (ufuldstændig, bruges ikke)`,
            danishTime(backup.createdAt),
            backup.label,
            Math.round(backup.sizeBytes / 1024),
          ]),
        ),
      );
      return 0;
    },
    async run() {
      // Never reached: runCli calls withoutStore for this command.
      throw new CliError('backups kører uden at åbne databasen.');
    },
  },
];
