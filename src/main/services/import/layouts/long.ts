import { fillDataRow, LabelFiller } from './fill-down';
import { classifyRow, skippedText } from './non-data';
import type { LayoutContext, LayoutModule, LayoutPlan, RowTransformer } from './types';

/** One row per municipality, group and period: the rows are stored as they are, notes and totals left out. */
export function longPlan(context: LayoutContext, fillDown: boolean): LayoutPlan {
  return {
    id: fillDown ? 'blocks' : 'long',
    longHeaders: context.headers,
    longMapping: context.mapping,
    decisions: [],
    createTransformer(): RowTransformer {
      const filler = fillDown ? new LabelFiller(context.mapping) : null;
      return {
        push(row, out, skipped) {
          if (row.problem) {
            out.push(row);
            return;
          }
          if (!filler) {
            const reason = classifyRow(row.cells, context.kind, context.mapping);
            if (reason) skipped.push({ row: row.rowNumber, reason, text: skippedText(row.cells) });
            else out.push(row);
            return;
          }
          const cells = fillDataRow(filler, row, context.kind, context.mapping, skipped);
          if (cells) out.push({ rowNumber: row.rowNumber, cells });
        },
        finish() {},
        notes: () => (filler ? filler.notes() : []),
      };
    },
  };
}

export const longLayout: LayoutModule = {
  id: 'long',
  detect: () => 1,
  plan: (context) => longPlan(context, false),
};
