'use server';
// Admin actions: assign and remove trial coordinators. Both are authorised inside the data functions
// (admin read from the database) and recorded in role_changes with who and when.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { db } from '@/db/client';
import { type ActionError, runAction } from '@/lib/auth/action';
import { assignCoordinator, removeCoordinator } from '@/lib/auth/admin';

export type AdminFormState = { done?: string; error?: ActionError; values?: { email: string; nctId: string } };

export async function assignCoordinatorAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const input = { email: String(formData.get('email') ?? ''), nctId: String(formData.get('nctId') ?? '') };
  const result = await runAction((actor) => assignCoordinator(db(), actor, input));
  if (!result.ok) return { error: result.error, values: input };
  revalidatePath('/admin');
  // The confirmation names the person masked, and the form is emptied: no address goes back in the response.
  return { done: `${result.value.coordinator} is now a coordinator of ${result.value.nctId}.` };
}

export type RemoveState = { done?: string; error?: string };

export async function removeCoordinatorAction(_previous: RemoveState, formData: FormData): Promise<RemoveState> {
  const input = { userId: String(formData.get('userId') ?? ''), nctId: String(formData.get('nctId') ?? '') };
  const result = await runAction((actor) => removeCoordinator(db(), actor, input));
  if (!result.ok) return { error: result.error.message };
  revalidatePath('/admin');
  // The row with this button is gone after the removal: say so at the top of the page, which takes focus.
  redirect(`/admin?removed=${result.value.nctId}&at=${Date.now()}`);
}
