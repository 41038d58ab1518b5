'use server';
// Personal API tokens for coordinators' tools: created with a name, shown once, stored only hashed, revoked here.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { db } from '@/db/client';
import { type ActionError, runAction } from '@/lib/auth/action';
import { createApiToken, revokeApiToken } from '@/lib/auth/tokens';

export type TokenFormState = { seq: number; created?: { name: string; token: string }; error?: ActionError; name?: string };

export async function createTokenAction(previous: TokenFormState, formData: FormData): Promise<TokenFormState> {
  const name = String(formData.get('name') ?? '');
  const result = await runAction((actor) => createApiToken(db(), actor, { name }));
  if (!result.ok) return { seq: previous.seq + 1, error: result.error, name };
  revalidatePath('/account');
  return { seq: previous.seq + 1, created: { name: result.value.name, token: result.value.token } };
}

export type RevokeState = { done?: string; error?: string };

export async function revokeTokenAction(_previous: RevokeState, formData: FormData): Promise<RevokeState> {
  const result = await runAction((actor) => revokeApiToken(db(), actor, formData.get('id')));
  if (!result.ok) return { error: result.error.message };
  revalidatePath('/account');
  redirect(`/account?revoked=${result.value.id}&at=${Date.now()}`);
}
