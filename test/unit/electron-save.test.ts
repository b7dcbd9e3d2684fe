import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSaveFile } from '../../src/main/electron/save-file';
import { tempDir } from '../helpers/temp-store';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

/** The Electron save step, driven with a stand-in for electron's dialog (no Electron binary on the build machines). */
describe('saving an export through the save dialog', () => {
  it('asks with the suggested name and writes the bytes where the user chose', async () => {
    const { dir, cleanup: remove } = tempDir();
    cleanup = remove;
    const chosen = path.join(dir, 'min liste');
    const window = { id: 1 };
    const dialog = { showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: chosen })) };
    const save = createSaveFile(dialog as never, () => window as never, () => '/home/bruger/Dokumenter');
    const saved = await save('Kontaktliste 2023H2 2024-03-25.xlsx', Buffer.from('PK-data'));
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(
      window,
      expect.objectContaining({ defaultPath: path.join('/home/bruger/Dokumenter', 'Kontaktliste 2023H2 2024-03-25.xlsx'), filters: [{ name: 'Excel-projektmappe', extensions: ['xlsx'] }] }),
    );
    expect(saved).toBe(`${chosen}.xlsx`);
    expect(fs.readFileSync(saved!, 'utf8')).toBe('PK-data');
    expect(fs.readdirSync(dir)).toEqual(['min liste.xlsx']);
  });

  it('writes nothing when the user cancels', async () => {
    const { dir, cleanup: remove } = tempDir();
    cleanup = remove;
    const dialog = { showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })) };
    const save = createSaveFile(dialog as never, () => null, () => dir);
    expect(await save('x.csv', Buffer.from('a'))).toBeNull();
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
