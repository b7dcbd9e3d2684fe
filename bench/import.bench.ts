/**
 * Import speed and memory (issue 4): a 1,000,000-row Windows-1252 `;` CSV with decimal commas
 * against the sqlite3 shell's `.import` of the same file, and a 200,000-row .xlsx streamed.
 * Generates its own files in a temp folder; installs nothing.
 */
import ExcelJS from 'exceljs';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { readMunicipalityFacts } from '../src/main/services/reference-data';

const groups = ['A-dagpenge', 'Sygedagpenge', 'Kontanthjælp', 'Uddannelseshjælp', 'Revalidering', 'Ressourceforløb', 'Jobafklaringsforløb', 'Ledighedsydelse', 'Overgangsydelse'];
const header = ['Kommune', 'Ydelsesgruppe', 'Måned', 'Antal borgere', 'Antal uden samtaler', 'Andel uden samtaler (pct.)', 'Antal uden tilbud', 'Andel uden tilbud (pct.)'];

function* rows(count: number) {
  const municipalities = readMunicipalityFacts().map((m) => m.name);
  let produced = 0;
  // Months from 1950 on give a million distinct keys (98 × 9 × 1,134 months).
  for (let monthIndex = 0; produced < count; monthIndex++) {
    const month = `${1950 + Math.floor(monthIndex / 12)}M${String((monthIndex % 12) + 1).padStart(2, '0')}`;
    for (const municipality of municipalities) {
      for (const group of groups) {
        if (produced++ >= count) return;
        const measured = 10 + ((produced * 7919) % 2000);
        const lackingInterviews = (produced * 31) % (measured + 1);
        const lackingOffers = (produced * 17) % (measured + 1);
        yield [municipality, group, month, measured, lackingInterviews, (lackingInterviews / measured) * 100, lackingOffers, (lackingOffers / measured) * 100];
      }
    }
  }
}

const danish = (value: number) => value.toFixed(1).replace('.', ',');

function writeCsv(file: string, count: number) {
  const fd = fs.openSync(file, 'w');
  let buffer: string[] = [header.join(';')];
  for (const row of rows(count)) {
    buffer.push([row[0], row[1], row[2], row[3], row[4], danish(row[5] as number), row[6], danish(row[7] as number)].join(';'));
    if (buffer.length >= 50000) {
      fs.writeSync(fd, iconv.encode(buffer.join('\r\n') + '\r\n', 'windows-1252'));
      buffer = [];
    }
  }
  if (buffer.length) fs.writeSync(fd, iconv.encode(buffer.join('\r\n') + '\r\n', 'windows-1252'));
  fs.closeSync(fd);
}

async function writeXlsx(file: string, count: number) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = workbook.addWorksheet('Data');
  sheet.addRow(['Tidlig indsats: samtaler og tilbud']).commit();
  sheet.addRow(['Kilde: genereret til måling']).commit();
  sheet.addRow([]).commit();
  sheet.addRow(header).commit();
  for (const row of rows(count)) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
}

function importInChild(file: string, databasePath: string): { ms: number; cpuMs: number; checkpointMs: number; rows: number; peakMb: number; wallMs: number } {
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.resolve('bin/run-ts.cjs'), path.join(__dirname, 'import-child.ts'), file, databasePath], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`Import failed: ${result.stderr}`);
  const parsed = JSON.parse(result.stdout.trim().split('\n').pop()!);
  return { ...parsed, wallMs: Date.now() - started };
}

function sqliteShellImport(file: string, dir: string): number | null {
  const shell = '/usr/bin/sqlite3';
  if (!fs.existsSync(shell)) return null;
  const databasePath = path.join(dir, 'shell.db');
  // An equivalent table: the same key and a column per field, WITHOUT ROWID like `measurement`.
  execFileSync(shell, [databasePath, `PRAGMA journal_mode = WAL; CREATE TABLE m (kommune TEXT, gruppe TEXT, maaned TEXT, maalte TEXT, uden_samtaler TEXT, andel_samtaler TEXT, uden_tilbud TEXT, andel_tilbud TEXT, PRIMARY KEY (kommune, gruppe, maaned)) WITHOUT ROWID;`]);
  const started = process.hrtime.bigint();
  execFileSync(shell, [databasePath], { input: `.mode csv\n.separator ;\n.import --skip 1 ${file} m\n` });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export async function run() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsatsmonitor-bench-'));
  try {
    const csvRows = Number(process.env.BENCH_CSV_ROWS ?? 1_000_000);
    const xlsxRows = Number(process.env.BENCH_XLSX_ROWS ?? 200_000);
    console.log(`Machine: ${os.cpus().length} cores, load average ${os.loadavg().map((value) => value.toFixed(1)).join(' / ')} (the figures move with it)`);
    const csv = path.join(dir, 'maalinger.csv');
    writeCsv(csv, csvRows);
    console.log(`CSV: ${csvRows.toLocaleString('en')} rows, ${(fs.statSync(csv).size / 1e6).toFixed(1)} MB, Windows-1252, ';', decimal comma`);
    const shellMs = sqliteShellImport(csv, dir);
    const ours = importInChild(csv, path.join(dir, 'ours.db'));
    // The shell's time includes its checkpoint (when it closes the file); ours is added for the ratio.
    const oursMs = ours.ms + ours.checkpointMs;
    console.log(`  import:        ${ours.ms.toFixed(0)} ms to the answer, then its checkpoint ${ours.checkpointMs.toFixed(0)} ms (${ours.wallMs} ms with process start), ${Math.round(ours.rows / (oursMs / 1000)).toLocaleString('en')} rows/s, peak ${ours.peakMb.toFixed(0)} MB`);
    if (shellMs === null) console.log('  sqlite3 shell: not found at /usr/bin/sqlite3 (apt-get install sqlite3); no ratio');
    else {
      console.log(`  sqlite3 .import: ${shellMs.toFixed(0)} ms`);
      console.log(`  ratio import (with its checkpoint) / sqlite3 shell: ${(oursMs / shellMs).toFixed(2)}× (target ≤ 1.6×); with process start ${(ours.wallMs / shellMs).toFixed(2)}×`);
    }
    const xlsx = path.join(dir, 'maalinger.xlsx');
    await writeXlsx(xlsx, xlsxRows);
    console.log(`XLSX: ${xlsxRows.toLocaleString('en')} rows, ${(fs.statSync(xlsx).size / 1e6).toFixed(1)} MB, shared strings, 3 title rows`);
    const fromXlsx = importInChild(xlsx, path.join(dir, 'xlsx.db'));
    console.log(`  import:        ${fromXlsx.ms.toFixed(0)} ms, ${Math.round(fromXlsx.rows / (fromXlsx.ms / 1000)).toLocaleString('en')} rows/s (target ≥ 20,000), peak ${fromXlsx.peakMb.toFixed(0)} MB`);
    // import-readers: CPU time as well, since wall time on a shared machine mostly measures the other load.
    console.log(`  CPU time:      ${fromXlsx.cpuMs.toFixed(0)} ms, ${Math.round(fromXlsx.rows / (fromXlsx.cpuMs / 1000)).toLocaleString('en')} rows per CPU-second`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2]?.endsWith('import.bench.ts')) void run();
