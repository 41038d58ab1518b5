// React Query for the follower islands only (the Watch toggle, the unread count, "Mark all as read"), so
// pages a visitor reads without signing in carry none of it. One QueryClient per browser tab, shared by every
// island through this module (a new one per render on the server), so a watch refreshes the header's count.
import { isServer, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';

export const UNREAD_KEY = ['inbox', 'unread'] as const;

let browserClient: QueryClient | undefined;

function makeQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: 1 } } });
}

export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  return (browserClient ??= makeQueryClient());
}

/** Each island provides the tab's one client; the provider also mounts it (window focus, going online). */
export function FollowQueries({ children }: { children: React.ReactNode }) {
  const [client] = useState(getQueryClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
