// /unsubscribe/[token]: where an e-mail's "Stop e-mail" link lands (GET /api/unsubscribe/… redirects here).
// Opening it changes nothing, because mail scanners open links before people do; one button confirms.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Notice } from '@/components/ui/notice';
import { db } from '@/db/client';
import { getUnsubscribeTarget } from '@/lib/notifications/worker';
import { stopEmails } from './actions';

export const metadata: Metadata = { title: 'Stop e-mail', referrer: 'no-referrer', robots: { index: false, follow: false } };
export const dynamic = 'force-dynamic';

/** “A”, “A” and “B”, “A”, “B” and “C”. */
function names(list: string[]): string {
  const q = list.map((n) => `“${n}”`);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} and ${q.at(-1)}`;
}

export default async function UnsubscribePage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await params;
  const { done } = await searchParams;
  const target = getUnsubscribeTarget(db(), token);
  if (!target) notFound();
  const lists = names(target.lists.map((l) => l.watchlistName));
  const several = target.lists.length > 1;
  const them = several ? 'these lists' : 'this list';

  if (target.lists.every((l) => !l.emailing)) {
    return (
      <>
        {done ? (
          <>
            <h1>E-mail stopped</h1>
            <Notice>You will get no more e-mail about {lists}.</Notice>
          </>
        ) : (
          <>
            <h1>E-mail is already off</h1>
            <p className="lead">You get no e-mail about {lists}.</p>
          </>
        )}
        <p>You still follow {them} on the tracker, and changes still appear in your inbox there. To get e-mail again, sign in and choose how often on the list’s page.</p>
        <p>
          <Link href="/watchlists" className="action-link">
            Your lists
          </Link>
        </p>
      </>
    );
  }

  return (
    <>
      <h1>Stop e-mail about {lists}?</h1>
      <p className="lead">
        Press the button and we stop e-mailing you about changes to {them}. No sign-in needed.
      </p>
      <form action={stopEmails}>
        <input type="hidden" name="token" value={token} />
        <button type="submit">Stop e-mail</button>
      </form>
      <p>You will still follow {them} on the tracker, and changes will still appear in your inbox there; you can turn e-mail back on from the list’s page.</p>
      <p>Changed your mind? Close this page: nothing changes unless you press the button.</p>
    </>
  );
}
