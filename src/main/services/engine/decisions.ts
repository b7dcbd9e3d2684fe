import type { BulkContactedResult } from '../../../shared/api/decisions';
import type { DecisionRow, ModelId } from '../../../shared/api/engine';
import { isHalfYear, isRealDate, isRealMonth, localToday } from '../../../shared/periods';
import { currentUserName, nowIso, type Db } from '../store';
import { EngineError } from './engine-error';
import { builtinRuleSets } from './rule-sets';
import { describePeriod } from '../../../shared/period-words';
import { formatDanishDate } from '../../../shared/words-da';
import { engineWords } from '../../../shared/engine-words-da';

interface DecisionInput {
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
  if (!row) throw new EngineError('unknown-rule-set', engineWords.decisions.unknownRuleSet(ruleSetId));
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
  throw new EngineError('invalid-period', engineWords.decisions.badPeriod(period, engineWords.decisions.periodExample[model]));
}

/** A decision date is a real calendar date, and not in the future. */
function checkDecisionDate(decidedOn: string | null | undefined): void {
  if (decidedOn === null || decidedOn === undefined || decidedOn === '') return;
  if (!isRealDate(decidedOn)) throw new EngineError('invalid-date', engineWords.decisions.notADate(decidedOn));
  if (decidedOn > localToday()) throw new EngineError('invalid-date', engineWords.decisions.futureDate(decidedOn));
}

function municipalityName(db: Db, code: number): string {
  const row = db.prepare('SELECT name FROM municipality WHERE code = ?').get(code) as { name: string } | undefined;
  if (!row) throw new EngineError('not-found', engineWords.unknownMunicipality(code));
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
    throw new EngineError('invalid-verdict', engineWords.decisions.badVerdict(input.verdict, knownVerdicts.join(', ')));
  }
  if (input.subject.trim() !== input.subject || input.subject === '') {
    throw new EngineError('invalid-subject', engineWords.decisions.badSubject);
  }
  const model = ruleSetModel(db, input.ruleSetId);
  checkPeriod(model, input.period);
  checkDecisionDate(input.decidedOn);
  if (input.subject.startsWith('exemption:')) {
    if (!exemptionPattern.test(input.subject)) {
      throw new EngineError('invalid-subject', engineWords.decisions.unknownExemption(input.subject));
    }
    if ((input.verdict === 'rejected' || input.verdict === 'accepted') && input.reason.trim() === '') {
      throw new EngineError(
        'reason-required',
        input.verdict === 'rejected' ? engineWords.decisions.reasonToReject : engineWords.decisions.reasonToAccept,
      );
    }
  }
  if (input.verdict === 'withdrawn' && input.reason.trim() === '') {
    throw new EngineError('reason-required', engineWords.decisions.reasonToWithdraw);
  }
  if (input.subject === 'contact' && input.verdict === 'contacted') {
    const latest = latestOnSubject(db, input.ruleSetId, input.period, input.municipalityCode, 'contact');
    if (latest?.verdict === 'contacted') {
      throw new EngineError(
        'already-contacted',
        engineWords.decisions.alreadyContacted(name, input.municipalityCode, describePeriod(input.period), formatDanishDate(latest.decidedOn ?? latest.decidedAt.slice(0, 10)), latest.decidedBy),
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
    if (!target) throw new EngineError('not-found', engineWords.decisions.notFound(input.id));
    if (target.verdict === 'withdrawn') throw new EngineError('already-withdrawn', engineWords.decisions.isWithdrawal(input.id));
    const latest = latestOnSubject(db, target.ruleSetId, target.period, target.municipalityCode, target.subject);
    if (latest && latest.id !== target.id) {
      throw new EngineError(
        'superseded',
        latest.verdict === 'withdrawn' && latest.withdrawsId === target.id
          ? engineWords.decisions.alreadyWithdrawn(target.id, latest.id)
          : engineWords.decisions.superseded(target.id, latest.id),
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
    if (unknown.length > 0) throw new EngineError('not-found', engineWords.unknownMunicipalities(unknown.join(', ')));
    if (!input.decidedOn) throw new EngineError('invalid-date', engineWords.decisions.contactDate);
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
