import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import type { ImportOptions, ImportPreview, ImportReport, ValidationReport } from '../../../shared/api';
import { call, onEvent } from '../api-client';
import { deliverExport } from '../components/export-actions';
import { formatDanishDateTime } from '../../../shared/words-da';
import { StatusLine, useStatus } from '../components/status-line';
import { messages } from '../messages/da';
import { ImportDecisions, SkippedRows } from './import-decisions';
import { importDelimiters, importEncodings, importKinds } from '../../../shared/enums';
import './import.css';

const text = messages.importer;
/** Bytes per upload call: well under the bridge's request limit once base64-encoded. */
const chunkBytes = 4 * 1024 * 1024;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}

/** The renderer never touches the disk: it reads the picked file and sends the bytes in chunks. */
async function uploadFile(file: File, onProgress: (percent: number) => void): Promise<string> {
  const { uploadId } = await call('import.upload.begin', { fileName: file.name, size: file.size });
  for (let offset = 0; offset < file.size; offset += chunkBytes) {
    const bytes = new Uint8Array(await file.slice(offset, offset + chunkBytes).arrayBuffer());
    await call('import.upload.chunk', { uploadId, offset, base64: toBase64(bytes) });
    onProgress(Math.round(((offset + bytes.length) / file.size) * 100));
  }
  const { fileId } = await call('import.upload.finish', { uploadId });
  return fileId;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString('da-DK', { maximumFractionDigits: 1 })} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString('da-DK', { maximumFractionDigits: 1 })} MB`;
}

function formatTime(iso: string): string {
  return formatDanishDateTime(iso);
}

/** A fresh id for an import run's progress events (outside render: it is not pure). */
function nextImportId(): string {
  return `import-${Math.random().toString(36).slice(2)}`;
}

interface Picked {
  key: string;
  file: File;
}

export function ImportScreen() {
  const [picked, setPicked] = useState<Picked[]>([]);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const add = (files: FileList | null) => {
    if (!files) return;
    // Copied now: the FileList is live and empties when the input is reset for the next pick.
    const added = Array.from(files).map((file) => ({ key: `${file.name}-${file.size}-${Math.random()}`, file }));
    setPicked((current) => [...current, ...added]);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    add(event.dataTransfer.files);
  };
  return (
    <section className="screen import-screen" data-testid="import-screen">
      <div className="toolbar">
        <h2>{text.title}</h2>
      </div>
      <div
        className={`import-drop${over ? ' over' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <button onClick={() => input.current?.click()}>{text.pick}</button>
        <span>{over ? text.drop : text.intro}</span>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          data-testid="import-file-input"
          accept=".xlsx,.csv,.txt,.json,.ndjson,.jsonl"
          onChange={(event) => {
            add(event.target.files);
            event.target.value = '';
          }}
        />
      </div>
      {picked.map(({ key, file }) => (
        <ImportFileCard key={key} file={file} onClose={() => setPicked((current) => current.filter((entry) => entry.key !== key))} />
      ))}
    </section>
  );
}

