import type { ModelListing } from '../../../shared/api/models';
import { describePeriod } from '../../../shared/period-words';
import { exportWords } from '../../../shared/export-words-da';
import { neutraliseCell } from './neutralise-formula';
import { sheetName } from './view';
import { addTableSheet, newWorkbook, workbookBytes } from './workbook';

const when = new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Copenhagen' });

/** The sheet that says how a model list was made; a what-if rule set is said first and in words. */
const modelListSheetNames = { about: exportWords.provenance.modelSheetName } as const;

/**
 * A model's list (model B, C or D, or A's municipalities) as .xlsx: one sheet per table, as the
 * CLI prints them, and a sheet with the rule set, whether it is hypothetical, and the sources.
 */
export async function writeModelList(listing: ModelListing, madeBy: string, madeAt: Date): Promise<{ bytes: Buffer; rows: number }> {
  const workbook = newWorkbook(madeBy);
  let rows = 0;
  for (const table of listing.tables) {
    const title = listing.ruleSet.hypothetical ? `${table.title}${exportWords.hypothetical.sheetSuffix}` : table.title;
    addTableSheet(workbook, sheetName(title), table.columns, table.rows, { freezeColumns: 2 });
    rows += table.rows.length;
  }
  const about = workbook.addWorksheet(modelListSheetNames.about);
  const add = (...values: (string | number | null)[]) => about.addRow(values.map((value) => (typeof value === 'string' ? neutraliseCell(value, 'xlsx') : value)));
  // messages (issue 15): the words are export-words-da.ts's, shared with the "Grundlag" sheet.
  const w = exportWords.provenance;
  const yesNo = (value: boolean) => (value ? exportWords.yes : exportWords.no);
  const basedOn = listing.ruleSet.basedOnName ?? listing.ruleSet.basedOn ?? exportWords.unknown;
  add(w.modelTitle(listing.label, describePeriod(listing.period))).font = { bold: true, size: 14 };
  if (listing.ruleSet.hypothetical) add(exportWords.hypothetical.line(listing.ruleSet.name, basedOn)).font = { bold: true, color: { argb: 'FFC00000' } };
  for (const line of listing.summary) add(line);
  add();
  add(w.model, listing.label);
  add(w.dataSource, w.dataSourceValue[listing.dataSource ?? 'published']); // citizen-models (issue 10)
  add(w.period, describePeriod(listing.period));
  if (listing.baseline) add(w.baseline, describePeriod(listing.baseline));
  add(w.ruleSet, listing.ruleSet.name);
  add(w.ruleSetVersion, listing.ruleSet.version);
  add(exportWords.hypothetical.label, listing.ruleSet.hypothetical ? exportWords.hypothetical.value(basedOn) : exportWords.no);
  add(w.madeBy, madeBy);
  add(w.madeAt, when.format(madeAt));
  add();
  const files = w.fileColumns;
  add(files.file, files.sha256, files.importedAt, files.demo).font = { bold: true };
  for (const batch of listing.batches) add(batch.fileName, batch.sha256, when.format(new Date(batch.importedAt)), yesNo(batch.isDemo));
  about.getColumn(1).width = 40;
  about.getColumn(2).width = 40;
  about.getColumn(3).width = 24;
  about.getColumn(4).width = 12;
  return { bytes: await workbookBytes(workbook), rows };
}
