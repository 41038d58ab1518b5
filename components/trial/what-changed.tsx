// "What changed": every event of the trial's stream as a sentence, grouped by kind, newest first.
import { describeEvent } from '@/lib/trials/describe-event';
import type { TrialEventView } from '@/lib/trials/queries';
import styles from './trial.module.css';
import { SOURCE_WORDS, eventDate, groupEvents, isUrl, siteOf } from './words';

const COORDINATOR_WORDS: Partial<Record<TrialEventView['kind'], string>> = {
  note: "Note from the trial's coordinator",
  source_confirmed: "Confirmed by the trial's coordinator",
};

function SourceDetail({ detail }: { detail: string | null }) {
  if (!detail) return null;
  if (isUrl(detail))
    return (
      <>
        {' '}
        (<a href={detail}>{siteOf(detail)}</a>)
      </>
    );
  return <> ({detail})</>;
}

export function WhatChanged({ events }: { events: TrialEventView[] }) {
  const groups = groupEvents(events);
  if (groups.length === 0) return <p>The tracker has no recorded changes for this trial yet.</p>;
  return (
    <>
      {groups.map((group) => (
        <section key={group.id} aria-labelledby={`changes-${group.id}`} className={styles.changeGroup}>
          <h4 id={`changes-${group.id}`}>
            {group.heading} ({group.events.length})
          </h4>
          <ul className={styles.changes}>
            {group.events.map((event) => {
              const when = eventDate(event);
              return (
                <li key={event.id}>
                  <span className={styles.changeDate}>
                    {when.recorded ? 'Recorded ' : ''}
                    <time dateTime={when.iso}>{when.text}</time>
                  </span>
                  <span className={styles.changeText}>{describeEvent(event)}</span>
                  {event.reason ? <span className={styles.changeSource}>Reason given: {event.reason}</span> : null}
                  {event.source === 'coordinator' ? (
                    // Never who: the stream keeps the account, families see the role.
                    <span className={styles.changeSource}>{COORDINATOR_WORDS[event.kind] ?? SOURCE_WORDS.coordinator}</span>
                  ) : (
                    <span className={styles.changeSource}>
                      Source: {SOURCE_WORDS[event.source]}
                      <SourceDetail detail={event.sourceDetail} />
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </>
  );
}
