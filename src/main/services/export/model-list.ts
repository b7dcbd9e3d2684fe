import type { ModelListing } from '../../../shared/api/models';
import { describePeriod } from '../../../shared/period-words';
import { neutraliseCell } from './neutralise-formula';
import { sheetName } from './view';
import { addTableSheet, newWorkbook, workbookBytes } from './workbook';

const when = new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Copenhagen' });

/** The sheet that says how a model list was made; a what-if rule set is said first and in words. */
export const modelListSheetNames = { about: 'Om listen' } as const;

/**
 * A model's list (model B, C or D, or A's municipalities) as .xlsx: one sheet per table, as the
 * CLI prints them, and a sheet with the rule set, whether it is hypothetical, and the sources.
 */
export async function writeModelList(listing: ModelListing, madeBy: string, madeAt: Date): Promise<{ bytes: Buffer; rows: number }> {
  const workbook = newWorkbook(madeBy);
  let rows = 0;
  for (const table of listing.tables) {
    const title = listing.ruleSet.hypothetical ? `${table.title} (hypotetisk)` : table.title;
    addTableSheet(workbook, sheetName(title), table.columns, table.rows, { freezeColumns: 2 });
    rows += table.rows.length;
  }
  const about = workbook.addWorksheet(modelListSheetNames.about);
  const add = (...values: (string | number | null)[]) => about.addRow(values.map((value) => (typeof value === 'string' ? neutraliseCell(value, 'xlsx') : value)));
  add(`${listing.label}, ${describePeriod(listing.period)}`).font = { bold: true, size: 14 };
  if (listing.ruleSet.hypothetical) {
    add(`HYPOTETISK: lavet under regelsættet "${listing.ruleSet.name}", en kopi med ændrede parametre. Tallene følger ikke de gældende regler.`).font = { bold: true, color: { argb: 'FFC00000' } };
  }
  for (const line of listing.summary) add(line);
  add();
  add('Model', listing.label);
  add('Periode', describePeriod(listing.period));
  if (listing.baseline) add('Sammenligningsmåned', describePeriod(listing.baseline));
  add('Regelsæt', listing.ruleSet.name);
  add('Regelsættets version', listing.ruleSet.version);
  add('Hypotetisk regelsæt', listing.ruleSet.hypothetical ? `Ja (kopi af ${listing.ruleSet.basedOnName ?? listing.ruleSet.basedOn ?? 'ukendt'})` : 'Nej');
  add('Lavet af', madeBy);
  add('Lavet', when.format(madeAt));
  add();
  add('Fil', 'SHA-256', 'Indlæst', 'Demodata').font = { bold: true };
  for (const batch of listing.batches) add(batch.fileName, batch.sha256, when.format(new Date(batch.importedAt)), batch.isDemo ? 'Ja' : 'Nej');
  about.getColumn(1).width = 40;
  about.getColumn(2).width = 40;
  about.getColumn(3).width = 24;
  about.getColumn(4).width = 12;
  return { bytes: await workbookBytes(workbook), rows };
}
