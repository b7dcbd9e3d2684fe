import type { ColDef } from 'ag-grid-community';
import type { EarlyEffortMunicipalityResult } from '../../../shared/api';
import { messages } from '../messages/da';

const text = messages.decisions;
type Row = EarlyEffortMunicipalityResult;

/** Where a municipality stands after the rules and the decisions, in words (early warnings spelled out). */
export function statusText(row: Row): string {
  if (row.status === 'exempted' && row.exemption) return text.exemptedBecause(row.exemption.reasons, row.exemption.decidedBy);
  if (row.status === 'early-warning') {
    return `${text.status['early-warning']}: ${row.earlyWarnings
      .map((warning) => text.criterionWarning(messages.desk.criterion[warning.criterion], text.earlyWarning(warning.monthsAboveSoFar, warning.monthsAssessed, warning.monthsRemaining)))
      .join('; ')}`;
  }
  return text.status[row.status];
}

/** The overview's status column: Kontaktes / Undtaget efter vurdering / Tidlig varsling / Kontaktes ikke. */
export function statusColumn(): ColDef<Row> {
  return {
    colId: 'status',
    headerName: text.statusColumn,
    width: 190,
    valueGetter: (params) => (params.data ? text.status[params.data.status] : ''),
    tooltipValueGetter: (params) => (params.data ? statusText(params.data) : ''),
    cellClass: (params) => (params.data?.status === 'to-contact' ? 'cell-flag' : params.data?.status === 'exempted' ? 'cell-exempt' : params.data?.status === 'early-warning' ? 'cell-warning' : ''),
    filter: 'agTextColumnFilter',
  };
}

/** The latest note on the municipality for the period (written in the decision panel or with a bulk "contacted"). */
export function notesColumn(): ColDef<Row> {
  return {
    colId: 'note',
    headerName: text.notesColumn,
    // Narrow, so the overview fits 1366 px with the selection column; the whole note is in the tooltip.
    width: 96,
    valueGetter: (params) => {
      const row = params.data;
      if (!row) return '';
      const contact = row.decisions.find((decision) => decision.subject === 'contact' && decision.verdict === 'contacted');
      return row.note || contact?.reason || '';
    },
    tooltipValueGetter: (params) => String(params.value ?? ''),
    filter: 'agTextColumnFilter',
  };
}
