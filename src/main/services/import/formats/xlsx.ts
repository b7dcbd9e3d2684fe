import { SaxesParser, type SaxesTag } from 'saxes';
import { inspectXlsx, ZipProblem } from '../zip-inspect';
import {
  batchSize,
  ExternalFormulaCell,
  externalFunctions,
  FileProblem,
  UncachedFormulaCell,
  type FormatReader,
  type Source,
  type SourceRow,
} from './source';
import { damaged, XlsxPackage } from './xlsx-package';
import { importWords } from '../../../../shared/import-words-da';

/**
 * .xlsx read from its package parts: the zip through `XlsxPackage` (yauzl), each XML part through
 * saxes with namespaces on, so `<x:c>` as .NET's Open XML SDK writes it is the same element as
 * `<c>`. Sheets are found through workbook.xml and its relationships, whatever form the targets
 * take (absolute `/xl/worksheets/sheet1.xml` as openpyxl writes, relative, any part name), never
 * by guessing part names or relying on the order of the parts in the zip.
 *
 * Cells: shared and inline strings, numbers, booleans, error values (as their text, `#DIV/0!`),
 * `t="d"` ISO dates and numbers in a date format (as `Date`), numbers in a percent format in per
 * cent as Excel shows them (0.1561 → 15.61; a literal `" %"` in the format is not a percent
 * format), formulas by their cached value; a formula without a usable cached value or one that
 * fetches from outside the workbook becomes a `RefusedCell`, so its row is refused by name.
 */

const mainNamespaces = new Set(['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main']);
const relationshipAttributeNamespaces = new Set([
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  'http://purl.oclc.org/ooxml/officeDocument/relationships',
]);
const packageRelationshipsNamespace = 'http://schemas.openxmlformats.org/package/2006/relationships';


/** An element's name with its namespace resolved from the declarations in scope. */
interface Name {
  local: string;
  uri: string;
}

/** An element as the handlers see it (one object reused for every element: do not keep it). */
interface Tag extends Name {
  attributes: Record<string, string>;
}

function attribute(tag: Tag, local: string): string | undefined {
  return tag.attributes[local];
}

interface Handlers {
  open?(tag: Tag): void;
  close?(tag: Name): void;
  text?(text: string): void;
}

/**
 * saxes parses; namespaces are resolved here, from the `xmlns`/`xmlns:x` declarations in scope
 * (saxes's own xmlns mode builds an object per attribute and is markedly slower on a 60 MB
 * sheet). So `<x:c>` bound to SpreadsheetML is the element `c`, and an unknown prefix is not.
 */
function parser(handlers: Handlers): { write(chunk: string): void; close(): void; relationshipId(tag: Tag): string | undefined } {
  const sax = new SaxesParser({ position: false });
  let scope = new Map<string, string>();
  let names = new Map<string, Name>();
  const saved: { depth: number; scope: Map<string, string>; names: Map<string, Name> }[] = [];
  const stack: Name[] = [];
  const current: Tag = { local: '', uri: '', attributes: {} };
  sax.on('opentag', (node: SaxesTag) => {
    const attributes = node.attributes as Record<string, string>;
    let declared: Map<string, string> | null = null;
    for (const key in attributes) {
      if (key.charCodeAt(0) === 120 /* x */ && (key === 'xmlns' || key.startsWith('xmlns:'))) {
        declared ??= new Map(scope);
        declared.set(key === 'xmlns' ? '' : key.slice(6), attributes[key]);
      }
    }
    if (declared) {
      saved.push({ depth: stack.length, scope, names });
      scope = declared;
      names = new Map();
    }
    const qualified = node.name;
    let name = names.get(qualified);
    if (!name) {
      const colon = qualified.indexOf(':');
      name = colon < 0 ? { local: qualified, uri: scope.get('') ?? '' } : { local: qualified.slice(colon + 1), uri: scope.get(qualified.slice(0, colon)) ?? '' };
      names.set(qualified, name);
    }
    stack.push(name);
    if (handlers.open) {
      current.local = name.local;
      current.uri = name.uri;
      current.attributes = attributes;
      handlers.open(current);
    }
  });
  sax.on('closetag', () => {
    const name = stack.pop()!;
    handlers.close?.(name);
    const last = saved[saved.length - 1];
    if (last && last.depth === stack.length) {
      saved.pop();
      scope = last.scope;
      names = last.names;
    }
  });
  if (handlers.text) sax.on('text', handlers.text);
  return {
    write: (chunk) => void sax.write(chunk),
    close: () => void sax.close(),
    relationshipId(tag) {
      for (const key in tag.attributes) {
        const colon = key.indexOf(':');
        if (colon > 0 && key.slice(colon + 1) === 'id' && relationshipAttributeNamespaces.has(scope.get(key.slice(0, colon)) ?? '')) return tag.attributes[key];
      }
      return undefined;
    },
  };
}

