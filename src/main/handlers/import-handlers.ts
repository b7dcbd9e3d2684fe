import type { importContract } from '../../shared/api/import';
import { cancelImport, listBatches, listProfiles, previewFile, removeBatch, saveProfile, validateFile } from '../services/import/pipeline';
import { appendUpload, beginUpload, discardStaged, finishUpload, stagedFile } from '../services/import/staging';
import { cancelWorkerImport, importInWorker, prewarmImportWorker, undoInWorker } from '../services/import/worker-import';
import { batchTouchesCitizens } from '../services/citizens/rebuild';
import { addSupervision, listSupervision, removeSupervision } from '../services/import/supervision';
import type { HandlerContext, HandlersFor } from './context';

const progressTo = (context: HandlerContext) => (payload: { importId: string; phase: string; rowsDone: number; rowsTotal: number | null }) =>
  context.emit('import.progress', payload);

export const importHandlers = {
  'import.upload.begin': ({ fileName, size }) => ({ uploadId: beginUpload(fileName, size) }),
  'import.upload.chunk': ({ uploadId, offset, base64 }) => ({ received: appendUpload(uploadId, offset, base64) }),
  'import.upload.finish': ({ uploadId }) => {
    const file = finishUpload(uploadId);
    return { fileId: file.fileId, fileName: file.fileName, size: file.size };
  },
  'import.discard': ({ fileId }) => ({ discarded: discardStaged(fileId) }),
  'import.preview': ({ fileId, options }, { db }) => {
    // The import worker starts while the user looks at the preview (issue 14, item 1).
    prewarmImportWorker();
    return previewFile(db, stagedFile(fileId), options);
  },
  'import.validate': ({ fileId, options }, context) =>
    validateFile(context.db, stagedFile(fileId), options, { onProgress: progressTo(context) }),
  'import.run': async ({ fileId, options, skipBadRows, importId }, context) => {
    // In a worker on its own connection: this connection never sees its open transaction (issue 14, item 1).
    const report = await importInWorker(context.databasePath, stagedFile(fileId), { ...options, skipBadRows }, {
      importId,
      onProgress: progressTo(context),
      surface: context.surface,
    });
    context.emit('data.changed', { reason: 'import' });
    return report;
  },
  'import.cancel': ({ importId }) => ({ cancelled: cancelWorkerImport(importId) || cancelImport(importId) }),
  'import.history': (_args, { db }) => listBatches(db),
  'import.undo': async ({ batchId }, context) => {
    // issue 10: undoing spells or events derives every citizen window again (seconds at a million
    // spells): in the import worker, so the app keeps answering. Other batches go at once, here.
    const removedRows = batchTouchesCitizens(context.db, batchId)
      ? (await undoInWorker(context.databasePath, batchId)).removedRows
      : removeBatch(context.db, batchId);
    context.emit('data.changed', { reason: 'import.undo' });
    return { batchId, removedRows };
  },
  'import.profiles.list': (_args, { db }) => listProfiles(db),
  'import.profiles.save': async ({ name, fileId, options }, { db }) => {
    await saveProfile(db, name, stagedFile(fileId), options);
    return { name };
  },
  'supervision.list': (_args, { db }) => listSupervision(db),
  'supervision.add': (args, context) => {
    const row = addSupervision(context.db, args);
    context.emit('data.changed', { reason: 'supervision' });
    return row;
  },
  'supervision.remove': ({ id }, context) => {
    const removed = removeSupervision(context.db, id);
    context.emit('data.changed', { reason: 'supervision' });
    return { removed };
  },
} satisfies HandlersFor<typeof importContract>;
