import type { BulkContactedResult } from '../../../shared/api/decisions';
import type { DecisionRow, ModelId } from '../../../shared/api/engine';
import { isHalfYear, isRealDate, isRealMonth, localToday } from '../../../shared/periods';
import { currentUserName, nowIso, type Db } from '../store';
import { EngineError } from './engine-error';
import { builtinRuleSets } from './rule-sets';
import { describePeriod } from '../../../shared/period-words';
import { formatDanishDate } from '../../../shared/words-da';

export interface DecisionInput {
  ruleSetId: string;
  period: string;
  municipalityCode: number;
  subject: string;
  verdict: string;
  decidedOn?: string | null;
  reason: string;
  /** Set by a withdrawal: the decision it withdraws. */
  withdrawsId?: number | null;
}

/** The verdicts the engine reads; others are kept as recorded (a short lower-case code). */
const knownVerdicts = ['accepted', 'rejected', 'contacted', 'withdrawn', 'recorded'];
const verdictPattern = /^[a-z][a-z0-9-]{0,39}$/;
const exemptionPattern = /^exemption:(enhanced-supervision|positive-development):(interviews|offers|all)$/;


/** The model of a rule set that exists (built in or a stored copy); refuses one that does not. */
function ruleSetModel(db: Db, ruleSetId: string): ModelId {
  const builtin = builtinRuleSets.find((rule) => rule.id === ruleSetId);
  if (builtin) return builtin.model;
  const row = db.prepare('SELECT model FROM rule_set WHERE id = ?').get(ruleSetId) as { model: ModelId } | undefined;
  if (!row) throw new EngineError('unknown-rule-set', `Regelsættet "${ruleSetId}" findes ikke. Se listen med "indsatsmonitor rule-sets"; intet blev gemt.`);
  return row.model;
}

/** The period must be a real one of the rule set's model (a half-year for model A, a month for B and D, a quarter for C). */
function checkPeriod(model: ModelId, period: string): void {
  const ok =
    model === 'early-2023'
      ? isHalfYear(period)
      : model === 'early-2021' || model === 'status'
        ? isRealMonth(period)
        : /^\d{4}(QMAT0?[1-4]|Q[1-4])$/i.test(period) || isRealMonth(period);
  if (ok) return;
  const example = { 'early-2023': 'et halvår, fx 2023H2', 'early-2021': 'en måned, fx 2023-09', status: 'en måned, fx 2024-12', supervision: 'en periode som 2021QMAT02' }[model];
  throw new EngineError('invalid-period', `Perioden "${period}" findes ikke for dette regelsæt; skriv ${example}. Intet blev gemt.`);
}

/** A decision date is a real calendar date, and not in the future. */
export function checkDecisionDate(decidedOn: string | null | undefined): void {
  if (decidedOn === null || decidedOn === undefined || decidedOn === '') return;
  if (!isRealDate(decidedOn)) throw new EngineError('invalid-date', `Datoen ${decidedOn} findes ikke i kalenderen; skriv en dato som 2024-03-25. Intet blev gemt.`);
  if (decidedOn > localToday()) throw new EngineError('invalid-date', `Datoen ${decidedOn} ligger i fremtiden; en afgørelse dateres den dag, den er truffet. Intet blev gemt.`);
}

function municipalityName(db: Db, code: number): string {
  const row = db.prepare('SELECT name FROM municipality WHERE code = ?').get(code) as { name: string } | undefined;
  if (!row) throw new EngineError('not-found', `Kommunekoden ${code} findes ikke.`);
  return row.name;
}

/** The latest decision on one subject for a municipality and period, if any. */
function latestOnSubject(db: Db, ruleSetId: string, period: string, code: number, subject: string): DecisionRow | undefined {
  return db
    .prepare(`SELECT id, rule_set_id AS ruleSetId, period, municipality_code AS municipalityCode, subject, verdict,
  decided_on AS decidedOn, reason, decided_by AS decidedBy, decided_at AS decidedAt, withdraws_id AS withdrawsId FROM decision WHERE rule_set_id = ? AND period = ? AND municipality_code = ? AND subject = ? ORDER BY id DESC LIMIT 1`)
    .get(ruleSetId, period, code, subject) as DecisionRow | undefined;
}

