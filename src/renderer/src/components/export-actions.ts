import { SELECTION_COLUMN_ID, type GridApi } from 'ag-grid-community';
import type { CallArgs, ExportColumnKind, ExportFormat, ExportResult } from '../../../shared/api';
import { call } from '../api-client';
import { messages } from '../messages/da';

type ViewCell = string | number | boolean | null;

/** What a column contributes to "this view": usually one cell, a month-share column six. */
export interface ExportSpec<Row> {
  kind?: ExportColumnKind;
  expand?: { headers: string[]; kind?: ExportColumnKind; /** Kinds in turn, when the expanded cells alternate (share, count, count). */ kinds?: ExportColumnKind[]; values(row: Row): ViewCell[] };
}

/** How the rows of a view were chosen, for the file's provenance sheet. */
export type ViewContext = NonNullable<CallArgs<'export.view'>['provenance']>;

/**
 * The browser bridge hands the file back as bytes: offer it as a download. In Electron the main
 * side already saved it through the save dialog, so there is nothing to do here but report.
 */
export function deliverExport(result: ExportResult): string {
  if (result.cancelled) return messages.desk.export.cancelled;
  if (result.savedPath) return messages.desk.export.saved(result.savedPath);
  if (result.contentBase64) {
    const bytes = Uint8Array.from(atob(result.contentBase64), (char) => char.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: result.mimeType }));
    const link = document.createElement('a');
    link.href = url;
    link.download = result.fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return messages.desk.export.downloaded(result.fileName);
  }
  return '';
}

/** Exactly what the grid shows: rows after its filters and sort, the displayed columns in their order. */
export function collectView<Row>(api: GridApi<Row>): Pick<CallArgs<'export.view'>, 'columns' | 'rows'> {
  // decisions: the overview's row-selection checkboxes are not data.
  const columns = api.getAllDisplayedColumns().filter((column) => column.getColId() !== SELECTION_COLUMN_ID);
  const headers: CallArgs<'export.view'>['columns'] = [];
  for (const column of columns) {
    const spec = (column.getColDef().context?.export ?? {}) as ExportSpec<Row>;
    // A column under a group ("Samtaler, andel uden" › "Halvår") is named with its group.
    const group = column.getParent()?.getColGroupDef()?.headerName;
    const name = [group, api.getDisplayNameForColumn(column, null)].filter(Boolean).join(' ');
    if (spec.expand) {
      const { kinds, kind } = spec.expand;
      // Expanded headers are whole names ("Samtaler 2023-07 antal uden"), given by the column.
      headers.push(...spec.expand.headers.map((header, index) => ({ header, kind: kinds ? kinds[index % kinds.length] : (kind ?? 'text') })));
    }
    else headers.push({ header: name, kind: spec.kind ?? 'text' });
  }
  const rows: ViewCell[][] = [];
  api.forEachNodeAfterFilterAndSort((node) => {
    if (!node.data) return;
    const row: ViewCell[] = [];
    for (const column of columns) {
      const spec = (column.getColDef().context?.export ?? {}) as ExportSpec<Row>;
      if (spec.expand) {
        row.push(...spec.expand.values(node.data));
        continue;
      }
      const kind = spec.kind ?? 'text';
      const value = kind === 'text' ? api.getCellValue({ rowNode: node, colKey: column, useFormatter: true }) : api.getCellValue({ rowNode: node, colKey: column });
      row.push(value === undefined ? null : typeof value === 'object' && value !== null ? String(value) : (value as ViewCell));
    }
    rows.push(row);
  });
  return { columns: headers, rows };
}

export async function exportGridView<Row>(api: GridApi<Row>, title: string, format: ExportFormat, context: ViewContext = {}): Promise<string> {
  const view = collectView(api);
  const result = await call('export.view', { title, format, ...view, provenance: context });
  return deliverExport(result);
}
