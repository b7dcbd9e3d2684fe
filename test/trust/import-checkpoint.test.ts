import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/handlers';
import { registerLocalFile } from '../../src/main/services/import/staging';
import { whenImportWorkerSettled } from '../../src/main/services/import/worker-import';
import { readBenefitGroupFacts, readMunicipalityFacts } from '../../src/main/services/reference-data';
import { writeDanishCsv } from '../helpers/import-files';
import { tempSession } from '../helpers/temp-store';

/**
 * derive-speed (issue 10): the import worker answers before it copies the import's pages from the WAL
 * into the database file (the checkpoint), and copies them before it lets go of its connection.
 */
let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  cleanups = [];
});

/** The page count in the database file's own header (bytes 28–31): what the file holds without its WAL. */
function pagesInFileHeader(databasePath: string): number {
  const header = Buffer.alloc(32);
  const fd = fs.openSync(databasePath, 'r');
  try {
    fs.readSync(fd, header, 0, 32, 0);
  } finally {
    fs.closeSync(fd);
  }
  return header.readUInt32BE(28);
}

/** Every municipality and benefit group for the year's twelve months (10,584 rows). */
function writeYear(file: string, year: number): string {
  const rows: (string | number)[][] = [];
  for (const { code } of readMunicipalityFacts()) {
    for (const { label } of readBenefitGroupFacts().groups) {
      for (let month = 1; month <= 12; month++) rows.push([code, label, `${year}M${String(month).padStart(2, '0')}`, 100, 10, '10,0', 5, '5,0']);
    }
  }
  return writeDanishCsv(file, rows);
}

describe("the import worker's checkpoint after its answer", () => {
  it("puts the import's pages in the database file by the time the worker lets go of its connection", async () => {
    const made = tempSession();
    cleanups.push(made.cleanup);
    const { session, databasePath } = made;
    // A new store's first pages are still in its WAL (fewer than the 1,000 of an automatic checkpoint): copy them.
    session.db.pragma('wal_checkpoint(TRUNCATE)');
    const pagesBefore = session.db.pragma('page_count', { simple: true }) as number;
    expect(pagesInFileHeader(databasePath)).toBe(pagesBefore);

    const file = registerLocalFile(writeYear(path.join(made.dir, 'aar.csv'), 2023));
    const imported = await dispatch(session, 'import.run', { fileId: file.fileId });
    expect(imported).toMatchObject({ ok: true, value: { rowsImported: 10_584 } });
    await whenImportWorkerSettled();
    const pagesAfter = session.db.pragma('page_count', { simple: true }) as number;
    // The import made the store grow (so the check below has something to see) ...
    expect(pagesAfter).toBeGreaterThan(pagesBefore + 100);
    // ... and the file itself holds all of it: the worker's connection (no automatic checkpoint) copied it.
    // (No write on this connection came between: its own commit would have copied the pages too.)
    expect(pagesInFileHeader(databasePath)).toBe(pagesAfter);
  }, 120_000);
});
