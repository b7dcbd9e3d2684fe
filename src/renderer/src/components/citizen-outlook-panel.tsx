import type { CitizenOutlook, OutlookCitizen, OutlookCriterion } from '../../../shared/api';
import { formatInteger, formatShare } from '../format';
import { messages } from '../messages/da';
import { useApi } from '../use-api';
import { useDesk } from './desk-context';
import { describePeriod } from '../../../shared/period-words';
import { formatDanishDate } from '../../../shared/words-da';

const words = messages.citizenEngine.outlook;
const citizensShown = 50;

function CriterionCells({ figure, threshold }: { figure: OutlookCriterion; threshold: string }) {
  if (figure.measured === 0) return <td colSpan={5} className="muted">–</td>;
  return (
    <>
      <td>{formatInteger(figure.measured)}</td>
      <td>{formatInteger(figure.alreadyLacking)}</td>
      <td>{formatInteger(figure.withinReach)}</td>
      <td className={figure.aboveIfNothingHappens ? 'above' : undefined} title={figure.aboveIfNothingHappens ? words.aboveTitle(threshold) : undefined}>
        {formatShare(figure.shareIfNothingHappens)}
      </td>
      <td className={figure.aboveIfAllReached ? 'above' : undefined} title={figure.aboveIfAllReached ? words.aboveTitle(threshold) : undefined}>
        {formatShare(figure.shareIfAllReached)}
      </td>
    </>
  );
}

/**
 * citizen-models (issue 10): what the citizen's cohort month will read if nothing happens, for what
 * the citizen still lacks ("samtaler 50,0 %, tilbud 25,0 % (1. halvår 2024)"), and whether that is above the threshold.
 */
function cohortEffect(row: OutlookCitizen, data: CitizenOutlook): { text: string; above: boolean } {
  const month = data.months.find((candidate) => candidate.month === row.cohortMonth);
  if (!month) return { text: '', above: false };
  const lacking = [row.interviewsMissing > 0 ? ([words.interviews, month.interviews] as const) : null, row.offerMissing ? ([words.offers, month.offers] as const) : null].filter(
    (part) => part !== null,
  );
  const parts = lacking.map(([label, figure]) => `${label.toLocaleLowerCase('da-DK')} ${formatShare(figure.shareIfNothingHappens)}`).join(', ');
  return { text: messages.citizenEngine.cohortEffectValue(parts, month.period), above: lacking.some(([, figure]) => figure.aboveIfNothingHappens) };
}

/**
 * The early warning citizen by citizen (issue 10): each cohort month not yet over, what its share
 * will be if nothing happens and if every citizen still within reach gets what is missing, and the
 * citizens to act on, fewest days left first (ids masked).
 */
export function CitizenOutlookPanel({ municipalityCode, asOf }: { municipalityCode: number; asOf: string }) {
  const outlook = useApi('citizens.outlook', { municipalityCode, asOf });
  const desk = useDesk();
  const data: CitizenOutlook | null = outlook.data?.municipalityCode === municipalityCode && outlook.data.asOf === asOf ? outlook.data : null;
  if (outlook.error) return <p className="error" role="alert">{`${messages.errorPrefix}: ${outlook.error}`}</p>;
  if (!data) return <p className="muted">{messages.loading}</p>;
  const threshold = formatShare(data.threshold);
  return (
    <section className="citizen-outlook" data-testid="citizen-outlook">
      <h3>{words.title}</h3>
      <ul className="citizen-summary">
        {data.summary.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {data.months.length > 0 && (
        <table className="figures citizen-table" data-testid="outlook-months">
          <thead>
            <tr>
              <th rowSpan={2}>{words.month}</th>
              <th rowSpan={2}>{words.period}</th>
              <th colSpan={5}>{words.interviews}</th>
              <th colSpan={5}>{words.offers}</th>
            </tr>
            <tr>
              {[0, 1].flatMap((index) =>
                [words.measured, words.already, words.withinReach, words.ifNothing, words.ifAllReached].map((label) => <th key={`${index}-${label}`}>{label}</th>),
              )}
            </tr>
          </thead>
          <tbody>
            {data.months.map((month) => (
              <tr key={month.month}>
                <td>{describePeriod(month.month)}</td>
                <td>{describePeriod(month.period)}</td>
                <CriterionCells figure={month.interviews} threshold={threshold} />
                <CriterionCells figure={month.offers} threshold={threshold} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">{words.ruleSet(data.ruleSetName, data.ruleSetVersion, threshold)}</p>
      <h3>{words.citizensTitle(Math.min(citizensShown, data.citizens.length), data.withinReachTotal)}</h3>
      {data.citizens.length === 0 ? (
        <p className="muted">{words.none}</p>
      ) : (
        <table className="figures citizen-table" data-testid="outlook-citizens">
          <thead>
            <tr>
              <th>{words.citizen}</th>
              <th>{words.group}</th>
              <th>{words.cohort}</th>
              <th>{words.deadline}</th>
              <th>{words.daysLeft}</th>
              <th>{words.interviewsHeld}</th>
              <th>{words.interviewsMissing}</th>
              <th>{words.offerMissing}</th>
              <th>{messages.citizenEngine.cohortEffect}</th>
            </tr>
          </thead>
          <tbody>
            {data.citizens.slice(0, citizensShown).map((row) => (
              <tr key={row.spellId}>
                <td>
                  {/* citizen-models (issue 10): a citizen to act on is one click from the timeline, at the same day. */}
                  <button
                    className="link"
                    title={messages.citizenEngine.openTimeline(row.citizenId)}
                    onClick={() =>
                      desk.open({ kind: 'citizens', label: messages.citizenEngine.timelineCrumb(row.citizenId), municipalityCode, groupId: row.groupId, cohortMonth: row.cohortMonth, spellId: row.spellId, asOf })
                    }
                    data-testid="outlook-citizen"
                  >
                    {row.citizenId}
                  </button>
                </td>
                <td className="left">{row.groupLabel}</td>
                <td>{row.cohortMonth ? describePeriod(row.cohortMonth) : ''}</td>
                <td>{formatDanishDate(row.deadline)}</td>
                <td>{formatInteger(row.daysLeft)}</td>
                <td>{`${row.interviewsCounted} af ${row.requiredInterviews}`}</td>
                <td>{row.interviewsMissing > 0 ? formatInteger(row.interviewsMissing) : ''}</td>
                <td>{row.offerMissing ? words.yes : ''}</td>
                {(() => {
                  const effect = cohortEffect(row, data);
                  return (
                    <td className={effect.above ? 'left above' : 'left'} title={effect.above ? words.aboveTitle(threshold) : undefined} data-testid="outlook-effect">
                      {effect.text}
                    </td>
                  );
                })()}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
