import { importContacts, listContacts, removeContact, saveContact } from '../services/contacts/contacts';
import { bulkContacted, withdrawDecision } from '../services/engine/decisions';
import { stagedFile } from '../services/import/staging';
import type { decisionsContract } from '../../shared/api/decisions';
import type { HandlersFor } from './context';

/** decisions (issue 13 items 5 and 7): withdraw, bulk "contacted", contact persons. */
export const decisionHandlers = {
  'decisions.withdraw': (args, context) => {
    const row = withdrawDecision(context.db, args);
    context.emit('data.changed', { reason: 'decisions.withdraw' });
    return row;
  },
  'decisions.bulkContacted': (args, context) => {
    const result = bulkContacted(context.db, { ...args, ruleSetId: args.ruleSetId ?? 'early-2023', note: args.note ?? '' });
    context.emit('data.changed', { reason: 'decisions.bulkContacted' });
    return result;
  },
  'contacts.list': ({ municipalityCode }, { db }) => listContacts(db, municipalityCode),
  'contacts.save': (args, context) => {
    const row = saveContact(context.db, { ...args, jobcenter: args.jobcenter ?? '', email: args.email ?? '', phone: args.phone ?? '' });
    context.emit('data.changed', { reason: 'contacts' });
    return row;
  },
  'contacts.remove': ({ id }, context) => {
    const removed = removeContact(context.db, id);
    context.emit('data.changed', { reason: 'contacts' });
    return { removed };
  },
  'contacts.import': async ({ fileId }, context) => {
    const file = stagedFile(fileId);
    const result = await importContacts(context.db, file.filePath, file.fileName);
    context.emit('data.changed', { reason: 'contacts' });
    return result;
  },
} satisfies HandlersFor<typeof decisionsContract>;
