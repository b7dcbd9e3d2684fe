import { Fragment, useState } from 'react';
import type { ReconciliationRow } from '../../../shared/api';
import { ReconcileCitizens } from '../components/reconcile-citizens';
import { CitizenModelPanel } from '../components/citizen-model-panel';
import { CitizenOutlookPanel } from '../components/citizen-outlook-panel';
import { formatInteger } from '../format';
import { messages } from '../messages/da';
import { useApi } from '../use-api';
import './citizen-engine.css';
import { describePeriod } from '../../../shared/period-words';
import { formatDanishDate } from '../../../shared/words-da';

const words = messages.citizenEngine;
const table = words.reconcile;

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

const signed = new Intl.NumberFormat('da-DK', { signDisplay: 'exceptZero', maximumFractionDigits: 0 });
const formatDifference = (value: number | null) => (value === null ? '–' : signed.format(value));

type Figure = 'measured' | 'interviewsLacking' | 'offersLacking';
const figures: Figure[] = ['measured', 'interviewsLacking', 'offersLacking'];

function differs(row: ReconciliationRow): boolean {
  return figures.some((figure) => row.difference[figure] !== null && row.difference[figure] !== 0);
}

/**
 * What the comparison says, in words. Only a month × group with counts from both sources is compared;
 * "the same figures" is said of those alone, and never when nothing could be compared (a municipality
 * without Jobindsats counts for the months its citizen data covers).
 */
function reconcileVerdict(rows: ReconciliationRow[]): { text: string; differing: number } {
  const differing = rows.filter(differs).length;
  const compared = rows.filter((row) => row.derived !== null && row.published !== null).length;
  const oneSource = rows.length - compared;
  if (compared === 0) return { text: table.nothingCompared, differing };
  return { text: (differing ? table.differs(differing) : table.equalWhereCompared(compared)) + table.oneSourceOnly(oneSource), differing };
}

/** Derived counts next to Jobindsats' for one municipality, months × groups, differences marked. */
function Reconciliation({ municipalityCode }: { municipalityCode: number }) {
  const rows = useApi('citizens.reconcile', { municipalityCode });
  // citizen-models (issue 10): the row whose citizens are shown under it.
  const [open, setOpen] = useState<string | null>(null);
  if (rows.error) return <p className="error" role="alert">{`${messages.errorPrefix}: ${rows.error}`}</p>;
  if (!rows.data) return <p className="muted">{messages.loading}</p>;
  if (rows.data.length === 0) return <p className="muted">{table.noRows}</p>;
  const verdict = reconcileVerdict(rows.data);
  return (
    <section data-testid="citizen-reconcile">
      <h3>{table.title}</h3>
      <p className={verdict.differing ? 'error' : 'muted'} data-testid="reconcile-verdict">
        {verdict.text}
      </p>
      <table className="figures citizen-table" data-testid="reconcile-table">
        <thead>
          <tr>
            <th rowSpan={2}>{table.month}</th>
            <th rowSpan={2}>{table.group}</th>
            <th colSpan={3}>{table.measured}</th>
            <th colSpan={3}>{table.interviews}</th>
            <th colSpan={3}>{table.offers}</th>
            <th rowSpan={2} />
          </tr>
          <tr>
            {figures.flatMap((figure) => [table.derived, table.published, table.difference].map((label) => <th key={`${figure}-${label}`}>{label}</th>))}
          </tr>
        </thead>
        <tbody>
          {rows.data.map((row) => (
            <Fragment key={`${row.month}-${row.groupId}`}>
              <tr className={differs(row) ? 'differs' : undefined}>
                <td>{describePeriod(row.month)}</td>
                <td className="left">{row.groupLabel}</td>
                {figures.flatMap((figure) => [
                  <td key={`${figure}-d`}>{formatInteger(row.derived?.[figure] ?? null)}</td>,
                  <td key={`${figure}-p`}>{formatInteger(row.published?.[figure] ?? null)}</td>,
                  <td key={`${figure}-x`} className={row.difference[figure] ? 'difference' : undefined}>
                    {formatDifference(row.difference[figure])}
                  </td>,
                ])}
                <td className="left" title={row.lackingSpells?.spells.map((spell) => `${spell.citizenId} (${formatDanishDate(spell.deadline)})`).join(', ')}>
                  {row.lackingSpells?.total ? (
                    // citizen-models: the citizens behind the difference, shown under the row on a click (not only in a tooltip).
                    <button
                      className="link"
                      aria-expanded={open === `${row.month}-${row.groupId}`}
                      onClick={() => setOpen(open === `${row.month}-${row.groupId}` ? null : `${row.month}-${row.groupId}`)}
                      data-testid="reconcile-show-citizens"
                    >
                      {open === `${row.month}-${row.groupId}` ? table.hideCitizens : table.lacking(row.lackingSpells.total)}
                    </button>
                  ) : (
                    ''
                  )}
                </td>
              </tr>
              {open === `${row.month}-${row.groupId}` && row.lackingSpells && (
                <tr className="reconcile-citizens-row">
                  <td colSpan={12}>
                    <ReconcileCitizens municipalityCode={municipalityCode} row={row} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * Citizen data (issue 10, cit-engine): for one municipality, the early warning citizen by citizen
 * (cohorts not yet over, the citizens still within reach) and the reconciliation of the derived
 * monthly counts with the imported Jobindsats counts, and model A computed from the derived counts
 * beside Jobindsats'. Models B and D on citizen data: their own screens (Datakilde), and the CLI.
 */
export function CitizenEngineScreen() {
  const municipalities = useApi('municipalities.list');
  const [chosen, setChosen] = useState<number | null>(null);
  const [asOf, setAsOf] = useState(today);
  const code = chosen ?? municipalities.data?.[0]?.code ?? null;
  return (
    <section className="screen scroll citizen-engine" data-testid="citizen-engine-screen">
      <div className="toolbar">
        <h2>{words.title}</h2>
        <label>
          {words.municipality}{' '}
          <select value={code ?? ''} onChange={(event) => setChosen(Number(event.target.value))} data-testid="citizen-municipality">
            {(municipalities.data ?? []).map((row) => (
              <option key={row.code} value={row.code}>
                {`${row.name} (${row.code})`}
              </option>
            ))}
          </select>
        </label>
        <label>
          {words.asOf}{' '}
          <input type="date" value={asOf} onChange={(event) => event.target.value && setAsOf(event.target.value)} data-testid="citizen-as-of" />
        </label>
      </div>
      <p className="muted">{words.sourceNote}</p>
      {code !== null && (
        <div className="citizen-columns">
          <CitizenOutlookPanel municipalityCode={code} asOf={asOf} />
          <CitizenModelPanel municipalityCode={code} />
          <Reconciliation municipalityCode={code} />
        </div>
      )}
    </section>
  );
}
