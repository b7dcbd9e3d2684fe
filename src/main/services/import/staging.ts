import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkFileSize, FileProblem } from './readers';

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

function ensureStagingDir(): string {
  if (!stagingDir) {
    stagingDir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsatsmonitor-import-'));
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
  if (!upload) throw new FileProblem('unknown-upload', 'Overførslen af filen blev afbrudt. Vælg filen igen.');
  if (offset !== upload.received) throw new FileProblem('upload-order', 'Filens dele kom i forkert rækkefølge. Vælg filen igen.');
  const bytes = Buffer.from(base64, 'base64');
  if (upload.received + bytes.length > upload.size) throw new FileProblem('upload-size', 'Filen blev større under overførslen end oplyst. Vælg filen igen.');
  fs.appendFileSync(upload.filePath, bytes);
  upload.received += bytes.length;
  return upload.received;
}

export function finishUpload(uploadId: string): StagedFile {
  const upload = uploads.get(uploadId);
  if (!upload) throw new FileProblem('unknown-upload', 'Overførslen af filen blev afbrudt. Vælg filen igen.');
  uploads.delete(uploadId);
  if (upload.received !== upload.size) {
    fs.rmSync(upload.filePath, { force: true });
    throw new FileProblem('upload-incomplete', `Kun ${upload.received} af ${upload.size} byte af filen nåede frem. Vælg filen igen.`);
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
    throw new FileProblem('not-found', `Filen ${filePath} findes ikke eller kan ikke læses.`);
  }
  const file: StagedFile = { fileId: crypto.randomUUID(), fileName: path.basename(filePath), filePath: path.resolve(filePath), size, owned: false };
  staged.set(file.fileId, file);
  return file;
}

export function stagedFile(fileId: string): StagedFile {
  const file = staged.get(fileId);
  if (!file) throw new FileProblem('unknown-file', 'Filen er ikke længere klar til indlæsning. Vælg den igen.');
  return file;
}

export function discardStaged(fileId: string): boolean {
  const file = staged.get(fileId);
  if (!file) return false;
  staged.delete(fileId);
  if (file.owned) fs.rmSync(file.filePath, { force: true });
  return true;
}
