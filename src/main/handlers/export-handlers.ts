import type { CallArgs, CallName, CallResult, ExportResult } from '../../shared/api';
import { writeContactList } from '../services/export/contact-list';
import { exportFileName, writeView } from '../services/export/view';
import { currentUserName } from '../services/store';
import { UserFacingError, type Handler, type HandlerContext } from './context';
import { handlers } from './index';

const mimeTypes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

/**
 * Exports take their numbers from the same handler table the screens use (whichever engine is
 * registered), so a file never shows a number the screen does not.
 */
async function through<K extends CallName>(context: HandlerContext, name: K, args: CallArgs<K>): Promise<CallResult<K>> {
  const handler = handlers[name] as unknown as (args: unknown, context: HandlerContext) => CallResult<K> | Promise<CallResult<K>>;
  return handler(args, context);
}

/** One mechanism for every transport: save through the context when it can, else hand the bytes back. */
async function deliver(context: HandlerContext, fileName: string, bytes: Buffer, rows: number, kind: keyof typeof mimeTypes): Promise<ExportResult> {
  const base = { fileName, rows, mimeType: mimeTypes[kind] };
  if (context.saveFile) {
    let savedPath: string | null;
    try {
      savedPath = await context.saveFile(fileName, bytes);
    } catch (error) {
      throw new UserFacingError('save-failed', `Filen kunne ikke gemmes: ${(error as Error).message}. Intet blev skrevet.`);
    }
    return { ...base, savedPath, cancelled: savedPath === null, contentBase64: null };
  }
  return { ...base, savedPath: null, cancelled: false, contentBase64: bytes.toString('base64') };
}

export const exportHandlers = {
  'export.contactList': async (args, context) => {
    const full = await through(context, 'evaluate.early2023', { ruleSetId: args.ruleSetId, period: args.period });
    // danish-desk (issue 11): the list follows the overview's AMK and region filters.
    const evaluation = {
      ...full,
      municipalities: full.municipalities.filter(
        (row) => (!args.labourMarketOffice || row.labourMarketOffice === args.labourMarketOffice) && (!args.region || row.region === args.region),
      ),
    };
    const filters = [args.labourMarketOffice ? `AMK ${args.labourMarketOffice}` : '', args.region ? `Region ${args.region}` : ''].filter(Boolean);
    if (!evaluation.complete) {
      throw new UserFacingError('period-incomplete', `Halvåret ${args.period} er ikke afsluttet eller mangler data for nogle måneder; der kan ikke laves en kontaktliste endnu.`);
    }
    const ruleSets = await through(context, 'ruleSets.list', {});
    const ruleSetName = ruleSets.find((ruleSet) => ruleSet.id === evaluation.ruleSetId)?.name ?? evaluation.ruleSetId;
    const details = [];
    for (const municipality of evaluation.municipalities.filter((candidate) => candidate.toContact)) {
      details.push(await through(context, 'municipality.detail', { code: municipality.code, ruleSetId: evaluation.ruleSetId, period: args.period }));
    }
    const { bytes, rows } = await writeContactList({ evaluation, ruleSetName, details, madeBy: currentUserName(), madeAt: new Date(), filters });
    return deliver(context, exportFileName(`Kontaktliste ${args.period}`, 'xlsx'), bytes, rows, 'xlsx');
  },
  'export.view': async (args, context) => {
    // danish-desk (issue 11): every .xlsx says what it is; the files are those whose rows count now.
    const ruleSets = args.provenance?.ruleSetId ? await through(context, 'ruleSets.list', {}) : [];
    const ruleSet = ruleSets.find((candidate) => candidate.id === args.provenance?.ruleSetId);
    const history = args.format === 'xlsx' ? await through(context, 'import.history', {}) : [];
    const provenance = {
      title: `Visning: ${args.title}`,
      period: args.provenance?.period,
      ruleSet: ruleSet ? { name: ruleSet.name, version: ruleSet.version } : null,
      filters: args.provenance?.filters ?? [],
      madeAt: new Date(),
      files: history.filter((batch) => batch.currentRows > 0),
    };
    const bytes = await writeView(args.format, args.title, args.columns, args.rows, currentUserName(), provenance);
    return deliver(context, exportFileName(args.title, args.format), bytes, args.rows.length, args.format);
  },
} satisfies { [K in 'export.contactList' | 'export.view']: Handler<K> };