const isMain = (tag: Name) => mainNamespaces.has(tag.uri);

async function parseWhole(pkg: XlsxPackage, name: string, handlers: Handlers | ((sax: ReturnType<typeof parser>) => Handlers)): Promise<void> {
  let resolved: Handlers = {};
  const sax = parser({ open: (tag) => resolved.open?.(tag), close: (tag) => resolved.close?.(tag), text: (text) => resolved.text?.(text) });
  resolved = typeof handlers === 'function' ? handlers(sax) : handlers;
  try {
    for await (const chunk of pkg.text(name)) sax.write(chunk);
    sax.close();
  } catch (error) {
    throw damaged(error);
  }
}

/** `/xl/worksheets/sheet1.xml`, `worksheets/sheet1.xml` (from `xl/`), `../xl/…` → a part name. */
export function resolveTarget(baseDirectory: string, target: string): string {
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    // keep as written
  }
  const parts = decoded.startsWith('/') ? [] : baseDirectory.split('/').filter(Boolean);
  for (const part of decoded.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

interface Relationship {
  type: string;
  target: string;
}

async function relationships(pkg: XlsxPackage, partName: string): Promise<Map<string, Relationship>> {
  const slash = partName.lastIndexOf('/');
  const directory = slash >= 0 ? partName.slice(0, slash) : '';
  const relsName = pkg.find(`${directory ? `${directory}/` : ''}_rels/${partName.slice(slash + 1)}.rels`);
  const result = new Map<string, Relationship>();
  if (!relsName) return result;
  await parseWhole(pkg, relsName, {
    open(tag) {
      if (tag.local !== 'Relationship' || tag.uri !== packageRelationshipsNamespace) return;
      const id = attribute(tag, 'Id');
      const target = attribute(tag, 'Target');
      if (!id || !target || attribute(tag, 'TargetMode') === 'External') return;
      result.set(id, { type: attribute(tag, 'Type') ?? '', target: resolveTarget(directory, target) });
    },
  });
  return result;
}

const byType = (rels: Map<string, Relationship>, suffix: string) => [...rels.values()].find((rel) => rel.type.endsWith(`/${suffix}`))?.target;

interface SheetEntry {
  name: string;
  part: string | null;
  hidden: boolean;
}

interface Workbook {
  sheets: SheetEntry[];
  date1904: boolean;
  /** The writer asks Excel to compute every formula on opening: cached values are placeholders. */
  recalculateOnLoad: boolean;
  sharedStringsPart: string | null;
  stylesPart: string | null;
}

async function readWorkbook(pkg: XlsxPackage): Promise<Workbook> {
  const rootRels = await relationships(pkg, '');
  const workbookPart = pkg.find(byType(rootRels, 'officeDocument') ?? 'xl/workbook.xml') ?? pkg.find('xl/workbook.xml');
  if (!workbookPart) throw damaged(new Error(importWords.xlsx.partMissing('workbook.xml')));
  const rels = await relationships(pkg, workbookPart);
  const workbook: Workbook = { sheets: [], date1904: false, recalculateOnLoad: false, sharedStringsPart: null, stylesPart: null };
  await parseWhole(pkg, workbookPart, (sax) => ({
    open(tag) {
      if (!isMain(tag)) return;
      if (tag.local === 'sheet') {
        const id = sax.relationshipId(tag);
        const target = id ? rels.get(id)?.target : undefined;
        workbook.sheets.push({ name: attribute(tag, 'name') ?? `Ark${workbook.sheets.length + 1}`, part: target ? pkg.find(target) : null, hidden: /hidden/i.test(attribute(tag, 'state') ?? '') });
      } else if (tag.local === 'workbookPr') {
        workbook.date1904 = /^(1|true)$/i.test(attribute(tag, 'date1904') ?? '');
      } else if (tag.local === 'calcPr') {
        workbook.recalculateOnLoad = /^(1|true)$/i.test(attribute(tag, 'fullCalcOnLoad') ?? '');
      }
    },
  }));
  const sharedStrings = byType(rels, 'sharedStrings');
  const styles = byType(rels, 'styles');
  workbook.sharedStringsPart = sharedStrings ? pkg.find(sharedStrings) : null;
  workbook.stylesPart = styles ? pkg.find(styles) : null;
  return workbook;
}

/** What a cell's number format makes of a number. */
type NumberKind = 'number' | 'date' | 'percent';

const builtInDates = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const builtInPercents = new Set([9, 10]);

/** Quoted text, escaped characters, [colours]/[$-406] and fill/space markers say nothing about the kind. */
export function numberFormatKind(code: string): NumberKind {
  const section = code.split(';')[0] ?? '';
  const bare = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, (bracket) => (/^\[(h+|m+|s+)\]$/i.test(bracket) ? 'h' : ''))
    .replace(/[_*]./g, '');
  if (bare.includes('%')) return 'percent';
  if (/[dmyhse]/i.test(bare.replace(/E[+-]/gi, '')) && !/^general$/i.test(bare.trim())) return 'date';
  return 'number';
}

