import type { CallArgs, CallName, CallResult } from '../../shared/api';
import { writeContactList } from '../services/export/contact-list';
import { exportFileName, writeView } from '../services/export/view';
import { currentUserName } from '../services/store';
import { UserFacingError, type Handler, type HandlerContext } from './context';
import { deliver } from './deliver-export';
import { handlers } from './index';

/**
 * Exports take their numbers from the same handler table the screens use (whichever engine is
 * registered), so a file never shows a number the screen does not.
 */
async function through<K extends CallName>(context: HandlerContext, name: K, args: CallArgs<K>): Promise<CallResult<K>> {
  const handler = handlers[name] as unknown as (args: unknown, context: HandlerContext) => CallResult<K> | Promise<CallResult<K>>;
  return handler(args, context);
}

export const exportHandlers = {
  'export.contactList': async (args, context) => {
    const evaluation = await through(context, 'evaluate.early2023', { ruleSetId: args.ruleSetId, period: args.period });
    if (!evaluation.complete) {
      throw new UserFacingError('period-incomplete', `Halvåret ${args.period} er ikke afsluttet eller mangler data for nogle måneder; der kan ikke laves en kontaktliste endnu.`);
    }
    const ruleSets = await through(context, 'ruleSets.list', {});
    const ruleSetName = ruleSets.find((ruleSet) => ruleSet.id === evaluation.ruleSetId)?.name ?? evaluation.ruleSetId;
    // models-screens: a list made under a what-if copy says so in its file name.
    const hypothetical = ruleSets.find((ruleSet) => ruleSet.id === evaluation.ruleSetId)?.builtin === false;
    const details = [];
    for (const municipality of evaluation.municipalities.filter((candidate) => candidate.toContact)) {
      details.push(await through(context, 'municipality.detail', { code: municipality.code, ruleSetId: evaluation.ruleSetId, period: args.period }));
    }
    const { bytes, rows } = await writeContactList({ evaluation, ruleSetName, details, madeBy: currentUserName(), madeAt: new Date() });
    return deliver(context, exportFileName(`Kontaktliste ${args.period}${hypothetical ? ' HYPOTETISK' : ''}`, 'xlsx'), bytes, rows, 'xlsx');
  },
  'export.view': async (args, context) => {
    const bytes = await writeView(args.format, args.title, args.columns, args.rows, currentUserName());
    return deliver(context, exportFileName(args.title, args.format), bytes, args.rows.length, args.format);
  },
} satisfies { [K in 'export.contactList' | 'export.view']: Handler<K> };
