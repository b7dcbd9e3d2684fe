import { useState } from 'react';
import { describePeriod } from '../../../shared/words-da';
import { messages } from '../messages/da';
import { useDesk } from './desk-context';

const text = messages.citizens.drill;

/**
 * cit-desk (issue 10): from a municipality's group × month figures down to the citizens behind
 * them: one benefit group's cohort of one month (the spells reaching six months that month).
 */
export function CitizenDrillLink({ municipalityCode, municipalityName, groups, months }: { municipalityCode: number; municipalityName: string; groups: { groupId: string; label: string }[]; months: string[] }) {
  const desk = useDesk();
  const unique = groups.filter((group, index) => groups.findIndex((other) => other.groupId === group.groupId) === index);
  const [groupId, setGroupId] = useState(unique[0]?.groupId ?? '');
  const [month, setMonth] = useState(months.at(-1) ?? '');
  const label = unique.find((group) => group.groupId === groupId)?.label ?? '';
  return (
    <div className="toolbar citizen-drill" data-testid="citizen-drill">
      <strong>{text.title}</strong>
      <span className="muted">{text.intro}</span>
      <label>
        {`${messages.citizens.filters.group} `}
        <select value={groupId} onChange={(event) => setGroupId(event.target.value)} data-testid="citizen-drill-group">
          {unique.map((group) => (
            <option key={group.groupId} value={group.groupId}>
              {group.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {`${messages.citizens.filters.cohortMonth} `}
        <select value={month} onChange={(event) => setMonth(event.target.value)} data-testid="citizen-drill-month">
          {months.map((candidate) => (
            <option key={candidate} value={candidate}>
              {describePeriod(candidate)}
            </option>
          ))}
        </select>
      </label>
      <button
        disabled={!groupId || !month}
        onClick={() => desk.open({ kind: 'citizens', label: `${municipalityName}: ${label}, ${describePeriod(month)}`, municipalityCode, groupId, cohortMonth: month })}
        data-testid="citizen-drill-open"
      >
        {text.open}
      </button>
    </div>
  );
}
