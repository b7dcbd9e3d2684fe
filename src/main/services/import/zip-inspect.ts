import fs from 'node:fs';
import { maxUnpackedXlsxBytes, maxXlsxCompressionRatio } from './limits';
import { importWords } from '../../../shared/import-words-da';

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export class ZipProblem extends Error {
  constructor(
    readonly reason: 'truncated' | 'not-xlsx' | 'bomb',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads an .xlsx's central directory (the index at the end of every zip) without unpacking
 * anything: a truncated download has none, a zip bomb declares absurd sizes, a zip that is not
 * a workbook lacks `xl/workbook.xml`. All three are refused before the package is opened (formats/xlsx-package.ts then counts
 * the bytes actually inflated, for a zip that under-declares its sizes).
 */
export function inspectXlsx(filePath: string): ZipEntry[] {
  const fd = fs.openSync(filePath, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const tailLength = Math.min(size, 65557);
    const tail = Buffer.alloc(tailLength);
    fs.readSync(fd, tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let index = tailLength - 22; index >= 0; index--) {
      if (tail.readUInt32LE(index) === 0x06054b50) {
        eocd = index;
        break;
      }
    }
    const truncated = new ZipProblem('truncated', importWords.xlsx.truncated);
    if (eocd < 0) throw truncated;
    const entryCount = tail.readUInt16LE(eocd + 10);
    const directorySize = tail.readUInt32LE(eocd + 12);
    const directoryOffset = tail.readUInt32LE(eocd + 16);
    if (directoryOffset === 0xffffffff || directoryOffset + directorySize > size) throw truncated;
    const directory = Buffer.alloc(directorySize);
    fs.readSync(fd, directory, 0, directorySize, directoryOffset);
    const entries: ZipEntry[] = [];
    let position = 0;
    for (let index = 0; index < entryCount; index++) {
      if (position + 46 > directory.length || directory.readUInt32LE(position) !== 0x02014b50) throw truncated;
      const nameLength = directory.readUInt16LE(position + 28);
      const extraLength = directory.readUInt16LE(position + 30);
      const commentLength = directory.readUInt16LE(position + 32);
      entries.push({
        method: directory.readUInt16LE(position + 10),
        compressedSize: directory.readUInt32LE(position + 20),
        uncompressedSize: directory.readUInt32LE(position + 24),
        localHeaderOffset: directory.readUInt32LE(position + 42),
        name: directory.toString('utf8', position + 46, position + 46 + nameLength),
      });
      position += 46 + nameLength + extraLength + commentLength;
    }
    if (!entries.some((entry) => entry.name === 'xl/workbook.xml')) {
      throw new ZipProblem('not-xlsx', importWords.xlsx.notXlsx);
    }
    const unpacked = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
    const bomb = entries.some(
      (entry) => entry.uncompressedSize === 0xffffffff || (entry.uncompressedSize > 10_000_000 && entry.uncompressedSize > entry.compressedSize * maxXlsxCompressionRatio),
    );
    if (bomb || unpacked > maxUnpackedXlsxBytes) {
      throw new ZipProblem('bomb', importWords.xlsx.bomb);
    }
    for (const entry of entries) {
      if (entry.localHeaderOffset + entry.compressedSize > size) throw truncated;
    }
    return entries;
  } finally {
    fs.closeSync(fd);
  }
}
