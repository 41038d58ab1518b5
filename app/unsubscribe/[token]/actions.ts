'use server';
// The button on /unsubscribe/[token]. No sign-in: the link's token is the authority (as for the one-click
// POST), checked by the data function; a token that matches nothing changes nothing and the page says so.
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { db } from '@/db/client';
import { unsubscribeEmails } from '@/lib/notifications/worker';

const inputSchema = z.object({ token: z.string().max(2000) });

export async function stopEmails(formData: FormData): Promise<void> {
  const parsed = inputSchema.safeParse({ token: formData.get('token') });
  const token = parsed.success ? parsed.data.token : '';
  const done = unsubscribeEmails(db(), token);
  // Back to the page, which now reads the setting as off; an unknown link shows "no longer valid" there.
  redirect(`/unsubscribe/${encodeURIComponent(token || 'invalid')}${done ? '?done=1' : ''}`);
}
