import fs from 'node:fs';
import { formatMegabytes, maxImportFileBytes } from './limits';
import { errorAnswerMaxBytes, refuseErrorAnswer } from './formats/api-error';
import { csvFormat } from './formats/csv';
import { jsonFormat } from './formats/json';
import { ndjsonFormat } from './formats/ndjson';
import { FileProblem, type FormatReader, type ReadOptions, type Source, type SourceFormat } from './formats/source';
import { textEncoding, wholeText } from './formats/text';
import { xlsxFormat } from './formats/xlsx';
import { importWords } from '../../../shared/import-words-da';


/**
 * The entry point of the readers: checks the size, sniffs the format from the first bytes and
 * hands the file to that format's module (`formats/`). A new format is one module in the table.
 */
export {
  ExternalFormulaCell,
  FileProblem,
  RefusedCell,
  UncachedFormulaCell,
  type ReadOptions,
  type Source,
  type SourceBatch,
  type SourceFormat,
  type SourceInfo,
  type SourceRow,
} from './formats/source';

/** Asked in this order; the first whose `sniff` says yes reads the file (CSV takes any text). */
export const formats: FormatReader[] = [xlsxFormat, ndjsonFormat, jsonFormat, csvFormat];

export function checkFileSize(size: number): void {
  if (size === 0) throw new FileProblem('empty-file', importWords.file.empty);
  if (size > maxImportFileBytes) {
    throw new FileProblem(
      'file-too-large',
      importWords.file.tooLarge(formatMegabytes(size), formatMegabytes(maxImportFileBytes)),
    );
  }
}

/** Files that are no table at all, named for what they are. */
function refuseNonTables(head: Buffer): void {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') {
    throw new FileProblem('not-a-table', importWords.file.pdf);
  }
  if (head.length >= 8 && head.readUInt32BE(0) === 0xd0cf11e0) {
    throw new FileProblem('old-excel', importWords.file.oldExcel);
  }
  if (head.length >= 4 && head.readUInt32LE(0) === 0x08074b50) throw new FileProblem('not-a-table', importWords.file.splitZip);
}

/** Sniffs the format from the first bytes, never from the name alone. */
export function sniffFormat(head: Buffer): SourceFormat {
  return formatOf(head).format;
}

function formatOf(head: Buffer): FormatReader {
  refuseNonTables(head);
  const reader = formats.find((candidate) => candidate.sniff(head));
  if (!reader) throw new FileProblem('not-a-table', importWords.file.notATable);
  return reader;
}

export async function openSource(filePath: string, options: ReadOptions = {}): Promise<Source> {
  const size = fs.statSync(filePath).size;
  checkFileSize(size);
  const head = Buffer.alloc(Math.min(size, 65536));
  const fd = fs.openSync(filePath, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  const reader = formatOf(head);
  const file = { path: filePath, size, head };
  // A failed download saved in the extract's place (a Jobindsats API error text) is said to be one.
  if (reader.format !== 'xlsx' && size <= errorAnswerMaxBytes) refuseErrorAnswer(wholeText(filePath, await textEncoding(file, options)));
  return reader.open(file, options);
}
