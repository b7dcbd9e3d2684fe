import { useState } from 'react';
import type { DecisionRow, ExemptionProposal } from '../../../shared/api';
import { localToday } from '../../../shared/periods';
import { call } from '../api-client';
import { formatDanishDate, formatDanishDateTime } from '../../../shared/words-da';
import { messages } from '../messages/da';
import { StatusLine, useStatus } from './status-line';
import { describePeriod } from '../../../shared/period-words';
import { PlaceholderInput } from './placeholder-input';

const text = messages.desk.decision;
const words = messages.decisions;

interface Action {
  key: string;
  label: string;
  subject: string;
  verdict: string;
  needsReason: boolean;
}

export function proposalSubject(proposal: ExemptionProposal): string {
  return `exemption:${proposal.reason}:${proposal.criterion ?? 'all'}`;
}

/** A decision row in words: the subject and the verdict, never a code. */
export function subjectWords(subject: string): string {
  return words.subjects[subject] ?? subject;
}
export function verdictWords(verdict: string): string {
  return text.status[verdict as keyof typeof text.status] || words.verdicts[verdict] || verdict;
}

/**
 * The reviewer decides: accept or reject a proposed exemption (with a reason: the law asks for a
 * concrete judgment), mark the municipality as contacted, or write a note, each with a date.
 * Rows are append-only; a decision is withdrawn by a new row with a reason, and the history
 * shows them all.
 */
export function DecisionPanel(props: { ruleSetId: string; period: string; municipalityCode: number; proposals: ExemptionProposal[]; history: DecisionRow[] }) {
  const actions: Action[] = [
    { key: 'contact', label: text.markContacted, subject: 'contact', verdict: 'contacted', needsReason: false },
    ...props.proposals.flatMap((proposal) => {
      const what = `${messages.desk.reason[proposal.reason]}${proposal.criterion ? ` (${messages.desk.criterion[proposal.criterion]})` : ''}`;
      return [
        { key: `${proposalSubject(proposal)}:accepted`, label: `${text.acceptExemption}: ${what}`, subject: proposalSubject(proposal), verdict: 'accepted', needsReason: true },
        { key: `${proposalSubject(proposal)}:rejected`, label: `${text.rejectExemption}: ${what}`, subject: proposalSubject(proposal), verdict: 'rejected', needsReason: true },
      ];
    }),
    { key: 'note', label: words.addNote, subject: 'note', verdict: 'recorded', needsReason: true },
  ];
  const [actionKey, setActionKey] = useState(actions[0].key);
  const [date, setDate] = useState(() => localToday());
  const [reason, setReason] = useState('');
  const status = useStatus();
  const [busy, setBusy] = useState(false);
  const [withdrawing, setWithdrawing] = useState<number | null>(null);
  const [withdrawReason, setWithdrawReason] = useState('');
  const action = actions.find((candidate) => candidate.key === actionKey) ?? actions[0];
  // Only the latest row of each subject, and not itself a withdrawal, can be withdrawn.
  const withdrawable = new Set(
    props.history
      .filter((row) => row.period === props.period)
      .filter((row, index, rows) => rows.findIndex((other) => other.subject === row.subject) === index && row.verdict !== 'withdrawn')
      .map((row) => row.id),
  );

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      status.done(done);
      return true;
    } catch (error) {
      status.failed((error as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const record = async () => {
    if (action.needsReason && reason.trim() === '') {
      status.failed(text.needReason);
      return;
    }
    const ok = await run(
      () =>
        call('decisions.record', {
          ruleSetId: props.ruleSetId,
          period: props.period,
          municipalityCode: props.municipalityCode,
          subject: action.subject,
          verdict: action.verdict,
          decidedOn: date || null,
          reason: reason.trim(),
        }),
      action.subject === 'note' ? words.noteSaved : text.recorded,
    );
    if (ok) setReason('');
  };

  const withdraw = async (id: number) => {
    if (withdrawReason.trim() === '') {
      status.failed(text.needReason);
      return;
    }
    const ok = await run(() => call('decisions.withdraw', { id, reason: withdrawReason.trim(), decidedOn: localToday() }), words.withdrawn);
    if (ok) {
      setWithdrawing(null);
      setWithdrawReason('');
    }
  };

  return (
    <section className="panel decision-panel" id="decision-panel" data-testid="decision-panel" aria-label={text.title} tabIndex={-1}>
      <h3>{text.title}</h3>
      <div className="form-row">
        <label>
          {text.action}
          <select value={actionKey} onChange={(event) => setActionKey(event.target.value)} data-testid="decision-action">
            {actions.map((candidate) => (
              <option key={candidate.key} value={candidate.key}>
                {candidate.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {text.date}
          <input type="date" value={date} onChange={(event) => setDate(event.target.value)} data-testid="decision-date" />
        </label>
      </div>
      <label className="block">
        {action.needsReason ? `${text.reason} *` : text.reason}
        <textarea rows={2} value={reason} onChange={(event) => setReason(event.target.value)} data-testid="decision-reason" />
      </label>
      <button className="primary" disabled={busy} onClick={record} data-testid="decision-record">
        {text.record}
      </button>
      <StatusLine status={status} testId="decision-status" inline />
      <h4>{text.historyTitle}</h4>
      {props.history.length === 0 ? (
        <p className="muted">{text.none}</p>
      ) : (
        <table className="history" data-testid="decision-history">
          <tbody>
            {props.history.map((row) => (
              <tr key={row.id} data-decision-id={row.id} data-verdict={row.verdict}>
                <td>{`${row.id}.`}</td>
                <td>{row.decidedOn ? formatDanishDate(row.decidedOn) : formatDanishDateTime(row.decidedAt)}</td>
                <td>{`${describePeriod(row.period)} · ${subjectWords(row.subject)}`}</td>
                <td>{verdictWords(row.verdict)}</td>
                <td>{row.withdrawsId ? `${row.reason} (${words.withdrawnRow(row.withdrawsId)})` : row.reason}</td>
                <td className="muted">{`${text.by} ${row.decidedBy}, ${formatDanishDateTime(row.decidedAt)}`}</td>
                <td>
                  {withdrawable.has(row.id) &&
                    (withdrawing === row.id ? (
                      <span className="withdraw-form">
                        <PlaceholderInput label={words.withdrawReason} value={withdrawReason} onChange={setWithdrawReason} testId="withdraw-reason" />
                        <button disabled={busy} onClick={() => withdraw(row.id)} data-testid="withdraw-confirm">
                          {words.withdraw}
                        </button>
                      </span>
                    ) : (
                      <button onClick={() => setWithdrawing(row.id)} data-testid="withdraw">
                        {words.withdraw}
                      </button>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
