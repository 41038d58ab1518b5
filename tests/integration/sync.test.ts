import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pageUrl, SyncError, syncStudies } from '@/lib/ctgov/sync';
import { createTestDb, type TestDb } from '../helpers/db';
import { study } from '../fixtures/ctgov/build';

// Responses recorded in the API's shape (GET /studies with pageToken paging), written for these tests.
const PAGES: Record<string, { studies: unknown[]; nextPageToken?: string }> = {
  first: { studies: [study('NCT00000001'), study('NCT00000002')], nextPageToken: 'tok-2' },
  'tok-2': { studies: [study('NCT00000003'), { protocolSection: { identificationModule: { nctId: 'bad' } } }], nextPageToken: 'tok-3' },
  'tok-3': { studies: [study('NCT00000004')] },
};
const UPDATED_SINCE: { studies: unknown[] } = {
  studies: [study('NCT00000002', { protocolSection: { statusModule: { overallStatus: 'COMPLETED', lastUpdatePostDateStruct: { date: '2026-02-01', type: 'ACTUAL' } } } })],
};

function recordedApi({ withBadRecord = true } = {}) {
  const requests: URL[] = [];
  const pages = withBadRecord ? PAGES : { ...PAGES, 'tok-2': { ...PAGES['tok-2']!, studies: [PAGES['tok-2']!.studies[0]] } };
  const fetchFn = (async (input: string | URL | Request) => {
    const url = new URL(String(input));
    requests.push(url);
    const body = url.searchParams.get('filter.advanced') ? UPDATED_SINCE : pages[url.searchParams.get('pageToken') ?? 'first'];
    return new Response(JSON.stringify(body), { status: body ? 200 : 404, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fetchFn, requests };
}

let t: TestDb;
beforeEach(() => {
  t = createTestDb();
});
afterEach(() => t.close());

describe('sync', () => {
  it('follows nextPageToken to the last page, importing each study and reporting the bad one', async () => {
    const api = recordedApi();
    const result = await syncStudies(t.db, { baseUrl: 'https://ctgov.test/api/v2', fetch: api.fetchFn, now: new Date('2026-01-10T08:00:00Z') });
    expect(result).toMatchObject({ pages: 3, created: 4, failed: 1, since: null });
    expect(api.requests.map((u) => u.searchParams.get('pageToken'))).toEqual([null, 'tok-2', 'tok-3']);
    expect(api.requests[0]!.searchParams.get('query.cond')).toBe('Amyotrophic Lateral Sclerosis');
    expect(api.requests[0]!.pathname).toBe('/api/v2/studies');
  });

  it('asks only for studies updated since the last finished sync, and imports the change', async () => {
    const api = recordedApi({ withBadRecord: false });
    await syncStudies(t.db, { baseUrl: 'https://ctgov.test/api/v2', fetch: api.fetchFn, now: new Date('2026-01-10T08:00:00Z') });
    const again = await syncStudies(t.db, { baseUrl: 'https://ctgov.test/api/v2', fetch: api.fetchFn, now: new Date('2026-02-02T08:00:00Z') });
    expect(again).toMatchObject({ pages: 1, updated: 1, since: '2026-01-10' });
    expect(api.requests.at(-1)!.searchParams.get('filter.advanced')).toBe('AREA[LastUpdatePostDate]RANGE[2026-01-10,MAX]');
    const status = t.db.$client.prepare("SELECT overall_status FROM trials WHERE nct_id = 'NCT00000002'").get();
    expect(status).toEqual({ overall_status: 'COMPLETED' });
  });

  it('a failed run does not move the incremental starting point', async () => {
    const api = recordedApi({ withBadRecord: false });
    await syncStudies(t.db, { baseUrl: 'https://ctgov.test/api/v2', fetch: api.fetchFn, now: new Date('2026-01-10T08:00:00Z') });
    const down = (async () => new Response('busy', { status: 503, statusText: 'Service Unavailable' })) as typeof fetch;
    await expect(syncStudies(t.db, { baseUrl: 'https://ctgov.test/api/v2', fetch: down, now: new Date('2026-01-20T08:00:00Z') })).rejects.toThrow(/503/);
    const next = await syncStudies(t.db, { baseUrl: 'https://ctgov.test/api/v2', fetch: api.fetchFn });
    expect(next.since).toBe('2026-01-10');
  });

  it('a run cut short, or with records that failed, is fetched again from the same point', async () => {
    const clean = recordedApi({ withBadRecord: false });
    await syncStudies(t.db, { baseUrl: 'https://ctgov.test/api/v2', fetch: clean.fetchFn, now: new Date('2026-01-10T08:00:00Z') });
    const short = await syncStudies(t.db, { baseUrl: 'https://ctgov.test/api/v2', fetch: recordedApi().fetchFn, full: true, maxPages: 1, now: new Date('2026-01-15T08:00:00Z') });
    expect(short.incomplete).toMatch(/stopped after 1 page/);
    const withFailure = await syncStudies(t.db, { baseUrl: 'https://ctgov.test/api/v2', fetch: recordedApi().fetchFn, full: true, now: new Date('2026-01-16T08:00:00Z') });
    expect(withFailure.incomplete).toMatch(/1 record\(s\) failed/);
    const next = await syncStudies(t.db, { baseUrl: 'https://ctgov.test/api/v2', fetch: clean.fetchFn, now: new Date('2026-01-20T08:00:00Z') });
    expect(next.since).toBe('2026-01-10');
  });

  it('fails offline with one clear line', async () => {
    const offline = (async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } });
    }) as typeof fetch;
    const run = syncStudies(t.db, { baseUrl: 'https://clinicaltrials.gov/api/v2', fetch: offline });
    await expect(run).rejects.toBeInstanceOf(SyncError);
    await expect(syncStudies(t.db, { baseUrl: 'https://clinicaltrials.gov/api/v2', fetch: offline })).rejects.toThrow(
      'cannot reach https://clinicaltrials.gov/api/v2 (ENOTFOUND); check the network or CTGOV_API_URL',
    );
  });

  it('builds the documented query URL', () => {
    const url = new URL(pageUrl('https://clinicaltrials.gov/api/v2/', 'ALS', 50, '2025-01-01', 'xyz'));
    expect(url.origin + url.pathname).toBe('https://clinicaltrials.gov/api/v2/studies');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      'query.cond': 'ALS',
      pageSize: '50',
      format: 'json',
      'filter.advanced': 'AREA[LastUpdatePostDate]RANGE[2025-01-01,MAX]',
      pageToken: 'xyz',
    });
  });
});
