import { useRef, useState } from 'react';
import type { ContactPerson } from '../../../shared/api';
import { call } from '../api-client';
import { messages } from '../messages/da';
import { useApi } from '../use-api';

const text = messages.decisions.contacts;
const empty = { jobcenter: '', name: '', email: '', phone: '' };
/** Bytes per upload call, as the import screen sends them. */
const chunkBytes = 4 * 1024 * 1024;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}

/** The renderer never touches the disk: the picked file goes to main in chunks, as on the import screen. */
async function upload(file: File): Promise<string> {
  const { uploadId } = await call('import.upload.begin', { fileName: file.name, size: file.size });
  for (let offset = 0; offset < file.size; offset += chunkBytes) {
    const bytes = new Uint8Array(await file.slice(offset, offset + chunkBytes).arrayBuffer());
    await call('import.upload.chunk', { uploadId, offset, base64: toBase64(bytes) });
  }
  return (await call('import.upload.finish', { uploadId })).fileId;
}

/** The reviewer's contact persons for one municipality: add, change, remove, or read a file of them. */
export function ContactsPanel({ municipalityCode }: { municipalityCode: number }) {
  const contacts = useApi('contacts.list', { municipalityCode });
  const [form, setForm] = useState(empty);
  const [editing, setEditing] = useState<number | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement | null>(null);

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      setStatus(await work());
    } catch (error) {
      setStatus(`${messages.errorPrefix}: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(async () => {
      await call('contacts.save', { ...(editing ? { id: editing } : {}), municipalityCode, ...form });
      setForm(empty);
      setEditing(null);
      return text.saved;
    });
  const edit = (row: ContactPerson) => {
    setEditing(row.id);
    setForm({ jobcenter: row.jobcenter, name: row.name, email: row.email, phone: row.phone });
  };
  const remove = (row: ContactPerson) =>
    window.confirm(text.confirmRemove(row.name)) &&
    run(async () => {
      await call('contacts.remove', { id: row.id });
      return text.removed;
    });
  const importFile = (file: File) =>
    run(async () => {
      const fileId = await upload(file);
      try {
        const result = await call('contacts.import', { fileId });
        return [text.imported(result.added, result.unchanged, result.problems.length), ...result.problems.slice(0, 5).map((problem) => `${messages.importer.problemColumns.row} ${problem.row}: ${problem.message}`)].join(' ');
      } finally {
        await call('import.discard', { fileId });
      }
    });

  const field = (key: keyof typeof empty, type = 'text') => (
    <label>
      {text[key]}
      <input type={type} value={form[key]} onChange={(event) => setForm({ ...form, [key]: event.target.value })} data-testid={`contact-${key}`} />
    </label>
  );
  return (
    <section className="panel contacts-panel" data-testid="contacts-panel" aria-label={text.title}>
      <h3>{text.title}</h3>
      {contacts.data && contacts.data.length > 0 ? (
        <table className="history" data-testid="contacts-table">
          <tbody>
            {contacts.data.map((row) => (
              <tr key={row.id}>
                <td>{row.jobcenter}</td>
                <td>{row.name}</td>
                <td>{row.email}</td>
                <td>{row.phone}</td>
                <td className="muted">{`${text.source}: ${row.source}`}</td>
                <td>
                  <button onClick={() => edit(row)}>{text.edit}</button> <button onClick={() => remove(row)}>{text.remove}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{text.none}</p>
      )}
      <div className="form-row">
        {field('jobcenter')}
        {field('name')}
        {field('email', 'email')}
        {field('phone', 'tel')}
      </div>
      <button className="primary" disabled={busy || form.name.trim() === ''} onClick={save} data-testid="contact-save">
        {editing ? text.save : text.add}
      </button>{' '}
      {editing && <button onClick={() => (setEditing(null), setForm(empty))}>{text.cancel}</button>}{' '}
      <button disabled={busy} onClick={() => fileInput.current?.click()}>
        {text.importFile}
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".xlsx,.csv,.txt"
        hidden
        data-testid="contacts-file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void importFile(file);
        }}
      />
      {status && (
        <p className="export-status" role="status" data-testid="contacts-status">
          {status}
        </p>
      )}
    </section>
  );
}
