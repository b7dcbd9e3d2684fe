import { z } from 'zod';
import { defineCall } from '../contract';
import { halfYear, realDate, realMonth as month } from './periods';
import type { CriterionId, EscalationStep, ExemptionReason, ModelId } from '../enums';
import type { ExplanationItem } from '../explanations';

export type { CriterionId, ExemptionReason, ModelId };

/**
 * The compliance engine's contract (issue 5). Shares are fractions (0.2 = 20 %), months
 * `YYYY-MM`, half-years `2023H2`. The shapes of `evaluate.*` are also what the CLI's
 * `evaluate --json` prints, so they are kept stable.
 */

/** One parameter of a rule set, as the explanation and the rule-set screen show it. */
export interface RuleParameter {
  key: string;
  /** Danish label for the screen. */
  label: string;
  value: number | boolean | string | string[];
  /** True where RULES.md marks the parameter as an interpretation of the sources. */
  interpretation: boolean;
  /** Which source document (seed file) or RULES.md line it comes from. */
  source: string;
  /** What a copy may set it to (for an editor): number range, whole numbers, allowed texts or list members. */
  min?: number;
  max?: number;
  integer?: boolean;
  options?: string[];
  members?: string[];
  /** The value in Danish words, as explanations show it (group labels, ja/nej, 20 %). */
  displayValue?: string;
  /** danish-desk: true in a copy where the user changed the value (its source is then the user's own). */
  changed?: boolean;
}

export interface RuleSetSummary {
  id: string;
  name: string;
  model: ModelId;
  version: string;
  builtin: boolean;
  basedOn: string | null;
  parameters: RuleParameter[];
  createdAt: string | null;
  createdBy: string | null;
}

/** An import batch a result's numbers came from. */
export interface BatchRef {
  id: number;
  fileName: string;
  sha256: string;
  kind: string;
  importedAt: string;
  isDemo: boolean;
}

export interface MonthFigure {
  month: string;
  measured: number | null;
  lacking: number | null;
  share: number | null;
  above: boolean;
  /** 'counts' when the share was computed from counts, 'shares' when the file gave only shares. */
  sourceForm: 'counts' | 'shares' | 'mixed' | null;
}

export interface CriterionResult {
  /** At least the minimum number of citizens in every month of the assessment. */
  eligible: boolean;
  /** Eligible and above the threshold in every month. */
  fails: boolean;
  months: MonthFigure[];
}

export interface GroupShare {
  groupId: string;
  label: string;
  criterion: CriterionId;
  measured: number;
  lacking: number;
  share: number | null;
  challenged: boolean;
}

export interface ExemptionProposal {
  reason: ExemptionReason;
  criterion: CriterionId | null;
  /** Danish, with the numbers that support the proposal. */
  evidence: string;
}

/** The decision subject for an exemption proposal: `exemption:<reason>:<criterion|all>`. */
export function exemptionSubject(proposal: Pick<ExemptionProposal, 'reason' | 'criterion'>): string {
  return `exemption:${proposal.reason}:${proposal.criterion ?? 'all'}`;
}

export interface EarlyWarning {
  criterion: CriterionId;
  /** Months above the threshold in a row up to the latest month with data. */
  monthsAboveSoFar: number;
  /** How many more months above the threshold make the criterion fail. */
  monthsRemaining: number;
  /** Months of the half-year with data so far. */
  monthsAssessed: number;
}

/** decisions: where a municipality stands after the rules and the reviewer's decisions. */
export type MunicipalityStatus = 'to-contact' | 'exempted' | 'early-warning' | 'not-to-contact';

export interface DecisionRow {
  id: number;
  ruleSetId: string;
  period: string;
  municipalityCode: number;
  /** 'exemption:enhanced-supervision:offers', 'contact', 'escalation:explanation', … */
  subject: string;
  /** 'accepted' | 'rejected' | 'contacted' | 'withdrawn' | … */
  verdict: string;
  decidedOn: string | null;
  reason: string;
  decidedBy: string;
  decidedAt: string;
  /** A withdrawal names the decision it withdraws. */
  withdrawsId: number | null;
}

