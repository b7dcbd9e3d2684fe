import type { CitizenRow } from '../../../shared/api/citizens';
import { describeMonth } from '../../../shared/period-words';
import { formatDanishDate } from '../../../shared/words-da';
import { citizenWords } from '../../../shared/citizen-words-da';
import { exportWords } from '../../../shared/export-words-da';
import { addProvenanceSheet, type ProvenanceFile } from './provenance';
import { streamTableWorkbook, type CellValue, type SheetColumn } from './workbook';

/*
 * The citizens to contact (issue 10, cit-desk): one row per spell with what is missing and the
 * deadline, and the provenance sheet every export has. Ids are masked unless the reviewer asked
 * for full ids in the export step; then the provenance sheet says so in plain words.
 */

const words = citizenWords.list;
const column = words.columns;

/** What is missing in words: "2 samtaler og et tilbud", "1 samtale", "et tilbud", "Intet". */
export function describeMissing(row: Pick<CitizenRow, 'interviewsMissing' | 'offerMissing'>): string {
  return citizenWords.missing(row.interviewsMissing, row.offerMissing);
}

const citizenListColumns: SheetColumn[] = [
  { header: column.citizenId, kind: 'text' },
  { header: column.municipalityCode, kind: 'integer' },
  { header: column.municipality, kind: 'text' },
  { header: column.group, kind: 'text' },
  { header: column.startDate, kind: 'date' },
  { header: column.cohortMonth, kind: 'text' },
  { header: column.deadline, kind: 'date' },
  { header: column.daysLeft, kind: 'integer' },
  { header: column.interviewsCounted, kind: 'integer' },
  { header: column.requiredInterviews, kind: 'integer' },
  { header: column.interviewsNotCounted, kind: 'integer' },
  { header: column.offers, kind: 'text' },
  { header: column.offerRequired, kind: 'text' },
  { header: column.missing, kind: 'text' },
];

interface CitizenListInput {
  rows: CitizenRow[];
  includeFullIds: boolean;
  asOf: string;
  filters: string[];
  files: ProvenanceFile[];
  madeBy: string;
  madeAt: Date;
}

export async function writeCitizenList(input: CitizenListInput): Promise<Buffer> {
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
    row.offers > 0 ? exportWords.yes : exportWords.no,
    row.offerRequired ? exportWords.yes : exportWords.no,
    describeMissing(row),
  ]);
  // The same rule as the grid's "still within reach": six months not over, spell not ended, something missing.
  const withinReach = input.rows.filter((row) => row.daysLeft >= 0 && (row.endDate === null || row.endDate >= input.asOf) && (row.interviewsMissing > 0 || row.offerMissing)).length;
  return streamTableWorkbook(input.madeBy, [{ name: words.sheetName, columns: citizenListColumns, rows: cells, freezeColumns: 1 }], (workbook) =>
    addProvenanceSheet(workbook, {
      title: words.title,
      filters: input.filters,
      madeBy: input.madeBy,
      madeAt: input.madeAt,
      result: words.result(input.rows.length, withinReach, formatDanishDate(input.asOf)),
      moreRows: [[words.idsLabel, input.includeFullIds ? words.idsFull : words.idsMasked]],
      files: input.files,
    }),
  );
}
