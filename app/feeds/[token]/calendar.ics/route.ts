// GET /feeds/[token]/calendar.ics: a watchlist's trial milestones (start, primary completion, completion) as
// iCalendar, for calendar apps to subscribe to. Token-only access; an unknown or rotated token is 404.
import { db } from '@/db/client';
import { feedResponse, watchlistCalendar } from '@/lib/watchlists/feeds';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ token: string }> };

export async function GET(request: Request, context: Context): Promise<Response> {
  const { token } = await context.params;
  return feedResponse(request, watchlistCalendar(db(), token), 'text/calendar; charset=utf-8');
}
