import type { ReactNode } from 'react';
import type { CallArgs, ModelId } from '../../../shared/api';
import { HypotheticalNote, ModelExportButton, ModelRuleSetPicker, useChosenRuleSet } from './model-rule-set';

/**
 * The toolbar of a model screen (one-definition, issue 15): the title, the screen's period
 * choices, the model's own rule sets, anything more (a search), the export button, and under it
 * the note that marks a what-if copy.
 */
export function ModelToolbar({
  title,
  model,
  ruleSetId,
  onRuleSet,
  exportArgs,
  choices,
  more,
}: {
  title: string;
  model: ModelId;
  ruleSetId: string;
  onRuleSet(id: string): void;
  /** null while the screen has nothing to export yet. */
  exportArgs: CallArgs<'export.modelList'> | null;
  /** The period pickers, before the rule set. */
  choices: ReactNode;
  /** After the rule set (e.g. a search field). */
  more?: ReactNode;
}) {
  const ruleSet = useChosenRuleSet(ruleSetId);
  return (
    <>
      <div className="toolbar">
        <h2>{title}</h2>
        {choices}
        <ModelRuleSetPicker model={model} value={ruleSetId} onChange={onRuleSet} />
        {more}
        <span className="spacer" />
        <ModelExportButton args={exportArgs} />
      </div>
      <HypotheticalNote ruleSet={ruleSet} />
    </>
  );
}