/** Every check a decision must pass before it is stored (it can never be changed afterwards). */
function validate(db: Db, input: DecisionInput): void {
  const name = municipalityName(db, input.municipalityCode);
  if (!verdictPattern.test(input.verdict)) {
    throw new EngineError('invalid-verdict', `Afgørelsen "${input.verdict}" skal være en kort kode med små bogstaver, fx ${knownVerdicts.join(', ')}.`);
  }
  if (input.subject.trim() !== input.subject || input.subject === '') {
    throw new EngineError('invalid-subject', 'Emnet for afgørelsen må ikke være tomt eller starte/slutte med mellemrum.');
  }
  const model = ruleSetModel(db, input.ruleSetId);
  checkPeriod(model, input.period);
  checkDecisionDate(input.decidedOn);
  if (input.subject.startsWith('exemption:')) {
    if (!exemptionPattern.test(input.subject)) {
      throw new EngineError('invalid-subject', `Undtagelsen "${input.subject}" kendes ikke; den skal være skærpet tilsyn eller konstant positiv udvikling.`);
    }
    if ((input.verdict === 'rejected' || input.verdict === 'accepted') && input.reason.trim() === '') {
      throw new EngineError(
        'reason-required',
        input.verdict === 'rejected' ? 'Skriv en begrundelse, når et forslag om undtagelse afvises.' : 'Skriv en begrundelse, når et forslag om undtagelse godkendes (loven kræver en konkret vurdering).',
      );
    }
  }
  if (input.verdict === 'withdrawn' && input.reason.trim() === '') {
    throw new EngineError('reason-required', 'Skriv en begrundelse for at trække afgørelsen tilbage.');
  }
  if (input.subject === 'contact' && input.verdict === 'contacted') {
    const latest = latestOnSubject(db, input.ruleSetId, input.period, input.municipalityCode, 'contact');
    if (latest?.verdict === 'contacted') {
      throw new EngineError(
        'already-contacted',
        `${name} (${input.municipalityCode}) er allerede markeret som kontaktet for ${describePeriod(input.period)} (${formatDanishDate(latest.decidedOn ?? latest.decidedAt.slice(0, 10))}, af ${latest.decidedBy}). Intet blev gemt.`,
      );
    }
  }
}

