import type { ModelId } from '../../../../shared/api/engine';
import type { ModelInfo } from '../../../../shared/api/models';
import { early2021Model } from './early-2021';
import { early2023Model } from './early-2023';
import { statusModel } from './status';
import { supervisionModel } from './supervision';

/**
 * The one table of follow-up models (issue 15 item 1). The handlers derive each model's
 * `evaluate.*` call from it and the CLI's `evaluate` and the model exports loop over it.
 */
export const modelRegistry = {
  'early-2023': early2023Model,
  'early-2021': early2021Model,
  supervision: supervisionModel,
  status: statusModel,
} satisfies { [M in ModelId]: { id: M } };

export type ModelRegistry = typeof modelRegistry;

export function modelInfos(): ModelInfo[] {
  return Object.values(modelRegistry).map(({ id, label, periodKind, call, baseline }) => ({ id, label, periodKind, call, baseline }));
}
