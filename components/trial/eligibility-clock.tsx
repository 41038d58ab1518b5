'use client';
// The eligibility clock: a visitor picks the month their symptoms began and sees whether they are still
// inside the trial's "months since first symptoms" window. Health information, so it stays in this
// browser: computed here, kept only in localStorage, never in a URL, a form submission or a request.
import { useId, useRef, useState, useSyncExternalStore } from 'react';
import { onsetWindow } from '@/lib/trials/milestones';
import styles from './trial.module.css';

// One key for every trial: the onset month belongs to the visitor, not to a trial. Nothing personal in the key.
const STORAGE_KEY = 'als-trial-tracker:symptom-onset-month';
const CHANGE_EVENT = 'als-trial-tracker:symptom-onset-change';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

type Choice = { month: string; year: string };
const EMPTY: Choice = { month: '', year: '' };

function subscribe(onChange: () => void): () => void {
  window.addEventListener('storage', onChange);
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener('storage', onChange);
    window.removeEventListener(CHANGE_EVENT, onChange);
  };
}

function readStored(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage blocked: the clock still works, it just forgets
  }
}

function writeStored(value: string | null) {
  try {
    if (value === null) window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, value);
  } catch {
    // storage blocked or full: nothing to keep
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

function parseStored(value: string | null): Choice | null {
  const match = value?.match(/^(\d{4})-(\d{2})$/);
  if (!match) return null;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  return { year: match[1]!, month: String(month) };
}

const monthName = (at: { year: number; month: number }) => `${MONTHS[at.month - 1]} ${at.year}`;

export function EligibilityClock({ maxMonths, currentYear }: { maxMonths: number; currentYear: number }) {
  const id = useId();
  const monthRef = useRef<HTMLSelectElement>(null);
  const stored = useSyncExternalStore(subscribe, readStored, () => null);
  // What the visitor is choosing; until they touch the selects, what this browser kept.
  const [draft, setDraft] = useState<Choice | null>(null);
  const choice = draft ?? parseStored(stored) ?? EMPTY;

  const yearsBack = Math.max(10, Math.ceil(maxMonths / 12) + 3);
  const years = Array.from({ length: yearsBack + 1 }, (_, i) => String(currentYear - i));

  function choose(next: Choice) {
    setDraft(next);
    writeStored(next.month && next.year ? `${next.year}-${next.month.padStart(2, '0')}` : null);
  }

  function clear() {
    setDraft(EMPTY);
    writeStored(null);
    monthRef.current?.focus();
  }

  let result: React.ReactNode = `Choose a month and a year to see the result.`;
  if (choice.month && choice.year) {
    const now = new Date();
    const standing = onsetWindow(
      { year: Number(choice.year), month: Number(choice.month) },
      maxMonths,
      { year: now.getFullYear(), month: now.getMonth() + 1 },
    );
    if (standing.state === 'future') result = 'That month is still to come. Choose the month your symptoms began.';
    else if (standing.state === 'inside') result = <strong>Eligible until about {monthName(standing.until)}</strong>;
    else result = <strong>Outside the {maxMonths}-month window since {monthName(standing.since)}</strong>;
  }

  return (
    <div className={styles.clock}>
      <h3 id={`${id}-heading`}>Is it still early enough for you?</h3>
      <p>
        This trial takes people whose first ALS symptoms began no more than {maxMonths} months before they join.
        Choose the month your symptoms began to see until when that is.
      </p>
      <fieldset className={styles.clockFields}>
        <legend>When your symptoms began</legend>
        <div className={styles.clockField}>
          <label htmlFor={`${id}-month`}>Month</label>
          <select
            id={`${id}-month`}
            ref={monthRef}
            value={choice.month}
            onChange={(e) => choose({ ...choice, month: e.target.value })}
          >
            <option value="">Choose month</option>
            {MONTHS.map((name, i) => (
              <option key={name} value={String(i + 1)}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.clockField}>
          <label htmlFor={`${id}-year`}>Year</label>
          <select id={`${id}-year`} value={choice.year} onChange={(e) => choose({ ...choice, year: e.target.value })}>
            <option value="">Choose year</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className={styles.secondaryButton} onClick={clear}>
          Clear
        </button>
      </fieldset>
      <p className={styles.clockResult} aria-live="polite">
        {result}
      </p>
      <p className={styles.clockNote}>
        Kept only in this browser, never sent to us. This checks only the time since first symptoms; only the trial
        team can confirm whether you can join.
      </p>
    </div>
  );
}
