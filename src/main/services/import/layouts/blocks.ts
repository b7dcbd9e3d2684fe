import { LabelFiller } from './fill-down';
import { longPlan } from './long';
import type { LayoutModule } from './types';

/**
 * Long rows whose labels are written once per block (merged cells, pandas' MultiIndex): the
 * label columns are filled down, and the report says how many cells were filled.
 */
export const blocksLayout: LayoutModule = {
  id: 'blocks',
  detect: (context) => (LabelFiller.wouldFill(context.sampleRows.map((row) => row.cells), context.mapping) ? 2 : 0),
  plan: (context) => longPlan(context, true),
};
