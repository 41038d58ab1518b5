// A watchlist's feeds at secret token addresses: RSS 2.0 / Atom 1.0 of its trials' changes (the `feed` package)
// and an iCalendar of their expected milestones (ical-generator). The token is the only key: feed readers and
// calendar apps have no session. Rotating it (rotateFeedToken) makes the old addresses answer 404.
import crypto from 'node:crypto';
import { and, desc, eq, inArray, isNull, notLike, or, sql } from 'drizzle-orm';
import { Feed } from 'feed';
import ical, { ICalEventTransparency, type ICalEventData } from 'ical-generator';
import type { DbOrTx } from '@/db/client';
import { appUrl } from '@/lib/env';
import { trialEvents, trials, watchlistMatches, watchlists } from '@/db/schema';
import { describeEvent } from '@/lib/trials/describe-event';
import { formatPartialDate } from '@/lib/trials/format';
import { precisionOf } from '@/lib/trials/dates';
import type { DateType, EventKind } from '@/lib/trials/vocab';
import { watchlistTrialCondition } from './watchlists';
import { describableEventColumns } from '@/lib/trials/event-columns';

/** The kinds that are news to followers, as the notification fan-out counts them (drizzle/0006). */
export const NOTIFIABLE_KINDS = ['started', 'status_changed', 'phase_changed', 'date_changed', 'enrolment_changed', 'results_posted', 'note', 'source_differs'] as const satisfies readonly EventKind[];
export const FEED_ITEM_LIMIT = 100;
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;
const PRODUCT = 'ALS Trial Tracker';

const trialLink = (base: string, nctId: string) => `${base}/trials/${nctId}`;
/** RFC 4151 tag URIs: stable ids that do not change if the feed's address is rotated. */
const tagUri = (base: string, specific: string) => `tag:${new URL(base).hostname},2025:als-trial-tracker:${specific}`;

function listByFeedToken(database: DbOrTx, feedToken: string) {
  if (typeof feedToken !== 'string' || !TOKEN.test(feedToken)) return undefined;
  return database
    .select({ id: watchlists.id, name: watchlists.name, kind: watchlists.kind, searchQuery: watchlists.searchQuery, createdAt: watchlists.createdAt, updatedAt: watchlists.updatedAt })
    .from(watchlists)
    .where(eq(watchlists.feedToken, feedToken))
    .get();
}

const trialName = (t: { acronym: string | null; briefTitle: string }) => t.acronym ?? t.briefTitle;

type Item = { id: string; title: string; link: string; date: Date; description: string };

/**
 * The list's news, newest first, at most FEED_ITEM_LIMIT items: its trials' notifiable events (not curated
 * history being seeded) and, for a saved search, trials that came to match it after it was saved.
 * Null for an unknown or rotated token.
 */
export function watchlistFeed(database: DbOrTx, feedToken: string, format: 'rss' | 'atom'): string | null {
  return database.transaction((tx) => {
    const list = listByFeedToken(tx, feedToken);
    if (!list) return null;
    const base = appUrl();
    const events = tx
      .select({
        id: trialEvents.id,
        ...describableEventColumns,
        recordedAt: trialEvents.recordedAt,
        nctId: trials.nctId,
        briefTitle: trials.briefTitle,
        acronym: trials.acronym,
      })
      .from(trialEvents)
      .innerJoin(trials, eq(trials.id, trialEvents.trialId))
      .where(
        and(
          watchlistTrialCondition(list),
          inArray(trialEvents.kind, [...NOTIFIABLE_KINDS]),
          or(isNull(trialEvents.dedupeKey), notLike(trialEvents.dedupeKey, 'curation:%')),
        ),
      )
      .orderBy(desc(trialEvents.id))
      .limit(FEED_ITEM_LIMIT)
      .all();
    const items: Item[] = events.map((e) => {
      const sentence = describeEvent(e);
      return {
        id: tagUri(base, `event:${e.id}`),
        title: `${trialName(e)}: ${sentence}`,
        link: trialLink(base, e.nctId),
        date: new Date(e.recordedAt),
        description: `${sentence}. ${e.briefTitle} (${e.nctId}).`,
      };
    });
    if (list.kind === 'search') {
      // The matches recorded when the search was saved are its starting point, not news.
      const matches = tx
        .select({ trialId: watchlistMatches.trialId, since: watchlistMatches.since, nctId: trials.nctId, briefTitle: trials.briefTitle, acronym: trials.acronym })
        .from(watchlistMatches)
        .innerJoin(trials, eq(trials.id, watchlistMatches.trialId))
        .where(and(eq(watchlistMatches.watchlistId, list.id), sql`${watchlistMatches.since} > ${list.createdAt}`))
        .orderBy(desc(watchlistMatches.since))
        .limit(FEED_ITEM_LIMIT)
        .all();
      // Before the events, so that on a tie (recorded in the same moment) the new match, the bigger news, leads.
      items.unshift(
        ...matches.map((m) => ({
          id: tagUri(base, `match:${list.id}:${m.trialId}`),
          title: `${trialName(m)}: now matches “${list.name}”`,
          link: trialLink(base, m.nctId),
          date: new Date(m.since),
          description: `${m.briefTitle} (${m.nctId}) now matches this saved search.`,
        })),
      );
      items.sort((a, b) => b.date.getTime() - a.date.getTime());
      items.splice(FEED_ITEM_LIMIT);
    }

    const self = `${base}/feeds/${feedToken}`;
    const feed = new Feed({
      title: `${list.name} · ${PRODUCT}`,
      description: `Changes to the trials in the watchlist “${list.name}”.`,
      id: tagUri(base, `watchlist:${list.id}`),
      link: `${base}/watchlists/${list.id}`,
      language: 'en',
      updated: items[0]?.date ?? new Date(list.updatedAt),
      generator: PRODUCT,
      copyright: 'Registry data from ClinicalTrials.gov; curated facts by the tracker’s curators.',
      feedLinks: { rss: `${self}/rss.xml`, atom: `${self}/atom.xml` },
    });
    for (const item of items) feed.addItem({ ...item, guid: item.id });
    return format === 'atom' ? feed.atom1() : feed.rss2();
  });
}

