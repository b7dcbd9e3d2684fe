import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSource } from '../../src/main/services/import/readers';
import { tempDir } from '../helpers/temp-store';

/**
 * cit-import (issue 10): a text file's UTF-8 check reads it in 1 MiB chunks without decoding it
 * (`buffer.isUtf8`), carrying a character split across two chunks over to the next. These files
 * put a two-, three- and four-byte character across the first chunk boundary, and bad bytes at
 * the very end, and read the encoding the reader chose.
 */
const chunk = 1024 * 1024;
let made: ReturnType<typeof tempDir>;
beforeEach(() => {
  made = tempDir();
});
afterEach(() => made.cleanup());

/** A `;` CSV of about 1.1 MiB whose `character` starts `before` bytes before the 1 MiB boundary, then `tail`. */
function fileWith(name: string, character: string, before: number, tail: Buffer = Buffer.alloc(0), bom = false): string {
  const header = Buffer.from(`${bom ? '\ufeff' : ''}Kommune;Note\n`, 'utf8');
  const line = Buffer.from('101;abcdefghij\n', 'utf8');
  const parts: Buffer[] = [header];
  let size = header.length;
  while (size + line.length <= chunk - before - 4) {
    parts.push(line);
    size += line.length;
  }
  const pad = chunk - before - size - 4;
  parts.push(Buffer.from(`101;${'x'.repeat(pad)}`, 'utf8'), Buffer.from(character, 'utf8'), Buffer.from('\n', 'utf8'));
  for (let index = 0; index < 5000; index++) parts.push(line);
  parts.push(tail);
  const bytes = Buffer.concat(parts);
  // The character really starts `before` bytes ahead of the boundary, so it is split by it.
  expect(bytes.indexOf(Buffer.from(character, 'utf8'))).toBe(chunk - before);
  const file = path.join(made.dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

const encodingOf = async (file: string) => (await openSource(file)).info.encoding;

describe('the UTF-8 check of a big text file', () => {
  it('reads a character split by the chunk boundary as UTF-8 (two, three and four bytes, at every split)', async () => {
    for (const [character, length] of [['ø', 2], ['€', 3], ['🙂', 4]] as const) {
      for (let before = 1; before < length; before++) expect(await encodingOf(fileWith(`split-${length}-${before}.csv`, character, before)), `${character} ${before}`).toBe('utf-8');
    }
  });

  it('finds a Windows-1252 byte after the boundary, and a character cut off at the very end of the file', async () => {
    expect(await encodingOf(fileWith('latin.csv', 'ø', 1, Buffer.from([0x31, 0x30, 0x31, 0x3b, 0xf8, 0x0a])))).toBe('windows-1252');
    expect(await encodingOf(fileWith('cut.csv', 'ø', 1, Buffer.from([0x31, 0x30, 0x31, 0x3b, 0xe2, 0x82])))).toBe('windows-1252');
  });

  it('refuses a file that says UTF-8 (a byte-order mark) but is not, in Danish', async () => {
    const file = fileWith('bom.csv', '€', 2, Buffer.from([0x31, 0x30, 0x31, 0x3b, 0xe6, 0x0a]), true);
    await expect(openSource(file)).rejects.toThrow(/Filen er ikke gyldig UTF-8/);
  });
});
