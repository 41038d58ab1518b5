// Fetches ALS studies from the live ClinicalTrials.gov API v2 and imports them: a condition query,
// paged by nextPageToken, and incremental by LastUpdatePostDate since the last finished sync.
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { syncRuns } from '@/db/schema';
import { importStudies, type ImportSummary } from '@/lib/trials/import';
import { recordsOf } from './read-input';

export const DEFAULT_CONDITION = 'Amyotrophic Lateral Sclerosis';

export type SyncOptions = {
  baseUrl: string;
  condition?: string;
  /** Ignore earlier runs and fetch everything that matches. */
  full?: boolean;
  pageSize?: number;
  maxPages?: number;
  fetch?: typeof fetch;
  now?: Date;
  timeoutMs?: number;
  onPage?: (page: number, summary: ImportSummary) => void;
};

/** `incomplete` says why the next incremental run will start from the same point as this one. */
export type SyncResult = ImportSummary & { pages: number; since: string | null; incomplete?: string };

/** A failure to reach or understand the API, with one line a person can act on. */
export class SyncError extends Error {}

/** The day the last finished sync started: studies posted since then (inclusive) are fetched again. */
export function incrementalSince(database: Db, condition: string): string | null {
  const last = database
    .select({ startedAt: syncRuns.startedAt })
    .from(syncRuns)
    .where(and(eq(syncRuns.query, condition), isNotNull(syncRuns.finishedAt), isNull(syncRuns.error)))
    .orderBy(desc(syncRuns.id))
    .get();
  return last ? last.startedAt.slice(0, 10) : null;
}

export function pageUrl(baseUrl: string, condition: string, pageSize: number, since: string | null, pageToken?: string): string {
  const url = new URL(`${baseUrl.replace(/\/$/, '')}/studies`);
  url.searchParams.set('query.cond', condition);
  url.searchParams.set('pageSize', String(pageSize));
  url.searchParams.set('format', 'json');
  if (since) url.searchParams.set('filter.advanced', `AREA[LastUpdatePostDate]RANGE[${since},MAX]`);
  if (pageToken) url.searchParams.set('pageToken', pageToken);
  return url.toString();
}

async function fetchPage(doFetch: typeof fetch, url: string, timeoutMs: number, origin: string): Promise<{ studies: unknown[]; nextPageToken?: string }> {
  let response: Response;
  try {
    response = await doFetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
    throw new SyncError(`cannot reach ${origin} (${why}); check the network or CTGOV_API_URL`);
  }
  if (!response.ok) throw new SyncError(`${origin} answered ${response.status} ${response.statusText} for ${url}`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new SyncError(`${origin} sent a page that is not JSON (${url})`);
  }
  const token = (body as { nextPageToken?: unknown }).nextPageToken;
  return { studies: recordsOf(body), nextPageToken: typeof token === 'string' && token ? token : undefined };
}

export async function syncStudies(database: Db, options: SyncOptions): Promise<SyncResult> {
  const condition = options.condition ?? DEFAULT_CONDITION;
  const doFetch = options.fetch ?? fetch;
  const since = options.full ? null : incrementalSince(database, condition);
  const startedAt = (options.now ?? new Date()).toISOString();
  const run = database.insert(syncRuns).values({ startedAt, since, query: condition }).returning({ id: syncRuns.id }).get();
  const result: SyncResult = { created: 0, updated: 0, unchanged: 0, failed: 0, events: 0, errors: [], pages: 0, since };
  const finish = (error: string | null) =>
    database
      .update(syncRuns)
      .set({ finishedAt: new Date().toISOString(), pages: result.pages, created: result.created, updated: result.updated, unchanged: result.unchanged, failed: result.failed, error })
      .where(eq(syncRuns.id, run.id))
      .run();
  try {
    let token: string | undefined;
    do {
      const url = pageUrl(options.baseUrl, condition, options.pageSize ?? 100, since, token);
      const page = await fetchPage(doFetch, url, options.timeoutMs ?? 30_000, options.baseUrl);
      result.pages += 1;
      const summary = importStudies(database, page.studies.map((record, i) => ({ record, file: `page ${result.pages} #${i}` })), { now: options.now });
      result.created += summary.created;
      result.updated += summary.updated;
      result.unchanged += summary.unchanged;
      result.failed += summary.failed;
      result.events += summary.events;
      result.errors.push(...summary.errors);
      options.onPage?.(result.pages, summary);
      token = page.nextPageToken;
    } while (token && (options.maxPages === undefined || result.pages < options.maxPages));
    // Pages not fetched, or records that failed, must be asked for again next time: such a run is
    // recorded as unfinished business, so the next incremental run starts where this one did.
    if (token) result.incomplete = `stopped after ${result.pages} page(s) with more to fetch`;
    else if (result.failed > 0) result.incomplete = `${result.failed} record(s) failed to import`;
  } catch (error) {
    finish(error instanceof Error ? error.message : String(error));
    throw error;
  }
  finish(result.incomplete ?? null);
  return result;
}
