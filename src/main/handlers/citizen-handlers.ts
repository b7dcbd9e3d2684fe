import type { citizensContract } from '../../shared/api/citizens';
import { allCitizens, countCitizens, describeCitizenQuery, queryCitizens } from '../services/citizens/query';
import { citizenTimeline } from '../services/citizens/timeline';
import { writeCitizenList } from '../services/export/citizen-list';
import { citizenWords } from '../../shared/citizen-words-da';
import { exportFileName } from '../services/export/view';
import { currentUserName } from '../services/store';
import type { HandlersFor } from './context';
import { deliver } from './deliver-export';

/** The most spells one citizen export holds (a municipality's list is far below; all of Denmark is not a contact list). */
const maxCitizenExportRows = 100_000;

/** cit-desk (issue 10): the citizen grid, one citizen's timeline, and the list of citizens to contact. */
export const citizenHandlers = {
  'citizens.query': (args, context) => queryCitizens(context.db, args),
  'citizens.timeline': (args, context) => citizenTimeline(context.db, args),
  'citizens.count': (args, context) => countCitizens(context.db, args), // cit-derive (issue 10)
  'export.citizens': async (args, context) => {
    const { includeFullIds, ...query } = args;
    const { rows, asOf } = allCitizens(context.db, query, { reveal: includeFullIds, max: maxCitizenExportRows });
    const files = (
      context.db
        .prepare(
          `SELECT file_name AS fileName, sha256, kind, imported_at AS importedAt, is_demo AS isDemo FROM import_batch
           WHERE kind IN ('spells', 'events') ORDER BY id`,
        )
        .all() as { fileName: string; sha256: string; kind: string; importedAt: string; isDemo: number }[]
    ).map((file) => ({ ...file, isDemo: file.isDemo === 1 }));
    const bytes = await writeCitizenList({
      rows,
      includeFullIds,
      asOf,
      filters: describeCitizenQuery(context.db, query, asOf),
      files,
      madeBy: currentUserName(),
      madeAt: new Date(),
    });
    const place = query.municipalityCode !== undefined ? ` ${rows[0]?.municipalityName ?? query.municipalityCode}` : '';
    const title = `${citizenWords.list.title}${place}${includeFullIds ? citizenWords.list.fullIdsInTitle : ''}`;
    return deliver(context, exportFileName(title, 'xlsx'), bytes, rows.length, 'xlsx');
  },
} satisfies HandlersFor<typeof citizensContract>;
