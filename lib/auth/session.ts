// Who is asking, for server components and server actions: the Auth.js session, with the role read
// fresh from the database on every request (database sessions), so a removed admin loses rights at once.
import { auth } from '@/auth';
import type { Actor } from './permissions';

export async function currentActor(): Promise<Actor | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id) return null;
  return { userId: user.id, role: user.role === 'admin' ? 'admin' : 'member' };
}
