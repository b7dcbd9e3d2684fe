import zlib from 'node:zlib';

/** CRC-32 (zip's checksum). */
function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** fast-lane (issue 15): a piece of an entry's content, or one piece repeated (a huge entry without holding it in memory). */
export type ZipPart = Buffer | { repeat: Buffer; times: number };

/**
 * The raw deflate stream of the parts one after another: each distinct piece is compressed once
 * and ends on a full flush (byte-aligned, no back-references past it), so its compressed bytes
 * can be repeated; an empty final block ends the stream. Unpacks to exactly the concatenated
 * content (a 300 MB sheet costs 1 MB of compression instead of allocating and deflating 300 MB).
 */
function deflateParts(parts: ZipPart[]): { compressed: Buffer; size: number } {
  const pieces: Buffer[] = [];
  let size = 0;
  for (const part of parts) {
    const bytes = Buffer.isBuffer(part) ? part : part.repeat;
    const times = Buffer.isBuffer(part) ? 1 : part.times;
    if (bytes.length === 0 || times === 0) continue;
    const flushed = zlib.deflateRawSync(bytes, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
    for (let time = 0; time < times; time++) pieces.push(flushed);
    size += bytes.length * times;
  }
  pieces.push(zlib.deflateRawSync(Buffer.alloc(0), { level: 9 }));
  return { compressed: Buffer.concat(pieces), size };
}

/**
 * A minimal zip writer for hostile test files (a zip bomb, a zip that is no workbook): the tests
 * build their own files instead of shipping binaries. `crc: false` skips the checksum for huge entries;
 * `declaredSize` writes a false unpacked size into both headers (a zip that under-declares).
 * `data` may be a list of parts (see `ZipPart`), with `crc: false`.
 */
export function buildZip(entries: { name: string; data: Buffer | ZipPart[]; crc?: boolean; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    if (!Buffer.isBuffer(entry.data) && entry.crc !== false) throw new Error('an entry built from parts has no checksum: pass crc: false');
    const { compressed, size } = Buffer.isBuffer(entry.data) ? { compressed: zlib.deflateRawSync(entry.data, { level: 9 }), size: entry.data.length } : deflateParts(entry.data);
    const crc = entry.crc === false || !Buffer.isBuffer(entry.data) ? 0 : crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(entry.declaredSize ?? size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(entry.declaredSize ?? size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
