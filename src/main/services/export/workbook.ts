import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { ZipFile } from 'yazl';
import type { ExportColumnKind } from '../../../shared/api/export';
import { neutraliseCell, startsLikeFormula } from './neutralise-formula';
import { xmlSafeText } from './xml-text';

/*
 * The one module that writes .xlsx bytes (trust-exports, issue 14 items 7 and 14). Every export
 * writer ends here: an in-memory workbook (the contact list) goes out through `workbookBytes`,
 * which first passes every string in it through `xmlSafeText`; a large table ("this view")
 * goes out through `streamTableWorkbook`, which writes row by row with exceljs's streaming
 * writer and passes each cell through the same function. No other code calls exceljs's writers.
 */

/**
 * fast-lane (issue 15): exceljs (about 500 modules, near a second of CPU) is loaded with the first
 * workbook, not on every start of the CLI, the bridge or the app that writes none.
 */
let loadedExcelJs: typeof ExcelJS | null = null;
function excelJs(): typeof ExcelJS {
  loadedExcelJs ??= createRequire(__filename)('exceljs') as typeof ExcelJS;
  return loadedExcelJs;
}

export type CellValue = string | number | boolean | null;

export interface SheetColumn {
  header: string;
  kind: ExportColumnKind;
}

/** Excel's number formats; Danish Excel shows them with decimal comma and dot thousands by itself. */
const numberFormats: Record<ExportColumnKind, string | undefined> = {
  text: '@',
  integer: '#,##0',
  number: '#,##0.0',
  share: '0.0%',
  // Danish Excel shows it as 01-03-2025; sorting and filtering work on the date, not the text.
  date: 'dd-mm-yyyy',
};

