// The read API as a client sees it: the route handlers called with real Requests, against a temp
// database built by the real migrations and filled by the real importer.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db';
import {
  ABSENT,
  BIIB078,
  FILLERS,
  FORMULA,
  FORMULA_TITLE,
  JACIFUSEN,
  loadApiFixtures,
  MASITINIB,
  NUROWN,
  TOFERSEN,
  TOTAL,
} from '../fixtures/api/trials';

type ListRoute = typeof import('@/app/api/trials/route');
type TrialRoute = typeof import('@/app/api/trials/[nctId]/route');
type HealthRoute = typeof import('@/app/api/health/route');

let t: TestDb;
let list: ListRoute;
let one: TrialRoute;
let health: HealthRoute;

beforeAll(async () => {
  t = createTestDb();
  loadApiFixtures(t.db);
  // The handlers use the process-wide db(), which reads DATABASE_PATH on first use: point it here first.
  process.env.DATABASE_PATH = t.file;
  list = await import('@/app/api/trials/route');
  one = await import('@/app/api/trials/[nctId]/route');
  health = await import('@/app/api/health/route');
});

afterAll(async () => {
  const { db } = await import('@/db/client');
  db().$client.close();
  t.close();
});

type Item = { nctId: string; [key: string]: unknown };
type ListBody = { total: number; page: number; pageSize: number; pages: number; items: Item[] };
type ErrorBody = { error: { code: string; message: string; field?: string; details?: { allowed?: string[] } } };

