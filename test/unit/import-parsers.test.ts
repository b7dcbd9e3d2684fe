import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { detectDelimiter } from '../../src/main/services/import/delimiter';
import { decodeText, detectEncoding } from '../../src/main/services/import/encoding';
import { detectKind, mappingFromHeaders, matchHeader } from '../../src/main/services/import/fields';
import { parseNumber } from '../../src/main/services/import/numbers';
import { excelSerialToMonth, parsePeriod } from '../../src/main/services/import/periods';
import { buildReferenceLookup } from '../../src/main/services/import/reference-lookup';
import { tempSession } from '../helpers/temp-store';

describe('Danish numbers', () => {
  it.each([
    ['1.234,5', 1234.5],
    ['12,3 %', 12.3],
    ['-0,10', -0.1],
    ['−3', -3],
    ['1 234', 1234],
    ['1.234.567', 1234567],
    ['1234.5', 1234.5],
    ['0', 0],
    [',5', 0.5],
    ['9,08', 9.08],
  ])('reads %s as %d', (text, value) => {
    const parsed = parseNumber(text);
    expect(parsed.ok && parsed.value).toBeCloseTo(value, 10);
  });

  it('marks a percent sign and treats suppression markers as blank', () => {
    expect(parseNumber('12,3 %')).toMatchObject({ ok: true, percent: true });
    for (const blank of ['', '-', '..', 'x', '  ']) expect(parseNumber(blank)).toEqual({ ok: true, value: null, percent: false });
  });

  it('refuses text that is no number', () => {
    for (const bad of ['abc', '12a', '1,2,3', '1.23.4', '--1']) expect(parseNumber(bad).ok).toBe(false);
  });
});

describe('periods', () => {
  it.each([
    ['2023M07', '2023-07'],
    ['2023-07', '2023-07'],
    ['07-2023', '2023-07'],
    ['juli 2023', '2023-07'],
    ['jul. 2023', '2023-07'],
    ['Marts 2024', '2024-03'],
    ['2023-07-01', '2023-07'],
    ['01.07.2023', '2023-07'],
  ])('reads the month %s', (text, month) => {
    expect(parsePeriod(text)).toEqual({ kind: 'month', value: month });
  });

  it('reads quarters, moving annual totals, Excel dates and serials', () => {
    expect(parsePeriod('2023Q2')).toEqual({ kind: 'quarter', value: '2023Q2' });
    expect(parsePeriod('2022QMAT04')).toEqual({ kind: 'mat', value: '2022QMAT04' });
    expect(parsePeriod(new Date(Date.UTC(2023, 6, 1)))).toEqual({ kind: 'month', value: '2023-07' });
    // 45108 is 1 July 2023 in Excel's 1900 date system.
    expect(excelSerialToMonth(45108)).toEqual({ kind: 'month', value: '2023-07' });
    expect(parsePeriod(45138)).toEqual({ kind: 'month', value: '2023-07' });
  });

  it('refuses what is no period', () => {
    for (const bad of ['2023M13', 'foo 2023', '2023Q5', '13-2023', 'juli']) expect(parsePeriod(bad)).toBeNull();
  });
});

describe('encodings', () => {
  const text = 'Kommune;Ærø;Høje-Taastrup;Læsø\r\n';
  it('detects Windows-1252, UTF-8 with and without BOM, and UTF-16 with BOM', () => {
    expect(detectEncoding(iconv.encode(text, 'windows-1252')).encoding).toBe('windows-1252');
    expect(detectEncoding(Buffer.from(text, 'utf8'))).toEqual({ encoding: 'utf-8', bomLength: 0 });
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toEqual({ encoding: 'utf-8', bomLength: 3 });
    expect(detectEncoding(iconv.encode(text, 'utf-16le', { addBOM: true }))).toEqual({ encoding: 'utf-16le', bomLength: 2 });
    expect(detectEncoding(iconv.encode(text, 'utf-16be', { addBOM: true }))).toEqual({ encoding: 'utf-16be', bomLength: 2 });
  });

  it('decodes æøå intact and refuses a wrong choice with a Danish explanation', () => {
    expect(decodeText(iconv.encode(text, 'windows-1252'), 'windows-1252')).toBe(text);
    expect(decodeText(iconv.encode(text, 'utf-16le', { addBOM: true }), 'utf-16le')).toBe(text);
    expect(() => decodeText(iconv.encode(text, 'windows-1252'), 'utf-8')).toThrow(/ikke gyldig UTF-8.*Windows-1252/);
    expect(() => decodeText(Buffer.from(text, 'utf8'), 'windows-1252')).toThrow(/sandsynligvis UTF-8/);
  });
});

