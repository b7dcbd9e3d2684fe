import type { GridApi } from 'ag-grid-community';
import type { RefObject } from 'react';
import type { ExportFormat } from '../../../shared/enums';
import { messages } from '../messages/da';
import { exportGridView, type ViewContext } from './export-actions';
import { StatusLine, useStatus } from './status-line';

const text = messages.desk.export;

/** "This view" to .xlsx or CSV, and one line saying where the file went (or what went wrong). */
export function ViewExportButtons<Row>({ gridApi, title, primary = false, context = {} }: { gridApi: RefObject<GridApi<Row> | null>; title: string; primary?: boolean; context?: ViewContext }) {
  const status = useStatus();
  const run = async (format: ExportFormat) => {
    if (!gridApi.current) return;
    status.working(text.working);
    try {
      status.done(await exportGridView(gridApi.current, title, format, context));
    } catch (error) {
      status.failed((error as Error).message);
    }
  };
  return (
    <span className="export-buttons">
      <button onClick={() => run('xlsx')} data-export-default={primary ? 'true' : undefined} data-testid="export-view-xlsx">
        {text.viewXlsx}
      </button>
      <button onClick={() => run('csv')} data-testid="export-view-csv">
        {text.viewCsv}
      </button>
      <StatusLine status={status} testId="export-status" inline />
    </span>
  );
}
