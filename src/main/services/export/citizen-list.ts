import type { CitizenRow } from '../../../shared/api/citizens';
import { describeMonth } from '../../../shared/period-words';
import { formatDanishDate } from '../../../shared/words-da';
import { addProvenanceSheet, type ProvenanceFile } from './provenance';
import { streamTableWorkbook, type CellValue, type SheetColumn } from './workbook';

/*
 * The citizens to contact (issue 10, cit-desk): one row per spell with what is missing and the
 * deadline, and the provenance sheet every export has. Ids are masked unless the reviewer asked
 * for full ids in the export step; then the provenance sheet says so in plain words.
 */

export const citizenListSheetNames = { list: 'Borgere', provenance: 'Grundlag' } as const;

export const citizenListWords = {
  title: 'Borgere at kontakte',
  idsMasked: 'Maskerede (ddmmåå-****): filen indeholder ikke fulde CPR-numre',
  idsFull: 'FULDE CPR-NUMRE: filen indeholder personnumre i fuld længde, fordi det blev valgt ved eksporten. Behandl den som fortrolige personoplysninger, og slet den, når den ikke længere skal bruges.',
  idsLabel: 'CPR-numre',
  yes: 'Ja',
  no: 'Nej',
  nothing: 'Intet',
} as const;

/** What is missing in words: "2 samtaler og et tilbud", "1 samtale", "et tilbud", "Intet". */
export function describeMissing(row: Pick<CitizenRow, 'interviewsMissing' | 'offerMissing'>): string {
  const parts: string[] = [];
  if (row.interviewsMissing > 0) parts.push(`${row.interviewsMissing} ${row.interviewsMissing === 1 ? 'samtale' : 'samtaler'}`);
  if (row.offerMissing) parts.push('et tilbud');
  return parts.length ? parts.join(' og ') : citizenListWords.nothing;
}

export const citizenListColumns: SheetColumn[] = [
  { header: 'CPR-nummer', kind: 'text' },
  { header: 'Kommunekode', kind: 'integer' },
  { header: 'Kommune', kind: 'text' },
  { header: 'Ydelsesgruppe', kind: 'text' },
  { header: 'Forløbets start', kind: 'date' },
  { header: 'Kohortemåned', kind: 'text' },
  { header: 'Frist', kind: 'date' },
  { header: 'Dage tilbage', kind: 'integer' },
  { header: 'Samtaler holdt', kind: 'integer' },
  { header: 'Samtaler krævet', kind: 'integer' },
  { header: 'A-kasse-samtaler (tæller ikke)', kind: 'integer' },
  { header: 'Tilbud givet', kind: 'text' },
  { header: 'Tilbud krævet', kind: 'text' },
  { header: 'Mangler', kind: 'text' },
];

export interface CitizenListInput {
  rows: CitizenRow[];
  includeFullIds: boolean;
  asOf: string;
  filters: string[];
  files: ProvenanceFile[];
  madeBy: string;
  madeAt: Date;
}

export async function writeCitizenList(input: CitizenListInput): Promise<Buffer> {
  const words = citizenListWords;
  const cells: CellValue[][] = input.rows.map((row) => [
    row.citizenId,
    row.municipalityCode,
    row.municipalityName,
    row.groupLabel,
    row.startDate,
    row.cohortMonth ? describeMonth(row.cohortMonth) : null,
    row.deadline,
    row.daysLeft,
    row.interviewsCounted,
    row.requiredInterviews,
    row.interviewsNotCounted,
    row.offers > 0 ? words.yes : words.no,
    row.offerRequired ? words.yes : words.no,
    describeMissing(row),
  ]);
  // The same rule as the grid's "still within reach": six months not over, spell not ended, something missing.
  const withinReach = input.rows.filter((row) => row.daysLeft >= 0 && (row.endDate === null || row.endDate >= input.asOf) && (row.interviewsMissing > 0 || row.offerMissing)).length;
  return streamTableWorkbook(input.madeBy, [{ name: citizenListSheetNames.list, columns: citizenListColumns, rows: cells, freezeColumns: 1 }], (workbook) =>
    addProvenanceSheet(workbook, {
      title: words.title,
      filters: input.filters,
      madeBy: input.madeBy,
      madeAt: input.madeAt,
      result: `${input.rows.length.toLocaleString('da-DK')} forløb på listen; ${withinReach.toLocaleString('da-DK')} mangler stadig noget og kan nås før fristen (opgjort pr. ${formatDanishDate(input.asOf)})`,
      moreRows: [[words.idsLabel, input.includeFullIds ? words.idsFull : words.idsMasked]],
      files: input.files,
    }),
  );
}
