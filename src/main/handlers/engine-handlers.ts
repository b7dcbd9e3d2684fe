import type { engineContract } from '../../shared/api/engine';
import { listDecisions, recordDecision } from '../services/engine/decisions';
import { benefitGroupDetail, compareRuleSets, municipalityDetail } from '../services/engine/drill-down';
import { evaluateEarly2021 } from '../services/engine/early-2021';
import { evaluateEarly2023 } from '../services/engine/early-2023';
import { availablePeriods } from '../services/engine/periods';
import { copyRuleSet, listRuleSets, type ResolvedRuleSet } from '../services/engine/rule-sets';
import { evaluateStatus } from '../services/engine/status';
import { evaluateSupervision } from '../services/engine/supervision';
import type { HandlersFor } from './context';

const summary = ({ values: _values, ...rest }: ResolvedRuleSet) => rest;

export const engineHandlers = {
  'ruleSets.list': (_args, { db }) => listRuleSets(db).map(summary),
  'ruleSets.copy': ({ fromId, name, changes }, context) => {
    const copy = summary(copyRuleSet(context.db, fromId, name, changes));
    context.emit('data.changed', { reason: 'ruleSets.copy' });
    return copy;
  },
  'periods.available': (_args, { db }) => availablePeriods(db),
  'evaluate.early2023': ({ ruleSetId, period }, { db }) => evaluateEarly2023(db, period, ruleSetId),
  'evaluate.early2021': ({ ruleSetId, period }, { db }) => evaluateEarly2021(db, period, ruleSetId),
  'evaluate.supervision': ({ ruleSetId, period }, { db }) => evaluateSupervision(db, period, ruleSetId),
  'evaluate.status': ({ ruleSetId, period, baseline }, { db }) => evaluateStatus(db, period, baseline, ruleSetId),
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
