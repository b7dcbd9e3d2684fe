import { useState } from 'react';
import type { EarlyEffortEvaluation } from '../../../shared/api';
import { criterionIds } from '../../../shared/enums';
import { addMonths, halfYearOf } from '../../../shared/periods';
import { describePeriod } from '../../../shared/period-words';
import { messages } from '../messages/da';
import { useApi } from '../use-api';
import { statusText } from './decision-columns';
import { MonthFigureCell } from './month-figure-cell';

const words = messages.citizenEngine.model;

/** The half-years the derived months touch, newest first. */
function halfYearsBetween(first: string, last: string): string[] {
  const periods: string[] = [];
  for (let month = first; month <= last; month = addMonths(month, 1)) {
    const period = halfYearOf(month);
    if (periods.at(-1) !== period) periods.push(period);
  }
  return periods.reverse();
}

type Municipality = EarlyEffortEvaluation['municipalities'][number];

/** One source's verdict in words: the overview's status text, or why there is none. */
function Verdict({ label, evaluation, row, error, testId }: { label: string; evaluation: EarlyEffortEvaluation | null; row: Municipality | undefined; error: string | null; testId: string }) {
  let verdict: string = messages.loading;
  if (error) verdict = error;
  else if (evaluation && !row) verdict = words.noMunicipality;
  else if (evaluation && row) verdict = `${statusText(row)}${evaluation.complete ? '' : ` (${words.incomplete})`}`;
  return (
    <li data-testid={testId}>
      <strong>{label}:</strong> {verdict}
    </li>
  );
}

/**
 * Model A on citizen data (issue 10): the engine runs the same rule set on the monthly counts it
 * derived from the imported spells and events, for one municipality and half-year, beside the
 * result from Jobindsats' published counts, month by month. The overview stays on Jobindsats.
 */
export function CitizenModelPanel({ municipalityCode }: { municipalityCode: number }) {
  const status = useApi('citizens.status', {});
  const periods = status.data?.months ? halfYearsBetween(status.data.months.first, status.data.months.last) : [];
  const [chosen, setChosen] = useState<string | null>(null);
  const period = chosen && periods.includes(chosen) ? chosen : (periods[0] ?? null);
  const derived = useApi('evaluate.early2023', period ? { period, source: 'citizens' } : null);
  const published = useApi('evaluate.early2023', period ? { period } : null);
  if (status.error) return <p className="error" role="alert">{`${messages.errorPrefix}: ${status.error}`}</p>;
  if (status.data && !status.data.months) return null;
  const derivedRow = derived.data?.municipalities.find((row) => row.code === municipalityCode);
  const publishedRow = published.data?.municipalities.find((row) => row.code === municipalityCode);
  return (
    <section data-testid="citizen-model">
      <h3>{words.title}</h3>
      <label>
        {words.period}{' '}
        <select value={period ?? ''} onChange={(event) => setChosen(event.target.value)} data-testid="citizen-model-period">
          {periods.map((candidate) => (
            <option key={candidate} value={candidate}>
              {describePeriod(candidate)}
            </option>
          ))}
        </select>
      </label>
      <ul className="citizen-summary">
        <Verdict label={words.derived} evaluation={derived.data} row={derivedRow} error={derived.error} testId="citizen-model-derived" />
        <Verdict label={words.published} evaluation={published.data} row={publishedRow} error={published.error} testId="citizen-model-published" />
      </ul>
      {derived.data && derivedRow && (
        <table className="figures citizen-table" data-testid="citizen-model-table">
          <thead>
            <tr>
              <th />
              {derived.data.months.map((month) => (
                <th key={month}>{describePeriod(month)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {criterionIds.flatMap((criterion) =>
              [
                { key: 'derived', label: words.rowDerived(messages.desk.criterionTitle[criterion]), row: derivedRow },
                { key: 'published', label: words.rowPublished(messages.desk.criterionTitle[criterion]), row: publishedRow },
              ].map(({ key, label, row }) => (
                <tr key={`${criterion}-${key}`} data-row={`${criterion}-${key}`}>
                  <td className="left">{label}</td>
                  {derived.data!.months.map((month) => {
                    const figure = row?.[criterion].months.find((candidate) => candidate.month === month);
                    // A month without counts from this source is a dash, not "– –/–".
                    return figure && (figure.measured !== null || figure.share !== null) ? (
                      <MonthFigureCell key={month} figure={figure} />
                    ) : (
                      <td key={month} data-month={month} className="muted">
                        –
                      </td>
                    );
                  })}
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
      <p className="muted">{words.note}</p>
    </section>
  );
}
