import type { CallName } from '../../shared/api';
import { cancelImport, listBatches, listProfiles, previewFile, removeBatch, saveProfile, validateFile } from '../services/import/pipeline';
import { FileProblem } from '../services/import/readers';
import { appendUpload, beginUpload, discardStaged, finishUpload, stagedFile } from '../services/import/staging';
import { cancelWorkerImport, importInWorker, prewarmImportWorker } from '../services/import/worker-import';
import { addSupervision, listSupervision, removeSupervision } from '../services/import/supervision';
import { UserFacingError, type Handler, type HandlerContext } from './context';

/** Problems with a file become errors in the user's words; anything else stays unexpected. */
async function userFacing<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof FileProblem) throw new UserFacingError(error.code, error.message, error.details);
    throw error;
  }
}

const progressTo = (context: HandlerContext) => (payload: { importId: string; phase: string; rowsDone: number; rowsTotal: number | null }) =>
  context.emit('import.progress', payload);

type ImportCall =
  | 'import.upload.begin'
  | 'import.upload.chunk'
  | 'import.upload.finish'
  | 'import.discard'
  | 'import.preview'
  | 'import.validate'
  | 'import.run'
  | 'import.cancel'
  | 'import.history'
  | 'import.undo'
  | 'import.profiles.list'
  | 'import.profiles.save'
  | 'supervision.list'
  | 'supervision.add'
  | 'supervision.remove';

export const importHandlers = {
  'import.upload.begin': ({ fileName, size }) => userFacing(() => ({ uploadId: beginUpload(fileName, size) })),
  'import.upload.chunk': ({ uploadId, offset, base64 }) => userFacing(() => ({ received: appendUpload(uploadId, offset, base64) })),
  'import.upload.finish': ({ uploadId }) =>
    userFacing(() => {
      const file = finishUpload(uploadId);
      return { fileId: file.fileId, fileName: file.fileName, size: file.size };
    }),
  'import.discard': ({ fileId }) => ({ discarded: discardStaged(fileId) }),
  'import.preview': ({ fileId, options }, { db }) =>
    userFacing(() => {
      // trust-store (issue 14, item 1): the import worker starts while the user looks at the preview.
      prewarmImportWorker();
      return previewFile(db, stagedFile(fileId), options);
    }),
  'import.validate': ({ fileId, options }, context) =>
    userFacing(() => validateFile(context.db, stagedFile(fileId), options, { onProgress: progressTo(context) })),
  'import.run': ({ fileId, options, skipBadRows, importId }, context) =>
    userFacing(async () => {
      // trust-store (issue 14, item 1): in a worker on its own connection; this connection never sees its open transaction.
      const report = await importInWorker(context.databasePath, stagedFile(fileId), { ...options, skipBadRows }, {
        importId,
        onProgress: progressTo(context),
        surface: context.surface,
      });
      context.emit('data.changed', { reason: 'import' });
      return report;
    }),
  'import.cancel': ({ importId }) => ({ cancelled: cancelWorkerImport(importId) || cancelImport(importId) }),
  'import.history': (_args, { db }) => listBatches(db),
  'import.undo': ({ batchId }, context) =>
    userFacing(() => {
      const removedRows = removeBatch(context.db, batchId);
      context.emit('data.changed', { reason: 'import.undo' });
      return { batchId, removedRows };
    }),
  'import.profiles.list': (_args, { db }) => listProfiles(db),
  'import.profiles.save': ({ name, fileId, options }, { db }) =>
    userFacing(async () => {
      await saveProfile(db, name, stagedFile(fileId), options);
      return { name };
    }),
  'supervision.list': (_args, { db }) => listSupervision(db),
  'supervision.add': (args, context) =>
    userFacing(() => {
      const row = addSupervision(context.db, args);
      context.emit('data.changed', { reason: 'supervision' });
      return row;
    }),
  'supervision.remove': ({ id }, context) =>
    userFacing(() => {
      const removed = removeSupervision(context.db, id);
      context.emit('data.changed', { reason: 'supervision' });
      return { removed };
    }),
} satisfies { [K in ImportCall & CallName]: Handler<K> };