export interface EarlyEffortMunicipalityResult {
  code: number;
  name: string;
  region: string;
  labourMarketOffice: string;
  toContact: boolean;
  interviews: CriterionResult;
  offers: CriterionResult;
  /** Labels of the benefit groups the municipality is particularly challenged on. */
  challengedGroups: string[];
  groupShares: GroupShare[];
  exemptionProposals: ExemptionProposal[];
  earlyWarnings: EarlyWarning[];
  /** The latest decision per subject, newest first. */
  decisions: DecisionRow[];
  /** Plain-language explanation in Danish, one sentence per line (`explanationItems` rendered by src/shared/explanations-da.ts). */
  explanation: string[];
  /** one-definition: the explanation as data (code and parameters), for a screen or file in another language. */
  explanationItems: ExplanationItem[];
  /** Meets the criteria for contact (fails one or more), before any exemption. */
  failsCriteria: boolean;
  /** Meets the criteria, but an accepted exemption covers every failing criterion: `toContact` is then false. */
  exemptionAccepted: boolean;
  status: MunicipalityStatus;
  /** The accepted exemption(s) behind status `exempted`, with who decided, when and why. */
  exemption: { subjects: string[]; reasons: string; decidedBy: string; decidedOn: string | null } | null;
  /** The latest note on the municipality for the period (a decision with subject `note`), or ''. */
  note: string;
}

export interface EarlyEffortEvaluation {
  model: 'early-2023';
  ruleSetId: string;
  ruleSetVersion: string;
  period: string;
  months: string[];
  /** False while the half-year is not over (or data are missing for some months): early warning mode. */
  complete: boolean;
  /** `failsCriteria` = `exempted` + `toContact` (the letter's "62 opfylder kriterierne; 2 undtaget; 60 kontaktes"). */
  summary: { toContact: number; failInterviews: number; failOffers: number; exemptionProposals: number; earlyWarnings: number; failsCriteria: number; exempted: number };
  municipalities: EarlyEffortMunicipalityResult[];
  parameters: RuleParameter[];
  batches: BatchRef[];
  /** cit-engine: 'citizens' when the counts were derived from citizen data (the batches are then the citizen files). */
  dataSource?: DataSource;
}

export interface MonthlyFinding {
  code: number;
  name: string;
  group: string;
  groupId: string;
  criterion: CriterionId;
  months: MonthFigure[];
}

export interface EscalationState {
  code: number;
  name: string;
  /** messages (issue 15): worded by the 'escalation.step' explanation (explanations-da.ts). */
  step: EscalationStep;
  contactedOn: string | null;
  explanationDueOn: string | null;
  meetingRequestedOn: string | null;
  // models-screens: the ladder's received explanation, and whether its due date has passed unmet.
  explanationReceivedOn: string | null;
  /** Due by the end of the evaluated month, still with findings, and no explanation recorded. */
  overdue: boolean;
}

/** models-screens: model B's findings grouped by municipality (in SQL). */
export interface MonthlyMunicipality {
  code: number;
  name: string;
  findings: number;
  groups: number;
  interviews: number;
  offers: number;
}

export interface MonthlyEvaluation {
  model: 'early-2021';
  ruleSetId: string;
  ruleSetVersion: string;
  period: string;
  findings: MonthlyFinding[];
  /** models-screens: the findings per municipality (code order). */
  municipalities: MonthlyMunicipality[];
  escalation: EscalationState[];
  /** messages (issue 15): the summary lines as data ('monthly.summary', 'monthly.overdue'). */
  explanationItems: ExplanationItem[];
  parameters: RuleParameter[];
  batches: BatchRef[];
  /** cit-engine: 'citizens' when the counts were derived from citizen data (the batches are then the citizen files). */
  dataSource?: DataSource;
}

export interface SupervisionMunicipalityResult {
  code: number;
  name: string;
  resultTarget: { expectedShare: number; actualShare: number; differencePoints: number; rank: number | null; fails: boolean } | null;
  focusInterviews: { measured: number | null; lacking: number | null; share: number | null; fails: boolean } | null;
  focusOffers: { measured: number | null; lacking: number | null; share: number | null; fails: boolean } | null;
  atRisk: boolean;
  explanation: string[];
  /** one-definition: the explanation as data (src/shared/explanations.ts). */
  explanationItems: ExplanationItem[];
}