describe('delimiters', () => {
  it('finds ; , tab and | and ignores title rows above the header', () => {
    expect(detectDelimiter('Tabel: noget, med komma\n\na;b;c\n1;2,5;3\n4;5;6\n')).toBe(';');
    expect(detectDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    expect(detectDelimiter('a|b|c\n1|2|3\n')).toBe('|');
  });
});

describe('header synonyms', () => {
  it('maps the measurement headers the issue lists, case- and space-insensitively', () => {
    const expected: Record<string, string> = {
      Område: 'municipality',
      KOMMUNE: 'municipality',
      Kommunekode: 'municipality',
      Ydelsesgruppe: 'group',
      ydelsesgrupper: 'group',
      Periode: 'period',
      Måned: 'period',
      'Antal borgere': 'measured',
      'Antal  personer': 'measured',
      'Antal uden samtaler': 'interviewsLacking',
      'Antal uden minimum fire samtaler': 'interviewsLacking',
      'Antal med samtaler': 'interviewsWith',
      'Andel uden samtaler (pct.)': 'interviewsLackingShare',
      'Andel med samtaler (pct.)': 'interviewsWithShare',
      'Antal uden tilbud': 'offersLacking',
      'Antal med tilbud': 'offersWith',
      'Andel uden tilbud (pct.)': 'offersLackingShare',
      'Andel med tilbud (pct.)': 'offersWithShare',
      'Forventet og faktisk andel fuldtidspersoner på offentlig forsørgelse: Faktisk andel (pct.)': 'actualShare',
      'Placering på benchmarkranglisten': 'rank',
    };
    for (const [header, field] of Object.entries(expected)) expect(matchHeader(header), header).toBe(field);
    expect(matchHeader('Farve')).toBeNull();
  });

  it('tells the kinds apart by their headers', () => {
    const measurement = ['Kommune', 'Ydelsesgruppe', 'Måned', 'Antal borgere', 'Antal uden samtaler'];
    const focus = ['Kommune', 'Ydelsesgruppe', 'Periode', 'Antal borgere med mindst 12 måneders anciennitet', 'Antal uden 4 samtaler inden for seneste 12 måneder'];
    const supervision = ['Kommune', 'Fra', 'Til', 'Bemærkning'];
    const benchmark = ['Area', 'Periode', 'Ydelsesgrupper', 'Forventet antal', 'Faktisk andel (pct.)'];
    expect(detectKind(measurement, mappingFromHeaders(measurement))).toBe('measurement');
    expect(detectKind(focus, mappingFromHeaders(focus))).toBe('focus');
    expect(mappingFromHeaders(focus)).toMatchObject({ measured: 3, interviewsLacking: 4 });
    expect(detectKind(supervision, mappingFromHeaders(supervision))).toBe('supervision');
    expect(detectKind(benchmark, mappingFromHeaders(benchmark))).toBe('benchmark');
  });
});

describe('municipalities and benefit groups', () => {
  const made = tempSession();
  afterAll(() => made.cleanup());
  const lookup = buildReferenceLookup(made.session.db);

  it('finds a municipality by code or name, with or without "Kommune", in any case', () => {
    for (const value of ['101', '0101', 101, 'København', 'KØBENHAVNS KOMMUNE', 'københavn kommune']) expect(lookup.municipality(value), String(value)).toBe(101);
    expect(lookup.municipality('Ærø Kommune')).toBe(492);
    expect(lookup.municipality('høje-taastrup')).toBe(169);
    expect(lookup.municipality('Læsø')).toBe(825);
    expect(lookup.municipality('Lyngby-Taarbæk Kommune')).toBe(173);
    expect(lookup.municipality('Bornholms Regionskommune')).toBe(400);
    expect(lookup.municipality('Århus Kommune')).toBe(751);
    expect(lookup.municipality('Nordfyn')).toBe(480);
    expect(lookup.municipality('101 København')).toBe(101);
    expect(lookup.municipality('Atlantis')).toBeNull();
    expect(lookup.municipality('999')).toBeNull();
  });

  it('finds benefit groups by Jobindsats labels and variants', () => {
    const expected: Record<string, string> = {
      'A-dagpenge': 'dagpenge',
      'A-dagpenge mv.': 'dagpenge',
      Dagpenge: 'dagpenge',
      'Forrevalidering og revalidering': 'revalidering',
      'Selvforsørgelses- og hjemrejseydelse samt overgangsydelse': 'overgangsydelse',
      'Kontanthjælp mv.': 'kontanthjaelp',
      Jobafklaringsforløb: 'jobafklaring',
      Ressourceforløb: 'ressourceforloeb',
      'SYGEDAGPENGE': 'sygedagpenge',
    };
    for (const [label, id] of Object.entries(expected)) expect(lookup.group(label), label).toBe(id);
    expect(lookup.group('Efterløn')).toBeNull();
  });
});

describe('the duplicate-key index', () => {
  it('remembers the first row of every key, through growth, for number and text keys', async () => {
    const { KeyIndex } = await import('../../src/main/services/import/key-index');
    const index = new KeyIndex(4);
    for (let key = 0; key < 50_000; key++) expect(index.firstRow(key * 7919, key + 2)).toBe(0);
    for (let key = 0; key < 50_000; key += 997) expect(index.firstRow(key * 7919, 999_999)).toBe(key + 2);
    expect(index.firstRow('101|a-dagpenge mv.|2022QMAT04', 5)).toBe(0);
    expect(index.firstRow('101|a-dagpenge mv.|2022QMAT04', 9)).toBe(5);
  });
});
