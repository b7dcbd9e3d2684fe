/**
 * Text that an .xlsx part (XML 1.0) can hold. XML 1.0 allows only tab, LF, CR, U+0020–U+D7FF,
 * U+E000–U+FFFD and U+10000–U+10FFFF: control characters, U+FFFE/U+FFFF and a surrogate half
 * without its partner make the part ill-formed, and Excel then offers to "repair" the file
 * (dropping the text). Every string the export writers put in a workbook (cells, sheet names,
 * the document's author) passes through `xmlSafeText` (see `workbook.ts`).
 */

/** Excel's limit for the text of one cell. */
export const maxXlsxCellLength = 32_767;

// eslint-disable-next-line no-control-regex -- exactly the characters XML 1.0 forbids (below U+D800, and U+FFFE/U+FFFF).
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with every character XML 1.0 cannot hold removed, line breaks as Excel's \n, cut at `maxLength`. */
export function xmlSafeText(text: string, maxLength = maxXlsxCellLength): string {
  let safe = text.replace(/\r\n?/g, '\n').replace(forbidden, '').replace(loneSurrogate, '');
  if (safe.length > maxLength) {
    safe = safe.slice(0, maxLength);
    // Never end on the first half of a surrogate pair cut in two.
    if (/[\uD800-\uDBFF]$/.test(safe)) safe = safe.slice(0, -1);
  }
  return safe;
}
