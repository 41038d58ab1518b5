// The one way a server action runs: establish who is asking, then call a data function that parses the
// input and checks this person may do this to this record (inside its transaction). Server actions are
// public POST endpoints, so nothing here trusts the page that rendered the form.
import { isAppError } from '@/lib/errors';
import type { Actor } from './permissions';
import { currentActor } from './session';

export type ActionError = {
  code: string;
  status: number;
  message: string;
  /** Field errors keyed by the input's dotted path (e.g. `primaryCompletionDate.date`). */
  fields: Record<string, string>;
  details?: Record<string, unknown>;
};

export type ActionResult<T> = { ok: true; value: T } | { ok: false; error: ActionError };

const APOLOGY = 'Sorry, something went wrong on our side and nothing was saved. Please try again in a moment.';

export async function runAction<T>(work: (actor: Actor | null) => T | Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, value: await work(await currentActor()) };
  } catch (error) {
    if (!isAppError(error)) {
      console.error('Unexpected error in a server action:', error);
      return { ok: false, error: { code: 'internal', status: 500, message: APOLOGY, fields: {} } };
    }
    const fromDetails = (error.details?.fields ?? {}) as Record<string, string>;
    const fields = { ...fromDetails };
    if (error.field && !fields[error.field]) fields[error.field] = error.message.replace(/^[\w.]+: /, '');
    return { ok: false, error: { code: error.code, status: error.status, message: error.message, fields, details: error.details } };
  }
}
