import path from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import { writeFileAtomic } from '../services/export/write-file';

const filters: Record<string, { name: string; extensions: string[] }> = {
  '.xlsx': { name: 'Excel-projektmappe', extensions: ['xlsx'] },
  '.csv': { name: 'CSV (semikolonsepareret)', extensions: ['csv'] },
};

/**
 * The Electron side of saving an export: the main process asks where with the system's save
 * dialog and writes the bytes the handler built (atomically); the renderer never sees a path it
 * did not get back, and never touches the file system.
 */
export function createSaveFile(dialog: Pick<Dialog, 'showSaveDialog'>, getWindow: () => BrowserWindow | null, defaultDir: () => string) {
  return async (suggestedName: string, bytes: Uint8Array): Promise<string | null> => {
    const extension = path.extname(suggestedName).toLowerCase();
    const options = {
      title: 'Gem fil',
      defaultPath: path.join(defaultDir(), path.basename(suggestedName)),
      filters: filters[extension] ? [filters[extension]] : [],
    };
    const window = getWindow();
    const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return null;
    const target = extension && path.extname(choice.filePath) === '' ? `${choice.filePath}${extension}` : choice.filePath;
    writeFileAtomic(target, bytes);
    return target;
  };
}
