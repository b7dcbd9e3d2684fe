import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes next to the target and renames, so a crash or a full disk never leaves a half-written
 * file under the user's chosen name (and an existing file is replaced only when the new one is whole).
 */
export function writeFileAtomic(target: string, bytes: Uint8Array): void {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temporary, bytes);
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
