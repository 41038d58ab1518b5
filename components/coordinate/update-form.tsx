'use client';
// The coordinator's update form. Plain controls (keyboard, switch and screen-reader friendly), errors in
// words beside each field and in a summary that takes focus, entries kept after any refusal, and a stale
// save answered with what changed meanwhile and a way to save over it knowingly.
import Link from 'next/link';
import { useActionState, useEffect, useRef, useState } from 'react';
import { saveTrialUpdate, type UpdateFormState } from '@/app/coordinate/[nctId]/actions';
import styles from '@/components/ui/form.module.css';
import type { TrialEditView } from '@/lib/trials/edit-view';
import own from './update-form.module.css';

type Option = { value: string; label: string };
type Props = { trial: TrialEditView; statuses: Option[]; phases: Option[]; siteStatuses: Option[] };

const DATE_LABELS = { startDate: 'Start', primaryCompletionDate: 'Primary completion', completionDate: 'Completion' } as const;
const LABELS: Record<string, string> = {
  overallStatus: 'Overall status',
  reason: 'Reason for the status change',
  phase: 'Phase',
  'startDate.date': 'Start date',
  'startDate.type': 'Start date: actual or estimated',
  'primaryCompletionDate.date': 'Primary completion date',
  'primaryCompletionDate.type': 'Primary completion: actual or estimated',
  'completionDate.date': 'Completion date',
  'completionDate.type': 'Completion: actual or estimated',
  'enrollment.count': 'Enrolment',
  'enrollment.type': 'Enrolment: actual or estimated',
  maxMonthsSinceOnset: 'Longest time since first symptoms',
  minVitalCapacityPct: 'Lowest breathing capacity',
  riluzoleAllowed: 'Riluzole allowed',
  edaravoneAllowed: 'Edaravone allowed',
  plainSummary: 'Plain-language summary',
  note: 'Note to followers',
};

/** The id of the control a field error is about (radios: the first one). */
const controlId = (name: string) => `f-${name.replace(/\./g, '-')}${name.endsWith('.type') ? '-ACTUAL' : ''}`;
const labelOf = (name: string) => LABELS[name] ?? (/^sites\.\d+\.status$/.test(name) ? `Site ${Number(name.split('.')[1]) + 1}` : name);
const yesNo = (v: boolean | null) => (v === true ? 'yes' : v === false ? 'no' : 'unknown');

/** What each control holds when the form is read; only controls whose value differs are sent. */
function originalsOf(trial: TrialEditView): Record<string, string> {
  const originals: Record<string, string> = {
    overallStatus: trial.overallStatus ?? '',
    phase: trial.phase ?? '',
    'enrollment.count': trial.enrollment.count == null ? '' : String(trial.enrollment.count),
    'enrollment.type': trial.enrollment.type ?? 'ESTIMATED',
    maxMonthsSinceOnset: trial.maxMonthsSinceOnset == null ? '' : String(trial.maxMonthsSinceOnset),
    minVitalCapacityPct: trial.minVitalCapacityPct == null ? '' : String(trial.minVitalCapacityPct),
    riluzoleAllowed: yesNo(trial.riluzoleAllowed),
    edaravoneAllowed: yesNo(trial.edaravoneAllowed),
    plainSummary: trial.plainSummary ?? '',
  };
  for (const field of Object.keys(DATE_LABELS) as (keyof typeof DATE_LABELS)[]) {
    originals[`${field}.date`] = trial.dates[field].date ?? '';
    originals[`${field}.type`] = trial.dates[field].type ?? 'ESTIMATED';
  }
  return originals;
}