/** models-screens: the quarterly status in the terms of the minister's letter of 1 September 2021. */
export interface SupervisionStatus {
  municipalities: number;
  resultTargetFails: { code: number; name: string }[];
  /** False when no focus measurements are imported for the period: the focus targets cannot be assessed. */
  focusDataAvailable: boolean;
  focusInterviews: { fails: number; alsoResultTarget: { code: number; name: string }[] };
  focusOffers: { fails: number; alsoResultTarget: { code: number; name: string }[] };
  atRisk: { code: number; name: string }[];
}

export interface SupervisionEvaluation {
  model: 'supervision';
  ruleSetId: string;
  ruleSetVersion: string;
  period: string;
  municipalities: SupervisionMunicipalityResult[];
  status: SupervisionStatus;
  parameters: RuleParameter[];
  batches: BatchRef[];
}

export interface StatusRow {
  /** Group label, or 'Hele landet' for the whole country. */
  label: string;
  groupId: string | null;
  share: number | null;
  baselineShare: number | null;
  changePoints: number | null;
  /** citizen-models (issue 10): null when the group has no counts that month (never a zero for missing data). */
  measured: number | null;
}

export interface StatusEvaluation {
  model: 'status';
  ruleSetId: string;
  ruleSetVersion: string;
  period: string;
  baseline: string;
  rows: StatusRow[];
  municipalities: {
    code: number;
    name: string;
    share: number | null;
    baselineShare: number | null;
    changePoints: number | null;
    /** models-screens: the municipality's share minus the national share, in percentage points. */
    differenceFromNationalPoints: number | null;
  }[];
  /** models-screens: how many municipalities have data in each month; `partial` when the national figure lacks some. */
  coverage: { period: MonthCoverage; baseline: MonthCoverage };
  partial: boolean;
  parameters: RuleParameter[];
  batches: BatchRef[];
  /** cit-engine: 'citizens' when the counts were derived from citizen data (the batches are then the citizen files). */
  dataSource?: DataSource;
}

export interface AvailablePeriods {
  months: string[];
  halfYears: { period: string; complete: boolean }[];
  latestCompleteHalfYear: string | null;
  benchmarkPeriods: string[];
  // models-screens
  /** Municipalities with measurements in each month (model D's picker). */
  monthCoverage: MonthCoverage[];
  /** The latest month with data for (nearly) every municipality (at least 95 %). */
  latestFullMonth: string | null;
  /** Periods with a result target (Y30R21) or focus measurements. */
  supervisionPeriods: string[];
}

export interface MonthCoverage {
  month: string;
  municipalities: number;
  of: number;
}

/** One municipality's drill-down (the desk's municipality screen). */
export interface MunicipalityDetail {
  code: number;
  name: string;
  region: string;
  labourMarketOffice: string;
  period: string;
  ruleSetId: string;
  ruleSetVersion: string;
  threshold: number;
  /** The assessed half-years within the series, for shading on the chart. */
  assessedPeriods: { period: string; firstMonth: string; lastMonth: string }[];
  /** Pooled monthly share per criterion over the 24 months ending with the period's last month. */
  series: { criterion: CriterionId; months: MonthFigure[] }[];
  /** Benefit group × month for the period's months: measured, lacking, share per criterion. */
  groupMonths: { groupId: string; label: string; criterion: CriterionId; months: MonthFigure[] }[];
  /** The model-A result for the period (same object as in evaluate.early2023). */
  result: EarlyEffortMunicipalityResult;
  /** Every decision row ever recorded for this municipality under the rule set, newest first. */
  decisionHistory: DecisionRow[];
  escalation: EscalationState | null;
  supervision: SupervisionMunicipalityResult | null;
  batches: BatchRef[];
  /**
   * danish-finish (issue 11): where each month of the series comes from (demo data, imported
   * files, or both), so the chart never joins demo and imported months in one line without a word.
   */
  monthSources?: { month: string; source: MonthSource }[];
}

/** Where a month's figures come from. */
export type MonthSource = 'demo' | 'imported' | 'mixed';

