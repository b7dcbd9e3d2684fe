import fs from 'node:fs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { detectDelimiter, type Delimiter } from '../delimiter';
import { detectEncoding, looksLikeMisreadUtf8, type TextEncoding } from '../encoding';
import { FileProblem, type FormatReader, type Source, type SourceRow } from './source';
import { decodeSample, misreadMessage, onlyBlankLinesMessage, textEncoding } from './text';
import { importWords } from '../../../../shared/import-words-da';

/**
 * CSV and other delimited text (`;` `,` tab `|`), any of the encodings in `../encoding.ts`. The
 * fallback format: asked last, it takes any text that has few control characters.
 */
export const csvFormat: FormatReader = {
  format: 'csv',
  sniff(head) {
    const { encoding } = detectEncoding(head);
    if (encoding.startsWith('utf-16')) return true;
    const controls = [...head.subarray(0, 4096)].filter((byte) => byte < 9 || (byte > 13 && byte < 32)).length;
    if (controls > 8) {
      throw new FileProblem('not-a-table', importWords.file.notATable);
    }
    return true;
  },
  async open(file, options) {
    const encoding = await textEncoding(file, options);
    const sample = decodeSample(file.head, encoding);
    if (!sample.trim()) throw new FileProblem('empty-file', onlyBlankLinesMessage);
    return openCsv(file.path, file.size, encoding, options.delimiter ?? detectDelimiter(sample));
  },
};

const unclosedQuote = importWords.file.unclosedQuote;

/**
 * Streams: file → iconv-lite decoder → papaparse, paused while the consumer works on each chunk,
 * so a million-row file never sits in memory whole.
 */
function openCsv(filePath: string, size: number, encoding: TextEncoding, delimiter: Delimiter): Source {
  return {
    info: { format: 'csv', encoding, delimiter, sheetNames: [], sheet: null },
    read(onBatch, limit) {
      return new Promise<void>((resolve, reject) => {
        const file = fs.createReadStream(filePath, { highWaterMark: 1024 * 1024 });
        const decoder = iconv.decodeStream(encoding, { stripBOM: true }) as NodeJS.ReadWriteStream & { destroy(): void };
        let rowNumber = 0;
        let settled = false;
        const finish = (error?: unknown) => {
          if (settled) return;
          settled = true;
          file.destroy();
          decoder.destroy();
          if (error) reject(error);
          else resolve();
        };
        file.on('error', finish);
        if (encoding === 'windows-1252') {
          decoder.on('data', (text: string) => {
            if (looksLikeMisreadUtf8(text)) finish(new FileProblem('wrong-encoding', misreadMessage));
          });
        }
        file.pipe(decoder);
        Papa.parse<string[]>(decoder as unknown as File, {
          delimiter,
          preview: limit ?? 0,
          chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
            if (settled) return;
            const rows: SourceRow[] = results.data.map((cells: string[]) => ({ rowNumber: ++rowNumber, cells }));
            for (const error of results.errors) {
              if (error.type === 'Quotes' && error.row !== undefined && rows[error.row]) rows[error.row].problem = unclosedQuote;
            }
            parser.pause();
            Promise.resolve(onBatch({ rows, fraction: Math.min(1, file.bytesRead / size) })).then(
              (keepGoing) => {
                if (settled) return;
                if (keepGoing === false) {
                  parser.abort();
                  finish();
                } else parser.resume();
              },
              (error) => {
                // abort() calls `complete` at once: settle with the error first.
                finish(error);
                parser.abort();
              },
            );
          },
          complete: () => finish(),
          error: (error: Error) => finish(error),
        });
      });
    },
  };
}
