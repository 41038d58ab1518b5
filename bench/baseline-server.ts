// The floor for `npm run bench`: the default trial list (GET /api/trials with no filters) answered by node:http
// and better-sqlite3 alone, nothing in between — no framework, no ORM, no parameter parsing. The same SQL
// statements lib/trials/queries.ts listTrials runs for that request (COUNT, the page of ids in `updated` order,
// the summary rows, genes, countries) in one read transaction, and the same JSON out, so the runner can check
// that both bodies are identical before it compares their throughput.
//
//   node --import tsx bench/baseline-server.ts --db bench-data/bench.sqlite --port 3301 [--page-size 25]
//
// Prints `listening <port>` once it accepts connections. Anything but GET /api/trials[?page=N] is a 404;
// GET /health answers 200 for the runner's readiness check.
import http from 'node:http';
import Database from 'better-sqlite3';
import { MODALITY_LABELS, PHASE_LABELS, RECRUITING_STATUSES, STATUS_LABELS, type Modality, type Phase, type Status } from '@/lib/trials/vocab';

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const value = i === -1 ? fallback : process.argv[i + 1];
  if (value === undefined) throw new Error(`--${name} is required`);
  return value;
}

const file = arg('db');
const port = Number(arg('port', '3301'));
const pageSize = Number(arg('page-size', '25'));

// The app's connection settings (db/client.ts), read-only here.
const sqlite = new Database(file, { readonly: true, fileMustExist: true });
sqlite.pragma('busy_timeout = 5000');

type Row = {
  id: number;
  nct_id: string;
  brief_title: string;
  official_title: string | null;
  acronym: string | null;
  modality: Modality;
  phase: Phase | null;
  overall_status: Status | null;
  last_known_status: Status | null;
  lead_sponsor: string | null;
  start_date: string | null;
  start_date_type: string | null;
  primary_completion_date: string | null;
  primary_completion_date_type: string | null;
  completion_date: string | null;
  completion_date_type: string | null;
  enrollment_count: number | null;
  enrollment_type: string | null;
  last_update_posted_date: string | null;
  curation_as_of: string | null;
};

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');
const count = sqlite.prepare('select count(*) as n from "trials"');
const pageIds = sqlite.prepare('select "id" from "trials" order by "trials"."last_update_posted_date" DESC, "trials"."id" DESC limit ? offset ?').pluck();
const statements = new Map<number, { rows: Database.Statement; genes: Database.Statement; countries: Database.Statement }>();
function statementsFor(n: number) {
  let s = statements.get(n);
  if (!s) {
    const ids = placeholders(n);
    s = {
      rows: sqlite.prepare(
        `select "id", "nct_id", "brief_title", "official_title", "acronym", "modality", "phase", "overall_status", "last_known_status", "lead_sponsor", "start_date", "start_date_type", "primary_completion_date", "primary_completion_date_type", "completion_date", "completion_date_type", "enrollment_count", "enrollment_type", "last_update_posted_date", "curation_as_of" from "trials" where "trials"."id" in (${ids})`,
      ),
      genes: sqlite.prepare(`select "trial_id", "gene" from "trial_genes" where "trial_genes"."trial_id" in (${ids}) order by "trial_genes"."trial_id" asc, "trial_genes"."gene" asc`),
      countries: sqlite.prepare(
        `select distinct "trial_id", "country" from "trial_locations" where ("trial_locations"."trial_id" in (${ids}) and "trial_locations"."country" is not null) order by "trial_locations"."trial_id" asc, "trial_locations"."country" asc`,
      ),
    };
    statements.set(n, s);
  }
  return s;
}

const precision = (date: string) => (date.length <= 4 ? 'year' : date.length <= 7 ? 'month' : 'day');
const partial = (date: string | null, type: string | null) => (date ? { date, precision: precision(date), type: type ?? null } : null);

function group(rows: { trial_id: number; value: string }[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const r of rows) {
    const list = out.get(r.trial_id);
    if (list) list.push(r.value);
    else out.set(r.trial_id, [r.value]);
  }
  return out;
}

const list = sqlite.transaction((page: number) => {
  const total = (count.get() as { n: number }).n;
  const ids = total > (page - 1) * pageSize ? (pageIds.all(pageSize, (page - 1) * pageSize) as number[]) : [];
  let items: unknown[] = [];
  if (ids.length) {
    const s = statementsFor(ids.length);
    const byId = new Map((s.rows.all(...ids) as Row[]).map((r) => [r.id, r]));
    const genes = group((s.genes.all(...ids) as { trial_id: number; gene: string }[]).map((r) => ({ trial_id: r.trial_id, value: r.gene })));
    const countries = group((s.countries.all(...ids) as { trial_id: number; country: string }[]).map((r) => ({ trial_id: r.trial_id, value: r.country })));
    items = ids.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      return [
        {
          nctId: r.nct_id,
          briefTitle: r.brief_title,
          officialTitle: r.official_title,
          acronym: r.acronym,
          modality: r.modality,
          modalityLabel: MODALITY_LABELS[r.modality],
          genes: genes.get(id) ?? [],
          phase: r.phase,
          phaseLabel: r.phase ? PHASE_LABELS[r.phase] : null,
          overallStatus: r.overall_status,
          overallStatusLabel: r.overall_status ? STATUS_LABELS[r.overall_status] : null,
          lastKnownStatus: r.last_known_status,
          lastKnownStatusLabel: r.last_known_status ? STATUS_LABELS[r.last_known_status] : null,
          recruiting: r.overall_status !== null && RECRUITING_STATUSES.includes(r.overall_status),
          leadSponsor: r.lead_sponsor,
          startDate: partial(r.start_date, r.start_date_type),
          primaryCompletionDate: partial(r.primary_completion_date, r.primary_completion_date_type),
          completionDate: partial(r.completion_date, r.completion_date_type),
          enrollment: r.enrollment_count === null ? null : { count: r.enrollment_count, type: r.enrollment_type },
          countries: countries.get(id) ?? [],
          lastUpdatePosted: r.last_update_posted_date,
          curationAsOf: r.curation_as_of,
          url: `/trials/${r.nct_id}`,
        },
      ];
    });
  }
  return { total, page, pageSize, pages: Math.ceil(total / pageSize), relevanceLimited: false, items };
});

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/health') {
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
    return;
  }
  if (req.method !== 'GET' || url.pathname !== '/api/trials') {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  try {
    const page = Math.max(1, Math.trunc(Number(url.searchParams.get('page') ?? '1')) || 1);
    const body = JSON.stringify(list(page));
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }).end(body);
  } catch (error) {
    console.error(error);
    res.writeHead(500, { 'Content-Type': 'text/plain' }).end('error');
  }
});

server.listen(port, () => console.log(`listening ${port}`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