async function readStyles(pkg: XlsxPackage, part: string | null): Promise<NumberKind[]> {
  if (!part) return [];
  const formats = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await parseWhole(pkg, part, {
    open(tag) {
      if (!isMain(tag)) return;
      if (tag.local === 'numFmt') formats.set(Number(attribute(tag, 'numFmtId')), attribute(tag, 'formatCode') ?? '');
      else if (tag.local === 'cellXfs') inCellXfs = true;
      else if (tag.local === 'xf' && inCellXfs) xfFormats.push(Number(attribute(tag, 'numFmtId') ?? 0));
    },
    close(tag) {
      if (tag.local === 'cellXfs' && isMain(tag)) inCellXfs = false;
    },
  });
  return xfFormats.map((id) => {
    const custom = formats.get(id);
    if (custom !== undefined) return numberFormatKind(custom);
    if (builtInDates.has(id)) return 'date';
    if (builtInPercents.has(id)) return 'percent';
    return 'number';
  });
}

async function readSharedStrings(pkg: XlsxPackage, part: string | null): Promise<string[]> {
  if (!part) return [];
  const strings: string[] = [];
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  await parseWhole(pkg, part, {
    open(tag) {
      if (!isMain(tag)) return;
      if (tag.local === 'si') current = '';
      else if (tag.local === 'rPh') phonetic++;
      else if (tag.local === 't' && current !== null && phonetic === 0) inText = true;
    },
    close(tag) {
      if (!isMain(tag)) return;
      if (tag.local === 'si') {
        strings.push(current ?? '');
        current = null;
      } else if (tag.local === 'rPh') phonetic--;
      else if (tag.local === 't') inText = false;
    },
    text(text) {
      if (inText) current += text;
    },
  });
  return strings;
}

function columnIndex(reference: string): number {
  let value = 0;
  for (let index = 0; index < reference.length; index++) {
    const code = reference.charCodeAt(index);
    if (code >= 65 && code <= 90) value = value * 26 + (code - 64);
    else if (code >= 97 && code <= 122) value = value * 26 + (code - 96);
    else break;
  }
  return value - 1;
}

const dayMs = 86_400_000;

function serialToDate(serial: number, date1904: boolean): Date {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(epoch + Math.round(serial * dayMs));
}

/** `2023-07-01T00:00:00`, with or without `Z` or milliseconds: the date as written, in UTC. */
function isoDate(text: string): Date | string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?/.exec(text.trim());
  if (!match) return text;
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = match;
  return new Date(Date.UTC(+year, +month - 1, +day, +hour, +minute, +second));
}

