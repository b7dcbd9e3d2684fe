import { blocksLayout } from './blocks';
import { longLayout } from './long';
import type { LayoutContext, LayoutId, LayoutModule, LayoutPlan } from './types';
import { wideLayout } from './wide';
import { spellEventsLayout } from './spell-events'; // citizens (issue 10)

/** Every layout the importer knows; detection walks this table. A new layout is one new file listed here. */
export const layoutModules: LayoutModule[] = [longLayout, blocksLayout, wideLayout, spellEventsLayout];

/** The chosen layout's plan, or the best-fitting one's. */
export function planLayout(context: LayoutContext, chosen?: LayoutId): LayoutPlan | { problem: string } {
  if (chosen) return layoutModules.find((module) => module.id === chosen)!.plan(context);
  let best: { module: LayoutModule; score: number } | null = null;
  for (const module of layoutModules) {
    const score = module.detect(context);
    if (score > 0 && (!best || score > best.score)) best = { module, score };
  }
  return (best?.module ?? layoutModules[0]).plan(context);
}

export type { LayoutContext, LayoutId, LayoutPlan, LongRow, RowTransformer, SkippedRow } from './types';
