// The coordinator's form, as posted, turned into the update the data layer parses (lib/trials/update.ts).
// Control names are the update's dotted paths (`primaryCompletionDate.date`, `sites.3.status`), so a field
// error from zod comes back to the control it is about. Only shape is handled here; zod judges the values.

export type FormValues = Record<string, string>;

const DATE_FIELDS = ['startDate', 'primaryCompletionDate', 'completionDate'] as const;
const WHOLE = /^\d+$/;

/** Every string value the form posted, for refilling the form after an error. */
export function formValues(formData: FormData): FormValues {
  const values: FormValues = {};
  for (const [key, value] of formData.entries()) if (typeof value === 'string' && !key.startsWith('$ACTION')) values[key] = value;
  return values;
}

export type FormUpdate = {
  input: Record<string, unknown>;
  /**
   * Friendlier words for what the form can already tell (not a number where one is needed), by control name.
   * The raw value still goes to the update, whose parse refuses it together with every other problem.
   */
  errors: Record<string, string>;
  /** Maps an error path of the update (`sites.0.status`) to the form control it is about. */
  controlOf: (path: string) => string;
};

export function formToUpdateInput(values: FormValues, version: number): FormUpdate {
  const errors: Record<string, string> = {};
  const input: Record<string, unknown> = { version };
  const text = (name: string) => (values[name] ?? '').trim();
  // The form posts what each control held when it was read (`orig.<name>`). Only what the person changed is
  // sent, so saving over a newer version never quietly puts back a value someone else just changed.
  const hasOriginals = Object.keys(values).some((k) => k.startsWith('orig.'));
  const touched = (...names: string[]) => !hasOriginals || names.some((n) => n in values && text(n) !== text(`orig.${n}`));

  if (text('overallStatus') && touched('overallStatus')) input.overallStatus = text('overallStatus');
  if (text('reason')) input.reason = text('reason');
  if (text('phase') && touched('phase')) input.phase = text('phase');
  for (const field of DATE_FIELDS) {
    if (!(`${field}.date` in values) || !touched(`${field}.date`, `${field}.type`)) continue;
    const date = text(`${field}.date`);
    // An emptied date clears it; its type means nothing without a date.
    input[field] = date ? { date, type: text(`${field}.type`) || undefined } : null;
  }
  if ('enrollment.count' in values && touched('enrollment.count', 'enrollment.type')) {
    const count = text('enrollment.count');
    if (!count) input.enrollment = null;
    else if (!WHOLE.test(count)) {
      errors['enrollment.count'] = 'must be a whole number of people, like 60';
      input.enrollment = { count, type: text('enrollment.type') || undefined }; // zod refuses it, with the rest
    } else input.enrollment = { count: Number(count), type: text('enrollment.type') || undefined };
  }
  for (const field of ['maxMonthsSinceOnset', 'minVitalCapacityPct'] as const) {
    if (!(field in values) || !touched(field)) continue;
    const raw = text(field);
    if (!raw) input[field] = null;
    else if (!WHOLE.test(raw)) {
      errors[field] = 'must be a whole number, or empty when not known';
      input[field] = raw;
    } else input[field] = Number(raw);
  }
  for (const field of ['riluzoleAllowed', 'edaravoneAllowed'] as const) {
    if (!(field in values) || !touched(field)) continue;
    const raw = text(field);
    input[field] = raw === 'yes' ? true : raw === 'no' ? false : null;
  }
  if ('plainSummary' in values && touched('plainSummary')) input.plainSummary = text('plainSummary') || null;
  if (text('note')) input.note = text('note');

  const sites = Object.keys(values)
    .map((key) => /^sites\.(\d+)\.status$/.exec(key))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ index: Number(m[1]), status: text(m[0]) }))
    .sort((a, b) => a.index - b.index);
  // Only sites whose status the coordinator changed: a trial may list hundreds.
  const changed = sites.filter((s) => s.status && s.status !== text(`sites.${s.index}.was`));
  if (changed.length) input.sites = changed.map((s) => ({ position: Number(text(`sites.${s.index}.position`) || s.index), status: s.status }));
  const controlOf = (path: string) => {
    const m = /^sites\.(\d+)(?:\.\w+)?$/.exec(path);
    const site = m ? changed[Number(m[1])] : undefined;
    return site ? `sites.${site.index}.status` : path;
  };
  return { input, errors, controlOf };
}
