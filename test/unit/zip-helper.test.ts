import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { buildZip } from '../helpers/zip';

/**
 * fast-lane (issue 15): the hostile test files (zip bombs, a zip that under-declares) are built
 * from repeated parts; this proves such an entry unpacks, through the importer's own unzip
 * library, to exactly the bytes it names.
 */
function unpack(zip: Buffer): Promise<Map<string, { bytes: Buffer; declared: number }>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true, validateEntrySizes: false }, (error, archive) => {
      if (error || !archive) return reject(error);
      const found = new Map<string, { bytes: Buffer; declared: number }>();
      archive.on('entry', (entry: yauzl.Entry) => {
        archive.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            found.set(entry.fileName, { bytes: Buffer.concat(chunks), declared: entry.uncompressedSize });
            archive.readEntry();
          });
        });
      });
      archive.on('end', () => resolve(found));
      archive.on('error', reject);
      archive.readEntry();
    });
  });
}

const sha = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

describe('the test zip writer', () => {
  it('an entry built from parts and repeated parts unpacks to exactly their bytes, and declares their size', async () => {
    const head = Buffer.from('<worksheet><sheetData>');
    const row = Buffer.from('<row><c t="inlineStr"><is><t>Ærø</t></is></c></row>');
    const tail = Buffer.from('</sheetData></worksheet>');
    const zip = buildZip([
      { name: 'plain.txt', data: Buffer.from('hej') },
      { name: 'parts.xml', data: [head, { repeat: row, times: 5000 }, Buffer.alloc(0), { repeat: Buffer.alloc(70_000, 0x41), times: 3 }, tail], crc: false },
      { name: 'lies.xml', data: [{ repeat: row, times: 10 }], crc: false, declaredSize: 7 },
    ]);
    const entries = await unpack(zip);
    const expected = Buffer.concat([head, ...Array.from({ length: 5000 }, () => row), Buffer.alloc(210_000, 0x41), tail]);
    expect(entries.get('plain.txt')?.bytes.toString()).toBe('hej');
    expect(entries.get('parts.xml')?.bytes.length).toBe(expected.length);
    expect(sha(entries.get('parts.xml')!.bytes)).toBe(sha(expected));
    expect(entries.get('parts.xml')?.declared).toBe(expected.length);
    expect(entries.get('lies.xml')?.bytes.length).toBe(row.length * 10);
    expect(entries.get('lies.xml')?.declared).toBe(7);
    // The same bytes deflated whole unpack the same (the parts are no different file to a reader).
    expect(sha(zlib.inflateRawSync(zlib.deflateRawSync(expected)))).toBe(sha(entries.get('parts.xml')!.bytes));
  });

  it('refuses parts without crc: false (it does not compute their checksum)', () => {
    expect(() => buildZip([{ name: 'x', data: [Buffer.from('a')] }])).toThrow(/crc: false/);
  });

  it('a 300 MB bomb of one repeated megabyte stays under 2 MB packed and declares 300 MB (its bytes: the case above, smaller)', async () => {
    const bomb = buildZip([{ name: 'xl/worksheets/sheet1.xml', data: [{ repeat: Buffer.alloc(1024 * 1024, 0x41), times: 300 }], crc: false }]);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const declared = await new Promise<number>((resolve, reject) =>
      yauzl.fromBuffer(bomb, { lazyEntries: true }, (error, archive) => {
        if (error || !archive) return reject(error);
        archive.on('entry', (entry: yauzl.Entry) => resolve(entry.uncompressedSize));
        archive.readEntry();
      }),
    );
    expect(declared).toBe(300 * 1024 * 1024);
    // And 8 MB of it, unpacked: the repeated megabyte eight times.
    const small = (await unpack(buildZip([{ name: 's', data: [{ repeat: Buffer.alloc(1024 * 1024, 0x41), times: 8 }], crc: false }]))).get('s')!;
    expect(small.bytes.equals(Buffer.alloc(8 * 1024 * 1024, 0x41))).toBe(true);
  });
});
