import type { GridApi } from 'ag-grid-community';
import { useState, type RefObject } from 'react';
import type { ExportFormat } from '../../../shared/enums';
import { messages } from '../messages/da';
import { exportGridView } from './export-actions';

const text = messages.desk.export;

/** "This view" to .xlsx or CSV, and a line saying where the file went. */
export function ViewExportButtons<Row>({ gridApi, title, primary = false }: { gridApi: RefObject<GridApi<Row> | null>; title: string; primary?: boolean }) {
  const [status, setStatus] = useState('');
  const run = async (format: ExportFormat) => {
    if (!gridApi.current) return;
    setStatus(text.working);
    try {
      setStatus(await exportGridView(gridApi.current, title, format));
    } catch (error) {
      setStatus(`${messages.errorPrefix}: ${(error as Error).message}`);
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
      {status && (
        <span className="export-status" role="status" data-testid="export-status">
          {status}
        </span>
      )}
    </span>
  );
}
