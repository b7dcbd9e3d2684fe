import type { Column, GridApi } from 'ag-grid-community';
import { useState, type RefObject } from 'react';
import { messages } from '../messages/da';

/**
 * Show or hide a grid's columns (AG Grid Community has no column tool panel). The grid's state,
 * and so the choice, is kept between sessions by `usePersistentGridState`.
 */
export function ColumnChooser<Row>({ gridApi }: { gridApi: RefObject<GridApi<Row> | null> }) {
  const [columns, setColumns] = useState<Column[]>([]);
  const [open, setOpen] = useState(false);
  const refresh = () => setColumns(gridApi.current?.getColumns()?.filter((column) => !column.getColDef().lockVisible) ?? []);
  return (
    <span className="column-chooser">
      <button
        aria-expanded={open}
        onClick={() => {
          refresh();
          setOpen(!open);
        }}
        data-testid="column-chooser"
      >
        {messages.deskText.columnsButton}
      </button>
      {open && (
        <span className="column-chooser-list" role="group" aria-label={messages.deskText.columnsButton}>
          {columns.map((column) => (
            <label key={column.getColId()}>
              <input
                type="checkbox"
                checked={column.isVisible()}
                onChange={(event) => {
                  gridApi.current?.setColumnsVisible([column], event.target.checked);
                  refresh();
                }}
              />
              {gridApi.current?.getDisplayNameForColumn(column, null) ?? ''}
            </label>
          ))}
        </span>
      )}
    </span>
  );
}
