import type { ImportOptions, ImportPreview, SkippedImportRow } from '../../../shared/api';
import { messages } from '../messages/da';

const text = messages.importLayouts;

/**
 * Issue 12: what the importer decided about a file (sheet, layout, scale of shares, date order,
 * filled-down labels), each changeable, and the long rows it will store.
 */
export function ImportDecisions({ preview, options, change }: { preview: ImportPreview; options: ImportOptions; change(patch: ImportOptions): void }) {
  const dateOrder = preview.dateOrder;
  return (
    <div className="import-decisions" data-testid="import-decisions">
      <strong>{text.decisionsTitle}</strong>
      <ul data-testid="import-decision-list">
        {preview.decisions.map((decision) => (
          <li key={decision}>{decision}</li>
        ))}
      </ul>
      <div className="import-settings">
        <label>
          {text.layout}
          <select data-testid="import-layout" value={preview.layout} onChange={(event) => change({ layout: event.target.value as ImportOptions['layout'], mapping: undefined })}>
            {Object.entries(text.layouts).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {preview.measureChoice && (
          <label>
            {text.measure}
            <select data-testid="import-measure" value={preview.measureChoice.field ?? 'choose'} onChange={(event) => event.target.value !== 'choose' && change({ wideMeasure: event.target.value })}>
              {!preview.measureChoice.field && <option value="choose">{text.dateOrders.choose}</option>}
              {preview.measureChoice.fields.map((field) => (
                <option key={field} value={field}>
                  {messages.importer.fields[field] ?? field}
                </option>
              ))}
            </select>
          </label>
        )}
        {preview.shareScales.map((decision) => (
          <label key={decision.field}>
            {text.scale(decision.header)}
            <select
              data-testid={`import-scale-${decision.field}`}
              value={decision.scale}
              onChange={(event) => change({ shareScales: { ...options.shareScales, [decision.field]: event.target.value as 'percent' | 'fraction' } })}
            >
              {Object.entries(text.scales).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        ))}
        {dateOrder && (
          <label>
            {text.dateOrder}
            <select
              data-testid="import-date-order"
              value={dateOrder.order ?? 'choose'}
              onChange={(event) => event.target.value !== 'choose' && change({ dateOrder: event.target.value as ImportOptions['dateOrder'] })}
            >
              {Object.entries(text.dateOrders)
                .filter(([value]) => value !== 'choose' || !dateOrder.order)
                .map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
            </select>
          </label>
        )}
      </div>
      {preview.unmappedNumeric.length > 0 && (
        <p className="import-warning" data-testid="import-unmapped">
          {text.unmapped}: {preview.unmappedNumeric.map((column) => `"${column.header}"`).join(', ')}
        </p>
      )}
      {preview.longRows.length > 0 && (preview.layout !== 'long' || preview.skippedRows.length > 0) && (
        <div className="import-sample">
          <table className="import-table" data-testid="import-long-rows">
            <caption>{text.longTitle(preview.longRows.length)}</caption>
            <thead>
              <tr>
                <th>{messages.importer.row}</th>
                {preview.longHeaders.map((header, index) => (preview.longRows.some((row) => row.cells[index]) ? <th key={index}>{header}</th> : null))}
              </tr>
            </thead>
            <tbody>
              {preview.longRows.map((row, rowIndex) => (
                <tr key={rowIndex}>
                  <td>{row.rowNumber}</td>
                  {preview.longHeaders.map((_, index) => (preview.longRows.some((other) => other.cells[index]) ? <td key={index}>{row.cells[index]}</td> : null))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <SkippedRows rows={preview.skippedRows} total={preview.skippedRows.length} />
    </div>
  );
}

export function SkippedRows({ rows, total }: { rows: SkippedImportRow[]; total: number }) {
  if (total === 0) return null;
  return (
    <details data-testid="import-skipped">
      <summary>{text.skippedTitle(total)}</summary>
      <ul>
        {rows.map((row) => (
          <li key={row.row}>
            {messages.importer.row} {row.row} ({text.skippedReasons[row.reason]}): {row.text}
          </li>
        ))}
      </ul>
    </details>
  );
}