function ImportFileCard({ file, onClose }: { file: File; onClose(): void }) {
  const [fileId, setFileId] = useState<string | null>(null);
  const [uploadPercent, setUploadPercent] = useState(0);
  const [options, setOptions] = useState<ImportOptions>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [validation, setValidation] = useState<ValidationReport | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'validating' | 'running' | null>(null);
  const [skipBadRows, setSkipBadRows] = useState(false);
  // issue 12 (import-layouts): replace rows that had figures with rows without them, only when asked
  const [replaceAnyway, setReplaceAnyway] = useState(false);
  const [progress, setProgress] = useState<{ rowsDone: number; rowsTotal: number | null } | null>(null);
  const [profileName, setProfileName] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const importId = useRef('');

  useEffect(() => {
    let gone = false;
    uploadFile(file, (percent) => !gone && setUploadPercent(percent))
      .then((id) => !gone && setFileId(id))
      .catch((reason: Error) => !gone && setError(reason.message));
    return () => {
      gone = true;
    };
  }, [file]);

  useEffect(() => {
    if (!fileId) return;
    let gone = false;
    call('import.preview', { fileId, options })
      .then((value) => {
        if (gone) return;
        setPreview(value);
        setError(null);
      })
      .catch((reason: Error) => !gone && setError(reason.message));
    return () => {
      gone = true;
    };
  }, [fileId, options]);

  useEffect(
    () =>
      onEvent('import.progress', (payload) => {
        if (payload.importId === importId.current) setProgress({ rowsDone: payload.rowsDone, rowsTotal: payload.rowsTotal });
      }),
    [],
  );

  const change = useCallback((patch: ImportOptions) => {
    // A changed choice makes the last check stale.
    setValidation(null);
    setOptions((current) => ({ ...current, ...patch }));
  }, []);
  const close = () => {
    if (fileId) void call('import.discard', { fileId }).catch(() => undefined);
    onClose();
  };
  const validate = async () => {
    if (!fileId) return;
    setBusy('validating');
    setError(null);
    try {
      setValidation(await call('import.validate', { fileId, options: currentOptions() }));
    } catch (reason) {
      setError((reason as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const run = async () => {
    if (!fileId) return;
    setBusy('running');
    setError(null);
    setProgress({ rowsDone: 0, rowsTotal: null });
    importId.current = nextImportId();
    try {
      const runOptions = replaceAnyway ? { ...currentOptions(), replaceWithoutFigures: true } : currentOptions();
      setReport(await call('import.run', { fileId, options: runOptions, skipBadRows, importId: importId.current }));
    } catch (reason) {
      setError((reason as Error).message);
    } finally {
      setBusy(null);
      setProgress(null);
    }
  };
  const saveProfile = async () => {
    if (!fileId || !profileName.trim()) return;
    try {
      const saved = await call('import.profiles.save', { name: profileName.trim(), fileId, options: currentOptions() });
      setNotice(text.profileSaved(saved.name));
    } catch (reason) {
      setError((reason as Error).message);
    }
  };
  /** What the user sees is what is imported: the preview's mapping and kind, as shown. */
  const currentOptions = (): ImportOptions =>
    preview
      ? {
          ...options,
          kind: options.kind ?? preview.kind,
          headerRow: options.headerRow ?? preview.headerRow,
          mapping: options.mapping ?? preview.mapping,
          profile: undefined,
          // issue 12: the sheet the preview proposed is the one imported
          sheet: options.sheet ?? preview.sheet ?? undefined,
        }
      : options;

  const mappedColumns = new Set(Object.values(preview?.mapping ?? {}));
  const badRows = new Map<number, string>();
  for (const problem of validation?.problems ?? []) badRows.set(problem.row, [badRows.get(problem.row), problem.message].filter(Boolean).join('\n'));
  const columnOf = (field: string) => (options.mapping ?? preview?.mapping)?.[field];

  return (
    <article className="import-card" data-testid="import-card" aria-label={file.name}>
      <h3>
        {file.name} <span className="size">{formatSize(file.size)}</span>
        <button onClick={close} disabled={busy === 'running'}>
          {text.remove}
        </button>
      </h3>
      {!fileId && !error && <p>{text.uploading(file.name, uploadPercent)}</p>}
      {error && !preview && (
        <p className="error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}
      {preview && !report && (
        <>
          {preview.duplicateOf && (
            <p className="import-warning" data-testid="import-duplicate">
              {text.duplicate(preview.duplicateOf.fileName, formatTime(preview.duplicateOf.importedAt), preview.duplicateOf.batchId)}
            </p>
          )}
          {preview.matchedProfile && <p className="import-ok">{text.profileMatched(preview.matchedProfile)}</p>}
          {preview.warnings.map((warning) => (
            <p key={warning} className="import-warning" data-testid="import-warning">
              {warning}
            </p>
          ))}
          <strong>{text.detected}</strong>
          <div className="import-settings" data-testid="import-settings">
            <label>
              {text.format}
              <input readOnly value={text.formats[preview.format]} data-testid="import-format" />
            </label>
            {preview.encoding && (
              <label>
                {text.encoding}
                <select data-testid="import-encoding" value={preview.encoding} onChange={(event) => change({ encoding: event.target.value as ImportOptions['encoding'] })}>
                  {importEncodings.map((value) => [value, text.encodings[value]] as const).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {preview.delimiter && (
              <label>
                {text.delimiter}
                <select data-testid="import-delimiter" value={preview.delimiter} onChange={(event) => change({ delimiter: event.target.value as ImportOptions['delimiter'] })}>
                  {importDelimiters.map((value) => [value, text.delimiters[value]] as const).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {preview.sheetNames.length > 0 && (
              <label>
                {text.sheet}
                <select value={preview.sheet ?? ''} onChange={(event) => change({ sheet: event.target.value, headerRow: undefined, mapping: undefined })}>
                  {preview.sheetNames.map((name) => (
                    <option key={name}>{name}</option>
                  ))}
                </select>
              </label>
            )}
            <label>
              {text.headerRow}
              <input
                type="number"
                min={1}
                data-testid="import-header-row"
                value={preview.headerRow}
                onChange={(event) => Number(event.target.value) >= 1 && change({ headerRow: Number(event.target.value), mapping: undefined })}
              />
            </label>
            <label>
              {text.kind}
              <select data-testid="import-kind" value={preview.kind} onChange={(event) => change({ kind: event.target.value as ImportOptions['kind'], mapping: undefined })}>
                {importKinds.map((value) => [value, text.kinds[value]] as const).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            {preview.profiles.length > 0 && (
              <label>
                {text.profile}
                <select
                  data-testid="import-profile"
                  value={preview.matchedProfile ?? ''}
                  onChange={(event) => change({ profile: event.target.value || undefined, mapping: undefined, kind: undefined })}
                >
                  <option value="">{text.noProfile}</option>
                  {preview.profiles.map((name) => (
                    <option key={name}>{name}</option>
                  ))}
                </select>
              </label>
            )}
          </div>
          <ImportDecisions preview={preview} options={options} change={change} />
          <div className="import-columns">
            <table className="import-table" data-testid="import-mapping">
              <caption>{text.mapping}</caption>
              <thead>
                <tr>
                  <th>{text.field}</th>
                  <th>{text.column}</th>
                </tr>
              </thead>
              <tbody>
                {preview.fields.map((field) => (
                  <tr key={field.id}>
                    <td>
                      {text.fields[field.id] ?? field.id} {field.required && columnOf(field.id) === undefined ? text.required : ''}
                    </td>
                    <td>
                      <select
                        aria-label={text.fields[field.id] ?? field.id}
                        value={columnOf(field.id) ?? ''}
                        onChange={(event) => {
                          const value = event.target.value;
                          // From the latest local choice, not the last preview: several quick changes must all count.
                          setOptions((current) => {
                            const mapping = { ...(current.mapping ?? preview.mapping) };
                            if (value === '') delete mapping[field.id];
                            else mapping[field.id] = Number(value);
                            return { ...current, mapping, kind: preview.kind, headerRow: preview.headerRow, profile: undefined };
                          });
                        }}
                      >
                        <option value="">{text.notMapped}</option>
                        {preview.headers.map((header, index) => (
                          <option key={index} value={index}>
                            {header || `(${index + 1})`}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="import-sample">
              <table className="import-table" data-testid="import-sample">
                <caption>{text.sample(preview.sampleRows.length)}</caption>
                <thead>
                  <tr>
                    <th>{text.row}</th>
                    {preview.headers.map((header, index) => (
                      <th key={index} className={mappedColumns.has(index) ? 'mapped' : ''}>
                        {header}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {preview.sampleRows.map((row) => (
                    // danish-desk (issue 11): a row the check found wrong is marked, its errors in the title.
                    <tr
                      key={row.rowNumber}
                      className={badRows.has(row.rowNumber) ? 'bad-row' : undefined}
                      data-bad={badRows.has(row.rowNumber) ? 'true' : undefined}
                      title={badRows.get(row.rowNumber)}
                    >
                      <td>{row.rowNumber}</td>
                      {preview.headers.map((_, index) => (
                        <td key={index} className={mappedColumns.has(index) ? 'mapped' : ''}>
                          {row.cells[index] ?? ''}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          <div className="import-actions">
            <input aria-label={text.profileName} placeholder={text.profileName} value={profileName} onChange={(event) => setProfileName(event.target.value)} />
            <button onClick={saveProfile} disabled={!profileName.trim()}>
              {text.saveProfile}
            </button>
            {notice && <span className="import-ok">{notice}</span>}
          </div>
          {validation && <ValidationView report={validation} fileName={file.name} />}
          <div className="import-actions">
            <button onClick={validate} disabled={busy !== null} data-testid="import-validate">
              {busy === 'validating' ? text.validating : text.validate}
            </button>
            <label>
              <input type="checkbox" checked={skipBadRows} onChange={(event) => setSkipBadRows(event.target.checked)} data-testid="import-skip" /> {text.skipBadRows}
            </label>
            <label>
              <input type="checkbox" checked={replaceAnyway} onChange={(event) => setReplaceAnyway(event.target.checked)} data-testid="import-replace-anyway" />{' '}
              {messages.importLayouts.replaceAnyway}
            </label>
            <button onClick={run} disabled={busy !== null || Boolean(preview.duplicateOf)} data-testid="import-run">
              {busy === 'running' ? text.running : text.run}
            </button>
          </div>
          {busy === 'running' && progress && (
            <div className="import-progress" data-testid="import-progress">
              <progress max={progress.rowsTotal ?? undefined} value={progress.rowsTotal ? progress.rowsDone : undefined} />
              <span>{text.progress(progress.rowsDone, progress.rowsTotal)}</span>
              <button onClick={() => void call('import.cancel', { importId: importId.current })}>{text.cancel}</button>
            </div>
          )}
          {/* The outcome of the buttons above, where the user pressed (danish-desk, issue 11). */}
          {error && (
            <p className="error" role="alert" data-testid="import-error">
              {error}
            </p>
          )}
        </>
      )}
      {report && (
        <div className="import-ok" data-testid="import-report">
          <strong>
            {text.reportTitle}: {text.batchNumber(report.batchId)}
          </strong>
          <p>{text.report(report.rowsRead, report.rowsImported, report.rowsSkipped, report.rowsReplaced)}</p>
          {report.replacedFrom.map((entry) => (
            <p key={entry.batchId}>{text.replacedFrom(entry.rows, entry.fileName, entry.batchId)}</p>
          ))}
          {report.decisions.length > 0 && (
            <ul data-testid="import-report-decisions">
              {report.decisions.map((decision) => (
                <li key={decision}>{decision}</li>
              ))}
            </ul>
          )}
          <SkippedRows rows={report.skippedRows} total={report.skippedRowsTotal} />
          {report.skippedProblems.length > 0 && <ProblemTable problems={report.skippedProblems} total={report.problemsTotal} fileName={file.name} />}
        </div>
      )}
    </article>
  );
}

function ValidationView({ report, fileName }: { report: ValidationReport; fileName: string }) {
  return (
    <div data-testid="import-validation">
      <strong>{text.validationTitle}</strong>
      <p>{text.validationSummary(report.rowsRead, report.rowsValid, report.rowsWithProblems)}</p>
      <SkippedRows rows={report.skippedRows} total={report.skippedRowsTotal} />
      {report.problemsTotal === 0 ? <p className="import-ok">{text.noProblems}</p> : <ProblemTable problems={report.problems} total={report.problemsTotal} fileName={fileName} />}
    </div>
  );
}

/** A summarised problem counts every row it stands for (issue 12). */
const listedCount = (problems: ValidationReport['problems']) => problems.reduce((sum, problem) => sum + (problem.count ?? 1), 0);

function ProblemTable({ problems, total, fileName }: { problems: ValidationReport['problems']; total?: number; fileName: string }) {
  const status = useStatus();
  /** The error list as a workbook, to send back to whoever made the file. */
  const exportProblems = async () => {
    status.working(messages.desk.export.working);
    try {
      const columns = text.problemColumns;
      const result = await call('export.view', {
        title: messages.deskText.importErrors.title(fileName),
        format: 'xlsx',
        columns: [
          { header: columns.row, kind: 'integer' },
          { header: columns.column, kind: 'text' },
          { header: columns.header, kind: 'text' },
          { header: columns.message, kind: 'text' },
        ],
        rows: problems.map((problem) => [problem.row, String(problem.column ?? ''), problem.header ?? '', problem.message]),
        provenance: { filters: total !== undefined && total > listedCount(problems) ? [messages.importLayouts.moreProblems(total - listedCount(problems))] : [] },
      });
      status.done(deliverExport(result));
    } catch (reason) {
      status.failed((reason as Error).message);
    }
  };
  return (
    <div className="import-problems">
      {total !== undefined && total > listedCount(problems) && <p>{messages.importLayouts.moreProblems(total - listedCount(problems))}</p>}
      <button onClick={() => void exportProblems()} data-testid="import-problems-export">
        {messages.deskText.importErrors.export}
      </button>
      <StatusLine status={status} testId="import-problems-status" inline />
      <table className="import-table" data-testid="import-problems">
        <thead>
          <tr>
            <th>{text.problemColumns.row}</th>
            <th>{text.problemColumns.column}</th>
            <th>{text.problemColumns.header}</th>
            <th>{text.problemColumns.message}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((problem, index) => (
            <tr key={index}>
              <td>{problem.row}</td>
              <td>{problem.column}</td>
              <td>{problem.header ?? ''}</td>
              <td>
                {problem.message}
                {problem.count && problem.count > 1 ? ` (${messages.importLayouts.repeated(problem.count, problem.rows ?? [])})` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
