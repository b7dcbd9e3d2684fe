import fs from 'node:fs';
import iconv from 'iconv-lite';
import { decodeText, detectEncoding, EncodingError, looksLikeMisreadUtf8, type TextEncoding } from '../encoding';
import { FileProblem, type OpenFile, type ReadOptions } from './source';
import { importWords } from '../../../../shared/import-words-da';

/** What the text formats (CSV, JSON, NDJSON) share: the encoding decision and whole-file decoding. */

export const notUtf8Message = importWords.file.notUtf8;
export const misreadMessage = importWords.file.misreadUtf8;
export const onlyBlankLinesMessage = importWords.file.onlyBlankLines;

/** The user's choice, else a BOM, else the whole file checked for valid UTF-8 chunk by chunk. */
export async function textEncoding(file: OpenFile, options: ReadOptions): Promise<TextEncoding> {
  const encoding = options.encoding ?? (await detectFileEncoding(file.path, file.head));
  if (encoding === 'utf-8' && !(await isUtf8File(file.path))) throw new FileProblem('wrong-encoding', notUtf8Message);
  return encoding;
}

async function detectFileEncoding(filePath: string, head: Buffer): Promise<TextEncoding> {
  const detected = detectEncoding(head);
  if (detected.bomLength > 0 || detected.encoding.startsWith('utf-16')) return detected.encoding;
  return (await isUtf8File(filePath)) ? 'utf-8' : 'windows-1252';
}

async function isUtf8File(filePath: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1024 * 1024 })) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/** The whole file as text (JSON files are small API extracts). */
export function wholeText(filePath: string, encoding: TextEncoding): string {
  let text: string;
  try {
    text = decodeText(fs.readFileSync(filePath), encoding);
  } catch (error) {
    if (error instanceof EncodingError) throw new FileProblem('wrong-encoding', error.message);
    throw error;
  }
  if (!text.trim()) throw new FileProblem('empty-file', onlyBlankLinesMessage);
  return text;
}

/** The first 64 KB as text, for delimiter detection. */
export function decodeSample(head: Buffer, encoding: TextEncoding): string {
  const text = iconv.decode(head, encoding).replace(/^\uFEFF/, '');
  if (encoding === 'windows-1252' && looksLikeMisreadUtf8(text)) throw new FileProblem('wrong-encoding', misreadMessage);
  const lastLineEnd = text.lastIndexOf('\n');
  return lastLineEnd > 0 && head.length === 65536 ? text.slice(0, lastLineEnd) : text;
}
