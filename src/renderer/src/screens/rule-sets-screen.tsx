import { useState } from 'react';
import type { RuleSetComparison } from '../../../shared/api';
import { call } from '../api-client';
import { useDesk } from '../components/desk-context';
import { messages } from '../messages/da';
import { useApi } from '../use-api';

const text = messages.desk.ruleSets;

function flags(status: RuleSetComparison['changed'][number]['left']): string {
  return [status.toContact ? messages.desk.counters.toContact : '', status.failInterviews ? messages.desk.criterion.interviews : '', status.failOffers ? messages.desk.criterion.offers : '']
    .filter(Boolean)
    .join(', ') || '–';
}

/** View the rule sets, copy one with changed parameters (a what-if), and compare two: who changes status. */
export function RuleSetsScreen() {
  const desk = useDesk();
  const ruleSets = useApi('ruleSets.list');
  const [name, setName] = useState('');
  // What-if values per parameter key of the rule set copied from (only the numeric ones are editable here).
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [left, setLeft] = useState('');
  const [right, setRight] = useState('');
  const [status, setStatus] = useState('');
  const [comparison, setComparison] = useState<RuleSetComparison | null>(null);
  const list = ruleSets.data ?? [];

  const source = list.find((ruleSet) => ruleSet.model === 'early-2023');
  const numeric = (source?.parameters ?? []).filter((parameter) => typeof parameter.value === 'number');
  const copy = async () => {
    if (!source) return;
    const changes: Record<string, number> = {};
    for (const [key, value] of Object.entries(edits)) {
      const parsed = Number(value.replace(',', '.'));
      if (value.trim() === '' || !Number.isFinite(parsed)) {
        setStatus(`${messages.errorPrefix}: ${text.notANumber(numeric.find((parameter) => parameter.key === key)?.label ?? key)}`);
        return;
      }
      changes[key] = parsed;
    }
    try {
      const made = await call('ruleSets.copy', {
        fromId: source.id,
        name: name.trim() || `${source.name} (kopi)`,
        changes,
      });
      setStatus(`${made.name} (${made.id})`);
      ruleSets.reload();
    } catch (error) {
      setStatus(`${messages.errorPrefix}: ${(error as Error).message}`);
    }
  };
  const compare = async () => {
    if (!desk.period) return;
    try {
      setComparison(await call('ruleSets.compare', { left: left || list[0].id, right: right || list[list.length - 1].id, period: desk.period }));
    } catch (error) {
      setStatus(`${messages.errorPrefix}: ${(error as Error).message}`);
    }
  };

  return (
    <section className="screen scroll" data-testid="rule-sets-screen">
      <div className="toolbar">
        <h2>{text.title}</h2>
      </div>
      <div className="two-columns">
        {list.map((ruleSet) => (
          <div className="panel" key={ruleSet.id}>
            <h3>{`${ruleSet.name} · ${ruleSet.id} v${ruleSet.version}${ruleSet.builtin ? ` (${text.builtin})` : ''}`}</h3>
            <table className="figures">
              <tbody>
                {ruleSet.parameters.map((parameter) => (
                  <tr key={parameter.key}>
                    <th>{parameter.label}</th>
                    <td>{parameter.displayValue ?? (Array.isArray(parameter.value) ? parameter.value.join(', ') : String(parameter.value))}</td>
                    <td className="muted">{`${parameter.interpretation ? `${text.interpretation} · ` : ''}${parameter.source}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </div>
      <div className="panel">
        <h3>{text.copy}</h3>
        <div className="form-row">
          <label>
            {text.name} <input value={name} onChange={(event) => setName(event.target.value)} data-testid="copy-name" />
          </label>
          {numeric.map((parameter) => (
            <label key={parameter.key}>
              {parameter.label}{' '}
              <input
                value={edits[parameter.key] ?? String(parameter.value).replace('.', ',')}
                onChange={(event) => setEdits({ ...edits, [parameter.key]: event.target.value })}
                size={6}
                data-testid={`copy-param-${parameter.key}`}
              />
            </label>
          ))}
          <button onClick={copy} data-testid="copy-create">
            {text.create}
          </button>
        </div>
        {status && (
          <p role="status" data-testid="copy-status">
            {status}
          </p>
        )}
      </div>
      <div className="panel">
        <h3>{`${text.compare} (${desk.period ?? ''})`}</h3>
        <div className="form-row">
          {[
            [text.left, left, setLeft],
            [text.right, right, setRight],
          ].map(([label, value, set]) => (
            <label key={label as string}>
              {label as string}{' '}
              <select value={value as string} onChange={(event) => (set as (v: string) => void)(event.target.value)} data-testid={`compare-${label === text.left ? 'left' : 'right'}`}>
                <option value="">–</option>
                {list.map((ruleSet) => (
                  <option key={ruleSet.id} value={ruleSet.id}>
                    {ruleSet.name}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <button onClick={compare} data-testid="compare-run">
            {text.compare}
          </button>
        </div>
        {comparison && (
          <>
            <p>{`${comparison.left.ruleSetId}: ${messages.desk.summarySentence(comparison.left.summary.toContact, comparison.left.summary.failInterviews, comparison.left.summary.failOffers)}`}</p>
            <p>{`${comparison.right.ruleSetId}: ${messages.desk.summarySentence(comparison.right.summary.toContact, comparison.right.summary.failInterviews, comparison.right.summary.failOffers)}`}</p>
            <p data-testid="compare-result">
              <strong>{text.changed(comparison.changed.length)}</strong>
            </p>
            <table className="figures">
              <tbody>
                {comparison.changed.map((row) => (
                  <tr key={row.code}>
                    <th>{`${row.name} (${row.code})`}</th>
                    <td>{flags(row.left)}</td>
                    <td>→</td>
                    <td>{flags(row.right)}</td>
                    <td className="muted">{row.why}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
    </section>
  );
}
