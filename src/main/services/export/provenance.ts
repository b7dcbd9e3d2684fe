import type ExcelJS from 'exceljs';
import type { RuleParameter } from '../../../shared/api/engine';
import { describeSource, formatDanishDateTime, importKindWords } from '../../../shared/words-da';
import { describeMonth, describePeriod, describePeriodsIn } from '../../../shared/period-words';
import { neutraliseCell } from './neutralise-formula';
import { xmlSafeText } from './xml-text';
import { exportWords } from '../../../shared/export-words-da';

/** A file the exported numbers came from. */
export interface ProvenanceFile {
  fileName: string;
  sha256: string;
  kind: string;
  importedAt: string;
  isDemo: boolean;
}

/** What an exported file is: every .xlsx the program writes carries this as its "Grundlag" sheet. */
export interface Provenance {
  /** What the file is, e.g. "Kontaktliste, tidlig indsats" or "Visning: Overblik 2023H2". */
  title: string;
  period?: string;
  months?: string[];
  complete?: boolean;
  ruleSet?: { name: string; version: string } | null;
  /** The filters that chose the rows, in words; empty means all rows. */
  filters: string[];
  madeBy: string;
  madeAt: Date;
  /** A sentence with the result, when the file has one. */
  result?: string;
  /** More label–value lines under the result (e.g. the municipalities exempted after a decision). */
  moreRows?: [string, string][];
  parameters?: RuleParameter[];
  files: ProvenanceFile[];
  /** models-finish: made under a what-if copy of a rule set (the name of the rule set it copies). */
  hypothetical?: { basedOn: string };
  /** citizen-models (issue 10): which counts the figures come from (Jobindsats or citizen data), said in words. */
  dataSource?: 'published' | 'citizens';
}

/** The words that mark a file made under a what-if copy (models-finish, issue 13 item 4; messages: in export-words-da.ts). */
export const hypotheticalWords = exportWords.hypothetical;

/**
 * A sheet name with the hypothetical mark kept whole within Excel's 31 characters. A name too long
 * for both first loses its period in words ("Overblik 2. halvår 2023" → "Overblik"; the period is
 * in the file name and on the provenance sheet), then whole words from the end, marked "…".
 */
export function hypotheticalSheetName(name: string): string {
  const room = 31 - hypotheticalWords.sheetSuffix.length;
  if (name.length <= room) return `${name}${hypotheticalWords.sheetSuffix}`;
  const withoutPeriod = name.replace(periodInWords, '').trim();
  if (withoutPeriod.length > 0 && withoutPeriod.length <= room) return `${withoutPeriod}${hypotheticalWords.sheetSuffix}`;
  const words = (withoutPeriod || name).split(/\s+/);
  let head = '';
  for (const word of words) {
    const next = head ? `${head} ${word}` : word;
    if (next.length > room - 1) break;
    head = next;
  }
  return `${head || (withoutPeriod || name).slice(0, room - 1)}…${hypotheticalWords.sheetSuffix}`;
}

/** A period as `describePeriod` writes it, at the end of a title: "2. halvår 2023", "december 2024", "2. kvartal 2021", "året til og med …". */
const periodInWords = /\s+(\d\. halvår \d{4}|\d\. kvartal \d{4}|(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december) \d{4}|året til og med .*)$/;

const provenanceSheetName = exportWords.provenance.sheetName;

const kindWords = importKindWords;

/** Danish text only: the kinds, yes/no and times in local time, every column with a width. */
export function addProvenanceSheet(workbook: ExcelJS.Workbook, provenance: Provenance): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(provenanceSheetName, { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const heading = (text: string) => {
    sheet.addRow([]);
    sheet.addRow([text]).font = { bold: true, size: 12 };
  };
  // danish-finish: periods and months in words ("2. halvår 2023", "juli 2023"), also inside the title.
  sheet.addRow([describePeriodsIn(provenance.title)]).font = { bold: true, size: 14 };
  if (provenance.hypothetical) sheet.addRow([hypotheticalWords.line(provenance.ruleSet?.name ?? '', provenance.hypothetical.basedOn)]).font = { bold: true, color: { argb: 'FFC00000' } };
  const w = exportWords.provenance;
  const yesNo = (value: boolean) => (value ? exportWords.yes : exportWords.no);
  if (provenance.dataSource) sheet.addRow([w.dataSource, w.dataSourceValue[provenance.dataSource]]);
  if (provenance.period) sheet.addRow([w.period, describePeriod(provenance.period)]);
  if (provenance.months?.length) sheet.addRow([w.months, provenance.months.map(describeMonth).join(', ')]);
  if (provenance.complete !== undefined) sheet.addRow([w.complete, provenance.complete ? exportWords.yes : w.notComplete]);
  if (provenance.ruleSet) {
    sheet.addRow([w.ruleSet, provenance.ruleSet.name]);
    sheet.addRow([w.ruleSetVersion, provenance.ruleSet.version]);
    sheet.addRow([hypotheticalWords.label, provenance.hypothetical ? hypotheticalWords.value(provenance.hypothetical.basedOn) : exportWords.no]);
  }
  sheet.addRow([w.filters, provenance.filters.length > 0 ? provenance.filters.join('; ') : w.noFilters]);
  sheet.addRow([w.madeBy, provenance.madeBy]);
  sheet.addRow([w.madeAt, formatDanishDateTime(provenance.madeAt)]);
  if (provenance.result) sheet.addRow([w.result, provenance.result]);
  for (const [label, value] of provenance.moreRows ?? []) sheet.addRow([label, value]);
  if (provenance.parameters?.length) {
    heading(w.parametersTitle);
    sheet.addRow(Object.values(w.parameterColumns)).font = { bold: true };
    for (const parameter of provenance.parameters) {
      sheet.addRow([parameter.label, parameter.displayValue ?? String(parameter.value), yesNo(parameter.interpretation), describeSource(parameter.source)]);
    }
  }
  heading(w.filesTitle);
  sheet.addRow(Object.values(w.fileColumns)).font = { bold: true };
  for (const file of provenance.files) {
    sheet.addRow([file.fileName, file.sha256, kindWords[file.kind] ?? w.otherKind, formatDanishDateTime(file.importedAt), yesNo(file.isDemo)]);
  }
  if (provenance.files.length === 0) sheet.addRow([w.noFiles]);
  [34, 70, 26, 26, 60].forEach((width, index) => (sheet.getColumn(index + 1).width = width));
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      // File names and filter words come from users: never let one run as a formula.
      if (typeof cell.value === 'string') {
        // …nor carry a character XML cannot hold (the streamed view writes cells as they are).
        cell.value = xmlSafeText(neutraliseCell(cell.value, 'xlsx') as string);
        cell.numFmt = '@';
      }
      cell.alignment = { vertical: 'top', wrapText: true };
    }),
  );
  return sheet;
}
