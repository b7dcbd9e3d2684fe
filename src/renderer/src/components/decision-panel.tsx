import { useState } from 'react';
import type { DecisionRow, ExemptionProposal } from '../../../shared/api';
import { describeSubject, describeVerdict, formatDanishDate, formatDanishDateTime } from '../../../shared/words-da';
import { messages } from '../messages/da';
import { useCall } from '../use-api';
import { StatusLine, useStatus } from './status-line';

const text = messages.desk.decision;

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

/**
 * The reviewer decides: accept or reject a proposed exemption, or mark the municipality as
 * contacted, each with a date and a reason. Rows are append-only; the history shows them all.
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
  ];
  const [actionKey, setActionKey] = useState(actions[0].key);
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [reason, setReason] = useState('');
  const status = useStatus();
  const recordCall = useCall('decisions.record');
  const busy = recordCall.isPending;
  const action = actions.find((candidate) => candidate.key === actionKey) ?? actions[0];

  const record = async () => {
    if (action.needsReason && reason.trim() === '') {
      status.failed(text.needReason);
      return;
    }
    try {
      await recordCall.mutateAsync({
        ruleSetId: props.ruleSetId,
        period: props.period,
        municipalityCode: props.municipalityCode,
        subject: action.subject,
        verdict: action.verdict,
        decidedOn: date || null,
        reason: reason.trim(),
      });
      setReason('');
      status.done(text.recorded);
    } catch (error) {
      status.failed((error as Error).message);
    }
  };

  return (
    <section className="panel decision-panel" data-testid="decision-panel" aria-label={text.title}>
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
        {text.reason}
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
              <tr key={row.id}>
                <td>{row.decidedOn ? formatDanishDate(row.decidedOn) : formatDanishDateTime(row.decidedAt)}</td>
                <td>{describeSubject(row.subject)}</td>
                <td>{text.status[row.verdict as keyof typeof text.status] || describeVerdict(row.verdict)}</td>
                <td>{row.reason}</td>
                <td className="muted">{`${text.by} ${row.decidedBy}, ${formatDanishDateTime(row.decidedAt)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
