import { useState } from 'react';
import type { CallArgs, ModelId, RuleSetSummary } from '../../../shared/api';
import { call } from '../api-client';
import { messages } from '../messages/da';
import { useApi } from '../use-api';
import { deliverExport } from './export-actions';

const text = messages.models;

/** Only the rule sets of one model; a copy (what-if) says so in its name. */
export function ModelRuleSetPicker({ model, value, onChange }: { model: ModelId; value: string; onChange(id: string): void }) {
  const ruleSets = useApi('ruleSets.list');
  const own = (ruleSets.data ?? []).filter((ruleSet) => ruleSet.model === model);
  return (
    <label>
      {text.ruleSet}{' '}
      <select value={value} onChange={(event) => onChange(event.target.value)} data-testid="model-rule-set">
        {own.map((ruleSet) => (
          <option key={ruleSet.id} value={ruleSet.id}>
            {ruleSet.builtin ? ruleSet.name : text.hypotheticalOption(ruleSet.name)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The chosen rule set, when it is a copy: a line every screen shows above its numbers. */
export function useChosenRuleSet(id: string | undefined): RuleSetSummary | null {
  const ruleSets = useApi('ruleSets.list');
  return (ruleSets.data ?? []).find((ruleSet) => ruleSet.id === id) ?? null;
}

export function HypotheticalNote({ ruleSet }: { ruleSet: RuleSetSummary | null }) {
  const ruleSets = useApi('ruleSets.list');
  if (!ruleSet || ruleSet.builtin) return null;
  const basedOn = (ruleSets.data ?? []).find((candidate) => candidate.id === ruleSet.basedOn)?.name ?? ruleSet.basedOn ?? '';
  return (
    <p className="hypothetical" role="note" data-testid="hypothetical-note">
      {text.hypothetical(ruleSet.name, basedOn)}
    </p>
  );
}

/** Saves the model's list as .xlsx through the export mechanism (save dialog, --out, or download). Ctrl+E. */
export function ModelExportButton({ args }: { args: CallArgs<'export.modelList'> | null }) {
  const [status, setStatus] = useState('');
  // citizen-models: the line about the last file goes when the choices change (it named another month or source).
  const argsKey = JSON.stringify(args);
  const [statusFor, setStatusFor] = useState(argsKey);
  if (statusFor !== argsKey) {
    setStatusFor(argsKey);
    setStatus('');
  }
  const run = async () => {
    if (!args) return;
    setStatus(messages.desk.export.working);
    try {
      setStatus(deliverExport(await call('export.modelList', args)));
    } catch (error) {
      setStatus(`${messages.errorPrefix}: ${(error as Error).message}`);
    }
  };
  return (
    <span className="export-buttons">
      <button className="primary" onClick={run} disabled={!args} data-export-default="true" data-testid="export-model-list" title="Ctrl+E">
        {text.export}
      </button>
      {status && (
        <span className="export-status" role="status" data-testid="model-export-status">
          {status}
        </span>
      )}
    </span>
  );
}
