import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeMonth, describeMonthShort, describePeriod, describePeriodShort, describePeriodsIn } from '../../src/shared/period-words';
import { findForbidden } from '../helpers/code-words';
import { runCliInProcess } from '../helpers/cli';
import { copyDemoStore } from '../helpers/demo-store';
import { tempDir } from '../helpers/temp-store';
import { sharedExtractPath } from '../helpers/import-files';

/** danish-finish (issue 11): every period a user reads is in words; the codes stay for arguments and data files. */
describe('periods in words', () => {
  it('says half-years, months, quarters and moving years as Danish words', () => {
    expect(describePeriod('2023H2')).toBe('2. halvår 2023');
    expect(describePeriod('2024H1')).toBe('1. halvår 2024');
    expect(describePeriod('2023-09')).toBe('september 2023');
    expect(describePeriod('2023M07')).toBe('juli 2023');
    expect(describePeriod('2023Q2')).toBe('2. kvartal 2023');
    // Jobindsats' moving annual total ending the quarter (data README: 2021QMAT02 = July 2020 – June 2021).
    expect(describePeriod('2021QMAT02')).toBe('året til og med 2. kvartal 2021 (juli 2020 – juni 2021)');
    expect(describePeriod('2022QMAT04')).toBe('året til og med 4. kvartal 2022 (januar 2022 – december 2022)');
    expect(describePeriod('2020QMAT01')).toBe('året til og med 1. kvartal 2020 (april 2019 – marts 2020)');
    expect(describePeriodShort('2021QMAT02')).toBe('året til og med 2. kvartal 2021');
    expect(describeMonth('2024-12')).toBe('december 2024');
    expect(describeMonthShort('2023-05')).toBe('maj 2023');
    expect(describeMonthShort('2023-09')).toBe('sep. 2023');
  });

  it('leaves what is not a period code alone, and finds the codes inside a text', () => {
    for (const text of ['2023', 'zzz', '2023-13', '2023H3', 'Tærskel 25 %']) expect(describePeriod(text)).toBe(text);
    expect(describePeriodsIn('Overblik 2023H2')).toBe('Overblik 2. halvår 2023');
    expect(describePeriodsIn('Hele landet 2024-12 mod 2023-12, lavet 2024-03-25')).toBe('Hele landet december 2024 mod december 2023, lavet 2024-03-25');
    expect(describePeriodsIn('Skærpet tilsyn 2021QMAT02')).toBe('Skærpet tilsyn året til og med 2. kvartal 2021 (juli 2020 – juni 2021)');
  });

  it('the code-word scan catches every period code and lets the words and dates through', () => {
    for (const code of ['2023H2', '2021QMAT02', '2023Q2', '2023M07', '2023-07']) expect(findForbidden(`Periode ${code}.`)).toHaveLength(1);
    expect(findForbidden(`Periode ${describePeriod('2023H2')}, lavet 25. marts 2024 kl. 14.03; fil 2024-03-25.xlsx`)).toEqual([]);
  });
});

describe('the CLI says periods in words in its text output, and still takes the codes as arguments', () => {
  it('evaluate (models A, B, C, D) and the contact list, on the demo data and the Y30R21 extract', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = copyDemoStore(path.join(dir, 'cli.db'));
      // fast-lane (issue 15): the CLI's code in this process (test/helpers/cli.ts); test/unit/cli.test.ts runs the binary.
      const cli = (...args: string[]) => runCliInProcess([...args, '--db', db]);
      expect((await cli('import', sharedExtractPath())).status).toBe(0);
      // The five read-only runs, each opening the same file as its own CLI run does.
      const runs = await Promise.all([
        cli('evaluate', '--model', 'early-2023', '--period', '2023H2'),
        cli('evaluate', '--model', 'early-2021', '--period', '2023-09'),
        cli('evaluate', '--model', 'supervision', '--period', '2021QMAT02'),
        cli('evaluate', '--model', 'status', '--period', '2024-12', '--baseline', '2023-12'),
        cli('export', 'contact-list', '--period', '2023H2', '--out', path.join(dir, 'liste.xlsx')),
      ]);
      for (const run of runs) expect(run.status, run.stderr).toBe(0);
      const [a, b, c, d, list] = runs.map((run) => run.stdout);
      expect(a.split('\n')[0]).toMatch(/^2\. halvår 2023 \(regelsættets version [^)]+\): \d+ kommuner skal kontaktes/);
      expect(b).toContain('september 2023');
      expect(c.split('\n')[0]).toMatch(/^året til og med 2\. kvartal 2021 \(juli 2020 – juni 2021\): \d+ af 98 kommuner lever ikke op til resultatmålet\./);
      expect(d).toContain('Måned december 2024: data for');
      expect(list).toMatch(/^Kontaktlisten for 2\. halvår 2023 er gemt i /);
      // No period code in the summaries and headers the CLI writes (the tables' data cells are the data's own).
      const codes = /(?<![\p{L}\p{N}-])\d{4}(?:H[12]|QMAT\d{2}|Q[1-4]|M\d{2}|-(?:0[1-9]|1[0-2]))(?![\p{L}\p{N}-])/u;
      for (const output of [a, b, c, d, list]) {
        const lines = output.split('\n');
        const header = lines.find((line) => /^Kode\s/.test(line)) ?? '';
        expect(lines[0], lines[0]).not.toMatch(codes);
        expect(header, header).not.toMatch(codes);
      }
    } finally {
      cleanup();
    }
  }, 180_000);
});
