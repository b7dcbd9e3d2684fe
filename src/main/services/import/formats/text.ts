import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { decodeText, detectEncoding, EncodingError, looksLikeMisreadUtf8, type TextEncoding } from '../encoding';
import { FileProblem, type OpenFile, type ReadOptions } from './source';
import { importWords } from '../../../../shared/import-words-da';

/** What the text formats (CSV, JSON, NDJSON) share: the encoding decision and whole-file decoding. */

const notUtf8Message = importWords.file.notUtf8;
export const misreadMessage = importWords.file.misreadUtf8;
export const onlyBlankLinesMessage = importWords.file.onlyBlankLines;

/** The user's choice, else a BOM, else the whole file checked for valid UTF-8 chunk by chunk. */
export async function textEncoding(file: OpenFile, options: ReadOptions): Promise<TextEncoding> {
  // cit-import (issue 10): a file found to be UTF-8 by the detection is not read through a second time.
  const { encoding, checked } = options.encoding ? { encoding: options.encoding, checked: false } : await detectFileEncoding(file.path, file.head);
  if (encoding === 'utf-8' && !checked && !(await isUtf8File(file.path))) throw new FileProblem('wrong-encoding', notUtf8Message);
  return encoding;
}

/** The encoding, and whether the whole file was already found to be valid UTF-8. */
async function detectFileEncoding(filePath: string, head: Buffer): Promise<{ encoding: TextEncoding; checked: boolean }> {
  const detected = detectEncoding(head);
  if (detected.bomLength > 0 || detected.encoding.startsWith('utf-16')) return { encoding: detected.encoding, checked: false };
  return (await isUtf8File(filePath)) ? { encoding: 'utf-8', checked: true } : { encoding: 'windows-1252', checked: false };
}

/**
 * The whole file checked for valid UTF-8, chunk by chunk, without decoding it into strings
 * (`buffer.isUtf8`). A character split across two chunks is carried over to the next.
 */
async function isUtf8File(filePath: string): Promise<boolean> {
  let carried: Buffer | null = null;
  for await (const read of fs.createReadStream(filePath, { highWaterMark: 1024 * 1024 })) {
    const chunk: Buffer = carried ? Buffer.concat([carried, read as Buffer]) : (read as Buffer);
    const end = completeEnd(chunk);
    if (!isUtf8(chunk.subarray(0, end))) return false;
    carried = end < chunk.length ? Buffer.from(chunk.subarray(end)) : null;
  }
  return carried === null;
}

/** Where the last complete UTF-8 sequence of `bytes` ends: a lead byte in the last three bytes whose sequence runs past the end is cut off. */
function completeEnd(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
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
