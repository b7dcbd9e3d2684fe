import { z } from 'zod';
import { defineCall } from '../contract';
import { monthForm, realDate } from './periods';
import type { ExportResult } from './export';
import type { EventKind, HeldBy } from '../enums';

/**
 * Citizen-level data (issue 10): a jobcenter's own extract of benefit spells, interviews and
 * offers. The rows are imported through the same importer (kinds `spells` and `events`); the
 * engine rebuilds `citizen_window` (one row per spell) and `citizen_measurement` (the monthly
 * counts in the form Jobindsats publishes) after every citizen import or undo.
 *
 * Citizen ids are personal data: every call returns them masked (`ddmmyy-****`) unless the
 * reviewer asked for one deliberately (`reveal`), and an export holds full ids only when asked.
 */

// one-definition: a real calendar date (2024-02-30 refused), src/shared/api/periods.ts.
const isoDate = realDate;
const month = monthForm;

/** The columns of the citizen grid a reviewer can sort and filter on (sort and filter run in SQL). */
export const citizenColumns = [
  'citizenId',
  'municipalityCode',
  'groupId',
  'startDate',
  'cohortMonth',
  'deadline',
  'daysLeft',
  'interviewsCounted',
  'interviewsNotCounted',
  'offers',
  'interviewsMissing',
  'offerMissing',
] as const;
export type CitizenColumn = (typeof citizenColumns)[number];
/** citizen-words (issue 15): the grid's filter operators, declared once (the query's words are keyed by them). */
const filterOperators = ['equals', 'notEqual', 'lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual', 'contains', 'startsWith'] as const;
export type FilterOperator = (typeof filterOperators)[number];

/** One spell as the grid shows it (one row of `citizen_window`). */
export interface CitizenRow {
  spellId: number;
  /** Masked (`010190-****`) unless revealed. */
  citizenId: string;
  municipalityCode: number;
  municipalityName: string;
  groupId: string;
  groupLabel: string;
  startDate: string;
  endDate: string | null;
  /** First day after the six months: the window is [startDate, windowEnd). */
  windowEnd: string;
  /** Last day an interview or offer still counts (windowEnd − 1 day). */
  deadline: string;
  /** The month the spell reaches six months; null when it ended before. */
  cohortMonth: string | null;
  /** Days from `asOf` to the deadline (negative when past). */
  daysLeft: number;
  interviewsCounted: number;
  /** A-kasse interviews on 2024 dagpenge spells: shown, not counted. */
  interviewsNotCounted: number;
  offers: number;
  requiredInterviews: number;
  offerRequired: boolean;
  interviewsMissing: number;
  offerMissing: boolean;
}

const filterValue = z.union([z.string().max(200), z.number().finite(), z.boolean(), z.null()]);

export const citizenQueryArgs = z
  .object({
    municipalityCode: z.number().int().optional(),
    groupId: z.string().min(1).max(80).optional(),
    cohortMonth: month.optional(),
    /** Only spells whose six months are not over at `asOf` and that still lack something. */
    withinReach: z.boolean().optional(),
    /** The day "today" is taken as (defaults to today's local date). */
    asOf: isoDate.optional(),
    sort: z.array(z.object({ column: z.enum(citizenColumns), direction: z.enum(['asc', 'desc']) }).strict()).max(4).optional(),
    /** Equality or range filters on grid columns (AG Grid's filter model, translated to SQL). */
    filters: z
      .array(
        z
          .object({
            column: z.enum(citizenColumns),
            operator: z.enum(filterOperators),
            value: filterValue,
          })
          .strict(),
      )
      .max(20)
      .optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
    // cit-derive (issue 10): false asks for the page alone (total null); the grid counts through `citizens.count`.
    count: z.boolean().optional(),
  })
  .strict();

export interface CitizenPage {
  rows: CitizenRow[];
  /** Rows matching the filters; null when the call asked for the page alone (`count: false`). */
  total: number | null;
  asOf: string;
}

/** One citizen's spells and every event, for the timeline. */
export interface CitizenTimeline {
  citizenId: string;
  revealed: boolean;
  spells: CitizenRow[];
  events: { date: string; kind: EventKind; heldBy: HeldBy | null; offerType: string | null; spellId: number | null; counted: boolean }[];
}

/** Derived counts next to imported Jobindsats counts for one municipality and group. */
export interface ReconciliationRow {
  month: string;
  groupId: string;
  groupLabel: string;
  derived: { measured: number; interviewsLacking: number; offersLacking: number | null } | null;
  published: { measured: number | null; interviewsLacking: number | null; offersLacking: number | null } | null;
  /** derived − published, per count; null when either side is missing. */
  difference: { measured: number | null; interviewsLacking: number | null; offersLacking: number | null };
  /**
   * cit-engine: where the two differ, the spells of the cohort month that lack something (the citizens
   * behind the derived count; masked ids, at most 50 listed), so the reviewer can see who makes the difference.
   */
  lackingSpells?: { total: number; spells: ReconciliationSpell[] } | null;
}

/** cit-engine: one spell behind a reconciliation difference. */
export interface ReconciliationSpell {
  spellId: number;
  /** Masked (`010190-****`). */
  citizenId: string;
  startDate: string;
  deadline: string;
  interviewsCounted: number;
  requiredInterviews: number;
  offers: number;
  interviewsMissing: number;
  offerMissing: boolean;
}

