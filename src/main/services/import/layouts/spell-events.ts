import { eventColumn, type EventColumn } from '../citizen-fields';
import type { FieldId, Mapping } from '../fields';
import { citizenWords } from '../../../../shared/citizen-words-da';
import { classifyRow, skippedText } from './non-data';
import type { LayoutContext, LayoutModule, LayoutPlan, LongRow, RowTransformer } from './types';

/**
 * citizens (issue 10): "one row per spell, with the event dates in columns", the shape case
 * systems and reviewers' own sheets most often have: `CPR-nr. | Kommune | Ydelse | Startdato |
 * Samtale 1 … Samtale 6 | Tilbud 1`. Each source row becomes one spell row and one event row per
 * filled event column, all in the same batch; every event keeps the source row and its own column
 * for messages ("række 7, kolonne G").
 */

/** The numbered interview and offer columns of a header row. */
export function eventColumns(headers: string[]): (EventColumn & { index: number })[] {
  const found: (EventColumn & { index: number })[] = [];
  headers.forEach((header, index) => {
    const column = eventColumn(header);
    if (column) found.push({ ...column, index });
  });
  return found;
}

const spellFields: FieldId[] = ['citizenId', 'municipality', 'group', 'startDate', 'endDate', 'spellRef'];
const words = citizenWords.spellEvents;
const longHeaders = words.longHeaders;
const kindPosition = 6;
const datePosition = 7;
const heldByPosition = 8;

const isBlank = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

export const spellEventsLayout: LayoutModule = {
  id: 'spell-events',
  detect(context) {
    return context.kind === 'spells' && eventColumns(context.headers).length > 0 ? 5 : 0;
  },
  plan(context: LayoutContext): LayoutPlan | { problem: string } {
    if (context.kind !== 'spells') return { problem: words.onlySpells };
    const events = eventColumns(context.headers);
    if (events.length === 0) {
      return { problem: words.noEventColumns };
    }
    const longMapping: Mapping = { eventKind: kindPosition, eventDate: datePosition, heldBy: heldByPosition };
    spellFields.forEach((field, position) => {
      if (context.mapping[field] !== undefined) longMapping[field] = position;
    });
    const interviews = events.filter((event) => event.kind === 'interview').length;
    const offers = events.length - interviews;
    const decisions = [
      words.decision(
        interviews,
        offers,
        events.slice(0, 8).map((event) => context.headers[event.index]),
        events.length > 8,
      ),
    ];
    return {
      id: 'spell-events',
      longHeaders,
      longMapping,
      decisions,
      createTransformer(): RowTransformer {
        return {
          push(row, out, skipped) {
            if (row.problem) {
              out.push(row);
              return;
            }
            const reason = classifyRow(row.cells, context.kind, context.mapping);
            if (reason) {
              skipped.push({ row: row.rowNumber, reason, text: skippedText(row.cells) });
              return;
            }
            const spell: LongRow = { rowNumber: row.rowNumber, cells: new Array(longHeaders.length).fill(null), columns: new Array(longHeaders.length).fill(-1) };
            spellFields.forEach((field, position) => {
              const index = context.mapping[field];
              if (index === undefined) return;
              spell.cells[position] = row.cells[index];
              spell.columns![position] = index;
            });
            out.push(spell);
            for (const event of events) {
              const value = row.cells[event.index];
              if (isBlank(value)) continue;
              const cells = new Array(longHeaders.length).fill(null);
              const columns = [...spell.columns!];
              cells[0] = spell.cells[0];
              cells[5] = spell.cells[5];
              cells[kindPosition] = event.kind === 'interview' ? 'samtale' : 'tilbud';
              cells[datePosition] = value;
              cells[heldByPosition] = event.heldBy;
              columns[kindPosition] = event.index;
              columns[datePosition] = event.index;
              columns[heldByPosition] = event.index;
              out.push({ rowNumber: row.rowNumber, cells, columns });
            }
          },
          finish() {},
          notes: () => [],
        };
      },
    };
  },
};
