import type { CitizenRow, CitizenTimeline as Timeline } from '../../../shared/api';
import { describePeriod, formatDanishDate } from '../../../shared/words-da';
import { messages } from '../messages/da';

/*
 * cit-desk (issue 10): one citizen's spells on a time axis of the six months, every interview and
 * offer placed on it (filled when it counted, hollow when not), today and the deadline marked,
 * and the same events as an ordered list with what counted and why not.
 */

const text = messages.citizens.timeline;
type TimelineEvent = Timeline['events'][number];

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

function whyNotCounted(event: TimelineEvent, events: TimelineEvent[]): string {
  if (event.spellId === null) return text.notCounted.outside;
  if (event.kind === 'interview' && event.heldBy === 'a-kasse') return text.notCounted.aKasse;
  const twin = events.some((other) => other !== event && other.counted && other.spellId === event.spellId && other.date === event.date && other.kind === event.kind && other.heldBy === event.heldBy);
  return twin ? text.notCounted.duplicate : text.notCounted.other;
}

function eventWords(event: TimelineEvent): string {
  return event.kind === 'interview' ? text.interview(text.heldBy[event.heldBy ?? 'unknown']) : text.offer(event.offerType);
}

function Axis({ spell, events, asOf }: { spell: CitizenRow; events: TimelineEvent[]; asOf: string }) {
  const start = dayNumber(spell.startDate);
  const span = dayNumber(spell.windowEnd) - start;
  const at = (iso: string) => Math.min(100, Math.max(0, ((dayNumber(iso) - start) / span) * 100));
  const months = Array.from({ length: 6 }, (_, index) => {
    const date = new Date(`${spell.startDate}T00:00:00Z`);
    date.setUTCMonth(date.getUTCMonth() + index, 1);
    return date.toISOString().slice(0, 10);
  });
  const today = dayNumber(asOf);
  return (
    <div className="citizen-axis" role="img" aria-label={text.axisLabel} data-testid="citizen-axis">
      <div className="citizen-axis-line" />
      {months.slice(1).map((month) => (
        <span key={month} className="citizen-axis-tick" style={{ left: `${at(month)}%` }} />
      ))}
      {today >= start && today < start + span && <span className="citizen-axis-today" style={{ left: `${at(asOf)}%` }} title={text.today} />}
      {events
        .filter((event) => event.date >= spell.startDate && event.date < spell.windowEnd)
        .map((event, index) => (
          <span
            key={index}
            className={`citizen-axis-event ${event.kind} ${event.counted ? 'counted' : 'not-counted'}`}
            style={{ left: `${at(event.date)}%` }}
            title={`${formatDanishDate(event.date)}: ${eventWords(event)}`}
          />
        ))}
      <span className="citizen-axis-label start">{formatDanishDate(spell.startDate)}</span>
      <span className="citizen-axis-label end">{formatDanishDate(spell.deadline)}</span>
    </div>
  );
}

export function CitizenTimeline({ timeline, asOf, onReveal, onHide }: { timeline: Timeline; asOf: string; onReveal(): void; onHide(): void }) {
  if (timeline.spells.length === 0) return <p className="muted" data-testid="timeline-gone">{text.gone}</p>;
  const outside = timeline.events.filter((event) => event.spellId === null);
  return (
    <div className="citizen-timeline" data-testid="citizen-timeline">
      <div className="toolbar">
        <strong className="citizen-id" data-testid="timeline-citizen-id">
          {timeline.citizenId}
        </strong>
        {timeline.revealed ? (
          <button onClick={onHide} data-testid="hide-id">
            {text.hide}
          </button>
        ) : (
          <button onClick={onReveal} data-testid="reveal-id">
            {text.reveal}
          </button>
        )}
      </div>
      {timeline.revealed && <p className="muted">{text.revealedNote}</p>}
      {timeline.spells.map((spell) => {
        const mine = timeline.events.filter((event) => event.spellId === spell.spellId);
        const countedInterviews = mine.filter((event) => event.counted && event.kind === 'interview').length;
        const countedOffers = mine.filter((event) => event.counted && event.kind === 'offer').length;
        const agrees = countedInterviews === spell.interviewsCounted && countedOffers === spell.offers;
        return (
          <section key={spell.spellId} className="citizen-spell" data-testid="citizen-spell">
            <h4>{text.spell(spell.municipalityName, spell.groupLabel)}</h4>
            <p>{text.window(formatDanishDate(spell.startDate), formatDanishDate(spell.deadline))}</p>
            <p className={spell.daysLeft >= 0 && (spell.interviewsMissing > 0 || spell.offerMissing) ? 'citizen-deadline urgent' : 'citizen-deadline'}>
              {text.deadline(formatDanishDate(spell.deadline), text.daysLeft(spell.daysLeft))}
            </p>
            <Axis spell={spell} events={mine} asOf={asOf} />
            <ul className="citizen-facts">
              <li>{text.requirement(spell.requiredInterviews, spell.offerRequired)}</li>
              <li>{text.held(spell.interviewsCounted, spell.requiredInterviews, spell.interviewsNotCounted)}</li>
              <li>{text.offers(spell.offers, spell.offerRequired)}</li>
              <li data-testid="timeline-missing">
                <strong>{text.missing(messages.citizens.missing(spell.interviewsMissing, spell.offerMissing))}</strong>
              </li>
              <li>{spell.cohortMonth ? text.cohort(describePeriod(spell.cohortMonth)) : text.noCohort}</li>
              {spell.endDate && <li>{text.ended(formatDanishDate(spell.endDate))}</li>}
            </ul>
            {!agrees && (
              <p className="import-warning" role="status">
                {text.mismatch}
              </p>
            )}
            <EventList events={mine} all={timeline.events} />
          </section>
        );
      })}
      {outside.length > 0 && (
        <section className="citizen-spell">
          <h4>{text.notCounted.outside}</h4>
          <EventList events={outside} all={timeline.events} />
        </section>
      )}
    </div>
  );
}

function EventList({ events, all }: { events: TimelineEvent[]; all: TimelineEvent[] }) {
  if (events.length === 0) return <p className="muted">{text.noEvents}</p>;
  return (
    <ol className="citizen-events" aria-label={text.events}>
      {events.map((event, index) => (
        <li key={index} className={event.counted ? 'counted' : 'not-counted'} data-testid="timeline-event">
          <span className="citizen-event-date">{formatDanishDate(event.date)}</span>
          <span>{eventWords(event)}</span>
          <span className="citizen-event-status">{event.counted ? text.counted : whyNotCounted(event, all)}</span>
        </li>
      ))}
    </ol>
  );
}
