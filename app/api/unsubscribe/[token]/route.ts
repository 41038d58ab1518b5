// POST /api/unsubscribe/[token]: one-click unsubscribe (RFC 8058). Mail programs POST the body
// `List-Unsubscribe=One-Click` here with no cookies; the token is the authority. E-mail about the link's
// list(s) stops; the lists are still followed in the app.
// GET /api/unsubscribe/[token]: never unsubscribes (mail scanners open links before people do); it sends
// the person to a page with one button to confirm.
import { db } from '@/db/client';
import { unsubscribeEmails } from '@/lib/notifications/worker';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ token: string }> };

const text = (body: string, status: number) =>
  new Response(`${body}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });

export async function POST(_request: Request, context: Context): Promise<Response> {
  const { token } = await context.params;
  try {
    const done = unsubscribeEmails(db(), token);
    if (!done) return text('This unsubscribe link is no longer valid. Change your e-mail settings on the list’s page instead.', 404);
    return text(`Done: you will get no more e-mail about ${done.watchlistNames.map((n) => `“${n}”`).join(', ')}.`, 200);
  } catch (error) {
    console.error('Unsubscribe failed:', error);
    return text('Sorry, something went wrong on our side and nothing was changed. Please try again in a moment.', 500);
  }
}

export async function GET(_request: Request, context: Context): Promise<Response> {
  const { token } = await context.params;
  // A relative Location (RFC 9110): the address the person used, whatever proxy is in front.
  return new Response(null, { status: 303, headers: { Location: `/unsubscribe/${encodeURIComponent(token)}`, 'Cache-Control': 'no-store' } });
}
