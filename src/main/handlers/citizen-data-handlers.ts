import type { citizenDataContract } from '../../shared/api/citizens';
import { citizenDataStatus, deleteAllCitizenData } from '../services/citizen-data';
import type { HandlersFor } from './context';

/** citizens (issue 10): the store's citizen data: how much, and "Slet alle borgerdata". */
export const citizenDataHandlers = {
  'citizens.status': (_args, { db }) => citizenDataStatus(db),
  'citizens.deleteAll': (_args, context) => {
    const result = deleteAllCitizenData(context.db, context.databasePath);
    context.emit('data.changed', { reason: 'citizens.deleteAll' });
    return result;
  },
} satisfies HandlersFor<typeof citizenDataContract>;
