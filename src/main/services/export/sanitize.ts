/**
 * Formula injection: a spreadsheet runs a cell that starts with = + - @ (and tab or CR can hide
 * one). Every exported text cell that starts with one of them is prefixed with an apostrophe in
 * CSV (OWASP's advice) and written as a text-formatted string in .xlsx, so it is shown, never run.
 */
const dangerous = /^[=+\-@\t\r]/;

export function isDangerousText(value: string): boolean {
  return dangerous.test(value);
}

/** For CSV: the apostrophe makes Excel read the field as text. */
export function neutraliseForCsv(value: string): string {
  return isDangerousText(value) ? `'${value}` : value;
}
