import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/handlers';
import { importFile, previewFile } from '../../src/main/services/import/pipeline';
import { registerLocalFile } from '../../src/main/services/import/staging';
import { buildZip } from '../helpers/zip';
import { demoSession } from '../helpers/demo-store';
import { importPath, storeFingerprint, writeDanishCsv, writeTitledWorkbook } from '../helpers/import-files';

/**
 * Every bad input of issue 4 ends with a message a case reviewer understands and the store
 * exactly as before. The store starts with the demo data, so "as before" is not "empty".
 */
let made: ReturnType<typeof demoSession>;
let before: string;
beforeEach(() => {
  made = demoSession();
  before = storeFingerprint(made.session.db);
});
afterEach(() => made.cleanup());
const file = (name: string) => path.join(made.dir, name);

async function expectRefused(filePath: string, message: RegExp, options = {}) {
  await expect(importPath(made.session.db, filePath, options, made.databasePath)).rejects.toThrow(message);
  expect(storeFingerprint(made.session.db)).toBe(before);
}

describe('bad input', () => {
  it('an empty file', async () => {
    fs.writeFileSync(file('tom.csv'), '');
    await expectRefused(file('tom.csv'), /^Filen er tom \(0 byte\)/);
    fs.writeFileSync(file('blank.csv'), '\r\n\r\n  \r\n');
    await expectRefused(file('blank.csv'), /kun tomme linjer/);
  });

  it('a PDF renamed .xlsx', async () => {
    fs.writeFileSync(file('rapport.xlsx'), Buffer.concat([Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), Buffer.alloc(2000, 7)]));
    await expectRefused(file('rapport.xlsx'), /Filen er en PDF, ikke et regneark/);
  });

  it('a zip bomb', async () => {
    // 300 MB of one letter packs to a few hundred KB: far beyond any real sheet's ratio.
    const bomb = buildZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook><sheets><sheet name="Ark1" sheetId="1"/></sheets></workbook>') },
      // fast-lane (issue 15): the same 300 MB, deflated from one repeated megabyte (test/helpers/zip.ts).
      { name: 'xl/worksheets/sheet1.xml', data: [{ repeat: Buffer.alloc(1024 * 1024, 0x41), times: 300 }], crc: false },
    ]);
    fs.writeFileSync(file('bombe.xlsx'), bomb);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    await expectRefused(file('bombe.xlsx'), /zip-bombe/);
  });

  it('a zip that is not a workbook', async () => {
    fs.writeFileSync(file('arkiv.xlsx'), buildZip([{ name: 'readme.txt', data: Buffer.from('hej') }]));
    await expectRefused(file('arkiv.xlsx'), /zip-fil, men ikke et Excel-regneark/);
  });

  it('a truncated workbook', async () => {
    const whole = await writeTitledWorkbook(file('hel.xlsx'), [['Ærø', 'A-dagpenge', '2023M07', 25, 6, 24, 3, 12]]);
    const bytes = fs.readFileSync(whole);
    fs.writeFileSync(file('afbrudt.xlsx'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expectRefused(file('afbrudt.xlsx'), /ufuldstændig eller beskadiget/);
  });

  it('a CSV with ragged rows', async () => {
    const text = 'Kommune;Ydelsesgruppe;Måned;Antal borgere;Antal uden samtaler\r\nÆrø;A-dagpenge;2023M07;25;6\r\nLæsø;A-dagpenge;2023M07;5;1;9;9\r\nÆrø;A-dagpenge\r\n';
    fs.writeFileSync(file('skaev.csv'), iconv.encode(text, 'windows-1252'));
    await expect(importPath(made.session.db, file('skaev.csv'))).rejects.toMatchObject({
      message: expect.stringMatching(/2 af 3 rækker har fejl/),
      details: [
        { row: 3, column: '', message: expect.stringMatching(/Rækken har 7 felter, men overskriften har 5/) },
        { row: 4, column: 'C', message: 'Periode mangler.' },
      ],
    });
    expect(storeFingerprint(made.session.db)).toBe(before);
  });

  it('a CSV with a quote that is never closed', async () => {
    const text = 'Kommune;Ydelsesgruppe;Måned;Antal borgere;Antal uden samtaler\r\nÆrø;A-dagpenge;2023M07;25;6\r\nLæsø;"A-dagpenge;2023M07;5;1\r\nÆrø;A-dagpenge;2023M08;25;6\r\n';
    fs.writeFileSync(file('citat.csv'), iconv.encode(text, 'windows-1252'));
    await expect(importPath(made.session.db, file('citat.csv'))).rejects.toMatchObject({
      details: [{ row: 3, column: '', message: expect.stringMatching(/anførselstegn .* lukkes aldrig/) }],
    });
    expect(storeFingerprint(made.session.db)).toBe(before);
  });

  it('a wrong encoding guess, either way', async () => {
    const csv = writeDanishCsv(file('ansi.csv'), [['Ærø', 'A-dagpenge', '2023M07', 25, 6, '24,0', 3, '12,0']]);
    await expectRefused(csv, /ikke gyldig UTF-8.*Vælg tegnsættet Windows-1252/, { encoding: 'utf-8' });
    fs.writeFileSync(file('utf8.csv'), 'Kommune;Ydelsesgruppe;Måned;Antal borgere\r\nHøje-Taastrup;A-dagpenge;2023M07;25\r\n', 'utf8');
    await expectRefused(file('utf8.csv'), /sandsynligvis UTF-8. Vælg tegnsættet UTF-8/, { encoding: 'windows-1252' });
  });

  it('a header row that matches nothing', async () => {
    writeDanishCsv(file('ukendt.csv'), [['a', 'b', 'c']], ['Farve', 'Form', 'Størrelse']);
    await expectRefused(file('ukendt.csv'), /Ingen af kolonneoverskrifterne blev genkendt \(overskriftsrække 1: Farve, Form, Størrelse\)/);
    const preview = await previewFile(made.session.db, registerLocalFile(file('ukendt.csv')));
    expect(preview.warnings[0]).toMatch(/Ingen af kolonneoverskrifterne i række 1 blev genkendt/);
  });

  it('a 2 GB file is refused by its size before it is read', async () => {
    // A sparse file: 2 GB long, no disk used.
    const big = file('kaempe.csv');
    fs.writeFileSync(big, 'Kommune;Måned\r\n');
    fs.truncateSync(big, 2 * 1024 * 1024 * 1024);
    await expectRefused(big, /Filen fylder 2\.048 MB; Indsatsmonitor indlæser filer op til 300 MB/);
    // The renderer's path refuses it before a byte is sent.
    const begin = await dispatch(made.session, 'import.upload.begin', { fileName: 'kaempe.csv', size: 2 * 1024 * 1024 * 1024 });
    expect(begin).toMatchObject({ ok: false, error: { code: 'file-too-large', message: expect.stringMatching(/Filen fylder/) } });
  });

  it('a file with a header but no rows, and a file where every row is bad even when skipping', async () => {
    writeDanishCsv(file('kun-overskrift.csv'), []);
    await expectRefused(file('kun-overskrift.csv'), /ingen rækker med tal/);
    writeDanishCsv(file('alt-galt.csv'), [['Atlantis', 'A-dagpenge', '2023M07', 1, 0, '0', 0, '0']]);
    await expectRefused(file('alt-galt.csv'), /Ingen af filens rækker kunne indlæses/, { skipBadRows: true });
  });

  it('a failure while writing rolls the whole file back', async () => {
    const csv = writeDanishCsv(file('ok.csv'), [['Ærø', 'A-dagpenge', '2023M07', 25, 6, '24,0', 3, '12,0']]);
    // A trigger standing in for a full disk in the middle of the file's transaction.
    made.session.db.exec("CREATE TEMP TRIGGER fail_insert BEFORE INSERT ON measurement WHEN NEW.municipality_code = 492 BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
    await expect(importFile(made.session.db, registerLocalFile(csv))).rejects.toThrow(/disk I\/O error/);
    made.session.db.exec('DROP TRIGGER fail_insert');
    expect(storeFingerprint(made.session.db)).toBe(before);
    expect(made.session.db.inTransaction).toBe(false);
  });
});
