import path from 'node:path';
import type { Dialog } from 'electron';
import { openSession, type Session } from '../handlers/session';
import { CorruptDatabaseError } from '../services/database-errors';
import { listBackups, restoreBackup, startFresh, type BackupInfo } from '../services/recovery';

function danishTime(iso: string): string {
  return new Date(iso).toLocaleString('da-DK', { dateStyle: 'long', timeStyle: 'short' });
}

/**
 * The database did not pass its check on start. Ask the user: restore the newest automatic
 * backup, start with an empty database, or quit (the file stays exactly as it is). Whichever
 * way is chosen, the damaged file is kept beside the database with a timestamp in its name.
 * Returns the opened session, or null when the user quits.
 */
export async function recoverCorruptDatabase(dialog: Pick<Dialog, 'showMessageBox' | 'showErrorBox'>, error: CorruptDatabaseError): Promise<Session | null> {
  const databasePath = error.databasePath;
  const failed = new Set<string>();
  let problem = '';
  for (;;) {
    const backup: BackupInfo | undefined = listBackups(databasePath).find((candidate) => !failed.has(candidate.path));
    const buttons = [
      ...(backup ? [`Gendan sikkerhedskopien fra ${danishTime(backup.createdAt)}`] : []),
      'Start med en tom database',
      'Afslut uden at ændre noget',
    ];
    const { response } = await dialog.showMessageBox({
      type: 'error',
      title: 'Indsatsmonitor: databasen er beskadiget',
      message: 'Databasen kan ikke åbnes, fordi filen er beskadiget.',
      detail: [
        problem,
        `Fil: ${databasePath}`,
        `Fejl: ${error.reason}`,
        '',
        'Den beskadigede fil bliver gemt ved siden af med tidspunkt i navnet, så intet slettes.',
        backup ? `Nyeste sikkerhedskopi: ${backup.fileName}` : 'Der er ingen brugbar sikkerhedskopi.',
      ]
        .filter((line, index) => index > 0 || line)
        .join('\n'),
      buttons,
      defaultId: 0,
      cancelId: buttons.length - 1,
      noLink: true,
    });
    const choice = buttons[response] ?? buttons[buttons.length - 1];
    if (choice === buttons[buttons.length - 1]) return null;
    try {
      if (backup && response === 0) restoreBackup(databasePath, backup.path);
      else startFresh(databasePath);
      return openSession(databasePath);
    } catch (attemptError) {
      if (backup && response === 0) failed.add(backup.path);
      problem = `Det lykkedes ikke: ${(attemptError as Error).message}\n`;
      if (!backup || response !== 0) {
        dialog.showErrorBox('Indsatsmonitor kunne ikke starte', `${problem}\nDatabasefil: ${path.resolve(databasePath)}`);
        return null;
      }
    }
  }
}
