import { useState } from 'react';
import type { RuleParameter, RuleSetComparison } from '../../../shared/api';
import { describeSource } from '../../../shared/words-da';
import { call } from '../api-client';
import { useDesk } from '../components/desk-context';
import { deliverExport } from '../components/export-actions';
import { StatusLine, useStatus } from '../components/status-line';
import { messages } from '../messages/da';
import { useApi, useCall } from '../use-api';
import { describePeriod } from '../../../shared/period-words';
import { renderExplanation } from '../../../shared/explanations-da';

/** A share parameter (0 to 1) is entered and shown in per cent, as everywhere else. */
const isShare = (parameter: RuleParameter) => typeof parameter.value === 'number' && parameter.max === 1;
const percentInput = (value: number) => String(Math.round(value * 10000) / 100).replace('.', ',');

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
  const status = useStatus();
  const compareStatus = useStatus();
  const copyCall = useCall('ruleSets.copy');
  const [comparison, setComparison] = useState<RuleSetComparison | null>(null);
  const list = ruleSets.data ?? [];
  const nameOf = (id: string) => list.find((ruleSet) => ruleSet.id === id)?.name ?? id;

  const source = list.find((ruleSet) => ruleSet.model === 'early-2023');
  const numeric = (source?.parameters ?? []).filter((parameter) => typeof parameter.value === 'number');
  const copy = async () => {
    if (!source) return;
    const changes: Record<string, number> = {};
    for (const [key, value] of Object.entries(edits)) {
      const parameter = numeric.find((candidate) => candidate.key === key);
      const parsed = Number(value.replace(/\s|%/g, '').replace(',', '.'));
      if (value.trim() === '' || !Number.isFinite(parsed)) {
        status.failed(text.notANumber(parameter?.label ?? ''));
        return;
      }
      changes[key] = parameter && isShare(parameter) ? parsed / 100 : parsed;
    }
    try {
      const made = await copyCall.mutateAsync({
        fromId: source.id,
        name: name.trim() || `${source.name} (kopi)`,
        changes,
      });
      status.done(messages.deskText.whatIf.made(made.name));
    } catch (error) {
      status.failed((error as Error).message);
    }
  };
  const compare = async () => {
    if (!desk.period) return;
    try {
      setComparison(await call('ruleSets.compare', { left: left || list[0].id, right: right || list[list.length - 1].id, period: desk.period }));
      compareStatus.clear();
    } catch (error) {
      compareStatus.failed((error as Error).message);
    }
  };
  /** The comparison as a workbook: each municipality that changes status, with both rule sets' verdicts. */
  const exportComparison = async () => {
    if (!comparison) return;
    const words = messages.deskText.whatIf;
    compareStatus.working(messages.desk.export.working);
    try {
      const result = await call('export.view', {
        title: `${text.compare} ${describePeriod(comparison.period)}`,
        format: 'xlsx',
        columns: [
          { header: messages.desk.columns.code, kind: 'integer' },
          { header: messages.desk.columns.name, kind: 'text' },
          { header: nameOf(comparison.left.ruleSetId), kind: 'text' },
          { header: nameOf(comparison.right.ruleSetId), kind: 'text' },
          { header: text.why, kind: 'text' },
        ],
        rows: comparison.changed.map((row) => [row.code, row.name, flags(row.left), flags(row.right), row.whyItems.map(renderExplanation).join(' ')]),
        provenance: { period: comparison.period, ruleSetId: comparison.right.ruleSetId, filters: [words.comparedWith(nameOf(comparison.left.ruleSetId), nameOf(comparison.right.ruleSetId))] },
      });
      compareStatus.done(deliverExport(result));
    } catch (error) {
      compareStatus.failed((error as Error).message);
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
            <h3>{`${ruleSet.name} · version ${ruleSet.version}${ruleSet.builtin ? ` (${text.builtin})` : ''}`}</h3>
            <table className="figures">
              <tbody>
                {ruleSet.parameters.map((parameter) => (
                  <tr key={parameter.key} className={parameter.changed ? 'changed' : undefined} data-changed={parameter.changed ? 'true' : undefined}>
                    <th>{parameter.label}</th>
                    <td>
                      {parameter.changed && <strong className="changed-mark">{`${messages.deskText.whatIf.changed}: `}</strong>}
                      {parameter.displayValue ?? (Array.isArray(parameter.value) ? parameter.value.join(', ') : String(parameter.value))}
                    </td>
                    <td className="muted">{`${parameter.interpretation ? `${text.interpretation} · ` : ''}${describeSource(parameter.source)}`}</td>
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
              {isShare(parameter) ? `${parameter.label} (pct.)` : parameter.label}{' '}
              <input
                value={edits[parameter.key] ?? (isShare(parameter) ? percentInput(parameter.value as number) : String(parameter.value).replace('.', ','))}
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
        <StatusLine status={status} testId="copy-status" />
      </div>
      <div className="panel">
        <h3>{`${text.compare} (${desk.period ? describePeriod(desk.period) : ''})`}</h3>
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
          {comparison && (
            <button onClick={exportComparison} data-testid="compare-export">
              {messages.desk.export.viewXlsx}
            </button>
          )}
        </div>
        <StatusLine status={compareStatus} testId="compare-status" />
        {comparison && (
          <>
            <p>{`${nameOf(comparison.left.ruleSetId)}: ${messages.desk.summarySentence(comparison.left.summary.toContact, comparison.left.summary.failInterviews, comparison.left.summary.failOffers)}`}</p>
            <p>{`${nameOf(comparison.right.ruleSetId)}: ${messages.desk.summarySentence(comparison.right.summary.toContact, comparison.right.summary.failInterviews, comparison.right.summary.failOffers)}`}</p>
            <p data-testid="compare-result">
              <strong>{text.changed(comparison.changed.length)}</strong>
            </p>
            <table className="figures compare-table" data-testid="compare-table">
              <thead>
                <tr>
                  <th>{messages.desk.columns.name}</th>
                  <th>{nameOf(comparison.left.ruleSetId)}</th>
                  <th />
                  <th>{nameOf(comparison.right.ruleSetId)}</th>
                  <th>{text.why}</th>
                </tr>
              </thead>
              <tbody>
                {comparison.changed.map((row) => (
                  <tr key={row.code}>
                    <th>
                      <button className="link" onClick={() => desk.open({ kind: 'municipality', code: row.code, name: row.name })} title={messages.deskText.whatIf.open}>
                        {`${row.name} (${row.code})`}
                      </button>
                    </th>
                    <td>{flags(row.left)}</td>
                    <td>→</td>
                    <td>{flags(row.right)}</td>
                    <td className="muted">{row.whyItems.map(renderExplanation).join(' ')}</td>
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
