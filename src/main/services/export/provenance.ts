import type ExcelJS from 'exceljs';
import type { RuleParameter } from '../../../shared/api/engine';
import { describeSource, formatDanishDateTime } from '../../../shared/words-da';
import { neutraliseCell } from './neutralise-formula';
import { xmlSafeText } from './xml-text';

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
}

export const provenanceSheetName = 'Grundlag';

const kindWords: Record<string, string> = {
  measurement: 'Målinger: samtaler og tilbud',
  benchmark: 'Resultatmål (Y30R21)',
  focus: 'Fokusmål',
  supervision: 'Skærpet tilsyn',
  // cit-desk (issue 10): citizen-level files
  spells: 'Borgernes ydelsesforløb',
  events: 'Borgernes samtaler og tilbud',
};

/** Danish text only: the kinds, yes/no and times in local time, every column with a width. */
export function addProvenanceSheet(workbook: ExcelJS.Workbook, provenance: Provenance): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(provenanceSheetName, { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const heading = (text: string) => {
    sheet.addRow([]);
    sheet.addRow([text]).font = { bold: true, size: 12 };
  };
  sheet.addRow([provenance.title]).font = { bold: true, size: 14 };
  if (provenance.period) sheet.addRow(['Periode', provenance.period]);
  if (provenance.months?.length) sheet.addRow(['Måneder', provenance.months.join(', ')]);
  if (provenance.complete !== undefined) sheet.addRow(['Halvåret er afsluttet', provenance.complete ? 'Ja' : 'Nej (tidlig varsling)']);
  if (provenance.ruleSet) {
    sheet.addRow(['Regelsæt', provenance.ruleSet.name]);
    sheet.addRow(['Regelsættets version', provenance.ruleSet.version]);
  }
  sheet.addRow(['Filtre', provenance.filters.length > 0 ? provenance.filters.join('; ') : 'Ingen: alle rækker']);
  sheet.addRow(['Lavet af', provenance.madeBy]);
  sheet.addRow(['Lavet', formatDanishDateTime(provenance.madeAt)]);
  if (provenance.result) sheet.addRow(['Resultat', provenance.result]);
  for (const [label, value] of provenance.moreRows ?? []) sheet.addRow([label, value]);
  if (provenance.parameters?.length) {
    heading('Parametre');
    sheet.addRow(['Parameter', 'Værdi', 'Fortolkning', 'Kilde']).font = { bold: true };
    for (const parameter of provenance.parameters) {
      sheet.addRow([parameter.label, parameter.displayValue ?? String(parameter.value), parameter.interpretation ? 'Ja' : 'Nej', describeSource(parameter.source)]);
    }
  }
  heading('Indlæste filer');
  sheet.addRow(['Fil', 'SHA-256', 'Datatype', 'Indlæst', 'Demodata']).font = { bold: true };
  for (const file of provenance.files) {
    sheet.addRow([file.fileName, file.sha256, kindWords[file.kind] ?? 'Andet', formatDanishDateTime(file.importedAt), file.isDemo ? 'Ja' : 'Nej']);
  }
  if (provenance.files.length === 0) sheet.addRow(['Ingen filer']);
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
