import { callWords } from '../../shared/call-words-da';
import type { ExportResult } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { HandlerContext } from './context';

export const mimeTypes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

/** One mechanism for every transport: save through the context when it can, else hand the bytes back. */
export async function deliver(context: HandlerContext, fileName: string, bytes: Buffer, rows: number, kind: keyof typeof mimeTypes): Promise<ExportResult> {
  const base = { fileName, rows, mimeType: mimeTypes[kind] };
  if (context.saveFile) {
    let savedPath: string | null;
    try {
      savedPath = await context.saveFile(fileName, bytes);
    } catch (error) {
      throw new AppError('save-failed', callWords.saveFailed((error as Error).message));
    }
    return { ...base, savedPath, cancelled: savedPath === null, contentBase64: null };
  }
  return { ...base, savedPath: null, cancelled: false, contentBase64: bytes.toString('base64') };
}
