import { useState } from 'react';
import { localToday } from '../../../shared/periods';
import { call } from '../api-client';
import { messages } from '../messages/da';

const text = messages.decisions.bulk;

/**
 * Mark the municipalities selected in the overview as contacted with one date and one note.
 * Those already marked for the half-year are named, never duplicated.
 */
export function BulkContactedBar(props: { selected: { code: number; name: string }[]; ruleSetId: string | undefined; period: string; onDone(): void }) {
  const [date, setDate] = useState(() => localToday());
  const [note, setNote] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const count = props.selected.length;

  const mark = async () => {
    setBusy(true);
    try {
      const result = await call('decisions.bulkContacted', { ruleSetId: props.ruleSetId, period: props.period, codes: props.selected.map((row) => row.code), decidedOn: date, note: note.trim() });
      const already = result.alreadyContacted.map((row) => `${row.name} (${row.decidedOn})`).join(', ');
      setStatus([text.done(result.recorded.length), already ? text.already(already) : ''].filter(Boolean).join(' '));
      setNote('');
      props.onDone();
    } catch (error) {
      setStatus(`${messages.errorPrefix}: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="bulk-bar" role="group" aria-label={text.mark} data-testid="bulk-bar">
      {count === 0 ? (
        <span className="muted">{text.selectHint}</span>
      ) : (
        <>
          <strong data-testid="bulk-count">{text.selected(count)}</strong>
          <label>
            {text.date}
            <input type="date" value={date} onChange={(event) => setDate(event.target.value)} data-testid="bulk-date" />
          </label>
          <label>
            {text.note}
            <input type="text" value={note} maxLength={4000} onChange={(event) => setNote(event.target.value)} data-testid="bulk-note" />
          </label>
          <button className="primary" disabled={busy || !date} onClick={mark} data-testid="bulk-mark">
            {text.mark}
          </button>
          <button onClick={props.onDone}>{text.clear}</button>
        </>
      )}
      {status && (
        <span className="export-status" role="status" data-testid="bulk-status">
          {status}
        </span>
      )}
    </div>
  );
}