const get = (query: string, headers?: HeadersInit) => list.GET(new Request(`http://localhost/api/trials${query}`, { headers }));
async function getList(query: string): Promise<ListBody> {
  const res = await get(`?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ListBody;
}
/** Every match, whatever the default page size. */
const ids = async (query: string) => (await getList(`pageSize=100&${query}`)).items.map((i) => i.nctId);
const sorted = (list: string[]) => [...list].sort();
async function getError(query: string): Promise<{ status: number; body: ErrorBody }> {
  const res = await get(query);
  return { status: res.status, body: (await res.json()) as ErrorBody };
}
const getTrial = (nctId: string) =>
  one.GET(new Request(`http://localhost/api/trials/${nctId}`), { params: Promise.resolve({ nctId }) });

/** RFC 4180 parser, enough to read back what the export wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      endCell();
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else {
      cell += c;
    }
  }
  if (cell !== '' || row.length > 0) {
    endCell();
    rows.push(row);
  }
  return rows;
}

describe('GET /api/trials: the list', () => {
  it('returns the first page, most recently updated first, with summary fields', async () => {
    const body = await getList('');
    expect(body).toMatchObject({ total: TOTAL, page: 1, pageSize: 25, pages: 2 });
    expect(body.items).toHaveLength(25);
    expect(body.items.slice(0, 3).map((i) => i.nctId)).toEqual([JACIFUSEN, MASITINIB, TOFERSEN]);
    const tofersen = body.items[2]!;
    expect(tofersen).toEqual({
      nctId: TOFERSEN,
      briefTitle: 'Tofersen in adults with SOD1 ALS',
      officialTitle: null,
      acronym: 'TOFU',
      modality: 'aso',
      modalityLabel: 'Antisense oligonucleotide (ASO)',
      genes: ['SOD1'],
      phase: 'phase-3',
      phaseLabel: 'Phase 3',
      overallStatus: 'ACTIVE_NOT_RECRUITING',
      overallStatusLabel: 'Active, not recruiting',
      lastKnownStatus: null,
      lastKnownStatusLabel: null,
      recruiting: false,
      leadSponsor: 'Test Sponsor Inc.',
      startDate: { date: '2019-03', precision: 'month', type: 'ACTUAL' },
      primaryCompletionDate: { date: '2021-07', precision: 'month', type: 'ACTUAL' },
      completionDate: null,
      enrollment: { count: 100, type: 'ESTIMATED' },
      countries: ['Canada', 'United States'],
      lastUpdatePosted: '2024-06-01',
      curationAsOf: '2025-05-01',
      url: `/trials/${TOFERSEN}`,
    });
  });

  it('filters by modality, phase (friendly forms too), gene (any case) and status', async () => {
    expect(sorted(await ids('modality=aso'))).toEqual([TOFERSEN, BIIB078, JACIFUSEN]);
    expect(sorted(await ids('modality=stem_cell'))).toEqual([NUROWN]);
    expect(sorted(await ids('phase=phase-1'))).toEqual([BIIB078]);
    expect(sorted(await ids('phase=1'))).toEqual([BIIB078]);
    expect(sorted(await ids('phase=PHASE1'))).toEqual([BIIB078]);
    expect(sorted(await ids('gene=sod1'))).toEqual([TOFERSEN]);
    expect(sorted(await ids('gene=c9ORF72'))).toEqual([BIIB078]);
    expect(sorted(await ids('status=recruiting'))).toEqual([MASITINIB, JACIFUSEN]);
    expect(sorted(await ids('status=active-not-recruiting'))).toEqual([TOFERSEN]);
  });

  it('ORs values within one filter, whether repeated or comma-separated', async () => {
    expect(sorted(await ids('gene=SOD1&gene=FUS'))).toEqual([TOFERSEN, JACIFUSEN]);
    expect(sorted(await ids('gene=SOD1,C9orf72'))).toEqual([TOFERSEN, BIIB078]);
    expect(sorted(await ids('phase=1,3&modality=aso'))).toEqual([TOFERSEN, BIIB078, JACIFUSEN]);
    expect(sorted(await ids('status=COMPLETED,RECRUITING&modality=immune,stem-cell'))).toEqual([MASITINIB, NUROWN]);
  });

  it('ANDs different filters', async () => {
    expect(sorted(await ids('modality=aso&phase=3'))).toEqual([TOFERSEN, JACIFUSEN]);
    expect(sorted(await ids('modality=aso&recruiting=true'))).toEqual([JACIFUSEN]);
    expect(sorted(await ids('gene=SOD1&country=Canada'))).toEqual([TOFERSEN]);
    expect(sorted(await ids('gene=SOD1&country=Germany'))).toEqual([]);
    expect(sorted(await ids('placebo=true&route=intrathecal&biomarker=neurofilament-light'))).toEqual([TOFERSEN, JACIFUSEN]);
  });

  it('filters on recruiting: statuses that take new participants', async () => {
    expect(sorted(await ids('recruiting=true'))).toEqual([MASITINIB, JACIFUSEN, FORMULA]);
    const notRecruiting = await getList('recruiting=false');
    expect(notRecruiting.total).toBe(TOTAL - 3);
  });

  it('matches a country case-insensitively, whatever case the registry used', async () => {
    expect(sorted(await ids('country=FRANCE'))).toEqual([MASITINIB, FORMULA]);
    expect(sorted(await ids('country=france'))).toEqual([MASITINIB, FORMULA]);
    expect(sorted(await ids('country=Korea, Republic of'))).toEqual([MASITINIB]);
    expect(sorted(await ids('country=Canada&country=United Kingdom'))).toEqual([TOFERSEN, BIIB078]);
    expect(await ids('country=Atlantis')).toEqual([]);
  });

  it('filters on biomarkers measured by outcomes', async () => {
    expect(sorted(await ids('biomarker=poly-gp'))).toEqual([BIIB078]);
    expect(sorted(await ids('biomarker=csf-sod1'))).toEqual([TOFERSEN]);
    expect(sorted(await ids('biomarker=neurofilament-light'))).toEqual([TOFERSEN, JACIFUSEN]);
  });

  it('filters on burden facts: placebo, open-label extension and route', async () => {
    expect(sorted(await ids('placebo=true'))).toEqual([TOFERSEN, MASITINIB, JACIFUSEN]);
    // No fixture states "no placebo"; a record that just doesn't mention one is unknown, not "no".
    expect((await getList('placebo=false')).total).toBe(0);
    expect(await ids('ole=true')).toEqual([TOFERSEN]);
    // Unknown (null) is neither yes nor no.
    expect(await ids('ole=false')).toEqual([]);
    expect(sorted(await ids('route=intrathecal'))).toEqual([TOFERSEN, BIIB078, NUROWN, JACIFUSEN]);
    expect(sorted(await ids('route=oral'))).toEqual([MASITINIB]);
  });

  it('searches full text by word prefix', async () => {
    expect(sorted(await ids('q=tofer'))).toEqual([TOFERSEN, NUROWN]);
    expect(sorted(await ids('q=MASITINIB'))).toEqual([MASITINIB]);
    expect(await ids('q=tofu')).toEqual([TOFERSEN]);
    expect(await ids(`q=${JACIFUSEN}`)).toEqual([JACIFUSEN]);
    expect(sorted(await ids('q=tofersen&modality=stem-cell'))).toEqual([NUROWN]);
    expect(await ids('q=tofersen masitinib')).toEqual([]);
  });

  it('never fails on FTS syntax in user text', async () => {
    // Punctuation around a word is ignored...
    for (const q of ['"tofer', '"tofer"', 'tofer*', '-tofer', '^tofer', '(tofer)', 'tofer:', '+tofer', '{tofer}']) {
      expect(sorted(await ids(`q=${encodeURIComponent(q)}`)), q).toEqual([TOFERSEN, NUROWN]);
    }
    // ...and operator words are plain words to look for, so none of this is a syntax error.
    for (const q of ['***', '"', '()', 'NEAR', 'NEAR(tofer', 'tofer AND', 'OR tofer', 'NOT', 'title:tofer', '{}:^', "tofer's"]) {
      const res = await get(`?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
    expect((await getList(`q=${encodeURIComponent('***')}`)).total).toBe(0);
  });

  it('ranks by relevance when searching: a title match above a passing mention', async () => {
    expect(await ids('q=tofersen')).toEqual([TOFERSEN, NUROWN]);
    expect(await ids('q=tofersen&sort=relevance')).toEqual([TOFERSEN, NUROWN]);
    expect(await ids('q=tofersen&sort=title')).toEqual([NUROWN, TOFERSEN]);
    // Relevance, not the id order it falls back on: the later trial has the word in its title.
    expect(await ids('q=jacifusen')).toEqual([JACIFUSEN, BIIB078]);
    expect(await ids('q=jacifusen&sort=start')).toEqual([BIIB078, JACIFUSEN]);
  });

  it('sorts by start date both ways, undated trials last', async () => {
    const up = await ids('sort=start');
    expect(up.slice(0, 5)).toEqual([NUROWN, BIIB078, TOFERSEN, MASITINIB, JACIFUSEN]);
    expect(up.slice(5)).toEqual(expect.arrayContaining([FORMULA, ...FILLERS]));
    const down = await ids('sort=-start');
    expect(down.slice(0, 5)).toEqual([JACIFUSEN, MASITINIB, TOFERSEN, BIIB078, NUROWN]);
  });

  it('sorts by title, phase and primary completion', async () => {
    expect((await ids('sort=title')).slice(0, 3)).toEqual([FORMULA, BIIB078, FILLERS[0]]);
    const byPhase = await ids('sort=phase');
    expect(byPhase[0]).toBe(BIIB078);
    expect(byPhase.at(-1)).toBe(FORMULA);
    const byCompletion = await ids('sort=primary-completion');
    expect(byCompletion.slice(0, 5)).toEqual([BIIB078, NUROWN, TOFERSEN, MASITINIB, JACIFUSEN]);
  });

  it('pages through every match exactly once', async () => {
    const pages = [1, 2, 3, 4].map((page) => getList(`pageSize=10&page=${page}`));
    const bodies = await Promise.all(pages);
    expect(bodies.map((b) => [b.page, b.pages, b.items.length])).toEqual([
      [1, 4, 10],
      [2, 4, 10],
      [3, 4, 10],
      [4, 4, 6],
    ]);
    const all = bodies.flatMap((b) => b.items.map((i) => i.nctId));
    expect(new Set(all).size).toBe(TOTAL);
    expect(await getList('pageSize=10&page=5')).toMatchObject({ total: TOTAL, pages: 4, items: [] });
  });
});

describe('GET /api/trials: bad parameters', () => {
  it('names the parameter and lists allowed values for a bad phase', async () => {
    const { status, body } = await getError('?phase=banana');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'bad_request:param', field: 'phase' });
    expect(body.error.message).toMatch(/^phase must be one of: early-phase-1, phase-1, phase-1-2, .*not-applicable/);
    expect(body.error.details?.allowed).toContain('phase-2-3');
  });

  it.each([
    ['pageSize=1000', 'pageSize'],
    ['pageSize=0', 'pageSize'],
    ['page=0', 'page'],
    ['page=two', 'page'],
    ['page=1&page=2', 'page'],
    ['gene=SOD2', 'gene'],
    ['modality=magic', 'modality'],
    ['status=finished', 'status'],
    ['recruiting=maybe', 'recruiting'],
    ['biomarker=blood', 'biomarker'],
    ['route=nasal', 'route'],
    ['sort=newest', 'sort'],
    ['sort=relevance', 'sort'],
    [`q=${'x'.repeat(201)}`, 'q'],
    ['phse=3', 'phse'],
    ['format=xml', 'format'],
  ])('%s → 400 naming %s', async (query, field) => {
    const { status, body } = await getError(`?${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_request:param');
    expect(body.error.field).toBe(field);
    expect(body.error.message).toContain(field);
  });

  it('says which parameters exist when given an unknown one', async () => {
    const { body } = await getError('?phse=3');
    expect(body.error.message).toMatch(/Unknown parameter "phse"/);
    expect(body.error.details?.allowed).toEqual(expect.arrayContaining(['phase', 'gene', 'q', 'pageSize']));
  });
});

describe('GET /api/trials as CSV', () => {
  async function csv(query: string, headers?: HeadersInit) {
    const res = await get(query, headers);
    // Decoded by hand: Response.text() would silently drop the byte-order mark under test.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    return { res, text, rows: parseCsv(text.replace(/^\uFEFF/, '')) };
  }

  it('downloads every matching trial, not just one page, as an attachment', async () => {
    const { res, text, rows } = await csv('?format=csv&pageSize=5');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="als-trials.csv"');
    expect(text.startsWith('\uFEFFNCT ID,Title,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...data] = rows;
    expect(header).toEqual(expect.arrayContaining(['NCT ID', 'Title', 'Genes', 'Phase', 'Status', 'Countries', 'Link']));
    expect(data).toHaveLength(TOTAL);
    expect(data.every((r) => r.length === header!.length)).toBe(true);
  });

  it('is chosen by Accept: text/csv, and keeps the filters', async () => {
    const { res, rows } = await csv('?gene=SOD1', { Accept: 'text/csv' });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(rows).toHaveLength(2);
    const [header, row] = rows as [string[], string[]];
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('NCT ID')).toBe(TOFERSEN);
    expect(cell('Countries')).toBe('Canada; United States');
    expect(cell('Phase')).toBe('Phase 3');
    expect(cell('Start date')).toBe('2019-03');
    expect(cell('Link')).toBe(`http://localhost/trials/${TOFERSEN}`);
  });

  it('stays JSON when the client prefers JSON', async () => {
    const res = await get('', { Accept: 'application/json, text/csv' });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('quotes commas and quotes, and neutralises spreadsheet formulas', async () => {
    const { text, rows } = await csv(`?format=csv&q=${FORMULA}`);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click""), ""quoted"""`);
    const [header, row] = rows as [string[], string[]];
    expect(row[header.indexOf('Title')]).toBe(`'${FORMULA_TITLE}`);
    expect(row[header.indexOf('Lead sponsor')]).toBe("'+Evil Corp");
    expect(text).toContain('"LINE\nBREAK"');
    expect(row[header.indexOf('Acronym')]).toBe('LINE\nBREAK');
  });

  it('neutralises every formula-starting character, and only at the start', async () => {
    const { csvCell } = await import('@/lib/trials/csv');
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'].map(csvCell)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", `"'\rx"`]);
    expect(['a=b', 'plain', '', null, ['SOD1', 'FUS'], 42].map(csvCell)).toEqual(['a=b', 'plain', '', '', 'SOD1; FUS', '42']);
  });

  it('refuses bad filters with JSON, before any download starts', async () => {
    const res = await get('?format=csv&phase=banana');
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.field).toBe('phase');
  });
});

describe('GET /api/trials/[nctId]', () => {
  it('returns one trial in full, with links both ways, sources and its history oldest first', async () => {
    const res = await getTrial(TOFERSEN.toLowerCase());
    expect(res.status).toBe(200);
    const trial = (await res.json()) as Record<string, unknown> & {
      events: { kind: string; occurredAt: string | null; source: string }[];
      links: unknown[];
      outcomes: { measure: string; biomarkers: string[] }[];
    };
    expect(trial).toMatchObject({
      nctId: TOFERSEN,
      overallStatus: 'ACTIVE_NOT_RECRUITING',
      modality: 'aso',
      modalitySource: 'rule',
      genes: ['SOD1'],
      biomarkers: ['csf-sod1', 'neurofilament-light'],
      burden: { placebo: true, openLabelExtension: true, routes: ['intrathecal'] },
      sources: [{ label: 'A test source', url: 'https://example.org/source', asOf: '2025-05-01' }],
      provenance: { registryLastUpdate: '2024-06-01', curationAsOf: '2025-05-01' },
      interventions: [{ name: 'Tofersen' }, { name: 'Placebo' }],
      locations: [{ country: 'United States' }, { country: 'Canada' }],
      version: 2,
    });
    expect(trial.outcomes.find((o) => o.measure.startsWith('CSF SOD1'))?.biomarkers).toEqual(['csf-sod1']);
    expect(trial.links).toEqual([
      { direction: 'outgoing', nctId: JACIFUSEN, relation: 'programme', note: null, title: 'Jacifusen in FUS-ALS', url: `/trials/${JACIFUSEN}` },
      { direction: 'outgoing', nctId: ABSENT, relation: 'extension', note: 'Not in the tracker yet', title: null, url: `/trials/${ABSENT}` },
      { direction: 'incoming', nctId: JACIFUSEN, relation: 'follow-on', note: null, title: 'Jacifusen in FUS-ALS', url: `/trials/${JACIFUSEN}` },
    ]);
    expect(trial.events.map((e) => [e.kind, e.occurredAt, e.source])).toEqual([
      ['note', '2018-12', 'curation'],
      ['started', '2019-03', 'registry'],
      ['registered', '2024-01-15', 'registry'],
      ['status_changed', '2024-06-01', 'registry'],
    ]);
    expect(trial.events[3]).toMatchObject({ field: 'overallStatus', fromValue: 'RECRUITING', toValue: 'ACTIVE_NOT_RECRUITING' });
  });

  it('answers 400 naming nctId for a malformed id', async () => {
    for (const bad of ['NCT123', 'abc', 'NCT1234567890', '12345678']) {
      const res = await getTrial(bad);
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as ErrorBody).error).toMatchObject({ code: 'bad_request:param', field: 'nctId' });
    }
  });

  it('answers 404 for a trial the tracker does not hold', async () => {
    const res = await getTrial('NCT99999999');
    expect(res.status).toBe(404);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('not_found:trial');
    expect(body.error.message).toContain('NCT99999999');
  });
});

describe('GET /api/health', () => {
  it('is ready when every migration is applied, and is never cached', async () => {
    const res = await health.GET();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const journal = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'drizzle', 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
    expect(await res.json()).toEqual({ status: 'ok', trials: TOTAL, migrations: journal.entries.length });
  });
});

describe('unexpected errors', () => {
  it('become a 500 with an apology and no internals', async () => {
    const { toResponse } = await import('@/lib/errors');
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = toResponse(new Error('SQLITE_CORRUPT at /var/lib/secret.sqlite'));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('secret');
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: expect.stringMatching(/^Sorry/) } });
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
