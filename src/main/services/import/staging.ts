import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkFileSize, FileProblem } from './readers';
import { importWords } from '../../../shared/import-words-da';

/**
 * Files waiting to be previewed and imported. The renderer never touches the file system: it
 * sends a picked file's bytes in chunks (the same path in Electron and in the browser), and they
 * are staged in a private temp folder. The CLI registers the user's own file in place.
 */
export interface StagedFile {
  fileId: string;
  fileName: string;
  filePath: string;
  size: number;
  /** True when the staged copy is ours to delete. */
  owned: boolean;
}

interface Upload {
  fileName: string;
  size: number;
  received: number;
  filePath: string;
}

const staged = new Map<string, StagedFile>();
const uploads = new Map<string, Upload>();
let stagingDir: string | null = null;

const stagingPrefix = 'indsatsmonitor-import-';
const ownerFile = 'owner.pid';

function ensureStagingDir(): string {
  if (!stagingDir) {
    stagingDir = fs.mkdtempSync(path.join(os.tmpdir(), stagingPrefix));
    // Who owns the folder, so a later start can tell a crashed process's leftovers from a running one's.
    fs.writeFileSync(path.join(stagingDir, ownerFile), String(process.pid));
    process.once('exit', () => {
      if (stagingDir) fs.rmSync(stagingDir, { recursive: true, force: true });
    });
  }
  return stagingDir;
}

export function beginUpload(fileName: string, size: number): string {
  // A 2 GB file is refused here, before a byte is sent.
  checkFileSize(size);
  const uploadId = crypto.randomUUID();
  const filePath = path.join(ensureStagingDir(), uploadId);
  fs.writeFileSync(filePath, '');
  uploads.set(uploadId, { fileName: path.basename(fileName), size, received: 0, filePath });
  return uploadId;
}

export function appendUpload(uploadId: string, offset: number, base64: string): number {
  const upload = uploads.get(uploadId);
  if (!upload) throw new FileProblem('unknown-upload', importWords.upload.brokenOff);
  if (offset !== upload.received) throw new FileProblem('upload-order', importWords.upload.wrongOrder);
  const bytes = Buffer.from(base64, 'base64');
  if (upload.received + bytes.length > upload.size) throw new FileProblem('upload-size', importWords.upload.grew);
  fs.appendFileSync(upload.filePath, bytes);
  upload.received += bytes.length;
  return upload.received;
}

export function finishUpload(uploadId: string): StagedFile {
  const upload = uploads.get(uploadId);
  if (!upload) throw new FileProblem('unknown-upload', importWords.upload.brokenOff);
  uploads.delete(uploadId);
  if (upload.received !== upload.size) {
    fs.rmSync(upload.filePath, { force: true });
    throw new FileProblem('upload-incomplete', importWords.upload.incomplete(upload.received, upload.size));
  }
  const file: StagedFile = { fileId: uploadId, fileName: upload.fileName, filePath: upload.filePath, size: upload.size, owned: true };
  staged.set(file.fileId, file);
  return file;
}

/** The CLI's way in: the user's file is read where it is, never copied or changed. */
export function registerLocalFile(filePath: string): StagedFile {
  let size: number;
  try {
    size = fs.statSync(filePath).size;
  } catch {
    throw new FileProblem('not-found', importWords.file.notFound(filePath));
  }
  const file: StagedFile = { fileId: crypto.randomUUID(), fileName: path.basename(filePath), filePath: path.resolve(filePath), size, owned: false };
  staged.set(file.fileId, file);
  return file;
}

export function stagedFile(fileId: string): StagedFile {
  const file = staged.get(fileId);
  if (!file) throw new FileProblem('unknown-file', importWords.upload.notReady);
  return file;
}

export function discardStaged(fileId: string): boolean {
  const file = staged.get(fileId);
  if (!file) return false;
  staged.delete(fileId);
  if (file.owned) fs.rmSync(file.filePath, { force: true });
  return true;
}

/** citizens (issue 10): "Slet alle borgerdata" removes every staged upload copy (one may be a citizen file). */
export function discardAllStaged(): number {
  let removed = 0;
  for (const fileId of [...staged.keys()]) if (discardStaged(fileId)) removed++;
  for (const [uploadId, upload] of uploads) {
    uploads.delete(uploadId);
    fs.rmSync(upload.filePath, { force: true });
    removed++;
  }
  return removed;
}

// --- trust-store (issue 14, item 5): upload copies left behind by a crash ---

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes staging folders whose process is gone (it crashed or was killed before its exit
 * handler ran). A folder of a running process (the app and the CLI at the same time) is kept;
 * a folder without an owner file (an older release) is removed once it is a day old.
 * Returns the folders removed.
 */
export function cleanStaleStaging(tempRoot = os.tmpdir(), now = Date.now()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(tempRoot);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(stagingPrefix)) continue;
    const dir = path.join(tempRoot, name);
    if (dir === stagingDir) continue;
    try {
      const stat = fs.lstatSync(dir);
      if (!stat.isDirectory()) continue;
      let stale: boolean;
      try {
        const pid = Number(fs.readFileSync(path.join(dir, ownerFile), 'utf8').trim());
        stale = !Number.isInteger(pid) || pid <= 0 || (pid !== process.pid && !processAlive(pid));
      } catch {
        stale = now - stat.mtimeMs > 24 * 60 * 60 * 1000;
      }
      if (!stale) continue;
      fs.rmSync(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      // Someone else's file or already gone: leave it.
    }
  }
  return removed;
}
