// The session carries the user's id and role (see auth.ts callbacks.session).
import type { DefaultSession } from 'next-auth';

declare module 'next-auth' {
  interface Session {
    user: { id: string; role: 'member' | 'admin' } & DefaultSession['user'];
  }
}
