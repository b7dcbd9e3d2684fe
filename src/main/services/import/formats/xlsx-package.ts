import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { maxUnpackedXlsxBytes } from '../limits';
import { FileProblem } from './source';
import { importWords } from '../../../../shared/import-words-da';

/**
 * The zip package of an .xlsx, read with yauzl: entries are found through the central directory
 * and opened in any order (SheetJS writes the worksheet before the workbook, stored, not
 * deflated). Every inflated byte is counted against the size the directory declares for the
 * entry (and all of them against `maxUnpackedXlsxBytes`) while inflating, so a workbook that under-declares its sizes is refused as soon as it
 * lies, not after it has filled the memory. `inspectXlsx` (zip-inspect.ts) stays the fast first
 * reject on the declared sizes.
 */
export class XlsxPackage {
  private inflated = 0;
  /** Inflated bytes of the part being streamed, for progress. */
  partBytes = 0;

  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
  ) {}

  static async open(filePath: string): Promise<XlsxPackage> {
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(filePath, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (error, file) =>
        error || !file ? reject(damaged(error)) : resolve(file),
      ),
    );
    const entries = new Map<string, yauzl.Entry>();
    try {
      await new Promise<void>((resolve, reject) => {
        zip.on('entry', (entry: yauzl.Entry) => {
          entries.set(entry.fileName.replace(/\\/g, '/').replace(/^\/+/, ''), entry);
          zip.readEntry();
        });
        zip.on('end', () => resolve());
        zip.on('error', (error: Error) => reject(damaged(error)));
        zip.readEntry();
      });
    } catch (error) {
      zip.close();
      throw error;
    }
    return new XlsxPackage(zip, entries);
  }

  close(): void {
    this.zip.close();
  }

  /** The part's name as stored (part names compare case-insensitively in OPC). */
  find(name: string): string | null {
    if (this.entries.has(name)) return name;
    const lower = name.toLowerCase();
    for (const key of this.entries.keys()) if (key.toLowerCase() === lower) return key;
    return null;
  }

  /**
   * Streams a part as UTF-8 text chunks. Deflated parts are inflated here in large chunks, and
   * every inflated byte is counted against the size the directory declares: one byte more and
   * the file is refused, before the rest is inflated.
   */
  async *text(name: string): AsyncGenerator<string> {
    const entry = this.entries.get(name);
    if (!entry) throw damaged(new Error(importWords.xlsx.partMissing(name)));
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw damaged(new Error(importWords.xlsx.unknownCompression(name)));
    const deflated = entry.compressionMethod === 8;
    const raw = await new Promise<Readable>((resolve, reject) =>
      this.zip.openReadStream(entry, deflated ? { decompress: false } : {}, (error, readable) => (error || !readable ? reject(damaged(error)) : resolve(readable))),
    );
    const stream: Readable = deflated ? raw.pipe(zlib.createInflateRaw({ chunkSize: 256 * 1024 })) : raw;
    if (deflated) raw.on('error', (error) => stream.destroy(error));
    const declared = entry.uncompressedSize;
    const decoder = new StringDecoder('utf8');
    this.partBytes = 0;
    try {
      for await (const chunk of stream) {
        this.inflated += (chunk as Buffer).length;
        this.partBytes += (chunk as Buffer).length;
        if (this.partBytes > declared || this.inflated > maxUnpackedXlsxBytes) throw bomb();
        yield decoder.write(chunk as Buffer);
      }
      if (this.partBytes !== declared) throw damaged(new Error(importWords.xlsx.partShorter(name)));
      const rest = decoder.end();
      if (rest) yield rest;
    } catch (error) {
      if (error instanceof FileProblem) throw error;
      throw damaged(error);
    } finally {
      stream.destroy();
      raw.destroy();
    }
  }

  /** A small part whole. */
  async whole(name: string): Promise<string> {
    let text = '';
    for await (const chunk of this.text(name)) text += chunk;
    return text;
  }

  /** The part's size unpacked, as declared (and checked while inflating), for progress. */
  size(name: string): number {
    return this.entries.get(name)?.uncompressedSize ?? 0;
  }
}

function bomb(): FileProblem {
  return new FileProblem('zip-bomb', importWords.xlsx.underDeclared);
}

export function damaged(error: unknown): FileProblem {
  if (error instanceof FileProblem) return error;
  const text = error instanceof Error ? error.message : String(error ?? '');
  return new FileProblem('unreadable-xlsx', importWords.xlsx.damaged(text));
}
