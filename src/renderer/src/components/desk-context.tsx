import { createContext, useContext } from 'react';

/** A drill-down on top of a top-level screen. */
export type DeskEntry =
  | { kind: 'municipality'; code: number; name: string }
  | { kind: 'group'; groupId: string; label: string }
  // cit-desk (issue 10): a municipality's citizens in one benefit group and cohort month
  | { kind: 'citizens'; label: string; municipalityCode?: number; groupId?: string; cohortMonth?: string; /** citizen-models: one spell's timeline, at a day */ spellId?: number; asOf?: string };

export interface DeskState {
  /** The half-year every screen shows, e.g. 2023H2. */
  period: string | null;
  ruleSetId: string;
  setPeriod(period: string): void;
  setRuleSetId(id: string): void;
  open(entry: DeskEntry): void;
  back(): void;
}

export const DeskContext = createContext<DeskState | null>(null);

export function useDesk(): DeskState {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk outside DeskContext');
  return desk;
}
