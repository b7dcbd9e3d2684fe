import type { ContactPerson } from '../../../shared/api/decisions';
import type { EarlyEffortEvaluation, MunicipalityDetail } from '../../../shared/api/engine';
import { addTableSheet, newWorkbook, workbookBytes, type CellValue, type SheetColumn } from './workbook';

export interface ContactListInput {
  evaluation: EarlyEffortEvaluation;
  /** Rule set name for the provenance sheet. */
  ruleSetName: string;
  /** The monthly figures per benefit group of every municipality on the list (read in one batch). */
  details: Pick<MunicipalityDetail, 'code' | 'name' | 'groupMonths'>[];
  /** decisions: the reviewer's contact persons by municipality code. */
  contacts?: Map<number, ContactPerson[]>;
  madeBy: string;
  madeAt: Date;
}

const criterionLabel = { interviews: 'samtaler', offers: 'tilbud' } as const;
const reasonLabel = { 'enhanced-supervision': 'skærpet tilsyn', 'positive-development': 'konstant positiv udvikling' } as const;

export const contactListSheetNames = { list: 'Kontaktliste', months: 'Måneder pr. ydelsesgruppe', provenance: 'Grundlag' } as const;

/**
 * The AMK's contact list: one row per municipality to be contacted, grouped by AMK, with the
 * six monthly shares of each criterion, and two more sheets that let every number be traced:
 * the monthly detail per benefit group, and the rule set, parameters and import files.
 */
