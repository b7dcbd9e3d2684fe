/**
 * STAND-IN: replaced by src/main/services/engine when the engine branch merges.
 *
 * A plain-SQL approximation of the engine contract (src/shared/api/engine.ts), only so the
 * analyst's desk has real numbers to show while the engine is built in parallel. Model A over a
 * half-year: pooled shares per criterion per month, > threshold strictly, every month, at least
 * `minCitizens` each month. Models B and C return empty results. Delete this file and its two
 * registration lines (src/shared/api.ts keeps engineContract; src/main/handlers/index.ts) at merge.
 */
import type {
  AvailablePeriods,
  BatchRef,
  BenefitGroupDetail,
  CriterionId,
  CriterionResult,
  DecisionRow,
  EarlyEffortEvaluation,
  EarlyEffortMunicipalityResult,
  GroupShare,
  MonthFigure,
  MunicipalityDetail,
  RuleParameter,
  RuleSetComparison,
  RuleSetSummary,
  StatusEvaluation,
} from '../../shared/api/engine';
import { UserFacingError, type Handler } from './context';
import { currentUserName, nowIso, type Db } from '../services/store';

const builtinId = 'early-2023';
const offerGroups = ['dagpenge', 'kontanthjaelp', 'uddannelseshjaelp', 'overgangsydelse'];

interface Params {
  threshold: number;
  consecutiveMonths: number;
  minCitizens: number;
  offerGroups: string[];
}
const defaults: Params = { threshold: 0.2, consecutiveMonths: 6, minCitizens: 10, offerGroups };

function parameterList(params: Params): RuleParameter[] {
  return [
    { key: 'threshold', label: 'Grænse for andel uden indsats', value: params.threshold, interpretation: false, source: '002_2208841bb6025f8a.txt' },
    { key: 'consecutiveMonths', label: 'Måneder i træk', value: params.consecutiveMonths, interpretation: false, source: '002_2208841bb6025f8a.txt' },
    { key: 'minCitizens', label: 'Mindst antal borgere pr. måned', value: params.minCitizens, interpretation: true, source: 'RULES.md model A.5' },
    { key: 'offerGroups', label: 'Ydelsesgrupper med krav om tilbud', value: params.offerGroups, interpretation: false, source: '002_2208841bb6025f8a.txt, tabel 1' },
  ];
}

function loadRuleSet(db: Db, id: string | undefined): { summary: RuleSetSummary; params: Params } {
  if (!id || id === builtinId) {
    return {
      params: defaults,
      summary: { id: builtinId, name: 'Tidlig indsats 2023 (model A)', model: 'early-2023', version: '2023.1', builtin: true, basedOn: null, parameters: parameterList(defaults), createdAt: null, createdBy: null },
    };
  }
  const row = db.prepare('SELECT * FROM rule_set WHERE id = ?').get(id) as
    | { id: string; name: string; version: string; based_on: string | null; params_json: string; created_at: string; created_by: string }
    | undefined;
  if (!row) throw new UserFacingError('not-found', `Regelsættet "${id}" findes ikke.`);
  const params = { ...defaults, ...(JSON.parse(row.params_json) as Partial<Params>) };
  return {
    params,
    summary: { id: row.id, name: row.name, model: 'early-2023', version: row.version, builtin: false, basedOn: row.based_on, parameters: parameterList(params), createdAt: row.created_at, createdBy: row.created_by },
  };
}

