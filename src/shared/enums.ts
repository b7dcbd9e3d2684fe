/**
 * Every closed set of values the contract, the services, the CLI and the renderer share, each
 * declared once as a `const` array; the types are inferred from the arrays and the contract's
 * zod enums are built from them (`z.enum(importKinds)`). No zod here, so the renderer can use
 * the arrays without bundling it. A new value is one entry here; the type checker then finds
 * every table (messages, labels) that lacks it.
 */

/** What a file holds (issue 4, "Kinds of data"). */
export const importKinds = [
  'measurement',
  'benchmark',
  'focus',
  'supervision',
  // citizens (issue 10): a jobcenter's own extract of benefit spells and of interviews/offers
  'spells',
  'events',
] as const;
export type ImportKind = (typeof importKinds)[number];

/** The file formats the importer reads. */
export const importFormats = ['csv', 'xlsx', 'json', 'ndjson'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** The text encodings Danish reviewers' files come in. */
export const importEncodings = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type ImportEncoding = (typeof importEncodings)[number];

/** CSV delimiters, in the order detection prefers them on a tie (';' first, as Danish Excel writes). */
export const importDelimiters = [';', ',', '\t', '|'] as const;
export type ImportDelimiter = (typeof importDelimiters)[number];

/** The file formats an export is written in. */
export const exportFormats = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** How an exported column's values are written: shares become percentage numbers, never text. */
/** 'date': an ISO date (yyyy-mm-dd) written as a real Excel date, shown dd-mm-åååå (issue 10: the citizens' deadlines). */
export const exportColumnKinds = ['text', 'integer', 'number', 'share', 'date'] as const;
export type ExportColumnKind = (typeof exportColumnKinds)[number];

/** The follow-up models of RULES.md. */
export const modelIds = ['early-2023', 'early-2021', 'supervision', 'status'] as const;
export type ModelId = (typeof modelIds)[number];

/** The two criteria of the early effort. */
export const criterionIds = ['interviews', 'offers'] as const;
export type CriterionId = (typeof criterionIds)[number];

// messages (issue 15): the steps of model B's escalation ladder, worded in explanations-da.ts.
/** Model B's escalation ladder (RULES.md point 3): contact → explanation and recovery plan due → meeting. */
export const escalationSteps = ['none', 'contacted', 'explanation-due', 'explanation-received', 'meeting'] as const;
export type EscalationStep = (typeof escalationSteps)[number];

/** Why a municipality may be exempted from a contact. */
export const exemptionReasons = ['enhanced-supervision', 'positive-development'] as const;
export type ExemptionReason = (typeof exemptionReasons)[number];

// citizen-words (issue 15 "every shared enum once"): the importer's layouts, share scales and date orders.
/** How a table is laid out (one module each in `import/layouts/`); spell-events: citizens (issue 10). */
export const importLayouts = ['long', 'wide', 'blocks', 'spell-events'] as const;
export type ImportLayout = (typeof importLayouts)[number];
/** How a share column's numbers are written: per cent (15.61) or a fraction (0.1561). */
export const shareScales = ['percent', 'fraction'] as const;
export type ShareScale = (typeof shareScales)[number];
/** Order of day and month in date text such as 07/08/2023. */
export const dateOrders = ['day-first', 'month-first'] as const;
export type DateOrder = (typeof dateOrders)[number];
/** Why a row of a file is left out on purpose: a note under the table or a total row. */
export type SkippedReason = 'note' | 'total';
/** Where an importer's reader is: the app's preview or the CLI (advice names a screen or an option). */
export type Surface = 'app' | 'cli';
/** A citizen event: an interview or an offer, and who held an interview. */
export type EventKind = 'interview' | 'offer';
export type HeldBy = 'jobcenter' | 'a-kasse';

/** Every column meaning the importer knows (one-definition: labels in words-da.ts, used by the importer and the screens). */
export const fieldIds = [
  'municipality',
  'group',
  'period',
  'periodTo',
  'measured',
  'interviewsLacking',
  'interviewsWith',
  'interviewsLackingShare',
  'interviewsWithShare',
  'offersLacking',
  'offersWith',
  'offersLackingShare',
  'offersWithShare',
  'expectedCount',
  'actualCount',
  'differenceCount',
  'expectedShare',
  'actualShare',
  'differencePoints',
  'rank',
  'note',
  // citizens (issue 10): the fields of spells and events
  'citizenId',
  'spellRef',
  'startDate',
  'endDate',
  'eventDate',
  'eventKind',
  'heldBy',
  'offerType',
] as const;
export type FieldId = (typeof fieldIds)[number];
