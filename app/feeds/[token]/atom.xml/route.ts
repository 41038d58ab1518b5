// GET /feeds/[token]/atom.xml: a watchlist's changes as Atom 1.0, for feed readers.
// The unguessable token is the only key (readers have no session); an unknown or rotated one is 404.
import { db } from '@/db/client';
import { feedResponse, watchlistFeed } from '@/lib/watchlists/feeds';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ token: string }> };

export async function GET(request: Request, context: Context): Promise<Response> {
  const { token } = await context.params;
  return feedResponse(request, watchlistFeed(db(), token, 'atom'), 'application/atom+xml; charset=utf-8');
}