interface Parts {
  pkg: XlsxPackage;
  workbook: Workbook;
  sharedStrings: string[];
  styles: NumberKind[];
}

/**
 * Streams one worksheet part: rows are collected while saxes parses each chunk and handed to
 * `onRows` between chunks (the consumer may stop by returning false).
 */
async function streamSheet(
  parts: Parts,
  part: string,
  onRows: (rows: SourceRow[], fraction: number) => Promise<boolean>,
  limit?: number,
  percentColumns: number[] = [],
): Promise<void> {
  const { pkg, workbook, sharedStrings, styles } = parts;
  const size = pkg.size(part);
  let rows: SourceRow[] = [];
  let seen = 0;
  let stop = false;

  let rowNumber = 0;
  let cells: unknown[] = [];
  let nextColumn = 0;
  let column = 0;
  let type = 'n';
  let style = 0;
  let value = '';
  let hasValue = false;
  let formula: string | null = null;
  let formulaShared: string | undefined;
  let capture: 0 | 1 | 2 | 3 = 0; // 1 = <v>, 2 = <f>, 3 = <is><t>
  let inInline = false;
  let phonetic = 0;
  const sharedFormulas = new Map<string, string>();

  const cellValue = (): unknown => {
    if (formula !== null) {
      const text = formula || (formulaShared !== undefined ? sharedFormulas.get(formulaShared) : undefined) || '';
      if (text && externalFunctions.test(text)) return new ExternalFormulaCell(text);
      if (!hasValue || workbook.recalculateOnLoad) return new UncachedFormulaCell(text || '…');
    }
    switch (type) {
      case 'inlineStr':
        return value;
      case 's': {
        if (!hasValue) return null;
        const text = sharedStrings[Number(value)];
        if (text === undefined) throw damaged(new Error(importWords.xlsx.sharedStringMissing(String(value))));
        return text;
      }
      case 'str':
        return hasValue ? value : null;
      case 'b':
        return hasValue ? value === '1' || value.toLowerCase() === 'true' : null;
      case 'e':
        return hasValue ? value : null;
      case 'd':
        return hasValue ? isoDate(value) : null;
      default: {
        if (!hasValue || value === '') return null;
        const number = Number(value);
        if (!Number.isFinite(number)) return value;
        const kind = styles[style];
        if (kind === 'date') return serialToDate(number, workbook.date1904);
        // Excel keeps 15,61 % as 0.1561 with a percent format; it shows (and we read) 15.61.
        if (kind === 'percent') {
          if (!percentColumns.includes(column)) percentColumns.push(column);
          return Math.round(number * 100 * 1e10) / 1e10;
        }
        return number;
      }
    }
  };

  const sax = parser({
    open(tag) {
      if (!isMain(tag)) return;
      switch (tag.local) {
        case 'c': {
          const reference = attribute(tag, 'r');
          column = reference ? columnIndex(reference) : nextColumn;
          type = attribute(tag, 't') ?? 'n';
          const s = attribute(tag, 's');
          style = s ? Number(s) : 0;
          value = '';
          hasValue = false;
          formula = null;
          formulaShared = undefined;
          return;
        }
        case 'v':
          hasValue = true;
          capture = 1;
          return;
        case 'f':
          formula = '';
          formulaShared = attribute(tag, 't') === 'shared' ? attribute(tag, 'si') : undefined;
          capture = 2;
          return;
        case 'row': {
          const r = attribute(tag, 'r');
          rowNumber = r ? Number(r) : rowNumber + 1;
          cells = [];
          nextColumn = 0;
          return;
        }
        case 'is':
          inInline = true;
          return;
        case 'rPh':
          phonetic++;
          return;
        case 't':
          if (inInline && phonetic === 0) capture = 3;
          return;
      }
    },
    close(tag) {
      if (!isMain(tag)) return;
      switch (tag.local) {
        case 'v':
        case 't':
          capture = 0;
          return;
        case 'f':
          capture = 0;
          if (formulaShared !== undefined && formula) sharedFormulas.set(formulaShared, formula);
          return;
        case 'is':
          inInline = false;
          return;
        case 'rPh':
          phonetic--;
          return;
        case 'c':
          if (column >= 0 && column < 16384) {
            cells[column] = cellValue();
            nextColumn = column + 1;
          }
          return;
        case 'row': {
          if (stop) return;
          for (let index = 0; index < cells.length; index++) if (cells[index] === undefined) cells[index] = null;
          rows.push({ rowNumber, cells });
          seen++;
          if (limit && seen >= limit) stop = true;
          return;
        }
      }
    },
    text(text) {
      if (capture === 1 || capture === 3) value += text;
      else if (capture === 2) formula += text;
    },
  });

  // The consumer's own errors (a failed insert, a cancel) pass through; the rest is the file's fault.
  let consumerError: unknown = null;
  const handOver = async (batch: SourceRow[], fraction: number) => {
    try {
      return await onRows(batch, fraction);
    } catch (error) {
      consumerError = error;
      throw error;
    }
  };
  try {
    for await (const chunk of pkg.text(part)) {
      sax.write(chunk);
      if (rows.length >= batchSize || (stop && rows.length > 0)) {
        const batch = rows;
        rows = [];
        if (!(await handOver(batch, size > 0 ? Math.min(1, pkg.partBytes / size) : 0))) stop = true;
      }
      if (stop) return;
    }
    sax.close();
  } catch (error) {
    if (error === consumerError || error instanceof FileProblem) throw error;
    throw damaged(error);
  }
  if (rows.length > 0) await onRows(rows, 1);
}

