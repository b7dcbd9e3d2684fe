import type { ContactPerson } from '../../../shared/api/decisions';
import { criterionIds } from '../../../shared/enums';
import type { EarlyEffortEvaluation, MunicipalityDetail } from '../../../shared/api/engine';
import { describeSubject, describeVerdict, formatDanishDate } from '../../../shared/words-da';
import { describeMonth } from '../../../shared/period-words';
import { addProvenanceSheet, hypotheticalSheetName } from './provenance';
import { exportWords } from '../../../shared/export-words-da';
import { columnsOf, municipalityColumns } from '../../../shared/table-columns';
import { addTableSheet, newWorkbook, workbookBytes, type CellValue, type SheetColumn } from './workbook';

interface ContactListInput {
  evaluation: EarlyEffortEvaluation;
  /** Rule set name for the provenance sheet. */
  ruleSetName: string;
  /** The monthly figures per benefit group of every municipality on the list (read in one batch). */
  details: Pick<MunicipalityDetail, 'code' | 'name' | 'groupMonths'>[];
  /** decisions: the reviewer's contact persons by municipality code. */
  contacts?: Map<number, ContactPerson[]>;
  madeBy: string;
  madeAt: Date;
  /** The filters that chose the municipalities (AMK, region), in words; empty for all. */
  filters?: string[];
  /** models-finish: made under a what-if copy (the rule set it copies): marked on the list sheet's tab and the provenance sheet. */
  hypothetical?: { basedOn: string };
}

// messages (issue 15): every word of the file is in export-words-da.ts.
const w = exportWords.contactList;
const criterionLabel = w.criterion;
const criterionTitle = w.criterionTitle;
const reasonLabel = w.reason;

export const contactListSheetNames = { ...w.sheets, provenance: exportWords.provenance.sheetName } as const;

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
    ...columnsOf('text', w.columns.office),
    ...municipalityColumns(w.columns.code, w.columns.municipality),
    ...columnsOf('text', w.columns.region, w.columns.failing),
    // Each month's share with the counts behind it, as on the screen.
    ...criterionIds.flatMap((criterion) =>
      evaluation.months.flatMap((month): SheetColumn[] => [
        { header: w.columns.shareLacking(criterionTitle[criterion], describeMonth(month)), kind: 'share' },
        { header: w.columns.countLacking(criterionTitle[criterion], describeMonth(month)), kind: 'integer' },
        { header: w.columns.measured(criterionTitle[criterion], describeMonth(month)), kind: 'integer' },
      ]),
    ),
    ...columnsOf('text', w.columns.challenged, w.columns.proposals, w.columns.decisions, w.columns.contactStatus),
    // decisions: the reviewer's contact persons
    ...columnsOf('text', w.columns.jobcenter, w.columns.contactPersons, w.columns.note),
  ];
  const rows: CellValue[][] = listed.map((municipality) => {
    const failing = criterionIds.filter((criterion) => municipality[criterion].fails).map((criterion) => criterionLabel[criterion]);
    const contact = municipality.decisions.find((decision) => decision.subject === 'contact');
    return [
      municipality.labourMarketOffice,
      municipality.code,
      municipality.name,
      municipality.region,
      failing.join(', '),
      ...criterionIds.flatMap((criterion) =>
        evaluation.months.flatMap((month) => {
          const figure = municipality[criterion].months.find((candidate) => candidate.month === month);
          return [figure?.share ?? null, figure?.lacking ?? null, figure?.measured ?? null];
        }),
      ),
      municipality.challengedGroups.join(', '),
      municipality.exemptionProposals
        .map((proposal) => `${reasonLabel[proposal.reason]}${proposal.criterion ? ` (${criterionLabel[proposal.criterion]})` : ''}: ${proposal.evidence}`)
        .join('\n'),
      municipality.decisions
        .filter((decision) => decision.subject !== 'contact')
        .map(
          (decision) =>
            `${describeSubject(decision.subject)}: ${describeVerdict(decision.verdict)}${decision.decidedOn ? ` ${formatDanishDate(decision.decidedOn)}` : ''} (${decision.decidedBy})${decision.reason ? ` – ${decision.reason}` : ''}`,
        )
        .join('\n'),
      contact?.verdict === 'contacted' ? w.contacted(formatDanishDate(contact.decidedOn ?? contact.decidedAt), contact.decidedBy) : w.notContacted,
      [...new Set((input.contacts?.get(municipality.code) ?? []).map((person) => person.jobcenter).filter(Boolean))].join(', '),
      (input.contacts?.get(municipality.code) ?? []).map((person) => [person.name, person.email, person.phone].filter(Boolean).join(', ')).join('\n'),
      municipality.note,
    ];
  });
  addTableSheet(workbook, input.hypothetical ? hypotheticalSheetName(contactListSheetNames.list) : contactListSheetNames.list, columns, rows, { freezeColumns: 3 });

  const monthColumns: SheetColumn[] = [
    ...municipalityColumns(w.monthColumns.code, w.monthColumns.municipality),
    ...columnsOf('text', w.monthColumns.group, w.monthColumns.criterion, w.monthColumns.month),
    ...columnsOf('integer', w.monthColumns.measured),
    { header: w.monthColumns.lacking, kind: 'number' },
    { header: w.monthColumns.share, kind: 'share' },
    { header: w.monthColumns.above, kind: 'text' },
  ];
  const order = new Map(listed.map((municipality, index) => [municipality.code, index]));
  const monthRows: CellValue[][] = [];
  for (const detail of [...input.details].sort((a, b) => (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0))) {
    for (const group of detail.groupMonths) {
      for (const figure of group.months) {
        monthRows.push([detail.code, detail.name, group.label, criterionLabel[group.criterion], describeMonth(figure.month), figure.measured, figure.lacking, figure.share, figure.above ? exportWords.yes : exportWords.no]);
      }
    }
  }
  addTableSheet(workbook, contactListSheetNames.months, monthColumns, monthRows, { freezeColumns: 2 });

  const failInterviews = evaluation.municipalities.filter((municipality) => municipality.interviews.fails).length;
  const failOffers = evaluation.municipalities.filter((municipality) => municipality.offers.fails).length;
  addProvenanceSheet(workbook, {
    title: w.title,
    period: evaluation.period,
    months: evaluation.months,
    complete: evaluation.complete,
    ruleSet: { name: input.ruleSetName, version: evaluation.ruleSetVersion },
    filters: input.filters ?? [],
    madeBy: input.madeBy,
    madeAt: input.madeAt,
    result: w.result(listed.length, failInterviews, failOffers, evaluation.municipalities.length),
    // The exempted municipalities are not on the list; the file says which and why (issue 13 item 5).
    moreRows: [
      [w.afterReview, w.afterReviewValue(evaluation.summary.failsCriteria, evaluation.summary.exempted, evaluation.summary.toContact)],
      ...evaluation.municipalities
        .filter((candidate) => candidate.status === 'exempted')
        .map((municipality): [string, string] => [
          w.exemptedLabel(municipality.name, municipality.code),
          `${municipality.exemption?.reasons ?? ''} (${municipality.exemption?.decidedBy ?? ''}${municipality.exemption?.decidedOn ? `, ${formatDanishDate(municipality.exemption.decidedOn)}` : ''})`,
        ]),
    ],
    parameters: evaluation.parameters,
    files: evaluation.batches,
    hypothetical: input.hypothetical,
  });

  return { bytes: await workbookBytes(workbook), rows: rows.length };
}