/** An ISO calendar date as Excel's serial day number (days since 30 December 1899); null when it is not one. */
function excelDateSerial(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 1901) return null;
  return (time - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/**
 * One formatted table sheet: bold frozen header, auto-filter, widths that fit, numbers as numbers,
 * shares as percentages, landscape print with the header repeated on every page.
 */
export function addTableSheet(workbook: ExcelJS.Workbook, name: string, columns: SheetColumn[], rows: CellValue[][], options: { freezeColumns?: number } = {}) {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: options.freezeColumns ?? 0, ySplit: 1 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  const header = sheet.addRow(columns.map((column) => column.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'top', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };
  header.eachCell((cell) => {
    if (typeof cell.value === 'string' && startsLikeFormula(cell.value)) cell.numFmt = '@';
  });
  // The data rows are not made into exceljs cells (tens of thousands of objects, each with its own
  // style): they are written as XML straight into the sheet's part when the workbook is written.
  directRowsOf(workbook).set(sheet.id, { columns, rows });
  columns.forEach((column, index) => {
    const longest = Math.max(
      ...column.header.split(' ').map((word) => word.length),
      Math.min(column.header.length, 18),
      ...rows.slice(0, 2000).map((row) => displayLength(row[index], column.kind)),
    );
    // At least 10: exceljs leaves out a width of exactly 9 (its default), and a column must have one.
    sheet.getColumn(index + 1).width = Math.min(60, Math.max(10, longest + 2));
  });
  if (columns.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

/**
 * A cell's number format: text cells keep the text format, so even a value like "=1+1" stays
 * text when edited in Excel; a count is a whole number of people, never "6,0" (danish-desk,
 * issue 11); an empty text cell, and a number in a text column, keep Excel's default.
 */
function cellFormat(value: CellValue, kind: ExportColumnKind): string | undefined {
  if (typeof value === 'string' && startsLikeFormula(value)) return '@';
  if (kind === 'date' && typeof value === 'string' && excelDateSerial(value) === null) return numberFormats.text;
  if (kind === 'number' && typeof value === 'number' && Number.isInteger(value)) return numberFormats.integer;
  if (typeof value === 'string' || kind !== 'text') return numberFormats[kind] ?? 'General';
  return undefined;
}

/*
 * models-finish (issue 13, contact-list speed): the table sheets' data rows of an in-memory
 * workbook, kept as plain values and written as XML when the workbook is written. exceljs makes
 * an object per cell and per cell style and joins its XML from one small string per attribute;
 * for the contact list's 4,800-row monthly sheet that was most of the export's time. The header,
 * widths, frozen panes, filter and print setup are still exceljs's; the rows use its shared
 * strings and its style table, so the file reads back exactly as before (tests read it back).
 */
interface DirectRows {
  columns: SheetColumn[];
  rows: CellValue[][];
}
const directRowsByWorkbook = new WeakMap<ExcelJS.Workbook, Map<number, DirectRows>>();

function directRowsOf(workbook: ExcelJS.Workbook): Map<number, DirectRows> {
  let bySheet = directRowsByWorkbook.get(workbook);
  if (!bySheet) directRowsByWorkbook.set(workbook, (bySheet = new Map()));
  return bySheet;
}

/** The parts of exceljs's writer this module uses while it writes (exceljs 4.4, `lib/xlsx/xlsx.js`). */
interface ExcelJsWriteModel {
  sharedStrings: { add(text: string): number };
  styles: { addStyleModel(style: Partial<ExcelJS.Style>, cellType?: number): number };
}
interface ExcelJsZip {
  append(data: unknown, options: { name: string; base64?: boolean }): void;
  finalize(): Promise<void>;
  emit(event: 'finish'): boolean;
  stream: { end(content: Buffer): void };
}
interface ExcelJsXlsx {
  addContentTypes(zip: ExcelJsZip, model: ExcelJsWriteModel): Promise<void>;
  addWorksheets(zip: ExcelJsZip, model: ExcelJsWriteModel): Promise<void>;
}

/** One style object per number format, so exceljs's style table gives each one id (it caches per object). */
const formatStyles = new Map<string, Partial<ExcelJS.Style>>();
function formatStyle(format: string): Partial<ExcelJS.Style> {
  let style = formatStyles.get(format);
  if (!style) formatStyles.set(format, (style = { numFmt: format }));
  return style;
}

/** "A", "B", … "AA": the column letters of a cell reference. */
function columnLetters(count: number): string[] {
  const letters: string[] = [];
  for (let index = 1; index <= count; index += 1) {
    let name = '';
    for (let rest = index; rest > 0; rest = Math.floor((rest - 1) / 26)) name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
    letters.push(name);
  }
  return letters;
}

/** exceljs's value types for the style table (`Enums.ValueType`): Number 2, String 3, Boolean 9. */
const valueTypes = { number: 2, string: 3, boolean: 9 } as const;

/** The `<row>` elements of the data rows (row 2 on), with every string made XML-safe and neutralised. */
function directRowsXml(direct: DirectRows, model: ExcelJsWriteModel): string {
  const letters = columnLetters(direct.columns.length);
  // Style ids by value type and number format; shared-string indexes by the text as given (the
  // same names, groups and months repeat thousands of times: each is made safe and added once).
  const styleIds = new Map<number, Map<string, number>>();
  const styleId = (format: string, type: number) => {
    let byFormat = styleIds.get(type);
    if (!byFormat) styleIds.set(type, (byFormat = new Map()));
    let id = byFormat.get(format);
    if (id === undefined) byFormat.set(format, (id = model.styles.addStyleModel(formatStyle(format), type)));
    return id;
  };
  const stringIndexes = new Map<string, number>();
  const stringIndex = (text: string) => {
    let index = stringIndexes.get(text);
    if (index === undefined) {
      const value = neutraliseCell(text, 'xlsx') as string;
      stringIndexes.set(text, (index = model.sharedStrings.add(xmlSafeText(value))));
    }
    return index;
  };
  const parts: string[] = [];
  direct.rows.forEach((values, rowIndex) => {
    const rowNumber = rowIndex + 2;
    let cells = '';
    values.forEach((raw, index) => {
      const kind = direct.columns[index].kind;
      const cell = toCell(raw, kind);
      const value = typeof cell === 'string' ? cell : neutraliseCell(cell, 'xlsx');
      const format = cellFormat(raw, kind);
      const address = letters[index] + rowNumber;
      if (value === null || value instanceof Date) {
        if (format) cells += `<c r="${address}" s="${styleId(format, valueTypes.number)}"/>`;
        return;
      }
      const type = typeof value === 'number' ? valueTypes.number : typeof value === 'boolean' ? valueTypes.boolean : valueTypes.string;
      const style = format ? ` s="${styleId(format, type)}"` : '';
      if (typeof value === 'number') cells += `<c r="${address}"${style}><v>${value}</v></c>`;
      else if (typeof value === 'boolean') cells += `<c r="${address}"${style} t="b"><v>${value ? 1 : 0}</v></c>`;
      else cells += `<c r="${address}"${style} t="s"><v>${stringIndex(value)}</v></c>`;
    });
    parts.push(`<row r="${rowNumber}">${cells}</row>`);
  });
  return parts.join('');
}

/**
 * The sheet part exceljs rendered (header row only), with the data rows and the full dimension put
 * in, as UTF-8 bytes: the rows are encoded on their own, not joined into one string with the rest.
 */
function withDirectRows(sheetXml: string, direct: DirectRows, model: ExcelJsWriteModel): Buffer {
  const end = sheetXml.lastIndexOf('</sheetData>');
  if (end < 0) throw new Error('exceljs wrote a worksheet without <sheetData>');
  const last = `${columnLetters(Math.max(1, direct.columns.length)).at(-1)}${direct.rows.length + 1}`;
  // The dimension element comes before <sheetData> (ECMA-376 §18.3.1.99's order), in the head.
  const head = sheetXml.slice(0, end).replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="A1:${last}"/>`);
  return Buffer.concat([Buffer.from(head, 'utf8'), Buffer.from(directRowsXml(direct, model), 'utf8'), Buffer.from(sheetXml.slice(end), 'utf8')]);
}

function toCell(value: CellValue, kind: ExportColumnKind): CellValue {
  if (value === null || value === undefined) return null;
  // A date column's ISO date becomes Excel's day number (shown as a date by its format); anything else stays text.
  if (kind === 'date') return typeof value === 'string' ? (excelDateSerial(value) ?? value) : value;
  if (kind !== 'text' && typeof value === 'string') {
    // A number that arrived as text is written as a number; anything else stays (neutralised) text.
    const parsed = Number(value);
    if (value.trim() !== '' && Number.isFinite(parsed)) return parsed;
  }
  return value;
}

function displayLength(value: CellValue, kind: ExportColumnKind): number {
  if (value === null || value === undefined) return 1;
  if (kind === 'share') return 7;
  if (kind === 'date') return 10;
  return String(value).length;
}

/** Danish CSV: semicolons, decimal comma, UTF-8 with BOM so Danish Excel opens it directly with æøå. */
export function toDanishCsv(columns: SheetColumn[], rows: CellValue[][]): Buffer {
  const integer = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 0, useGrouping: false });
  const decimal = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 4, useGrouping: false });
  const share = new Intl.NumberFormat('da-DK', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const field = (value: CellValue, kind: ExportColumnKind): string => {
    if (value === null || value === undefined) return '';
    // A date as Danish Excel writes it (01-03-2025), which it reads back as a date.
    if (kind === 'date' && typeof value === 'string' && excelDateSerial(value) !== null) return `${value.slice(8, 10)}-${value.slice(5, 7)}-${value.slice(0, 4)}`;
    let text: string;
    if (typeof value === 'number') {
      // Intl puts a no-break space before %; Danish Excel reads "12,3%" as a percentage number.
      text = kind === 'share' ? share.format(value).replace(/\s/g, '') : kind === 'integer' ? integer.format(value) : decimal.format(value);
      text = text.replace('\u2212', '-');
      return text;
    }
    text = String(neutraliseCell(typeof value === 'boolean' ? (value ? 'Ja' : 'Nej') : value, 'csv'));
    return /[";\r\n]/.test(text) || text !== text.trim() || text.startsWith("'") ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [columns.map((column) => field(column.header, 'text')).join(';'), ...rows.map((row) => row.map((value, index) => field(value, columns[index].kind)).join(';'))];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

/** The bytes of an in-memory workbook, after every string in it has been made XML-safe. */
export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Buffer> {
  sanitiseWorkbook(workbook);
  const xlsx = workbook.xlsx as unknown as ExcelJsXlsx;
  const direct = directRowsByWorkbook.get(workbook);
  const addContentTypes = xlsx.addContentTypes.bind(xlsx);
  const addWorksheets = xlsx.addWorksheets.bind(xlsx);
  // The first part exceljs writes hands us its zip: from there on the parts go to Node's zlib.
  xlsx.addContentTypes = async (zip, model) => {
    zipWithNodeZlib(zip);
    await addContentTypes(zip, model);
  };
  if (direct?.size) {
    // The sheets are rendered one after another into the zip, before the shared strings and the
    // style table (which the data rows add to); each table sheet's part gets its rows on the way in.
    xlsx.addWorksheets = async (zip, model) => {
      const append = zip.append.bind(zip);
      const sheetPart = /^xl\/worksheets\/sheet(\d+)\.xml$/;
      zip.append = (data, options) => {
        const sheet = direct.get(Number(options.name.match(sheetPart)?.[1]));
        // As UTF-8 bytes (Node's encoder), not a string for the zip library to encode in JavaScript.
        append(sheet && typeof data === 'string' ? withDirectRows(data, sheet, model) : data, options);
      };
      try {
        await addWorksheets(zip, model);
      } finally {
        zip.append = append;
      }
    };
  }
  try {
    return Buffer.from(await workbook.xlsx.writeBuffer());
  } finally {
    xlsx.addContentTypes = addContentTypes;
    xlsx.addWorksheets = addWorksheets;
  }
}

/*
 * models-finish (issue 13, contact-list speed): exceljs zips with a JavaScript zip library whose
 * deflate, CRC and chunk pipeline were about a third of the contact list's time. This takes the
 * same parts in the same order and deflates them with Node's zlib (native, off the main thread)
 * through yazl, the zip writer by the author of yauzl (our zip reader). Only the container
 * changes: the parts, their names and their bytes are exceljs's (tests read the files back).
 */
function zipWithNodeZlib(zip: ExcelJsZip): void {
  const parts: { name: string; bytes: Buffer }[] = [];
  zip.append = (data, options) => {
    let bytes: Buffer;
    if (Buffer.isBuffer(data)) bytes = data;
    else if (typeof data === 'string') bytes = Buffer.from(data, options.base64 ? 'base64' : 'utf8');
    else if (data instanceof Uint8Array) bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    else throw new Error(`exceljs handed the zip a part of an unexpected kind: ${options.name}`);
    parts.push({ name: options.name, bytes });
  };
  zip.finalize = async () => {
    const file = new ZipFile();
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      file.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
      file.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
      file.outputStream.on('error', reject);
    });
    // DOS timestamps only, as Excel writes them; zlib's default level.
    for (const part of parts) file.addBuffer(part.bytes, part.name, { compress: true, forceDosTimestamp: true });
    file.end();
    zip.stream.end(await done);
    zip.emit('finish');
  };
}

const documentFields = ['creator', 'lastModifiedBy', 'title', 'subject', 'keywords', 'category', 'description', 'company', 'manager'] as const;

/** Every string a workbook will write (document properties, sheet names, cells, notes, headers) made XML-safe. */
function sanitiseWorkbook(workbook: ExcelJS.Workbook): void {
  const properties = workbook as unknown as Record<string, unknown>;
  for (const field of documentFields) if (typeof properties[field] === 'string') properties[field] = xmlSafeText(properties[field] as string, 255);
  const names = new Set<string>();
  workbook.eachSheet((sheet) => {
    const safeName = uniqueSheetName(sheet.name, names);
    if (safeName !== sheet.name) sheet.name = safeName;
    const headerFooter = sheet.headerFooter as unknown as Record<string, unknown> | undefined;
    for (const [key, value] of Object.entries(headerFooter ?? {})) if (typeof value === 'string') headerFooter![key] = xmlSafeText(value, 255);
    sheet.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const value = cell.value;
        if (typeof value === 'string') {
          const safe = xmlSafeText(value);
          if (safe !== value) cell.value = safe;
        } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
          // Formulas, hyperlinks and rich text: flattened to their (safe) text, never run.
          cell.value = neutraliseCell(value, 'xlsx');
        }
        const note = cell.note as unknown;
        if (typeof note === 'string') cell.note = xmlSafeText(note);
        else if (note) cell.note = xmlSafeText(String(neutraliseCell(note, 'xlsx') ?? ''));
      }),
    );
  });
}

/** A sheet name Excel accepts: XML-safe, none of : \ / ? * [ ], not starting or ending with ', at most 31 characters, unique. */
export function safeSheetName(title: string): string {
  return (
    xmlSafeText(title)
      .replace(/[:\\/?*[\]\n\t]/g, ' ')
      .replace(/^'+|'+$/g, '')
      .trim()
      .slice(0, 31)
      .replace(/[\uD800-\uDBFF]$/, '')
      .trim() || 'Ark1'
  );
}

function uniqueSheetName(name: string, taken: Set<string>): string {
  let candidate = safeSheetName(name);
  for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) candidate = `${safeSheetName(name).slice(0, 27)} (${n})`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

interface StreamedSheet {
  name: string;
  columns: SheetColumn[];
  rows: Iterable<CellValue[]>;
  freezeColumns?: number;
}

/** How many rows are written between pauses that let the zip stream take what is written so far. */
const rowsPerYield = 250;

/**
 * Table sheets written row by row with exceljs's streaming writer: each row is committed (turned
 * into XML and handed to the zip stream) as soon as it is written, so memory holds one row and
 * the compressed output, never the whole workbook as objects. Same look as `addTableSheet`.
 */
/**
 * `lastSheet` may add one more (small) sheet through the ordinary worksheet API, such as the
 * provenance sheet; its rows are written when the workbook is committed.
 */
export async function streamTableWorkbook(creator: string, sheets: StreamedSheet[], lastSheet?: (workbook: ExcelJS.Workbook) => ExcelJS.Worksheet): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    output.on('end', resolve);
    output.on('error', reject);
  });
  const safeCreator = xmlSafeText(creator, 255);
  const workbook = new (excelJs().stream.xlsx.WorkbookWriter)({ stream: output, useStyles: true, useSharedStrings: false, creator: safeCreator, lastModifiedBy: safeCreator, created: new Date() } as ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookWriter>[0] & { creator: string; lastModifiedBy: string; created: Date });
  const names = new Set<string>();
  for (const spec of sheets) {
    const rows = Array.isArray(spec.rows) ? (spec.rows as CellValue[][]) : [...spec.rows];
    const sheet = workbook.addWorksheet(uniqueSheetName(spec.name, names), {
      views: [{ state: 'frozen', xSplit: spec.freezeColumns ?? 0, ySplit: 1 }],
      pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
    });
    // Widths must be known before the first row is written.
    sheet.columns = spec.columns.map((column, index) => ({ width: columnWidth(column, rows, index) }));
    const header = sheet.addRow(spec.columns.map((column) => xmlSafeText(column.header)));
    header.font = { bold: true };
    header.alignment = { vertical: 'top', wrapText: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };
    header.eachCell((cell) => {
      if (typeof cell.value === 'string' && startsLikeFormula(cell.value)) cell.numFmt = '@';
    });
    header.commit();
    if (spec.columns.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
    let written = 0;
    for (const values of rows) {
      const row = sheet.addRow(values.map((value, index) => neutraliseCell(toCell(value, spec.columns[index].kind), 'xlsx')));
      values.forEach((value, index) => {
        // The same formats as `addTableSheet` (a whole count in a number column too: models-finish).
        const format = cellFormat(value, spec.columns[index].kind);
        if (format) row.getCell(index + 1).numFmt = format;
      });
      row.commit();
      written += 1;
      if (written % rowsPerYield === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    sheet.commit();
  }
  // The streaming writer's worksheets commit themselves; its typings know only the ordinary worksheet.
  if (lastSheet) (lastSheet(workbook) as ExcelJS.Worksheet & { commit(): void }).commit();
  await workbook.commit();
  await finished;
  return Buffer.concat(chunks);
}

function columnWidth(column: SheetColumn, rows: CellValue[][], index: number): number {
  let longest = Math.max(...column.header.split(' ').map((word) => word.length), Math.min(column.header.length, 18));
  for (let r = 0; r < Math.min(rows.length, 2000); r += 1) longest = Math.max(longest, displayLength(rows[r][index], column.kind));
  // At least 10, as in addTableSheet: exceljs leaves out a width of exactly 9 (its default), and a column must have one.
  return Math.min(60, Math.max(10, longest + 2));
}

export function newWorkbook(creator: string): ExcelJS.Workbook {
  const workbook = new (excelJs().Workbook)();
  workbook.creator = xmlSafeText(creator, 255);
  workbook.created = new Date();
  return workbook;
}
