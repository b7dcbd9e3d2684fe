import type { ReactNode } from 'react';
import type { CallArgs, DataSource, ModelId } from '../../../shared/api';
import { DataSourcePicker } from './data-source';
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
  source,
  onSource,
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
  /** citizen-models (issue 10): the data source (Jobindsats or citizen data), where the model can run on either. */
  source?: DataSource;
  onSource?(source: DataSource): void;
}) {
  const ruleSet = useChosenRuleSet(ruleSetId);
  return (
    <>
      <div className="toolbar">
        <h2>{title}</h2>
        {source && onSource && <DataSourcePicker value={source} onChange={onSource} />}
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
