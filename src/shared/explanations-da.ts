import type { CriterionId, EscalationStep } from './enums';
import type { ComparedCriterion, ExplanationItem, ExplanationMessages, ThresholdWords } from './explanations';
import { criterionWords, formatDanishDate, formatDanishDateTime, reasonWords } from './words-da';
import { describeMonth as monthName, describePeriod } from './period-words';

/**
 * The engine's explanation lines in Danish (one-definition, issue 15): every code of
 * `explanations.ts` rendered here, for the screens, the CLI and the exports alike. An English
 * explanation is one more file like this one.
 */

/** A share in Danish: 0.234 → "23,4 %"; no figure → "ukendt". */
export function percent(share: number | null, decimals = 1): string {
  if (share === null || !Number.isFinite(share)) return 'ukendt';
  return `${(share * 100).toFixed(decimals).replace('.', ',')} %`;
}

/** Percentage points in Danish: 1.5 → "+1,50 procentpoint". */
export function points(value: number | null, decimals = 2): string {
  if (value === null || !Number.isFinite(value)) return 'ukendt';
  const text = value.toFixed(decimals).replace('.', ',').replace('-', '−');
  return `${value > 0 ? '+' : ''}${text} procentpoint`;
}

export const criterionLabel: Record<CriterionId, string> = { interviews: 'Samtaler', offers: 'Tilbud' };
const criterionNoun: Record<CriterionId, string> = {
  interviews: 'uden det lovpligtige antal samtaler',
  offers: 'uden et aktivt tilbud',
};

const comparisonWord = (words: ThresholdWords) => (words.strictlyGreater ? 'over' : 'på eller over');
const comparison = (words: ThresholdWords) => `${comparisonWord(words)} ${percent(words.threshold, 0)}`;
const monthsWord = (count: number) => (count === 1 ? 'måned' : 'måneder');

/** "over tærsklen i 3 af 3 måneder indtil nu; kontaktes, hvis det fortsætter i 3 måneder mere". */
export function earlyWarningWords(aboveSoFar: number, assessed: number, remaining: number): string {
  return `over tærsklen i ${aboveSoFar} af ${assessed} ${monthsWord(assessed)} indtil nu; kontaktes, hvis det fortsætter i ${remaining} ${monthsWord(remaining)} mere`;
}

/** `exemption:positive-development:offers` → "konstant positiv udvikling (tilbud)". */
export function exemptionWords(subject: string): string {
  const [, reason, criterion] = subject.split(':');
  const what = reasonWords[reason] ?? reason;
  return criterion === 'interviews' || criterion === 'offers' ? `${what} (${criterionLabel[criterion].toLowerCase()})` : what;
}

/**
 * Model B's ladder steps (messages, issue 15): one wording for the monthly screen, the
 * municipality screen, the CLI and the "Eskalering" sheet (before, each had its own; the
 * municipality screen said "kan bede om møde" for a meeting already asked for).
 */
const escalationStepWords: Record<EscalationStep, string> = {
  none: 'Ingen kontakt registreret',
  contacted: 'Kontaktet',
  'explanation-due': 'Redegørelse og genopretningsplan skal foreligge',
  'explanation-received': 'Redegørelse og genopretningsplan modtaget',
  meeting: 'Ministeren har bedt om møde',
};

/** One rule set's reading of a criterion: "6 af 6 måneder over 20 % (kræver 3 i træk): ikke opfyldt". */
function comparedWords(side: ComparedCriterion): string {
  if (!side.eligible) return 'kan ikke vurderes (for få borgere)';
  return `${side.aboveMonths} af ${side.shownMonths} måneder over ${percent(side.threshold, 0)} (kræver ${side.consecutiveMonths} i træk): ${side.fails ? 'ikke opfyldt' : 'opfyldt'}`;
}