/**
 * cit-engine: the early warning for one municipality, citizen by citizen (issue 10, "still within
 * reach"): per cohort month not yet over at `asOf`, how the model A shares will read if nothing
 * happens and if every citizen still within reach gets what is missing, against the rule set's threshold.
 */
export interface OutlookCriterion {
  /** Spells in the cohort month the criterion pools (all groups for interviews, offer groups for offers). */
  measured: number;
  /** The window is over (deadline before `asOf`) and the requirement was not met. */
  alreadyLacking: number;
  /** The window is not over and something is still missing: can still be reached. */
  withinReach: number;
  /** (alreadyLacking + withinReach) / measured; null when nobody is measured. */
  shareIfNothingHappens: number | null;
  /** alreadyLacking / measured. */
  shareIfAllReached: number | null;
  aboveIfNothingHappens: boolean;
  aboveIfAllReached: boolean;
}

export interface OutlookMonth {
  month: string;
  /** The model A half-year the month belongs to (2026H1). */
  period: string;
  interviews: OutlookCriterion;
  offers: OutlookCriterion;
}

export interface OutlookCitizen {
  spellId: number;
  /** Masked (`010190-****`). */
  citizenId: string;
  groupId: string;
  groupLabel: string;
  cohortMonth: string;
  deadline: string;
  daysLeft: number;
  interviewsCounted: number;
  requiredInterviews: number;
  interviewsMissing: number;
  offerMissing: boolean;
}

export interface CitizenOutlook {
  municipalityCode: number;
  municipalityName: string;
  asOf: string;
  ruleSetId: string;
  /** The rule set's name, as screens show it (never the id). */
  ruleSetName: string;
  ruleSetVersion: string;
  threshold: number;
  strictlyGreater: boolean;
  months: OutlookMonth[];
  /** Citizens still within reach, fewest days left first (at most 500; `withinReachTotal` says how many). */
  citizens: OutlookCitizen[];
  withinReachTotal: number;
  /** Danish lines: what the shares will be if nothing happens, and which months would cross the threshold. */
  summary: string[];
}

export interface CitizenDataStatus {
  spells: number;
  events: number;
  /** Citizen import batches on record, undone ones too ("Slet alle borgerdata" removes them all). */
  batches: number;
  /** Of those, the ones not undone: the imports the rows come from. */
  activeBatches: number;
  /** Months with derived counts (first, last), null when there is no citizen data. */
  months: { first: string; last: string } | null;
  /**
   * True when "Slet alle borgerdata" deleted the rows but could not yet clean the database file (its
   * WAL and free pages may still hold ids): the same call, run again, finishes it.
   */
  cleanupPending: boolean;
}

/**
 * The calls are in three areas (one handler file each): the grid, timeline and export here
 * (`citizen-handlers.ts`), the store's citizen data in `citizenDataContract` (`citizen-data-handlers.ts`),
 * and the engine's reconciliation in `citizenEngineContract` (`citizen-engine-handlers.ts`).
 */
export const citizensContract = {
  /** A page of spells for the citizen grid (infinite row model): sort and filter in SQL. */
  'citizens.query': defineCall<CitizenPage>()(citizenQueryArgs),
  /** One citizen's spells and events; `reveal` shows the full id (a deliberate act). */
  'citizens.timeline': defineCall<CitizenTimeline>()(
    z.object({ spellId: z.number().int(), reveal: z.boolean().optional(), asOf: isoDate.optional() }).strict(),
  ),
  /** The citizens to contact as .xlsx: what each is missing and the deadline; full ids only when asked. */
  'export.citizens': defineCall<ExportResult>()(
    citizenQueryArgs.omit({ offset: true, limit: true, count: true }).extend({ includeFullIds: z.boolean().default(false) }).strict(),
  ),
  // cit-derive (issue 10): the grid's row count, asked apart from its pages so the first page does not wait for it.
  /** How many spells the filters match (counted afresh each call). */
  'citizens.count': defineCall<{ total: number; asOf: string }>()(citizenQueryArgs.omit({ offset: true, limit: true, sort: true, count: true })),
};

export const citizenDataContract = {
  /** How much citizen data the store holds. */
  'citizens.status': defineCall<CitizenDataStatus>()(z.object({}).strict().optional()),
  /** "Slet alle borgerdata": spells, events, derived rows, their batches, free pages and the app's backups. */
  'citizens.deleteAll': defineCall<{ spellsDeleted: number; eventsDeleted: number; backupsDeleted: number }>()(
    z.object({ confirm: z.literal(true) }).strict(),
    { writes: true },
  ),
};

export const citizenEngineContract = {
  /** Derived monthly counts against imported Jobindsats counts, per month and group. */
  'citizens.reconcile': defineCall<ReconciliationRow[]>()(
    z.object({ municipalityCode: z.number().int(), from: month.optional(), to: month.optional() }).strict(),
  ),
  /** cit-engine: the cohort months not yet over at `asOf`, their shares if nothing happens and if everyone is reached, and the citizens still within reach. */
  'citizens.outlook': defineCall<CitizenOutlook>()(
    z.object({ municipalityCode: z.number().int(), asOf: isoDate.optional(), ruleSetId: z.string().min(1).max(120).optional() }).strict(),
  ),
};