function addMonths(month: string, delta: number): string {
  const [year, m] = month.split('-').map(Number);
  const index = year * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function periodMonths(period: string): string[] {
  const year = Number(period.slice(0, 4));
  const first = period.endsWith('H1') ? `${year}-01` : `${year}-07`;
  return Array.from({ length: 6 }, (_, i) => addMonths(first, i));
}

interface Cell {
  code: number;
  groupId: string;
  month: string;
  measured: number;
  interviewsLacking: number;
  offersLacking: number;
  batchId: number;
}

function loadCells(db: Db, first: string, last: string, code?: number): Cell[] {
  return db
    .prepare(
      `SELECT municipality_code AS code, group_id AS groupId, month, batch_id AS batchId, COALESCE(measured, 0) AS measured,
              COALESCE(interviews_lacking, interviews_lacking_share * measured, 0) AS interviewsLacking,
              COALESCE(offers_lacking, offers_lacking_share * measured, 0) AS offersLacking
       FROM measurement_current WHERE month BETWEEN ? AND ? ${code ? 'AND municipality_code = ?' : ''}`,
    )
    .all(...(code ? [first, last, code] : [first, last])) as Cell[];
}

function figure(month: string, measured: number, lacking: number, params: Params, hasData: boolean): MonthFigure {
  const share = hasData && measured > 0 ? lacking / measured : null;
  return { month, measured: hasData ? measured : null, lacking: hasData ? lacking : null, share, above: share !== null && share > params.threshold, sourceForm: hasData ? 'counts' : null };
}

function pooled(cells: Cell[], months: string[], criterion: CriterionId, params: Params): MonthFigure[] {
  return months.map((month) => {
    const inMonth = cells.filter((cell) => cell.month === month && (criterion === 'interviews' || params.offerGroups.includes(cell.groupId)));
    const measured = inMonth.reduce((sum, cell) => sum + cell.measured, 0);
    const lacking = inMonth.reduce((sum, cell) => sum + (criterion === 'interviews' ? cell.interviewsLacking : cell.offersLacking), 0);
    return figure(month, measured, lacking, params, inMonth.length > 0);
  });
}

function batchesFor(db: Db, ids: Iterable<number>): BatchRef[] {
  const list = [...new Set(ids)];
  if (list.length === 0) return [];
  return (
    db
      .prepare(`SELECT id, file_name AS fileName, sha256, kind, imported_at AS importedAt, is_demo AS isDemo FROM import_batch WHERE id IN (${list.map(() => '?').join(',')}) ORDER BY id`)
      .all(...list) as (Omit<BatchRef, 'isDemo'> & { isDemo: number })[]
  ).map((row) => ({ ...row, isDemo: row.isDemo === 1 }));
}

const decisionColumns = `id, rule_set_id AS ruleSetId, period, municipality_code AS municipalityCode, subject, verdict, decided_on AS decidedOn,
  reason, decided_by AS decidedBy, decided_at AS decidedAt`;

function evaluate(db: Db, ruleSetId: string | undefined, period: string): EarlyEffortEvaluation {
  const { summary: ruleSet, params } = loadRuleSet(db, ruleSetId);
  const months = periodMonths(period);
  const cells = loadCells(db, months[0], months[5]);
  const present = new Set(cells.map((cell) => cell.month));
  const complete = months.every((month) => present.has(month));
  const groups = db.prepare('SELECT id, label FROM benefit_group ORDER BY sort_order').all() as { id: string; label: string }[];
  const municipalities = db.prepare('SELECT code, name, region, labour_market_office AS office FROM municipality ORDER BY code').all() as {
    code: number;
    name: string;
    region: string;
    office: string;
  }[];
  const byCode = new Map<number, Cell[]>();
  for (const cell of cells) byCode.set(cell.code, [...(byCode.get(cell.code) ?? []), cell]);
  const supervised = new Set(
    (
      db
        .prepare('SELECT municipality_code AS code FROM supervision_entry WHERE removed_at IS NULL AND period_from <= ? AND (period_to IS NULL OR period_to >= ?)')
        .all(months[5], months[0]) as { code: number }[]
    ).map((row) => row.code),
  );
  const decisions = db
    .prepare(`SELECT ${decisionColumns} FROM decision WHERE rule_set_id = ? AND period = ? ORDER BY id DESC`)
    .all(ruleSet.id, period) as DecisionRow[];

  const results: EarlyEffortMunicipalityResult[] = municipalities.map((municipality) => {
    const own = byCode.get(municipality.code) ?? [];
    const criterion = (id: CriterionId): CriterionResult => {
      const figures = pooled(own, months, id, params);
      const withData = figures.filter((f) => f.measured !== null);
      const eligible = withData.length === 6 && withData.every((f) => (f.measured ?? 0) >= params.minCitizens);
      return { eligible, fails: complete && eligible && figures.every((f) => f.above), months: figures };
    };
    const interviews = criterion('interviews');
    const offers = criterion('offers');
    const groupShares: GroupShare[] = [];
    for (const group of groups) {
      const inGroup = own.filter((cell) => cell.groupId === group.id);
      const measured = inGroup.reduce((sum, cell) => sum + cell.measured, 0);
      for (const id of ['interviews', 'offers'] as CriterionId[]) {
        if (id === 'offers' && !params.offerGroups.includes(group.id)) continue;
        const lacking = inGroup.reduce((sum, cell) => sum + (id === 'interviews' ? cell.interviewsLacking : cell.offersLacking), 0);
        const share = measured > 0 ? lacking / measured : null;
        groupShares.push({ groupId: group.id, label: group.label, criterion: id, measured, lacking, share, challenged: share !== null && share > params.threshold && measured >= params.minCitizens });
      }
    }
    const failing = [interviews.fails ? 'interviews' : null, offers.fails ? 'offers' : null].filter(Boolean) as CriterionId[];
    const challengedGroups = [...new Set(groupShares.filter((g) => g.challenged && failing.includes(g.criterion)).map((g) => g.label))];
    const exemptionProposals: EarlyEffortMunicipalityResult['exemptionProposals'] = [];
    if (failing.length > 0 && supervised.has(municipality.code)) {
      exemptionProposals.push({ reason: 'enhanced-supervision', criterion: null, evidence: 'Kommunen er under skærpet tilsyn i perioden.' });
    }
    for (const id of failing) {
      const shares = (id === 'interviews' ? interviews : offers).months.map((f) => f.share ?? 0);
      if (shares.every((share, i) => i === 0 || share < shares[i - 1])) {
        exemptionProposals.push({
          reason: 'positive-development',
          criterion: id,
          evidence: `Andelen falder hver måned: ${shares.map((s) => `${(s * 100).toFixed(1).replace('.', ',')} %`).join(' → ')}.`,
        });
      }
    }
    const earlyWarnings: EarlyEffortMunicipalityResult['earlyWarnings'] = [];
    if (!complete) {
      for (const [id, result] of [['interviews', interviews], ['offers', offers]] as const) {
        const known = result.months.filter((f) => f.share !== null);
        if (known.length > 0 && known.every((f) => f.above)) earlyWarnings.push({ criterion: id, monthsAboveSoFar: known.length, monthsRemaining: 6 - known.length });
      }
    }
    const own_decisions = decisions.filter((d) => d.municipalityCode === municipality.code);
    const latest = own_decisions.filter((d, i) => own_decisions.findIndex((other) => other.subject === d.subject) === i);
    const label = (id: CriterionId) => (id === 'interviews' ? 'samtalekriteriet' : 'tilbudskriteriet');
    const explanation: string[] = [];
    for (const [id, result] of [['interviews', interviews], ['offers', offers]] as const) {
      const detail = result.months.map((f) => `${f.month}: ${f.lacking ?? '–'} af ${f.measured ?? '–'} (${f.share === null ? '–' : (f.share * 100).toFixed(1).replace('.', ',') + ' %'})`).join('; ');
      const verdict = !result.eligible
        ? `vurderes ikke: færre end ${params.minCitizens} borgere i mindst én måned`
        : result.fails
          ? `fejler: over ${Math.round(params.threshold * 100)} % i alle ${months.length} måneder`
          : `fejler ikke: ikke over ${Math.round(params.threshold * 100)} % i alle ${months.length} måneder`;
      explanation.push(`${label(id)[0].toUpperCase()}${label(id).slice(1)} ${verdict}. ${detail}. Regelsæt ${ruleSet.name} version ${ruleSet.version}.`);
    }
    return {
      code: municipality.code,
      name: municipality.name,
      region: municipality.region,
      labourMarketOffice: municipality.office,
      toContact: failing.length > 0,
      interviews,
      offers,
      challengedGroups,
      groupShares,
      exemptionProposals,
      earlyWarnings,
      decisions: latest,
      explanation,
    };
  });
  return {
    model: 'early-2023',
    ruleSetId: ruleSet.id,
    ruleSetVersion: ruleSet.version,
    period,
    months,
    complete,
    summary: {
      toContact: results.filter((r) => r.toContact).length,
      failInterviews: results.filter((r) => r.interviews.fails).length,
      failOffers: results.filter((r) => r.offers.fails).length,
      exemptionProposals: results.filter((r) => r.exemptionProposals.length > 0).length,
      earlyWarnings: results.filter((r) => r.earlyWarnings.length > 0).length,
    },
    municipalities: results,
    parameters: parameterList(params),
    batches: batchesFor(db, cells.map((cell) => cell.batchId)),
  };
}

function availablePeriods(db: Db): AvailablePeriods {
  const months = (db.prepare('SELECT DISTINCT month FROM measurement_current ORDER BY month').all() as { month: string }[]).map((r) => r.month);
  const set = new Set(months);
  const halves = [...new Set(months.map((m) => `${m.slice(0, 4)}H${Number(m.slice(5)) <= 6 ? 1 : 2}`))];
  const halfYears = halves.map((period) => ({ period, complete: periodMonths(period).every((m) => set.has(m)) }));
  const completeOnes = halfYears.filter((h) => h.complete);
  return { months, halfYears, latestCompleteHalfYear: completeOnes.at(-1)?.period ?? null, benchmarkPeriods: [] };
}

function municipalityDetail(db: Db, code: number, ruleSetId: string | undefined, period: string): MunicipalityDetail {
  const evaluation = evaluate(db, ruleSetId, period);
  const result = evaluation.municipalities.find((m) => m.code === code);
  if (!result) throw new UserFacingError('not-found', `Kommunekode ${code} findes ikke.`);
  const { params } = loadRuleSet(db, ruleSetId);
  const months = periodMonths(period);
  const seriesMonths = Array.from({ length: 24 }, (_, i) => addMonths(months[5], i - 23));
  const cells = loadCells(db, seriesMonths[0], seriesMonths[23], code);
  const groups = db.prepare('SELECT id, label FROM benefit_group ORDER BY sort_order').all() as { id: string; label: string }[];
  const groupMonths: MunicipalityDetail['groupMonths'] = [];
  for (const group of groups) {
    for (const criterion of ['interviews', 'offers'] as CriterionId[]) {
      if (criterion === 'offers' && !params.offerGroups.includes(group.id)) continue;
      groupMonths.push({
        groupId: group.id,
        label: group.label,
        criterion,
        months: months.map((month) => {
          const cell = cells.find((c) => c.groupId === group.id && c.month === month);
          return figure(month, cell?.measured ?? 0, (criterion === 'interviews' ? cell?.interviewsLacking : cell?.offersLacking) ?? 0, params, !!cell);
        }),
      });
    }
  }
  const assessedPeriods = [...new Set(seriesMonths.map((m) => `${m.slice(0, 4)}H${Number(m.slice(5)) <= 6 ? 1 : 2}`))]
    .map((p) => ({ period: p, firstMonth: periodMonths(p)[0], lastMonth: periodMonths(p)[5] }))
    .filter((p) => p.firstMonth >= seriesMonths[0]);
  return {
    code,
    name: result.name,
    region: result.region,
    labourMarketOffice: result.labourMarketOffice,
    period,
    ruleSetId: evaluation.ruleSetId,
    ruleSetVersion: evaluation.ruleSetVersion,
    threshold: params.threshold,
    assessedPeriods,
    series: (['interviews', 'offers'] as CriterionId[]).map((criterion) => ({ criterion, months: pooled(cells, seriesMonths, criterion, params) })),
    groupMonths,
    result,
    decisionHistory: db
      .prepare(`SELECT ${decisionColumns} FROM decision WHERE rule_set_id = ? AND municipality_code = ? ORDER BY id DESC`)
      .all(evaluation.ruleSetId, code) as DecisionRow[],
    escalation: null,
    supervision: null,
    batches: batchesFor(db, cells.map((c) => c.batchId)),
  };
}

function benefitGroupDetail(db: Db, groupId: string, ruleSetId: string | undefined, period: string): BenefitGroupDetail {
  const { params } = loadRuleSet(db, ruleSetId);
  const group = db.prepare('SELECT id, label FROM benefit_group WHERE id = ?').get(groupId) as { id: string; label: string } | undefined;
  if (!group) throw new UserFacingError('not-found', `Ydelsesgruppen "${groupId}" findes ikke.`);
  const months = periodMonths(period);
  const cells = loadCells(db, months[0], months[5]).filter((c) => c.groupId === groupId);
  const names = new Map((db.prepare('SELECT code, name FROM municipality').all() as { code: number; name: string }[]).map((r) => [r.code, r.name]));
  const criteria: CriterionId[] = params.offerGroups.includes(groupId) ? ['interviews', 'offers'] : ['interviews'];
  const municipalities: BenefitGroupDetail['municipalities'] = [];
  for (const [code, name] of names) {
    const own = cells.filter((c) => c.code === code);
    if (own.length === 0) continue;
    for (const criterion of criteria) {
      const figures = pooled(own, months, criterion, { ...params, offerGroups: [groupId] });
      const measured = figures.reduce((s, f) => s + (f.measured ?? 0), 0);
      const lacking = figures.reduce((s, f) => s + (f.lacking ?? 0), 0);
      municipalities.push({ code, name, criterion, measured, lacking, share: measured > 0 ? lacking / measured : null, months: figures });
    }
  }
  return {
    groupId,
    label: group.label,
    period,
    months,
    municipalities,
    national: criteria.map((criterion) => ({ criterion, months: pooled(cells, months, criterion, { ...params, offerGroups: [groupId] }) })),
  };
}

function statusEvaluation(db: Db, ruleSetId: string | undefined, period: string, baseline: string): StatusEvaluation {
  const { summary } = loadRuleSet(db, ruleSetId);
  const load = (month: string) => loadCells(db, month, month);
  const now = load(period);
  const base = load(baseline);
  const got = (cells: Cell[]) => {
    const measured = cells.reduce((s, c) => s + c.measured, 0);
    return { measured, share: measured > 0 ? 1 - cells.reduce((s, c) => s + c.interviewsLacking, 0) / measured : null };
  };
  const change = (a: number | null, b: number | null) => (a === null || b === null ? null : (a - b) * 100);
  const groups = db.prepare('SELECT id, label FROM benefit_group ORDER BY sort_order').all() as { id: string; label: string }[];
  const rows: StatusEvaluation['rows'] = [...groups.map((g) => ({ label: g.label, groupId: g.id as string | null })), { label: 'Hele landet', groupId: null }].map((row) => {
    const pick = (cells: Cell[]) => (row.groupId ? cells.filter((c) => c.groupId === row.groupId) : cells);
    const a = got(pick(now));
    const b = got(pick(base));
    return { ...row, share: a.share, baselineShare: b.share, changePoints: change(a.share, b.share), measured: a.measured };
  });
  const names = db.prepare('SELECT code, name FROM municipality ORDER BY code').all() as { code: number; name: string }[];
  return {
    model: 'status',
    ruleSetId: summary.id,
    ruleSetVersion: summary.version,
    period,
    baseline,
    rows,
    municipalities: names.map(({ code, name }) => {
      const a = got(now.filter((c) => c.code === code));
      const b = got(base.filter((c) => c.code === code));
      return { code, name, share: a.share, baselineShare: b.share, changePoints: change(a.share, b.share) };
    }),
    parameters: [],
    batches: batchesFor(db, [...now, ...base].map((c) => c.batchId)),
  };
}

function compare(db: Db, left: string, right: string, period: string): RuleSetComparison {
  const a = evaluate(db, left, period);
  const b = evaluate(db, right, period);
  const status = (r: EarlyEffortMunicipalityResult) => ({ toContact: r.toContact, failInterviews: r.interviews.fails, failOffers: r.offers.fails });
  const changed: RuleSetComparison['changed'] = [];
  a.municipalities.forEach((l, i) => {
    const r = b.municipalities[i];
    const ls = status(l);
    const rs = status(r);
    if (JSON.stringify(ls) !== JSON.stringify(rs)) changed.push({ code: l.code, name: l.name, left: ls, right: rs, why: rs.toContact ? 'Kontaktes kun med højre regelsæt' : 'Kontaktes kun med venstre regelsæt' });
  });
  return {
    period,
    left: { ruleSetId: a.ruleSetId, ruleSetVersion: a.ruleSetVersion, summary: a.summary },
    right: { ruleSetId: b.ruleSetId, ruleSetVersion: b.ruleSetVersion, summary: b.summary },
    changed,
  };
}

export const engineStandinHandlers = {
  'ruleSets.list': (_args, { db }) => [
    loadRuleSet(db, undefined).summary,
    ...(db.prepare('SELECT id FROM rule_set ORDER BY created_at').all() as { id: string }[]).map((r) => loadRuleSet(db, r.id).summary),
  ],
  'ruleSets.copy': (args, { db }) => {
    const from = loadRuleSet(db, args.fromId);
    const params = { ...from.params, ...args.changes } as Params;
    if (typeof params.threshold !== 'number' || params.threshold <= 0 || params.threshold >= 1) throw new UserFacingError('invalid-arguments', 'Grænsen skal være en andel mellem 0 og 1.');
    const id = `copy-${Date.now().toString(36)}`;
    db.prepare('INSERT INTO rule_set (id, name, model, version, based_on, params_json, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      id,
      args.name,
      'early-2023',
      '1',
      from.summary.id,
      JSON.stringify(params),
      nowIso(),
      currentUserName(),
    );
    return loadRuleSet(db, id).summary;
  },
  'periods.available': (_args, { db }) => availablePeriods(db),
  'evaluate.early2023': (args, { db }) => evaluate(db, args.ruleSetId, args.period),
  'evaluate.early2021': (args, { db }) => ({ model: 'early-2021', ruleSetId: args.ruleSetId ?? 'early-2021', ruleSetVersion: 'stand-in', period: args.period, findings: [], escalation: [], parameters: [], batches: batchesFor(db, []) }),
  'evaluate.supervision': (args) => ({ model: 'supervision', ruleSetId: args.ruleSetId ?? 'supervision', ruleSetVersion: 'stand-in', period: args.period, municipalities: [], parameters: [], batches: [] }),
  'evaluate.status': (args, { db }) => statusEvaluation(db, args.ruleSetId, args.period, args.baseline),
  'municipality.detail': (args, { db }) => municipalityDetail(db, args.code, args.ruleSetId, args.period),
  'benefitGroup.detail': (args, { db }) => benefitGroupDetail(db, args.groupId, args.ruleSetId, args.period),
  'ruleSets.compare': (args, { db }) => compare(db, args.left, args.right, args.period),
  'decisions.record': (args, context) => {
    const { db } = context;
    loadRuleSet(db, args.ruleSetId);
    const exists = db.prepare('SELECT 1 FROM municipality WHERE code = ?').get(args.municipalityCode);
    if (!exists) throw new UserFacingError('not-found', `Kommunekode ${args.municipalityCode} findes ikke.`);
    const info = db
      .prepare('INSERT INTO decision (rule_set_id, period, municipality_code, subject, verdict, decided_on, reason, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(args.ruleSetId, args.period, args.municipalityCode, args.subject, args.verdict, args.decidedOn ?? null, args.reason, currentUserName(), nowIso());
    context.emit('data.changed', { reason: 'decisions.record' });
    return db.prepare(`SELECT ${decisionColumns} FROM decision WHERE id = ?`).get(info.lastInsertRowid) as DecisionRow;
  },
  'decisions.list': (args, { db }) => {
    const where: string[] = [];
    const values: (string | number)[] = [];
    const add = (clause: string, value: string | number | undefined) => {
      if (value === undefined) return;
      where.push(clause);
      values.push(value);
    };
    add('rule_set_id = ?', args.ruleSetId);
    add('period = ?', args.period);
    add('municipality_code = ?', args.municipalityCode);
    return db.prepare(`SELECT ${decisionColumns} FROM decision ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC`).all(...values) as DecisionRow[];
  },
} satisfies {
  [K in
    | 'ruleSets.list'
    | 'ruleSets.copy'
    | 'periods.available'
    | 'evaluate.early2023'
    | 'evaluate.early2021'
    | 'evaluate.supervision'
    | 'evaluate.status'
    | 'municipality.detail'
    | 'benefitGroup.detail'
    | 'ruleSets.compare'
    | 'decisions.record'
    | 'decisions.list']: Handler<K>;
};