export const explanationsDa: ExplanationMessages = {
  'early.rule': (p) =>
    `Regelsæt: ${p.ruleSetName}, version ${p.version}. Et kriterium er ikke opfyldt, når andelen er ${comparison(p)} i ${p.consecutiveMonths} på hinanden følgende måneder, med mindst ${p.minCitizens} borgere i hver måned.`,
  'early.incomplete': (p) => `Halvåret er ikke slut: der er data for ${p.assessedMonths} af ${p.months} måneder (til og med ${monthName(p.lastMonth)}).`,
  'early.criterion': ({ criterion, verdict, months }) => {
    const words =
      verdict.kind === 'early-warning'
        ? `tidlig varsling: ${earlyWarningWords(verdict.aboveSoFar, verdict.assessed, verdict.remaining)}`
        : verdict.kind === 'not-assessable'
          ? `kan ikke vurderes: under ${verdict.minCitizens} borgere i ${verdict.lowMonths.length ? verdict.lowMonths.map((row) => `${monthName(row.month)} (${row.basis ?? 'antal ukendt'})`).join(', ') : 'mindst én måned uden data'}`
          : verdict.kind === 'fails'
            ? `ikke opfyldt: andelen ${criterionNoun[criterion]} var ${comparison(verdict)} i ${verdict.maxRun} måneder i træk`
            : `${verdict.complete ? 'opfyldt' : 'opfyldt indtil nu'}: andelen var ${comparison(verdict)} i ${verdict.aboveCount} af ${verdict.shownCount} måneder (længste række ${verdict.maxRun})`;
    const detail = months
      .map((figure) => `${monthName(figure.month)}: ${percent(figure.share)}${figure.lacking !== null && figure.measured !== null ? ` (${figure.lacking} af ${figure.measured})` : figure.measured !== null ? ` (af ${figure.measured}, kun andel)` : ''}`)
      .join('; ');
    return `${criterionLabel[criterion]} – ${words}. ${detail}.`;
  },
  'early.sharesOnly': (p) => `${criterionLabel[p.criterion]}: for en eller flere måneder gav filen kun andele; den samlede andel er vægtet med antal målte borgere (fortolkning).`,
  'early.challenged': (p) =>
    `Særligt udfordret (gruppens andel over halvåret ${comparison(p)}, mindst ${p.minMeasured} målte; fortolkning): ${p.groups
      .map((group) => `${group.label}, ${criterionLabel[group.criterion].toLowerCase()}: ${percent(group.share)} (${group.lacking} af ${group.measured})`)
      .join('; ')}.`,
  'early.proposal': (p) => `Forslag om undtagelse (${reasonWords[p.reason]}): ${renderExplanation(p.evidence)} En medarbejder skal vurdere forslaget.`,
  'early.evidence.supervision': (p) => `Kommunen er under skærpet tilsyn fra ${p.from}${p.to ? ` til ${p.to}` : ''}${p.note ? ` (${p.note})` : ''}.`,
  'early.evidence.falling': (p) => `${criterionLabel[p.criterion]}: andelen faldt hver måned: ${p.shares.map((share) => percent(share)).join(' → ')}.`,
  'early.exemptionAccepted': (p) =>
    `Undtagelse godkendt: ${p.decisions
      .map((decision) => `${exemptionWords(decision.subject)} af ${decision.decidedBy}${decision.decidedOn ? ` den ${formatDanishDate(decision.decidedOn)}` : ''}${decision.reason ? ` (${decision.reason})` : ''}`)
      .join('; ')}.`,
  'early.contactRecorded': (p) => `Kontakt registreret: kontaktet${p.decidedOn ? ` den ${formatDanishDate(p.decidedOn)}` : ''} af ${p.decidedBy}.`,
  'early.result': ({ outcome, complete, failing }) => {
    const failingWords = failing.map((criterion) => criterionLabel[criterion].toLowerCase()).join(' og ');
    if (outcome === 'exempted') return `Resultat: opfylder kriterierne (${failingWords}), men er undtaget efter vurdering; skal ikke kontaktes.`;
    if (outcome === 'to-contact') return `Resultat: skal kontaktes (${failingWords}).`;
    if (outcome === 'early-warning') return 'Resultat indtil nu: tidlig varsling; halvåret er ikke slut.';
    return complete ? 'Resultat: skal ikke kontaktes.' : 'Resultat indtil nu: skal ikke kontaktes; halvåret er ikke slut.';
  },
  'early.sources': (p) => `Tallene kommer fra: ${p.batches.map((batch) => `${batch.fileName} (indlæst ${formatDanishDateTime(batch.importedAt)}, SHA-256 ${batch.sha256.slice(0, 12)}…)`).join('; ')}.`,
  'supervision.rule': (p) => `Regelsæt: ${p.ruleSetName}, version ${p.version}. Periode: ${describePeriod(p.period)}.`,
  'supervision.result': (p) =>
    `Resultatmål (${p.groupLabel}): faktisk andel ${percent(p.actualShare, 2)} mod forventet ${percent(p.expectedShare, 2)}, forskel ${points(p.differencePoints)}${p.rank !== null ? `, nr. ${p.rank} på benchmarklisten` : ''}: ${p.fails ? 'ikke opfyldt' : 'opfyldt'}.`,
  'supervision.noResult': (p) => `Resultatmål: ingen tal for ${p.groupLabel} for ${describePeriod(p.period)}.`,
  'supervision.focus': (p) =>
    p.target === 'interviews'
      ? `Fokusråd om samtaler: ${percent(p.share)} uden 4 samtaler (grænse ${percent(p.threshold, 0)}, fortolkning): ${p.fails ? 'ikke opfyldt' : 'opfyldt'}.`
      : `Fokusråd om tilbud/225 timer: ${percent(p.share)} uden (grænse ${percent(p.threshold, 0)}, fortolkning): ${p.fails ? 'ikke opfyldt' : 'opfyldt'}.`,
  'supervision.noFocus': () => 'Fokusråd: der er ikke indlæst fokusmålinger for perioden, så risiko for skærpet tilsyn kan ikke vurderes.',
  'supervision.atRisk': () => 'I risiko for skærpet tilsyn: både resultatmålet og mindst ét fokusråd er ikke opfyldt.',
  'escalation.step': (p) => escalationStepWords[p.step],
  'monthly.summary': (p) =>
    `${describePeriod(p.period)} (regelsættets version ${p.version}): ${p.findings} fund (kommune × ydelsesgruppe × kriterium) i ${p.municipalities} kommuner; ` +
    `${p.months.length} måneder i træk over tærsklen (${p.months.map(describePeriod).join(', ')}).`,
  'monthly.overdue': (p) => `${p.count === 1 ? '1 kommune' : `${p.count} kommuner`} har overskredet fristen for redegørelse og genopretningsplan.`,
  'compare.criterion': (p) =>
    `${criterionLabel[p.criterion]}: ${p.left.ruleSetName}: ${comparedWords(p.left)}; ${p.right.ruleSetName}: ${comparedWords(p.right)}.`,
  interpretation: (p) => `Fortolkning: ${p.label}: ${p.value}.`,
  // citizen-words (issue 15): the citizen outlook.
  'outlook.reach': (p) =>
    p.reachable && p.firstDeadline
      ? `Pr. ${formatDanishDate(p.asOf)}: ${p.reachable} ${p.reachable === 1 ? 'borger' : 'borgere'} i ${p.municipality} mangler stadig samtaler eller tilbud og kan nås; den første frist er ${formatDanishDate(p.firstDeadline)}.`
      : `Pr. ${formatDanishDate(p.asOf)}: ingen borgere i ${p.municipality} mangler noget, som stadig kan nås.`,
  'outlook.month': (p) => {
    const parts = p.criteria.map((figure) => {
      const warning = figure.aboveIfNothingHappens
        ? ` – ${comparisonWord(p)} tærsklen på ${percent(p.threshold, 0)}, ${figure.aboveIfAllReached ? 'også hvis alle nås' : 'hvis intet sker'}`
        : '';
      return `${criterionWords[figure.criterion]} ${percent(figure.shareIfNothingHappens)} hvis intet sker, ${percent(figure.shareIfAllReached)} hvis alle nås (${figure.alreadyLacking} allerede uden, ${figure.withinReach} kan nås, af ${figure.measured})${warning}`;
    });
    const few = Math.max(...p.criteria.map((figure) => figure.measured)) < p.minCitizens ? ` Under ${p.minCitizens} borgere: måneden kan ikke vurderes alene.` : '';
    return `${monthName(p.month)} (${describePeriod(p.period)}): ${parts.join('; ')}.${few}`;
  },
};

/** One explanation line in Danish. */
export function renderExplanation(item: ExplanationItem): string {
  return (explanationsDa[item.code] as (params: ExplanationItem['params']) => string)(item.params);
}
