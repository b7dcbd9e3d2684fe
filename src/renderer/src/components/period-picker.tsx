import { messages } from '../messages/da';
import { useApi } from '../use-api';
import { useDesk } from './desk-context';
import { describePeriod } from '../../../shared/period-words';

/** The half-year and rule set every screen shows; the latest complete half-year by default. */
export function PeriodPicker() {
  const desk = useDesk();
  const periods = useApi('periods.available');
  const ruleSets = useApi('ruleSets.list');
  const chosen = (ruleSets.data ?? []).find((ruleSet) => ruleSet.id === desk.ruleSetId);
  return (
    <span className="period-picker">
      <label>
        {messages.desk.period}{' '}
        <select value={desk.period ?? ''} onChange={(event) => desk.setPeriod(event.target.value)} data-testid="period-picker">
          {(periods.data?.halfYears ?? []).map((half) => (
            <option key={half.period} value={half.period}>
              {half.complete ? describePeriod(half.period) : `${describePeriod(half.period)} (ufuldstændigt)`}
            </option>
          ))}
        </select>
      </label>
      <label>
        {messages.desk.ruleSet}{' '}
        <select value={desk.ruleSetId} onChange={(event) => desk.setRuleSetId(event.target.value)} data-testid="rule-set-picker">
          {/* models-screens: only model A's rule sets here; a copy is marked hypothetical. */}
          {(ruleSets.data ?? [])
            .filter((ruleSet) => ruleSet.model === 'early-2023')
            .map((ruleSet) => (
              <option key={ruleSet.id} value={ruleSet.id}>
                {ruleSet.builtin ? ruleSet.name : messages.models.hypotheticalOption(ruleSet.name)}
              </option>
            ))}
        </select>
      </label>
      {chosen && !chosen.builtin && (
        <strong className="hypothetical" role="note" data-testid="hypothetical-note">
          {messages.models.hypotheticalOption(chosen.name)}
        </strong>
      )}
    </span>
  );
}
