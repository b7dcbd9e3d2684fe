import { messages } from '../messages/da';
import { useApi } from '../use-api';
import { useDesk } from './desk-context';

/** The half-year and rule set every screen shows; the latest complete half-year by default. */
export function PeriodPicker() {
  const desk = useDesk();
  const periods = useApi('periods.available');
  const ruleSets = useApi('ruleSets.list');
  return (
    <span className="period-picker">
      <label>
        {messages.desk.period}{' '}
        <select value={desk.period ?? ''} onChange={(event) => desk.setPeriod(event.target.value)} data-testid="period-picker">
          {(periods.data?.halfYears ?? []).map((half) => (
            <option key={half.period} value={half.period}>
              {half.complete ? half.period : `${half.period} (ufuldstændigt)`}
            </option>
          ))}
        </select>
      </label>
      <label>
        {messages.desk.ruleSet}{' '}
        <select value={desk.ruleSetId} onChange={(event) => desk.setRuleSetId(event.target.value)} data-testid="rule-set-picker">
          {(ruleSets.data ?? []).map((ruleSet) => (
            <option key={ruleSet.id} value={ruleSet.id}>
              {ruleSet.name}
            </option>
          ))}
        </select>
      </label>
    </span>
  );
}
