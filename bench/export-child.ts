/**
 * One "this view" export in a fresh process, so its peak memory (RSS) is the export's own.
 * The argument arrives as the bridge delivers it (JSON text, parsed), goes through `dispatch`
 * (the contract's checks included) and comes back as the bridge returns it (base64).
 * Usage: node bin/run-ts.cjs bench/export-child.ts <rows> <columns> <text characters per text cell> <db> [xlsx|csv]
 * Prints one JSON line.
 */
import { dispatch } from '../src/main/handlers';
import { openSession } from '../src/main/handlers/session';

/** A view like the overview's: a name column, then shares, counts and text in turn. */
export function benchView(rows: number, columns: number, textLength: number) {
  const kinds = ['text', 'share', 'integer', 'text'] as const;
  const cols = Array.from({ length: columns }, (_, i) => ({ header: `Kolonne ${i + 1}`, kind: kinds[i % kinds.length] }));
  const filler = 'Kommune æøå '.repeat(Math.ceil(textLength / 12));
  const data = Array.from({ length: rows }, (_, r) =>
    cols.map((column, c) => (column.kind === 'text' ? `${r}:${c} ${filler}`.slice(0, textLength) : column.kind === 'share' ? ((r * 7 + c) % 1000) / 1000 : r * 3 + c)),
  );
  return { title: 'Stor visning', columns: cols, rows: data };
}

async function main() {
  const [rows, columns, textLength, databasePath, format = 'xlsx'] = process.argv.slice(3);
  const session = openSession(databasePath);
  const body = JSON.stringify({ ...benchView(Number(rows), Number(columns), Number(textLength)), format });
  const started = process.hrtime.bigint();
  const envelope = await dispatch(session, 'export.view', JSON.parse(body));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  session.close();
  const peakMb = process.resourceUsage().maxRSS / 1024;
  if (!envelope.ok) {
    console.log(JSON.stringify({ ok: false, code: envelope.error.code, message: envelope.error.message, ms, peakMb }));
    return;
  }
  const value = envelope.value as { rows: number; contentBase64: string };
  console.log(JSON.stringify({ ok: true, ms, rows: value.rows, bytes: Math.round((value.contentBase64.length * 3) / 4), peakMb, bodyMb: body.length / 1048576 }));
}

if (require.main === module || process.argv[2]?.endsWith('export-child.ts')) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