async function openParts(filePath: string): Promise<Parts> {
  try {
    inspectXlsx(filePath);
  } catch (error) {
    if (error instanceof ZipProblem) throw new FileProblem(error.reason === 'bomb' ? 'zip-bomb' : error.reason === 'truncated' ? 'truncated' : 'not-a-table', error.message);
    throw new FileProblem('truncated', importWords.xlsx.damaged(''));
  }
  const pkg = await XlsxPackage.open(filePath);
  try {
    const workbook = await readWorkbook(pkg);
    const [sharedStrings, styles] = [await readSharedStrings(pkg, workbook.sharedStringsPart), await readStyles(pkg, workbook.stylesPart)];
    return { pkg, workbook, sharedStrings, styles };
  } catch (error) {
    pkg.close();
    throw error;
  }
}

export const xlsxFormat: FormatReader = {
  format: 'xlsx',
  sniff: (head) => head.length >= 4 && head.readUInt32LE(0) === 0x04034b50,
  async open(file, options): Promise<Source> {
    const parts = await openParts(file.path);
    let chosen: SheetEntry | undefined;
    const { sheets } = parts.workbook;
    const sheetNames = sheets.map((sheet) => sheet.name);
    try {
      if (options.sheet !== undefined) {
        chosen = sheets.find((sheet) => sheet.name === options.sheet);
        if (!chosen) throw new FileProblem('no-sheet', importWords.xlsx.noSuchSheet(options.sheet, sheetNames.join(', ')));
      } else {
        // The first visible sheet; which sheet holds the table is the layout's decision
        // (layout.ts looks at every sheet and says which it chose and why).
        const candidates = sheets.filter((sheet) => sheet.part && !sheet.hidden);
        chosen ??= candidates[0] ?? sheets[0];
      }
    } finally {
      parts.pkg.close();
    }
    if (!chosen) throw new FileProblem('empty-file', importWords.xlsx.noSheets);
    if (!chosen.part) throw damaged(new Error(importWords.xlsx.missingPart(chosen.name)));
    const sheet = chosen;
    const percentColumns: number[] = [];
    return {
      info: { format: 'xlsx', encoding: null, delimiter: null, sheetNames, sheet: sheet.name, percentColumns },
      async read(onBatch, limit) {
        // Each read opens the package again: the preview and the import read the file separately.
        const opened = await openParts(file.path);
        try {
          await streamSheet(opened, sheet.part!, async (rows, fraction) => (await onBatch({ rows, fraction })) !== false, limit, percentColumns);
        } finally {
          opened.pkg.close();
        }
      },
    };
  },
};
