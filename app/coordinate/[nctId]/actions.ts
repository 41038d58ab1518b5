'use server';
// Saving a coordinator's update. The data layer parses it (zod), checks that this person coordinates this
// trial or is an admin, refuses a stale version with what changed, and writes trial and events together.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { db } from '@/db/client';
import { type ActionError, runAction } from '@/lib/auth/action';
import { resolveClaim } from '@/lib/trials/claims';
import { parseNctId } from '@/lib/trials/list-params';
import { updateTrial } from '@/lib/trials/update';
import { formToUpdateInput, formValues, type FormValues } from '@/lib/trials/update-form';

export type UpdateFormState = {
  /** Bumped on every answer, so the form can move focus to it even when it says the same thing twice. */
  seq: number;
  saved?: { version: number; events: number };
  error?: ActionError;
  /** What was posted, to refill the form after an error: nothing typed is lost. */
  values?: FormValues;
};

export async function saveTrialUpdate(previous: UpdateFormState, formData: FormData): Promise<UpdateFormState> {
  const seq = previous.seq + 1;
  const values = formValues(formData);
  let nctId: string;
  try {
    nctId = parseNctId(values.nctId ?? '');
  } catch {
    return { seq, values, error: { code: 'bad_request:trial', status: 400, message: 'This form is not for a known trial. Reload the page.', fields: {} } };
  }
  // "Save over the latest version" posts the version the conflict message showed.
  const version = Number(values.overrideVersion || values.version);
  const { input, errors, controlOf } = formToUpdateInput(values, Number.isInteger(version) ? version : 0);
  const result = await runAction((actor) => updateTrial(db(), nctId, input, actor));
  if (!result.ok) {
    const fields = { ...Object.fromEntries(Object.entries(result.error.fields).map(([path, message]) => [controlOf(path), message])), ...errors };
    return { seq, values, error: { ...result.error, fields } };
  }
  revalidatePath(`/trials/${nctId}`);
  revalidatePath(`/coordinate/${nctId}`);
  revalidatePath('/');
  return { seq, saved: { version: result.value.version, events: result.value.events } };
}

export type ResolveState = { seq: number; done?: string; error?: string };

/** A coordinator confirms one of two disagreeing values: their own, or the registry's (or curation's). */
export async function resolveDisputeAction(previous: ResolveState, formData: FormData): Promise<ResolveState> {
  const seq = previous.seq + 1;
  const raw = String(formData.get('nctId') ?? '');
  let nctId: string;
  try {
    nctId = parseNctId(raw);
  } catch {
    return { seq, error: 'This form is not for a known trial. Reload the page.' };
  }
  const input = { field: String(formData.get('field') ?? ''), keep: String(formData.get('keep') ?? ''), version: Number(formData.get('version')) };
  const result = await runAction((actor) => resolveClaim(db(), nctId, input, actor));
  if (!result.ok) return { seq, error: result.error.message };
  revalidatePath(`/trials/${nctId}`);
  // The dispute's form is gone once it is settled: the page says what happened, at the top, with focus.
  redirect(`/coordinate/${nctId}?settled=${input.keep === 'coordinator' ? 'kept' : 'taken'}&at=${Date.now()}`);
}
