import type { citizenDataContract } from '../../shared/api/citizens';
import { citizenDataStatus, deleteAllCitizenData } from '../services/citizen-data';
import type { HandlersFor } from './context';

/** citizens (issue 10): the store's citizen data: how much, and "Slet alle borgerdata". */
export const citizenDataHandlers = {
  'citizens.status': (_args, { db }) => citizenDataStatus(db),
  'citizens.deleteAll': (_args, context) => {
    try {
      return deleteAllCitizenData(context.db, context.databasePath);
    } finally {
      // Also when the file could not be cleaned: the rows are deleted by then, and every screen must say so.
      context.emit('data.changed', { reason: 'citizens.deleteAll' });
    }
  },
} satisfies HandlersFor<typeof citizenDataContract>;