export async function writeContactList(input: ContactListInput): Promise<{ bytes: Buffer; rows: number }> {
  const { evaluation } = input;
  const workbook = newWorkbook(input.madeBy);
  const listed = evaluation.municipalities
    .filter((municipality) => municipality.toContact)
    .sort((a, b) => a.labourMarketOffice.localeCompare(b.labourMarketOffice, 'da') || a.code - b.code);

  const columns: SheetColumn[] = [
    { header: 'AMK', kind: 'text' },
    { header: 'Kode', kind: 'integer' },
    { header: 'Kommune', kind: 'text' },
    { header: 'Region', kind: 'text' },
    { header: 'Fejler kriterier', kind: 'text' },
    ...evaluation.months.map((month): SheetColumn => ({ header: `Samtaler ${month}`, kind: 'share' })),
    ...evaluation.months.map((month): SheetColumn => ({ header: `Tilbud ${month}`, kind: 'share' })),
    { header: 'Særligt udfordrede ydelsesgrupper', kind: 'text' },
    { header: 'Forslag til undtagelse', kind: 'text' },
    { header: 'Afgørelser', kind: 'text' },
    { header: 'Kontaktstatus', kind: 'text' },
    // decisions: the reviewer's contact persons
    { header: 'Jobcenter', kind: 'text' },
    { header: 'Kontaktpersoner', kind: 'text' },
    { header: 'Note', kind: 'text' },
  ];
  const rows: CellValue[][] = listed.map((municipality) => {
    const failing = (['interviews', 'offers'] as const).filter((criterion) => municipality[criterion].fails).map((criterion) => criterionLabel[criterion]);
    const contact = municipality.decisions.find((decision) => decision.subject === 'contact');
    return [
      municipality.labourMarketOffice,
      municipality.code,
      municipality.name,
      municipality.region,
      failing.join(', '),
      ...evaluation.months.map((month) => municipality.interviews.months.find((figure) => figure.month === month)?.share ?? null),
      ...evaluation.months.map((month) => municipality.offers.months.find((figure) => figure.month === month)?.share ?? null),
      municipality.challengedGroups.join(', '),
      municipality.exemptionProposals
        .map((proposal) => `${reasonLabel[proposal.reason]}${proposal.criterion ? ` (${criterionLabel[proposal.criterion]})` : ''}: ${proposal.evidence}`)
        .join('\n'),
      municipality.decisions
        .filter((decision) => decision.subject !== 'contact')
        .map((decision) => `${decision.subject}: ${decision.verdict}${decision.decidedOn ? ` ${decision.decidedOn}` : ''} (${decision.decidedBy})${decision.reason ? ` – ${decision.reason}` : ''}`)
        .join('\n'),
      contact?.verdict === 'contacted' ? `Kontaktet ${contact.decidedOn ?? contact.decidedAt.slice(0, 10)} (${contact.decidedBy})` : 'Ikke kontaktet',
      [...new Set((input.contacts?.get(municipality.code) ?? []).map((person) => person.jobcenter).filter(Boolean))].join(', '),
      (input.contacts?.get(municipality.code) ?? []).map((person) => [person.name, person.email, person.phone].filter(Boolean).join(', ')).join('\n'),
      municipality.note,
    ];
  });
  addTableSheet(workbook, contactListSheetNames.list, columns, rows, { freezeColumns: 3 });

  const monthColumns: SheetColumn[] = [
    { header: 'Kode', kind: 'integer' },
    { header: 'Kommune', kind: 'text' },
    { header: 'Ydelsesgruppe', kind: 'text' },
    { header: 'Kriterium', kind: 'text' },
    { header: 'Måned', kind: 'text' },
    { header: 'Målte borgere', kind: 'integer' },
    { header: 'Uden krævet indsats', kind: 'number' },
    { header: 'Andel', kind: 'share' },
    { header: 'Over grænsen', kind: 'text' },
  ];
  const order = new Map(listed.map((municipality, index) => [municipality.code, index]));
  const monthRows: CellValue[][] = [];
  for (const detail of [...input.details].sort((a, b) => (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0))) {
    for (const group of detail.groupMonths) {
      for (const figure of group.months) {
        monthRows.push([detail.code, detail.name, group.label, criterionLabel[group.criterion], figure.month, figure.measured, figure.lacking, figure.share, figure.above ? 'Ja' : 'Nej']);
      }
    }
  }
  addTableSheet(workbook, contactListSheetNames.months, monthColumns, monthRows, { freezeColumns: 2 });

  const provenance = workbook.addWorksheet(contactListSheetNames.provenance, { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const heading = (text: string) => {
    provenance.addRow([]);
    provenance.addRow([text]).font = { bold: true, size: 12 };
  };
  provenance.addRow(['Kontaktliste, tidlig indsats']).font = { bold: true, size: 14 };
  provenance.addRow(['Halvår', evaluation.period]);
  provenance.addRow(['Måneder', evaluation.months.join(', ')]);
  provenance.addRow(['Halvåret er afsluttet', evaluation.complete ? 'Ja' : 'Nej (tidlig varsling)']);
  provenance.addRow(['Regelsæt', input.ruleSetName]);
  provenance.addRow(['Regelsættets id', evaluation.ruleSetId]);
  provenance.addRow(['Regelsættets version', evaluation.ruleSetVersion]);
  provenance.addRow(['Lavet af', input.madeBy]);
  provenance.addRow(['Lavet', input.madeAt.toISOString()]);
  provenance.addRow([
    'Resultat',
    `${evaluation.summary.toContact} kommuner kontaktes; ${evaluation.summary.failInterviews} fejler samtalekriteriet; ${evaluation.summary.failOffers} fejler tilbudskriteriet`,
  ]);
  // decisions: the exempted municipalities are not on the list; the file says which and why.
  provenance.addRow(['Efter vurdering', `${evaluation.summary.failsCriteria} opfylder kriterierne; ${evaluation.summary.exempted} undtaget; ${evaluation.summary.toContact} kontaktes`]);
  for (const municipality of evaluation.municipalities.filter((candidate) => candidate.status === 'exempted')) {
    provenance.addRow([`Undtaget efter vurdering: ${municipality.name} (${municipality.code})`, `${municipality.exemption?.reasons ?? ''} (${municipality.exemption?.decidedBy ?? ''}${municipality.exemption?.decidedOn ? `, ${municipality.exemption.decidedOn}` : ''})`]);
  }
  heading('Parametre');
  provenance.addRow(['Parameter', 'Værdi', 'Fortolkning', 'Kilde']).font = { bold: true };
  for (const parameter of evaluation.parameters) {
    const value = Array.isArray(parameter.value) ? parameter.value.join(', ') : parameter.value;
    provenance.addRow([parameter.label, typeof value === 'boolean' ? (value ? 'Ja' : 'Nej') : value, parameter.interpretation ? 'Ja' : 'Nej', parameter.source]);
  }
  heading('Indlæste filer');
  provenance.addRow(['Fil', 'SHA-256', 'Type', 'Indlæst', 'Demodata']).font = { bold: true };
  for (const batch of evaluation.batches) provenance.addRow([batch.fileName, batch.sha256, batch.kind, batch.importedAt, batch.isDemo ? 'Ja' : 'Nej']);
  provenance.getColumn(1).width = 34;
  provenance.getColumn(2).width = 70;
  provenance.getColumn(3).width = 14;
  provenance.getColumn(4).width = 26;
  provenance.eachRow((row) => row.eachCell((cell) => (cell.numFmt = typeof cell.value === 'string' ? '@' : cell.numFmt)));

  return { bytes: await workbookBytes(workbook), rows: rows.length };
}
