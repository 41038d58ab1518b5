'use server';
// Watchlists: create, save a search, rename, share, rotate feed addresses, subscribe, e-mail frequency,
// delete. Each parses and authorises inside the data function (lib/watchlists/watchlists.ts).
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { db } from '@/db/client';
import { type ActionError, runAction } from '@/lib/auth/action';
import {
  createWatchlist,
  deleteWatchlist,
  rotateFeedToken,
  rotateShareToken,
  saveSearch,
  setEmailCadence,
  subscribe,
  unsubscribe,
  updateWatchlist,
} from '@/lib/watchlists/watchlists';

export type ListFormState = { seq: number; error?: ActionError; done?: string };

const str = (formData: FormData, name: string) => String(formData.get(name) ?? '');
const id = (formData: FormData) => Number(formData.get('watchlistId'));

export async function createWatchlistAction(previous: ListFormState, formData: FormData): Promise<ListFormState> {
  const result = await runAction((actor) => createWatchlist(db(), actor, { name: str(formData, 'name') }));
  if (!result.ok) return { seq: previous.seq + 1, error: result.error };
  redirect(`/watchlists/${result.value.id}`);
}

export async function saveSearchAction(previous: ListFormState, formData: FormData): Promise<ListFormState> {
  const result = await runAction((actor) => saveSearch(db(), actor, { name: str(formData, 'name'), query: str(formData, 'query') }));
  if (!result.ok) return { seq: previous.seq + 1, error: result.error };
  redirect(`/watchlists/${result.value.id}?saved=1`);
}

/** One action for the list's settings forms; `intent` names what the pressed button does. */
export async function updateWatchlistAction(previous: ListFormState, formData: FormData): Promise<ListFormState> {
  const watchlistId = id(formData);
  const intent = str(formData, 'intent');
  const result = await runAction((actor) => {
    switch (intent) {
      case 'rename':
        return updateWatchlist(db(), actor, watchlistId, { name: str(formData, 'name') }), 'The list is renamed.';
      case 'visibility':
        return updateWatchlist(db(), actor, watchlistId, { visibility: str(formData, 'visibility') }), 'Who can see the list is saved.';
      case 'cadence':
        return setEmailCadence(db(), actor, { watchlistId, cadence: str(formData, 'cadence') }), 'Your e-mail choice is saved.';
      case 'rotate-feed':
        return rotateFeedToken(db(), actor, watchlistId), 'The feed addresses are new; the old ones no longer work.';
      case 'rotate-share':
        return rotateShareToken(db(), actor, watchlistId), 'The sharing link is new; the old one no longer works.';
      case 'subscribe':
        return subscribe(db(), actor, { watchlistId }), 'You follow this list now.';
      case 'unsubscribe':
        return unsubscribe(db(), actor, { watchlistId }), 'You no longer follow this list.';
      default:
        return 'Nothing to do.';
    }
  });
  if (!result.ok) return { seq: previous.seq + 1, error: result.error };
  revalidatePath('/watchlists', 'layout');
  revalidatePath('/lists');
  // A shared list stops being readable by id once you stop following it: go back to your lists.
  if (intent === 'unsubscribe') redirect('/watchlists?left=1');
  return { seq: previous.seq + 1, done: result.value };
}

export async function subscribeByShareTokenAction(previous: ListFormState, formData: FormData): Promise<ListFormState> {
  const result = await runAction((actor) => subscribe(db(), actor, { shareToken: str(formData, 'shareToken') }));
  if (!result.ok) return { seq: previous.seq + 1, error: result.error };
  revalidatePath('/watchlists', 'layout');
  return { seq: previous.seq + 1, done: 'You follow this list now. It is under Watchlists.' };
}

export async function deleteWatchlistAction(previous: ListFormState, formData: FormData): Promise<ListFormState> {
  const result = await runAction((actor) => deleteWatchlist(db(), actor, id(formData)));
  if (!result.ok) return { seq: previous.seq + 1, error: result.error };
  revalidatePath('/watchlists', 'layout');
  redirect('/watchlists?deleted=1');
}
