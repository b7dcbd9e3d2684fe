import type { CriterionId, EscalationStep, ExemptionReason } from './enums';
import type { OutlookCriterion } from './api/citizens';

/**
 * The engine's explanations as data: each line is a code and its parameters (numbers, months,
 * ids: never words), rendered by one messages module per language (`explanations-da.ts`), which
 * the screens, the CLI and the exports use. A new line is one member here and one entry there;
 * the type checker finds a language that lacks it.
 */

/** One month's figures in a criterion's line. */
export interface ExplainedMonth {
  month: string;
  share: number | null;
  lacking: number | null;
  measured: number | null;
}

/** How the threshold is compared (model A's rule set). */
export interface ThresholdWords {
  threshold: number;
  strictlyGreater: boolean;
}

export type CriterionVerdict =
  | { kind: 'early-warning'; aboveSoFar: number; assessed: number; remaining: number }
  | { kind: 'not-assessable'; minCitizens: number; lowMonths: { month: string; basis: number | null }[] }
  | ({ kind: 'fails'; maxRun: number } & ThresholdWords)
  | ({ kind: 'meets'; complete: boolean; aboveCount: number; shownCount: number; maxRun: number } & ThresholdWords);

export interface ExplainedDecision {
  subject: string;
  decidedBy: string;
  decidedOn: string | null;
  reason: string;
}

/** One rule set's reading of one criterion for one municipality (the rule-set comparison's "why"). */
export interface ComparedCriterion {
  ruleSetName: string;
  /** False when too few citizens were measured to assess it. */
  eligible: boolean;
  aboveMonths: number;
  shownMonths: number;
  threshold: number;
  consecutiveMonths: number;
  fails: boolean;
}

export type ExplanationItem =
  | { code: 'early.rule'; params: ThresholdWords & { ruleSetName: string; version: string; consecutiveMonths: number; minCitizens: number } }
  | { code: 'early.incomplete'; params: { assessedMonths: number; months: number; lastMonth: string } }
  | { code: 'early.criterion'; params: { criterion: CriterionId; verdict: CriterionVerdict; months: ExplainedMonth[] } }
  | { code: 'early.sharesOnly'; params: { criterion: CriterionId } }
  | {
      code: 'early.challenged';
      params: ThresholdWords & { minMeasured: number; groups: { label: string; criterion: CriterionId; share: number | null; lacking: number; measured: number }[] };
    }
  | { code: 'early.proposal'; params: { reason: ExemptionReason; evidence: ExplanationItem } }
  | { code: 'early.evidence.supervision'; params: { from: string; to: string | null; note: string | null } }
  | { code: 'early.evidence.falling'; params: { criterion: CriterionId; shares: (number | null)[] } }
  | { code: 'early.exemptionAccepted'; params: { decisions: ExplainedDecision[] } }
  | { code: 'early.contactRecorded'; params: { decidedOn: string | null; decidedBy: string } }
  | { code: 'early.result'; params: { outcome: 'exempted' | 'to-contact' | 'early-warning' | 'not-to-contact'; complete: boolean; failing: CriterionId[] } }
  | { code: 'supervision.rule'; params: { ruleSetName: string; version: string; period: string } }
  | {
      code: 'supervision.result';
      params: { groupLabel: string; actualShare: number; expectedShare: number; differencePoints: number; rank: number | null; fails: boolean };
    }
  | { code: 'supervision.noResult'; params: { groupLabel: string; period: string } }
  | { code: 'supervision.focus'; params: { target: 'interviews' | 'offers'; share: number | null; threshold: number; fails: boolean } }
  | { code: 'supervision.noFocus'; params: Record<string, never> }
  | { code: 'supervision.atRisk'; params: Record<string, never> }
  | { code: 'early.sources'; params: { batches: { fileName: string; importedAt: string; sha256: string }[] } }
  // messages (issue 15): model B's ladder and summary, and the rule-set comparison's "why".
  | { code: 'escalation.step'; params: { step: EscalationStep } }
  | { code: 'monthly.summary'; params: { period: string; version: string; findings: number; municipalities: number; months: string[] } }
  | { code: 'monthly.overdue'; params: { count: number } }
  | { code: 'compare.criterion'; params: { criterion: CriterionId; left: ComparedCriterion; right: ComparedCriterion } }
  /** A rule set's interpretation in force; label and value come from the rule set's own description. */
  | { code: 'interpretation'; params: { label: string; value: string } }
  // citizen-words (issue 15): the citizen outlook's summary ("still within reach").
  | { code: 'outlook.reach'; params: { asOf: string; municipality: string; reachable: number; firstDeadline: string | null } }
  | { code: 'outlook.month'; params: ThresholdWords & { month: string; period: string; minCitizens: number; criteria: OutlookFigures[] } };

/** One criterion of one cohort month in the citizen outlook (citizen-words, issue 15): the outlook's own figures, named. */
export type OutlookFigures = OutlookCriterion & { criterion: CriterionId };

export type ExplanationCode = ExplanationItem['code'];

/** The renderer of one language: a function per code, typed by the code's parameters. */
export type ExplanationMessages = { [Code in ExplanationCode]: (params: Extract<ExplanationItem, { code: Code }>['params']) => string };
