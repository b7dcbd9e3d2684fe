import type { ReconciliationRow } from '../../../shared/api';
import { formatInteger } from '../format';
import { messages } from '../messages/da';
import { describePeriod } from '../../../shared/period-words';
import { formatDanishDate } from '../../../shared/words-da';
import { useDesk } from './desk-context';

const words = messages.citizenEngine;
const table = words.reconcile;

/**
 * citizen-models (issue 10): "which citizens make the difference" between the derived counts and
 * Jobindsats': the cohort's spells that lack something (masked ids), each a click from its
 * timeline, and the whole cohort a click from the citizen grid.
 */
export function ReconcileCitizens({ municipalityCode, row }: { municipalityCode: number; row: ReconciliationRow }) {
  const desk = useDesk();
  const lacking = row.lackingSpells;
  if (!lacking) return null;
  const place = `${row.groupLabel}, ${describePeriod(row.month)}`;
  return (
    <div className="reconcile-citizens" data-testid="reconcile-citizens">
      <p>{table.citizensTitle(row.groupLabel, row.month, lacking.spells.length, lacking.total)}</p>
      <table className="figures citizen-table">
        <thead>
          <tr>
            <th>{table.columns.citizen}</th>
            <th>{table.columns.start}</th>
            <th>{table.columns.deadline}</th>
            <th>{table.columns.interviews}</th>
            <th>{table.columns.missing}</th>
          </tr>
        </thead>
        <tbody>
          {lacking.spells.map((spell) => (
            <tr key={spell.spellId}>
              <td>
                <button
                  className="link"
                  title={words.openTimeline(spell.citizenId)}
                  onClick={() => desk.open({ kind: 'citizens', label: words.timelineCrumb(spell.citizenId), municipalityCode, groupId: row.groupId, cohortMonth: row.month, spellId: spell.spellId })}
                  data-testid="reconcile-citizen"
                >
                  {spell.citizenId}
                </button>
              </td>
              <td>{formatDanishDate(spell.startDate)}</td>
              <td>{formatDanishDate(spell.deadline)}</td>
              <td>{`${formatInteger(spell.interviewsCounted)} af ${formatInteger(spell.requiredInterviews)}`}</td>
              <td className="left">{messages.citizens.missing(spell.interviewsMissing, spell.offerMissing)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button onClick={() => desk.open({ kind: 'citizens', label: place, municipalityCode, groupId: row.groupId, cohortMonth: row.month })} data-testid="reconcile-open-cohort">
        {table.openCohort}
      </button>
    </div>
  );
}
