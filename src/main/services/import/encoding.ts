import iconv from 'iconv-lite';
import { isUtf8 } from 'node:buffer';

import type { ImportEncoding } from '../../../shared/enums';
import { importWords } from '../../../shared/import-words-da';

/** The encodings Danish reviewers' files come in (declared once, in src/shared/enums.ts). */
export type TextEncoding = ImportEncoding;

interface DetectedEncoding {
  encoding: TextEncoding;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
}

/**
 * A BOM decides; otherwise valid UTF-8 is UTF-8 (Windows-1252 text with æøå is almost never
 * valid UTF-8), and anything else is what Danish Excel writes: Windows-1252.
 */
export function detectEncoding(bytes: Uint8Array): DetectedEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  if (looksLikeBomlessUtf16(bytes)) return { encoding: bytes[0] === 0 ? 'utf-16be' : 'utf-16le', bomLength: 0 };
  return { encoding: isUtf8(bytes) ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

/** Many zero bytes at every other position: UTF-16 without a BOM. */
function looksLikeBomlessUtf16(bytes: Uint8Array): boolean {
  const sample = Math.min(bytes.length, 4096) & ~1;
  if (sample < 8) return false;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let index = 0; index < sample; index += 2) {
    if (bytes[index] === 0) evenZeros++;
    if (bytes[index + 1] === 0) oddZeros++;
  }
  const half = sample / 2;
  return evenZeros > half * 0.4 || oddZeros > half * 0.4;
}

function bomLengthFor(bytes: Uint8Array, encoding: TextEncoding): number {
  const detected = detectEncoding(bytes);
  return detected.encoding === encoding ? detected.bomLength : 0;
}

export class EncodingError extends Error {}

/**
 * Decodes with iconv-lite. A chosen encoding that does not fit the bytes is refused here with
 * words a reviewer understands, instead of filling the store with `�` or `Ã¸`.
 */
export function decodeText(bytes: Buffer, encoding: TextEncoding): string {
  const start = bomLengthFor(bytes, encoding);
  const body = start > 0 ? bytes.subarray(start) : bytes;
  if (encoding === 'utf-8') {
    if (!isUtf8(body)) {
      throw new EncodingError(
        importWords.file.notUtf8,
      );
    }
    return body.toString('utf8');
  }
  const text = iconv.decode(body, encoding);
  if (encoding === 'windows-1252' && looksLikeMisreadUtf8(text)) {
    throw new EncodingError(
      importWords.file.misreadUtf8,
    );
  }
  return text;
}

/** UTF-8 bytes of æøåÆØÅé read as Windows-1252 give `Ã` followed by a byte 0x80–0xBF. */
export function looksLikeMisreadUtf8(text: string): boolean {
  return /Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2026\u2030\u2039\u203a\u20ac\u2122]/.test(text);
}

export const encodingLabels: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (LE)',
  'utf-16be': 'UTF-16 (BE)',
  'windows-1252': 'Windows-1252',
};
