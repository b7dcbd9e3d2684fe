import { useState } from 'react';
import { messages } from '../messages/da';
import { useApi, useCall } from '../use-api';

const text = messages.citizenData;

/**
 * citizens (issue 10), cit-import: how much citizen data the store holds, and "Slet alle
 * borgerdata" with a confirm step that says what goes, then says when it is done.
 */
export function CitizenDataPanel() {
  const status = useApi('citizens.status', {});
  const remove = useCall('citizens.deleteAll');
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const data = status.data;
  const hasData = Boolean(data && data.spells + data.events + data.batches > 0);
  // The rows are gone but the file is not yet clean (its clean-up was refused): offer to finish it.
  const cleanupOnly = Boolean(data && !hasData && data.cleanupPending);
  const run = () => {
    setDone(null);
    remove.mutate(
      { confirm: true },
      {
        onSuccess: (result) => {
          setConfirming(false);
          setDone(
            result.spellsDeleted + result.eventsDeleted > 0 || !cleanupOnly
              ? text.done(result.spellsDeleted, result.eventsDeleted, result.backupsDeleted)
              : text.cleaned(result.backupsDeleted),
          );
        },
      },
    );
  };
  return (
    <div className="import-citizen-data" data-testid="citizen-data">
      <h3>{text.title}</h3>
      {done && (
        <p className="import-ok" role="status" data-testid="citizen-data-done">
          {done}
        </p>
      )}
      {(status.error ?? remove.error?.message) && (
        <p className="error" role="alert">
          {status.error ?? remove.error?.message}
        </p>
      )}
      {data && <p data-testid="citizen-data-status">{data.spells + data.events > 0 ? text.status(data.spells, data.events, data.activeBatches) : text.none}</p>}
      {cleanupOnly && (
        <p className="note-warning" data-testid="citizen-data-cleanup-pending">
          {text.cleanupPending}{' '}
          <button onClick={run} disabled={remove.isPending} data-testid="citizen-data-cleanup">
            {remove.isPending ? text.cleaning : text.cleanup}
          </button>
        </p>
      )}
      {data && hasData && !confirming && (
        <button onClick={() => setConfirming(true)} data-testid="citizen-data-delete">
          {text.deleteAll}
        </button>
      )}
      {data && hasData && confirming && (
        <div className="import-citizen-confirm" role="alertdialog" aria-label={text.confirmTitle} data-testid="citizen-data-confirm">
          <strong>{text.confirmTitle}</strong>
          <p>{text.confirmText(data.spells, data.events, data.batches)}</p>
          <button onClick={run} disabled={remove.isPending} data-testid="citizen-data-confirm-delete">
            {remove.isPending ? text.deleting : text.confirm}
          </button>{' '}
          <button onClick={() => setConfirming(false)} disabled={remove.isPending}>
            {text.cancel}
          </button>
        </div>
      )}
    </div>
  );
}
