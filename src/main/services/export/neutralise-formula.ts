import type { ExportFormat } from '../../../shared/enums';

/**
 * Formula ("CSV") injection: text that a spreadsheet would read as a formula (`=HYPERLINK(…)`,
 * `+cmd|…`, `@SUM(…)`, `-1+1`) must reach the reviewer as text, never run. Every export writer
 * passes each cell through `neutraliseCell` first.
 *
 * What the guidance says (OWASP "CSV Injection"; OWASP ASVS 5.0 requirement 1.2.10; CWE-1236):
 * a field that starts with `=`, `+`, `-`, `@`, tab (0x09), carriage return (0x0D) or NUL gets a
 * leading single quote, and CSV fields are quoted per RFC 4180 with inner quotes doubled.
 *
 * - CSV: the file has no types, so the prefix `'` is the only thing that stops Excel. Line
 *   feed is added to the trigger list (Excel starts a new record there in some imports), and
 *   so are the full-width forms `＝＋－＠` that some spreadsheet programs fold to ASCII. A
 *   trigger after leading spaces counts too: Excel trims them before it parses.
 * - XLSX: a cell has a type. A value written as a plain string (exceljs `t="s"`) is shown as
 *   text and never evaluated; only a formula object makes a formula. So strings stay exactly
 *   as they are (no visible `'` in the reviewer's sheet); objects that exceljs would turn into
 *   formulas, hyperlinks or rich text are flattened to their text. Characters XML 1.0 cannot
 *   hold are removed (they would corrupt the file), line breaks become \n, and text is cut at
 *   Excel's 32,767 limit.
 * Numbers, booleans, dates and null pass through unchanged: they cannot carry a formula.
 */

import { xmlSafeText } from './xml-text';

export type { ExportFormat };
type SafeCellValue = string | number | boolean | Date | null;

const triggers = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '\0', '＝', '＋', '－', '＠']);

export { maxXlsxCellLength } from './xml-text';

/** Would a spreadsheet read this text as the start of a formula? */
export function startsLikeFormula(text: string): boolean {
  if (text.length === 0) return false;
  if (triggers.has(text[0])) return true;
  const trimmed = text.replace(/^ +/, '');
  return trimmed.length > 0 && trimmed.length < text.length && triggers.has(trimmed[0]);
}

/** One cell's value, made safe for the given format. */
export function neutraliseCell(value: unknown, format: ExportFormat): SafeCellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const text = typeof value === 'string' ? value : textOf(value);
  if (format === 'csv') return startsLikeFormula(text) ? `'${text}` : text;
  // XML readers turn a bare \r into \n anyway; Excel's own line break in a cell is \n.
  return xmlSafeText(text);
}

/** The visible text of an object exceljs would otherwise interpret (formula, hyperlink, rich text). */
function textOf(value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (Array.isArray(record.richText)) return record.richText.map((part) => String((part as { text?: unknown }).text ?? '')).join('');
    if (typeof record.text === 'string') return record.text;
    if (typeof record.formula === 'string') return `=${record.formula}`;
    if (typeof record.sharedFormula === 'string') return `=${record.sharedFormula}`;
  }
  return String(value);
}

/** One CSV field per RFC 4180: neutralised, then quoted when it holds a separator, quote or line break. */
export function csvField(value: unknown, separator = ';'): string {
  const safe = neutraliseCell(value, 'csv');
  if (safe === null) return '';
  const text = safe instanceof Date ? safe.toISOString() : String(safe);
  return text.includes(separator) || /["\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}
