import { z } from 'zod';
import type { ModelId } from '../../../shared/api/engine';

/**
 * Each model's parameters as a typed schema, parsed whenever a rule set is resolved
 * (`resolveRuleSet`), so an evaluator reads typed values and a stored copy with a value of the
 * wrong kind is refused in Danish instead of being read as something else. The labels, sources
 * and limits a reviewer sees stay with the built-in rule sets (`rule-sets.ts`); a test checks
 * that both name the same keys.
 */
const share = z.number().min(0).max(1);
const count = z.number().int().min(0);
const groups = z.array(z.string()).min(1);

export const modelParameters = {
  'early-2023': z.object({
    threshold: share,
    strictlyGreater: z.boolean(),
    consecutiveMonths: z.number().int().min(1).max(6),
    minCitizens: count,
    minCitizensPerCriterion: z.boolean(),
    interviewGroups: groups,
    offerGroups: groups,
    challengedMinCitizens: count,
    challengedPooling: z.literal('half-year'),
    exemptEnhancedSupervision: z.boolean(),
    exemptPositiveDevelopment: z.boolean(),
    positiveDevelopmentRule: z.literal('strictly-falling-within-period'),
    sharesOnlyPooling: z.literal('weighted-by-measured'),
  }),
  'early-2021': z.object({
    threshold: share,
    strictlyGreater: z.boolean(),
    consecutiveMonths: z.number().int().min(1).max(24),
    minCitizens: count,
    groups,
    explanationDueMonths: z.number().int().min(1).max(24),
  }),
  supervision: z.object({
    resultGroupLabel: z.string().min(1),
    resultBasis: z.literal('shares'),
    focusInterviewsThreshold: share,
    focusTotalLabel: z.string().min(1),
    focusOffersThreshold: share,
  }),
  status: z.object({
    groups,
    nationalLabel: z.string().min(1),
  }),
} satisfies { [M in ModelId]: z.ZodType };

export type ModelParams = { [M in ModelId]: z.output<(typeof modelParameters)[M]> };
