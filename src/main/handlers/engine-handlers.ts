import type { engineContract } from '../../shared/api/engine';
import { listDecisions, recordDecision } from '../services/engine/decisions';
import { benefitGroupDetail, compareRuleSets, municipalityDetail } from '../services/engine/drill-down';
import { availablePeriods } from '../services/engine/periods';
import { copyRuleSet, listRuleSets, type ResolvedRuleSet } from '../services/engine/rule-sets';
import type { HandlersFor } from './context';
import { modelEvaluateHandlers } from './model-handlers';

const summary = ({ values: _values, ...rest }: ResolvedRuleSet) => rest;

export const engineHandlers = {
  'ruleSets.list': (_args, { db }) => listRuleSets(db).map(summary),
  'ruleSets.copy': ({ fromId, name, changes }, context) => {
    const copy = summary(copyRuleSet(context.db, fromId, name, changes));
    context.emit('data.changed', { reason: 'ruleSets.copy' });
    return copy;
  },
  'periods.available': (args, { db }) => availablePeriods(db, args?.source), // citizen-models: per source
  // Every model's evaluate call comes from the model registry (models/index.ts).
  ...modelEvaluateHandlers,
  'municipality.detail': ({ code, ruleSetId, period }, { db }) => municipalityDetail(db, code, period, ruleSetId),
  'benefitGroup.detail': ({ groupId, ruleSetId, period }, { db }) => benefitGroupDetail(db, groupId, period, ruleSetId),
  'ruleSets.compare': ({ left, right, period }, { db }) => compareRuleSets(db, left, right, period),
  'decisions.record': (args, context) => {
    const row = recordDecision(context.db, { ...args, reason: args.reason ?? '' });
    context.emit('data.changed', { reason: 'decisions.record' });
    return row;
  },
  'decisions.list': (args, { db }) => listDecisions(db, args),
} satisfies HandlersFor<typeof engineContract>;