const MILESTONES = [
  { field: 'startDate', label: 'Start' },
  { field: 'primaryCompletionDate', label: 'Primary completion' },
  { field: 'completionDate', label: 'Completion' },
] as const;

/**
 * An all-day event per milestone date of each trial in the list (start, primary completion, completion), past
 * or expected. Dates are shown at the precision the registry gives: a month-only date sits on the 1st and a
 * year-only date on 1 January, each saying so in its title and description rather than inventing a day.
 * Null for an unknown or rotated token.
 */
export function watchlistCalendar(database: DbOrTx, feedToken: string): string | null {
  return database.transaction((tx) => {
    const list = listByFeedToken(tx, feedToken);
    if (!list) return null;
    const base = appUrl();
    const rows = tx
      .select({
        nctId: trials.nctId,
        briefTitle: trials.briefTitle,
        acronym: trials.acronym,
        startDate: trials.startDate,
        startDateType: trials.startDateType,
        primaryCompletionDate: trials.primaryCompletionDate,
        primaryCompletionDateType: trials.primaryCompletionDateType,
        completionDate: trials.completionDate,
        completionDateType: trials.completionDateType,
        updatedAt: trials.updatedAt,
      })
      .from(trials)
      .where(watchlistTrialCondition(list))
      .orderBy(trials.nctId)
      .all();
    const calendar = ical({
      name: `${list.name} · trial milestones`,
      description: `Start and completion dates of the trials in the watchlist “${list.name}” (${PRODUCT}).`,
      prodId: { company: 'als-trial-tracker', product: 'watchlist-milestones', language: 'EN' },
      url: `${base}/watchlists/${list.id}`,
      ttl: 60 * 60 * 6,
    });
    for (const trial of rows)
      for (const { field, label } of MILESTONES) {
        const date = trial[field];
        const type = trial[`${field}Type`] as DateType | null;
        const event = milestoneEvent(base, trial, field, label, date, type);
        if (event) calendar.createEvent(event);
      }
    return calendar.toString();
  });
}

function milestoneEvent(
  base: string,
  trial: { nctId: string; briefTitle: string; acronym: string | null; updatedAt: string },
  field: string,
  label: string,
  date: string | null,
  type: DateType | null,
): ICalEventData | null {
  const parts = date?.match(/^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/);
  if (!date || !parts) return null;
  const [, y, m, d] = parts;
  const start = new Date(Date.UTC(Number(y), Number(m ?? 1) - 1, Number(d ?? 1)));
  if (Number.isNaN(start.getTime())) return null;
  const precision = precisionOf(date);
  const known = formatPartialDate(date);
  // "Primary completion (estimated)", "… (estimated; March 2026, day not known)", "… (2027, month not known)".
  const partial = precision === 'month' ? `${known}, day not known` : precision === 'year' ? `${known}, month not known` : null;
  const qualifiers = [type === 'ESTIMATED' ? 'estimated' : null, partial].filter(Boolean).join('; ');
  const precisionNote =
    precision === 'month'
      ? `Only the month is known (${known}); the calendar shows it on the 1st.`
      : precision === 'year'
        ? `Only the year is known (${known}); the calendar shows it on 1 January.`
        : null;
  const typeNote = type === 'ESTIMATED' ? 'This date is the sponsor’s estimate and may move.' : type === 'ACTUAL' ? 'This date is actual.' : null;
  const url = trialLink(base, trial.nctId);
  return {
    id: `${trial.nctId}-${field}@als-trial-tracker`,
    start,
    allDay: true,
    summary: `${trialName(trial)}: ${label}${qualifiers ? ` (${qualifiers})` : ''}`,
    description: [`${label} of ${trial.briefTitle} (${trial.nctId}).`, precisionNote, typeNote, url].filter(Boolean).join('\n'),
    url,
    // Stable output: the stamp moves only when the trial does, so unchanged calendars are byte-identical.
    stamp: new Date(trial.updatedAt),
    lastModified: new Date(trial.updatedAt),
    // A milestone is not a meeting: it must not show the day as busy.
    transparency: ICalEventTransparency.TRANSPARENT,
  };
}

/** The response for a feed: its type, no caching by shared caches, no Referer leaking the secret address. */
export function feedResponse(request: Request, body: string | null, contentType: string): Response {
  const headers: Record<string, string> = {
    'Cache-Control': 'private, no-cache',
    'Referrer-Policy': 'no-referrer',
    'X-Robots-Tag': 'noindex, nofollow',
    'X-Content-Type-Options': 'nosniff',
  };
  if (body === null)
    return new Response('There is no feed at this address. Its owner may have replaced it with a new one.\n', {
      status: 404,
      headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
    });
  // Feed readers poll often: a matching ETag costs them a 304 instead of the whole document.
  const etag = `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag))
    return new Response(null, { status: 304, headers: { ...headers, ETag: etag } });
  return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': contentType, ETag: etag } });
}