/** One benefit group across all municipalities (which municipalities drive its shortfall). */
export interface BenefitGroupDetail {
  groupId: string;
  label: string;
  period: string;
  months: string[];
  municipalities: { code: number; name: string; criterion: CriterionId; measured: number; lacking: number; share: number | null; months: MonthFigure[] }[];
  national: { criterion: CriterionId; months: MonthFigure[] }[];
  /** The rule set's threshold, for the chart's line. */
  threshold: number;
  /** Per month, whether the national line's rows are demo data, imported or both (as on a municipality's chart). */
  monthSources?: { month: string; source: MonthSource }[];
}

/** Two rule sets side by side: who changes status. */
export interface RuleSetComparison {
  period: string;
  left: { ruleSetId: string; ruleSetVersion: string; summary: EarlyEffortEvaluation['summary'] };
  right: { ruleSetId: string; ruleSetVersion: string; summary: EarlyEffortEvaluation['summary'] };
  changed: {
    code: number;
    name: string;
    left: { toContact: boolean; failInterviews: boolean; failOffers: boolean };
    right: { toContact: boolean; failInterviews: boolean; failOffers: boolean };
    /** messages (issue 15): why, as data ('compare.criterion' per changed criterion). */
    whyItems: ExplanationItem[];
    /** `whyItems` in Danish (the CLI's JSON keeps it). */
    why: string;
  }[];
}

// cit-engine (issue 10): which counts a model reads: the imported Jobindsats measurements, or those derived from citizen data.
export const dataSources = ['published', 'citizens'] as const;
export type DataSource = (typeof dataSources)[number];
const source = z.enum(dataSources).optional();

const ruleSetId = z.string().min(1).max(120);

export const engineContract = {
  'ruleSets.list': defineCall<RuleSetSummary[]>()(z.object({}).strict().optional()),
  /** Copy a rule set with changed parameters (a what-if); the original is never changed. */
  'ruleSets.copy': defineCall<RuleSetSummary>()(
    z.object({ fromId: ruleSetId, name: z.string().min(1).max(200), changes: z.record(z.string(), z.unknown()) }).strict(),
    { writes: true },
  ),
  // citizen-models (issue 10): the months of the chosen source (default Jobindsats), for the model screens' pickers.
  'periods.available': defineCall<AvailablePeriods>()(z.object({ source }).strict().optional()),
  'evaluate.early2023': defineCall<EarlyEffortEvaluation>()(z.object({ ruleSetId: ruleSetId.optional(), period: halfYear, source }).strict()),
  'evaluate.early2021': defineCall<MonthlyEvaluation>()(z.object({ ruleSetId: ruleSetId.optional(), period: month, source }).strict()),
  'evaluate.supervision': defineCall<SupervisionEvaluation>()(z.object({ ruleSetId: ruleSetId.optional(), period: z.string().min(4).max(20) }).strict()),
  'evaluate.status': defineCall<StatusEvaluation>()(z.object({ ruleSetId: ruleSetId.optional(), period: month, baseline: month, source }).strict()),
  'municipality.detail': defineCall<MunicipalityDetail>()(
    z.object({ code: z.number().int().min(100).max(999), ruleSetId: ruleSetId.optional(), period: halfYear }).strict(),
  ),
  'benefitGroup.detail': defineCall<BenefitGroupDetail>()(z.object({ groupId: z.string().min(1).max(60), ruleSetId: ruleSetId.optional(), period: halfYear }).strict()),
  'ruleSets.compare': defineCall<RuleSetComparison>()(z.object({ left: ruleSetId, right: ruleSetId, period: halfYear }).strict()),
  'decisions.record': defineCall<DecisionRow>()(
    z
      .object({
        ruleSetId,
        period: z.string().min(4).max(20),
        municipalityCode: z.number().int().min(100).max(999),
        subject: z.string().min(1).max(200),
        verdict: z.string().min(1).max(40),
        decidedOn: realDate.nullable().optional(),
        reason: z.string().max(4000).default(''),
      })
      .strict(),
    { writes: true },
  ),
  'decisions.list': defineCall<DecisionRow[]>()(
    z.object({ ruleSetId: ruleSetId.optional(), period: z.string().max(20).optional(), municipalityCode: z.number().int().optional() }).strict(),
  ),
};