function insert(db: Db, input: DecisionInput): DecisionRow {
  const id = Number(
    db
      .prepare(
        `INSERT INTO decision (rule_set_id, period, municipality_code, subject, verdict, decided_on, reason, decided_by, decided_at, withdraws_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(input.ruleSetId, input.period, input.municipalityCode, input.subject, input.verdict, input.decidedOn || null, input.reason, currentUserName(), nowIso(), input.withdrawsId ?? null)
      .lastInsertRowid,
  );
  return db.prepare(`SELECT id, rule_set_id AS ruleSetId, period, municipality_code AS municipalityCode, subject, verdict,
  decided_on AS decidedOn, reason, decided_by AS decidedBy, decided_at AS decidedAt, withdraws_id AS withdrawsId FROM decision WHERE id = ?`).get(id) as DecisionRow;
}

/** Appends a decision (never overwrites: a change is a new row) with the OS user and the time. */
export function recordDecision(db: Db, input: DecisionInput): DecisionRow {
  return db.transaction(() => {
    validate(db, input);
    return insert(db, input);
  })();
}

/**
 * Withdraws a decision by appending a row with the same subject, verdict `withdrawn`, a reason
 * and a pointer to the withdrawn row. Only the latest decision on its subject can be withdrawn.
 */
export function withdrawDecision(db: Db, input: { id: number; reason: string; decidedOn?: string | null }): DecisionRow {
  return db.transaction(() => {
    const target = db.prepare(`SELECT id, rule_set_id AS ruleSetId, period, municipality_code AS municipalityCode, subject, verdict,
  decided_on AS decidedOn, reason, decided_by AS decidedBy, decided_at AS decidedAt, withdraws_id AS withdrawsId FROM decision WHERE id = ?`).get(input.id) as DecisionRow | undefined;
    if (!target) throw new EngineError('not-found', `Afgørelse nr. ${input.id} findes ikke.`);
    if (target.verdict === 'withdrawn') throw new EngineError('already-withdrawn', `Afgørelse nr. ${input.id} er selv en tilbagetrækning og kan ikke trækkes tilbage.`);
    const latest = latestOnSubject(db, target.ruleSetId, target.period, target.municipalityCode, target.subject);
    if (latest && latest.id !== target.id) {
      throw new EngineError(
        'superseded',
        latest.verdict === 'withdrawn' && latest.withdrawsId === target.id
          ? `Afgørelse nr. ${target.id} er allerede trukket tilbage (nr. ${latest.id}).`
          : `Afgørelse nr. ${target.id} er afløst af nr. ${latest.id}; træk den nyeste tilbage i stedet.`,
      );
    }
    const row: DecisionInput = {
      ruleSetId: target.ruleSetId,
      period: target.period,
      municipalityCode: target.municipalityCode,
      subject: target.subject,
      verdict: 'withdrawn',
      decidedOn: input.decidedOn ?? localToday(),
      reason: input.reason.trim(),
      withdrawsId: target.id,
    };
    validate(db, row);
    return insert(db, row);
  })();
}

/**
 * Marks several municipalities as contacted with one date and one note. Those already marked
 * contacted for the period are left alone and named in the result; nothing is duplicated.
 */
export function bulkContacted(db: Db, input: { ruleSetId: string; period: string; codes: number[]; decidedOn: string; note: string }): BulkContactedResult {
  return db.transaction(() => {
    const codes = [...new Set(input.codes)];
    const unknown = codes.filter((code) => !db.prepare('SELECT 1 FROM municipality WHERE code = ?').get(code));
    if (unknown.length > 0) throw new EngineError('not-found', `Kommunekoderne ${unknown.join(', ')} findes ikke. Intet blev gemt.`);
    if (!input.decidedOn) throw new EngineError('invalid-date', 'Angiv datoen for kontakten. Intet blev gemt.');
    const recorded: DecisionRow[] = [];
    const alreadyContacted: BulkContactedResult['alreadyContacted'] = [];
    for (const code of codes) {
      const latest = latestOnSubject(db, input.ruleSetId, input.period, code, 'contact');
      if (latest?.verdict === 'contacted') {
        alreadyContacted.push({ code, name: municipalityName(db, code), decidedOn: latest.decidedOn ?? latest.decidedAt.slice(0, 10), decidedBy: latest.decidedBy });
        continue;
      }
      recorded.push(
        recordDecision(db, { ruleSetId: input.ruleSetId, period: input.period, municipalityCode: code, subject: 'contact', verdict: 'contacted', decidedOn: input.decidedOn, reason: input.note.trim() }),
      );
    }
    return { recorded, alreadyContacted };
  })();
}

/** Every decision matching the filter, newest first (the full history). */
export function listDecisions(db: Db, filter: { ruleSetId?: string; period?: string; municipalityCode?: number }): DecisionRow[] {
  return db
    .prepare(
      `SELECT id, rule_set_id AS ruleSetId, period, municipality_code AS municipalityCode, subject, verdict,
  decided_on AS decidedOn, reason, decided_by AS decidedBy, decided_at AS decidedAt, withdraws_id AS withdrawsId FROM decision
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
  decided_on AS decidedOn, reason, decided_by AS decidedBy, decided_at AS decidedAt, withdraws_id AS withdrawsId FROM decision
       WHERE id IN (SELECT MAX(id) FROM decision WHERE rule_set_id = @ruleSetId AND (@period IS NULL OR period = @period)
         GROUP BY municipality_code, subject) ORDER BY id DESC`,
    )
    .all({ ruleSetId, period }) as DecisionRow[];
  const byCode = new Map<number, DecisionRow[]>();
  for (const row of rows) byCode.set(row.municipalityCode, [...(byCode.get(row.municipalityCode) ?? []), row]);
  return byCode;
}
