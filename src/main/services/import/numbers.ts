/** Values Jobindsats and case systems use for "no figure" (suppressed or not applicable). */
const blankMarkers = new Set(['', '-', '–', '..', '...', '.', 'x', 'n/a', 'na', 'null', '*']);

type NumberParse = { ok: true; value: number | null; percent: boolean } | { ok: false };

/**
 * Danish and plain numbers: `1.234,5`, `12,3 %`, `-0,10`, `−3`, `1 234`, `1234.5`; blank markers
 * give null. A dot followed by exactly three digits is a thousands separator (Danish), any
 * other lone dot is a decimal point (English exports). A leading `0.` never starts a thousands
 * group: "0.422" is pandas' share 0.422, never 422 (issue 12).
 */
export function parseNumber(input: unknown): NumberParse {
  if (input === null || input === undefined) return { ok: true, value: null, percent: false };
  if (typeof input === 'number') return Number.isFinite(input) ? { ok: true, value: input, percent: false } : { ok: false };
  if (typeof input !== 'string') return { ok: false };
  // Fast path for the common case: plain digits, optionally one decimal comma.
  if (/^-?\d+(,\d+)?$/.test(input)) return { ok: true, value: Number(input.replace(',', '.')), percent: false };
  let text = input.trim().replace(/[\u00a0\u202f ]/g, '');
  if (blankMarkers.has(text.toLowerCase())) return { ok: true, value: null, percent: false };
  let percent = false;
  if (text.endsWith('%')) {
    percent = true;
    text = text.slice(0, -1);
  }
  text = text.replace(/^[\u2212\u2013]/, '-');
  let normalized: string;
  if (/^[+-]?[1-9]\d{0,2}(\.\d{3})+(,\d+)?$/.test(text)) normalized = text.replace(/\./g, '').replace(',', '.');
  else if (/^[+-]?\d+(,\d+)?$/.test(text)) normalized = text.replace(',', '.');
  else if (/^[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/.test(text) && text.includes('.')) normalized = text.replace(/,/g, '');
  else if (/^[+-]?\d*\.\d+$/.test(text) || /^[+-]?\d+\.?$/.test(text)) normalized = text;
  else if (/^[+-]?,\d+$/.test(text)) normalized = text.replace(',', '.');
  else return { ok: false };
  const value = Number(normalized);
  return Number.isFinite(value) ? { ok: true, value, percent } : { ok: false };
}
