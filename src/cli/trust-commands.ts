import path from 'node:path';
import { RecoveryError } from '../main/services/database-errors';
import { checkDatabaseFile, listAllBackups, newestUsableBackup, restoreBackup, startFresh } from '../main/services/recovery';
import { backupDir } from '../main/services/store';
import { CliError, formatTable, type CliCommand } from './cli-context';
import { cliWords } from '../shared/cli-words-da';

const words = cliWords.trust;

/** Danish date and time for a terminal line. */
function danishTime(iso: string): string {
  return new Date(iso).toLocaleString('da-DK', { dateStyle: 'short', timeStyle: 'medium' });
}

/** `newest`, a bare file name from the backup folder, or a path. */
function resolveBackup(databasePath: string, given: string, io: { err(text: string): void }): string {
  if (given === 'newest' || given === 'nyeste') {
    // trust-store (issue 14, item 4): an incomplete or damaged backup is passed over for the next good one.
    const { backup, skipped } = newestUsableBackup(databasePath);
    for (const bad of skipped) io.err(words.skipping(bad.fileName, bad.reason));
    if (!backup) throw new CliError(words.noUsableBackups(backupDir(databasePath)));
    return backup.path;
  }
  return given.includes('/') || given.includes('\\') ? path.resolve(given) : path.join(backupDir(databasePath), given);
}

export const trustCommands: CliCommand[] = [
  {
    name: 'backups',
    summary: words.summary,
    usage: words.usage,
    options: { restore: { type: 'string' }, fresh: { type: 'boolean' } },
    // Must work when the database cannot be opened at all: that is when it is needed.
    async withoutStore({ databasePath, io, options }) {
      try {
        if (typeof options.restore === 'string') {
          const result = restoreBackup(databasePath, resolveBackup(databasePath, options.restore, io));
          io.out(words.restored(path.basename(result.restoredFrom), databasePath));
          if (result.movedAside.length > 0) io.out(words.previousKept(result.movedAside[0]));
          return 0;
        }
        if (options.fresh) {
          const result = startFresh(databasePath);
          if (result.movedAside.length > 0) io.out(words.damagedKept(result.movedAside[0]));
          io.out(words.freshNext);
          return 0;
        }
      } catch (error) {
        if (error instanceof RecoveryError) throw new CliError(error.message);
        throw error;
      }
      const state = checkDatabaseFile(databasePath);
      io.out(words.databaseState(databasePath, state.ok ? null : state.reason));
      const backups = listAllBackups(databasePath);
      if (backups.length === 0) {
        io.out(words.noBackups(backupDir(databasePath)));
        return 0;
      }
      io.out(
        formatTable(
          words.backupColumns,
          backups.map((backup) => [
            backup.complete ? backup.fileName : words.incomplete(backup.fileName),
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
      throw new CliError(words.withoutStore);
    },
  },
];
