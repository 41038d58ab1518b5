// Page-level gates for signed-in pages. They decide what to render; the actions and data functions
// behind the page check again, because a page check protects nothing on its own.
import { redirect } from 'next/navigation';
import type { Actor } from './permissions';
import { currentActor } from './session';

/** The signed-in person, or a redirect to sign in and come back here. */
export async function requireActor(returnTo: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return actor;
}
