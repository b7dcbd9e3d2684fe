import { useState, type FormEvent } from 'react';
import { call } from '../api-client';
import { formatInteger } from '../format';
import { formatDanishDateTime } from '../../../shared/words-da';
import { messages } from '../messages/da';
import { useApi } from '../use-api';
import './import.css';
import { describePeriod } from '../../../shared/period-words';
import { CitizenDataPanel } from '../components/citizen-data-panel'; // citizens (issue 10): cit-import

const text = messages.importer;

/** Every imported file, with undo; and the enhanced-supervision list, editable. */
export function ImportHistoryScreen() {
  const history = useApi('import.history');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The file being undone: its undo can take seconds (citizen data is derived again), so the user sees it and cannot start another.
  const [undoing, setUndoing] = useState<string | null>(null);
  const undo = async (batchId: number, fileName: string) => {
    if (!window.confirm(text.history.confirmUndo(fileName))) return;
    setUndoing(fileName);
    setNotice(null);
    try {
      const result = await call('import.undo', { batchId });
      setNotice(text.history.undone(fileName, result.removedRows));
      setError(null);
    } catch (reason) {
      setError((reason as Error).message);
    } finally {
      setUndoing(null);
    }
  };
  const columns = text.history.columns;
  return (
    <section className="screen import-screen import-history" data-testid="import-history">
      <div className="toolbar">
        <h2>{text.history.title}</h2>
      </div>
      {undoing && (
        <p className="import-progress" role="status" data-testid="import-history-undoing">
          {text.history.undoing(undoing)}
        </p>
      )}
      {notice && (
        <p className="import-ok" role="status" data-testid="import-history-notice">
          {notice}
        </p>
      )}
      {(error ?? history.error) && (
        <p className="error" role="alert">
          {error ?? history.error}
        </p>
      )}
      {history.data && history.data.length === 0 && <p>{text.history.empty}</p>}
      {history.data && history.data.length > 0 && (
        <table className="import-table" data-testid="import-history-table">
          <thead>
            <tr>
              <th>{columns.id}</th>
              <th>{columns.fileName}</th>
              <th>{columns.kind}</th>
              <th>{columns.reader}</th>
              <th>{columns.rowsImported}</th>
              <th>{columns.rowsReplaced}</th>
              <th>{columns.currentRows}</th>
              <th>{columns.importedAt}</th>
              <th>{columns.importedBy}</th>
              <th>{text.history.status}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {history.data.map((batch) => (
              <tr key={batch.id} data-testid={`import-batch-${batch.id}`} data-undone={batch.undoneAt ? 'true' : undefined} className={batch.undoneAt ? 'undone' : undefined}>
                <td>{batch.id}</td>
                <td title={batch.sha256}>
                  {batch.fileName}
                  {batch.isDemo ? ` (${text.history.demo})` : ''}
                </td>
                <td>{text.kinds[batch.kind as keyof typeof text.kinds] ?? batch.kind}</td>
                <td>{batch.reader === 'demo-generator' ? text.history.demoReader : batch.reader}</td>
                <td>{formatInteger(batch.rowsImported)}</td>
                <td>{formatInteger(batch.rowsReplaced)}</td>
                <td>{formatInteger(batch.currentRows)}</td>
                <td>{formatDanishDateTime(batch.importedAt)}</td>
                <td>{batch.importedBy}</td>
                {batch.undoneAt ? (
                  <td data-testid="import-batch-undone" title={text.history.undoneTitle}>
                    {text.history.undoneBy(formatDanishDateTime(batch.undoneAt), batch.undoneBy ?? '')}
                  </td>
                ) : (
                  <td>{text.history.active}</td>
                )}
                <td>{!batch.undoneAt && <button disabled={undoing !== null} onClick={() => void undo(batch.id, batch.fileName)}>{text.history.undo}</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CitizenDataPanel /> {/* citizens (issue 10): cit-import */}
      <SupervisionList />
    </section>
  );
}

function SupervisionList() {
  const list = useApi('supervision.list');
  const [municipality, setMunicipality] = useState('');
  const [periodFrom, setPeriodFrom] = useState('');
  const [periodTo, setPeriodTo] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const s = text.supervision;
  const add = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await call('supervision.add', { municipality, periodFrom, periodTo: periodTo || null, note: note || null });
      setMunicipality('');
      setPeriodFrom('');
      setPeriodTo('');
      setNote('');
      setError(null);
    } catch (reason) {
      setError((reason as Error).message);
    }
  };
  const remove = async (id: number) => {
    try {
      await call('supervision.remove', { id });
    } catch (reason) {
      setError((reason as Error).message);
    }
  };
  return (
    <div className="import-supervision" data-testid="supervision">
      <h3>{s.title}</h3>
      <form onSubmit={add}>
        <label>
          {s.municipality}
          <input value={municipality} onChange={(event) => setMunicipality(event.target.value)} required />
        </label>
        <label>
          {s.from}
          <input value={periodFrom} onChange={(event) => setPeriodFrom(event.target.value)} placeholder="april 2023" required />
        </label>
        <label>
          {s.to}
          <input value={periodTo} onChange={(event) => setPeriodTo(event.target.value)} placeholder="marts 2024" />
        </label>
        <label>
          {s.note}
          <input value={note} onChange={(event) => setNote(event.target.value)} />
        </label>
        <button type="submit">{s.add}</button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {list.data && list.data.length === 0 && <p>{s.empty}</p>}
      {list.data && list.data.length > 0 && (
        <table className="import-table">
          <thead>
            <tr>
              <th>{s.municipality}</th>
              <th>{s.from}</th>
              <th>{s.to}</th>
              <th>{s.note}</th>
              <th>{s.source}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.map((entry) => (
              <tr key={entry.id}>
                <td>{entry.municipalityName}</td>
                <td>{describePeriod(entry.periodFrom)}</td>
                <td>{entry.periodTo ? describePeriod(entry.periodTo) : ''}</td>
                <td>{entry.note ?? ''}</td>
                <td>{entry.batchId ? s.imported(entry.batchId) : s.manual}</td>
                <td>
                  <button onClick={() => void remove(entry.id)}>{s.remove}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
