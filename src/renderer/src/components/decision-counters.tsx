import { messages } from '../messages/da';

/** The letter's terms after the reviewer's decisions: "62 opfylder kriterierne; 2 undtaget; 60 kontaktes". */
export function DecisionCounters({ summary }: { summary: { failsCriteria: number; exempted: number; toContact: number } }) {
  return (
    <p className="decision-counters" data-testid="decision-counters">
      {messages.decisions.counters(summary.failsCriteria, summary.exempted, summary.toContact)}
    </p>
  );
}
