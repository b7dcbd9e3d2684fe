import type { DecisionRow } from '../../../shared/api/engine';
import { currentUserName, nowIso, type Db } from '../store';
import { EngineError } from './engine-error';

export interface DecisionInput {
  ruleSetId: string;
  period: string;
  municipalityCode: number;
  subject: string;
  verdict: string;
  decidedOn?: string | null;
  reason: string;
}

/** The verdicts the engine reads; others are kept as recorded (a short lower-case code). */
const knownVerdicts = ['accepted', 'rejected', 'contacted', 'withdrawn', 'recorded'];
const verdictPattern = /^[a-z][a-z0-9-]{0,39}$/;

/** Appends a decision (never overwrites: a change is a new row) with the OS user and the time. */
export function recordDecision(db: Db, input: DecisionInput): DecisionRow {
  const municipality = db.prepare('SELECT 1 FROM municipality WHERE code = ?').get(input.municipalityCode);
  if (!municipality) throw new EngineError('not-found', `Kommunekoden ${input.municipalityCode} findes ikke.`);
  if (!verdictPattern.test(input.verdict)) {
    throw new EngineError('invalid-verdict', `Afgørelsen "${input.verdict}" skal være en kort kode med små bogstaver, fx ${knownVerdicts.join(', ')}.`);
  }
  if (input.subject.trim() !== input.subject || input.subject === '') {
    throw new EngineError('invalid-subject', 'Emnet for afgørelsen må ikke være tomt eller starte/slutte med mellemrum.');
  }
  if (input.decidedOn && Number.isNaN(Date.parse(`${input.decidedOn}T00:00:00Z`))) {
    throw new EngineError('invalid-date', `Datoen ${input.decidedOn} er ikke en gyldig dato.`);
  }
  if (input.subject.startsWith('exemption:') && input.verdict === 'rejected' && input.reason.trim() === '') {
    throw new EngineError('reason-required', 'Skriv en begrundelse, når et forslag om undtagelse afvises.');
  }
  const id = Number(
    db
      .prepare(
        `INSERT INTO decision (rule_set_id, period, municipality_code, subject, verdict, decided_on, reason, decided_by, decided_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(input.ruleSetId, input.period, input.municipalityCode, input.subject, input.verdict, input.decidedOn ?? null, input.reason, currentUserName(), nowIso())
      .lastInsertRowid,
  );
  return db
    .prepare(
      `SELECT id, rule_set_id AS ruleSetId, period, municipality_code AS municipalityCode, subject, verdict,
  decided_on AS decidedOn, reason, decided_by AS decidedBy, decided_at AS decidedAt FROM decision WHERE id = ?`,
    ).get(id) as DecisionRow;
}

/** Every decision matching the filter, newest first (the full history). */
export function listDecisions(db: Db, filter: { ruleSetId?: string; period?: string; municipalityCode?: number }): DecisionRow[] {
  return db
    .prepare(
      `SELECT id, rule_set_id AS ruleSetId, period, municipality_code AS municipalityCode, subject, verdict,
  decided_on AS decidedOn, reason, decided_by AS decidedBy, decided_at AS decidedAt FROM decision
       WHERE (@ruleSetId IS NULL OR rule_set_id = @ruleSetId) AND (@period IS NULL OR period = @period)
         AND (@code IS NULL OR municipality_code = @code) ORDER BY id DESC`,
    )
    .all({ ruleSetId: filter.ruleSetId ?? null, period: filter.period ?? null, code: filter.municipalityCode ?? null }) as DecisionRow[];
}

/** The latest decision per municipality and subject, newest first. */
export function latestDecisions(db: Db, ruleSetId: string, period: string | null): Map<number, DecisionRow[]> {
  const rows = db
    .prepare(
      `SELECT id, rule_set_id AS ruleSetId, period, municipality_code AS municipalityCode, subject, verdict,
  decided_on AS decidedOn, reason, decided_by AS decidedBy, decided_at AS decidedAt FROM decision
       WHERE id IN (SELECT MAX(id) FROM decision WHERE rule_set_id = @ruleSetId AND (@period IS NULL OR period = @period)
         GROUP BY municipality_code, subject) ORDER BY id DESC`,
    )
    .all({ ruleSetId, period }) as DecisionRow[];
  const byCode = new Map<number, DecisionRow[]>();
  for (const row of rows) byCode.set(row.municipalityCode, [...(byCode.get(row.municipalityCode) ?? []), row]);
  return byCode;
}
