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
 * How much of the file is read at a time, and so how many rows one batch holds (about 5,000 of a
 * spells file). Everything a batch makes (its text, each row's cells, the rows converted from
 * them) lives until the batch is stored; a batch bigger than V8's young generation is copied by
 * every collection that meets it, and then once more into the old generation. Measured on
 * 1,000,000 spells (speed, issue 10): 1 MiB batches spent 0.83 s in young-generation collections,
 * 256 KiB batches 0.44 s; the import before its commit went from 6.6–8.5 s to 6.1–7.5 s wall and
 * from 7.8–9.9 s to 6.8–8.2 s CPU (four alternating runs each). 64 KiB gained little more (0.41 s).
 */
export const readChunkBytes = 256 * 1024;

/**
 * Streams: file → iconv-lite decoder → papaparse, paused while the consumer works on each chunk,
 * so a million-row file never sits in memory whole.
 */
function openCsv(filePath: string, size: number, encoding: TextEncoding, delimiter: Delimiter): Source {
  return {
    info: { format: 'csv', encoding, delimiter, sheetNames: [], sheet: null },
    read(onBatch, limit) {
      return new Promise<void>((resolve, reject) => {
        const file = fs.createReadStream(filePath, { highWaterMark: readChunkBytes });
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