export function UpdateTrialForm({ trial, statuses, phases, siteStatuses }: Props) {
  const [state, action, pending] = useActionState<UpdateFormState, FormData>(saveTrialUpdate, { seq: 0 });
  const answer = useRef<HTMLDivElement>(null);
  // The version this form was read at. It moves only with this form's own saves: if the trial changes any
  // other way (a dispute resolved, another coordinator), the save is refused with what changed, never
  // quietly applied over values the form no longer shows.
  const [readAt, setReadAt] = useState({ seq: 0, version: trial.version });
  if (readAt.seq !== state.seq) setReadAt({ seq: state.seq, version: state.saved ? state.saved.version : readAt.version });
  useEffect(() => {
    if (state.seq > 0) answer.current?.focus();
  }, [state.seq]);

  const values = state.error ? state.values : undefined;
  const fields = state.error?.fields ?? {};
  const value = (name: string, fallback: string | number | null | undefined) => values?.[name] ?? (fallback == null ? '' : String(fallback));
  const invalid = (name: string) => (fields[name] ? true : undefined);
  const describedBy = (name: string, hint?: boolean) =>
    [hint ? `${controlId(name)}-hint` : null, fields[name] ? `${controlId(name)}-error` : null].filter(Boolean).join(' ') || undefined;
  const errorFor = (name: string) =>
    fields[name] ? (
      <p id={`${controlId(name)}-error`} className={styles.error}>
        {fields[name]}
      </p>
    ) : null;
  const conflict = state.error?.code === 'conflict:trial' ? (state.error.details as { currentVersion?: number; changes?: { text: string; source: string; recordedAt: string }[] } | undefined) : undefined;
  const generalError = state.error && Object.keys(fields).length === 0 ? state.error.message : null;

  return (
    <form key={state.seq} action={action} className={styles.form} noValidate aria-describedby="form-hint">
      <input type="hidden" name="nctId" value={trial.nctId} />
      <input type="hidden" name="version" value={values?.version ?? readAt.version} />
      {Object.entries(originalsOf(trial)).map(([name, original]) => (
        <input key={name} type="hidden" name={`orig.${name}`} value={values?.[`orig.${name}`] ?? original} />
      ))}
      <p id="form-hint" className={styles.hint}>
        Change only what is new. Fields you leave as they are are not recorded.
      </p>

      <div ref={answer} tabIndex={-1} aria-live="polite" className={own.answer}>
        {state.saved ? (
          <div className={styles.success}>
            <h3 className={own.answerHeading}>{state.saved.events ? 'Saved' : 'Nothing to save'}</h3>
            <p>
              {state.saved.events
                ? `${state.saved.events} change${state.saved.events === 1 ? '' : 's'} recorded. Families and followers see ${state.saved.events === 1 ? 'it' : 'them'} on the trial’s page now.`
                : 'Nothing was different from what the tracker already shows, so nothing was recorded.'}{' '}
              <Link href={`/trials/${trial.nctId}`}>See the trial’s page</Link>
            </p>
          </div>
        ) : null}
        {state.error ? (
          <div className={styles.summary}>
            <h3>{conflict ? 'Someone else changed this trial while you were editing' : 'Not saved'}</h3>
            {generalError ? <p>{generalError}</p> : null}
            {Object.keys(fields).length ? (
              <ul>
                {Object.entries(fields).map(([name, message]) => (
                  <li key={name}>
                    {name in LABELS || name.startsWith('sites.') ? (
                      <a href={`#${controlId(name)}`}>
                        {labelOf(name)}: {message}
                      </a>
                    ) : (
                      `${labelOf(name)}: ${message}`
                    )}
                  </li>
                ))}
              </ul>
            ) : null}
            {conflict?.changes?.length ? (
              <>
                <p>Changed since you opened this form:</p>
                <ul>
                  {conflict.changes.map((c, i) => (
                    <li key={i}>{c.text}</li>
                  ))}
                </ul>
              </>
            ) : null}
            {conflict?.currentVersion ? (
              <p>
                Your entries are still below. Check them against these changes, then{' '}
                <button type="submit" name="overrideVersion" value={conflict.currentVersion} className={styles.secondary}>
                  Save my entries over the latest version
                </button>{' '}
                or <Link href={`/coordinate/${trial.nctId}`}>start again from the latest version</Link>.
              </p>
            ) : null}
          </div>
        ) : null}
      </div>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Status</legend>
        <div className={styles.field}>
          <label htmlFor="f-overallStatus" className={styles.label}>
            Overall status
          </label>
          {errorFor('overallStatus')}
          <select id="f-overallStatus" name="overallStatus" className={styles.select} defaultValue={value('overallStatus', trial.overallStatus)} aria-invalid={invalid('overallStatus')} aria-describedby={describedBy('overallStatus')}>
            {trial.overallStatus ? null : <option value="">Not known</option>}
            {statuses.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.field}>
          <label htmlFor="f-reason" className={styles.label}>
            Reason for the status change
          </label>
          <p id="f-reason-hint" className={styles.hint}>
            Needed when the status changes. Families read it beside the change, so write it for them.
          </p>
          {errorFor('reason')}
          <textarea id="f-reason" name="reason" rows={3} className={styles.textarea} defaultValue={value('reason', '')} aria-invalid={invalid('reason')} aria-describedby={describedBy('reason', true)} />
        </div>
      </fieldset>

      <div className={styles.field}>
        <label htmlFor="f-phase" className={styles.label}>
          Phase
        </label>
        {errorFor('phase')}
        <select id="f-phase" name="phase" className={styles.select} defaultValue={value('phase', trial.phase)} aria-invalid={invalid('phase')} aria-describedby={describedBy('phase')}>
          {trial.phase ? null : <option value="">Not known</option>}
          {phases.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Key dates</legend>
        <p className={styles.hint}>Write a date as YYYY-MM-DD, or YYYY-MM when the day is not known. Empty a date to remove it.</p>
        {(Object.keys(DATE_LABELS) as (keyof typeof DATE_LABELS)[]).map((field) => (
          <div key={field} className={own.dateRow}>
            <div className={styles.field}>
              <label htmlFor={controlId(`${field}.date`)} className={styles.label}>
                {DATE_LABELS[field]} date
              </label>
              {errorFor(`${field}.date`)}
              <input
                id={controlId(`${field}.date`)}
                name={`${field}.date`}
                className={styles.input}
                size={12}
                inputMode="numeric"
                autoComplete="off"
                defaultValue={value(`${field}.date`, trial.dates[field].date)}
                aria-invalid={invalid(`${field}.date`)}
                aria-describedby={describedBy(`${field}.date`)}
              />
            </div>
            <fieldset className={own.inline} aria-describedby={fields[`${field}.type`] ? `${controlId(`${field}.type`)}-error` : undefined}>
              <legend className={own.inlineLegend}>{DATE_LABELS[field]} date is</legend>
              {errorFor(`${field}.type`)}
              <div className={styles.choices}>
                {(['ACTUAL', 'ESTIMATED'] as const).map((type) => (
                  <label key={type} className={styles.choice}>
                    <input type="radio" id={`f-${field}-type-${type}`} name={`${field}.type`} value={type} defaultChecked={value(`${field}.type`, trial.dates[field].type ?? 'ESTIMATED') === type} />
                    {type === 'ACTUAL' ? 'Actual' : 'Estimated'}
                  </label>
                ))}
              </div>
            </fieldset>
          </div>
        ))}
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Enrolment</legend>
        <div className={own.dateRow}>
          <div className={styles.field}>
            <label htmlFor="f-enrollment-count" className={styles.label}>
              Number of participants
            </label>
            {errorFor('enrollment.count')}
            <input id="f-enrollment-count" name="enrollment.count" className={styles.input} size={8} inputMode="numeric" autoComplete="off" defaultValue={value('enrollment.count', trial.enrollment.count)} aria-invalid={invalid('enrollment.count')} aria-describedby={describedBy('enrollment.count')} />
          </div>
          <fieldset className={own.inline} aria-describedby={fields['enrollment.type'] ? `${controlId('enrollment.type')}-error` : undefined}>
            <legend className={own.inlineLegend}>This number is</legend>
            {errorFor('enrollment.type')}
            <div className={styles.choices}>
              {(['ACTUAL', 'ESTIMATED'] as const).map((type) => (
                <label key={type} className={styles.choice}>
                  <input type="radio" id={`f-enrollment-type-${type}`} name="enrollment.type" value={type} defaultChecked={value('enrollment.type', trial.enrollment.type ?? 'ESTIMATED') === type} />
                  {type === 'ACTUAL' ? 'Actual (enrolled)' : 'Estimated (target)'}
                </label>
              ))}
            </div>
          </fieldset>
        </div>
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Recruiting sites</legend>
        {trial.sites.length === 0 ? (
          <p className={styles.hint}>The registry lists no sites for this trial.</p>
        ) : (
          <table className={styles.table}>
            <caption className="visually-hidden">Status of each site</caption>
            <thead>
              <tr>
                <th scope="col">Site</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {trial.sites.map((site, index) => {
                const name = `sites.${index}.status`;
                const where = [site.facility, site.city, site.state, site.country].filter(Boolean).join(', ') || `Site ${index + 1}`;
                return (
                  <tr key={site.position}>
                    <td>{where}</td>
                    <td>
                      <input type="hidden" name={`sites.${index}.position`} value={site.position} />
                      <input type="hidden" name={`sites.${index}.was`} value={site.status ?? ''} />
                      {errorFor(name)}
                      <select
                        id={controlId(name)}
                        name={name}
                        className={styles.select}
                        defaultValue={value(name, site.status)}
                        aria-label={`Status at ${where}`}
                        aria-invalid={invalid(name)}
                        aria-describedby={describedBy(name)}
                      >
                        {site.status && siteStatuses.some((o) => o.value === site.status) ? null : <option value="">{site.status ? `As registered (${site.status})` : 'Not given'}</option>}
                        {siteStatuses.map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Eligibility highlights</legend>
        <p className={styles.hint}>Leave a number empty when the protocol does not say.</p>
        <div className={styles.field}>
          <label htmlFor="f-maxMonthsSinceOnset" className={styles.label}>
            Longest time since first symptoms (months)
          </label>
          {errorFor('maxMonthsSinceOnset')}
          <input id="f-maxMonthsSinceOnset" name="maxMonthsSinceOnset" className={styles.input} size={6} inputMode="numeric" autoComplete="off" defaultValue={value('maxMonthsSinceOnset', trial.maxMonthsSinceOnset)} aria-invalid={invalid('maxMonthsSinceOnset')} aria-describedby={describedBy('maxMonthsSinceOnset')} />
        </div>
        <div className={styles.field}>
          <label htmlFor="f-minVitalCapacityPct" className={styles.label}>
            Lowest breathing capacity (% of predicted vital capacity)
          </label>
          {errorFor('minVitalCapacityPct')}
          <input id="f-minVitalCapacityPct" name="minVitalCapacityPct" className={styles.input} size={6} inputMode="numeric" autoComplete="off" defaultValue={value('minVitalCapacityPct', trial.minVitalCapacityPct)} aria-invalid={invalid('minVitalCapacityPct')} aria-describedby={describedBy('minVitalCapacityPct')} />
        </div>
        {(['riluzoleAllowed', 'edaravoneAllowed'] as const).map((field) => (
          <fieldset key={field} className={own.inline} aria-describedby={fields[field] ? `${controlId(field)}-error` : undefined}>
            <legend className={own.inlineLegend}>{field === 'riluzoleAllowed' ? 'Can participants take riluzole?' : 'Can participants take edaravone?'}</legend>
            {errorFor(field)}
            <div className={styles.choices}>
              {[
                ['yes', 'Yes'],
                ['no', 'No'],
                ['unknown', 'Not known'],
              ].map(([v, label]) => (
                <label key={v} className={styles.choice}>
                  <input type="radio" id={v === 'yes' ? controlId(field) : `f-${field}-${v}`} name={field} value={v} defaultChecked={value(field, yesNo(trial[field])) === v} />
                  {label}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
      </fieldset>

      <div className={styles.field}>
        <label htmlFor="f-plainSummary" className={styles.label}>
          Plain-language summary
        </label>
        <p id="f-plainSummary-hint" className={styles.hint}>
          What the trial tests and who it is for, in everyday words. Up to 4,000 characters.
        </p>
        {errorFor('plainSummary')}
        <textarea id="f-plainSummary" name="plainSummary" rows={6} className={styles.textarea} defaultValue={value('plainSummary', trial.plainSummary)} aria-invalid={invalid('plainSummary')} aria-describedby={describedBy('plainSummary', true)} />
      </div>

      <div className={styles.field}>
        <label htmlFor="f-note" className={styles.label}>
          Note to followers (optional)
        </label>
        <p id="f-note-hint" className={styles.hint}>
          Shown on the trial’s page with today’s date, and sent to people who follow this trial.
        </p>
        {errorFor('note')}
        <textarea id="f-note" name="note" rows={3} className={styles.textarea} defaultValue={value('note', '')} aria-invalid={invalid('note')} aria-describedby={describedBy('note', true)} />
      </div>

      <div>
        <button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save update'}
        </button>
      </div>
    </form>
  );
}
