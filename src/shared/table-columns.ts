import type { ExportColumnKind } from './enums';

/** A column of a table the CLI prints and the exports write: its header and how its values are written. */
interface TableColumn {
  header: string;
  kind: ExportColumnKind;
}

/** Several columns of one kind, by header (one-definition, issue 15: the tables list headers, not objects). */
export function columnsOf(kind: ExportColumnKind, ...headers: string[]): TableColumn[] {
  return headers.map((header) => ({ header, kind }));
}

/** The two columns every municipality table starts with: the code (a number) and the name. */
export function municipalityColumns(code: string, name: string): TableColumn[] {
  return [...columnsOf('integer', code), ...columnsOf('text', name)];
}
