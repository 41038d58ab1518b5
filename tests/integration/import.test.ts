import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { readInputs } from '@/lib/ctgov/read-input';
import { describeEvent } from '@/lib/trials/describe-event';
import { importStudies, importStudy, upsertCuration } from '@/lib/trials/import';
import { createTestDb, type TestDb } from '../helpers/db';
import { study } from '../fixtures/ctgov/build';

let t: TestDb;
beforeEach(() => {
  t = createTestDb();
});
afterEach(() => t.close());

const q = <T = Record<string, unknown>>(sql: string, ...params: unknown[]) => t.db.$client.prepare(sql).all(...params) as T[];
const events = (nctId: string) =>
  q<{ kind: string; field: string | null; from_value: string | null; to_value: string | null; source: string; occurred_at: string | null }>(
    'SELECT e.* FROM trial_events e JOIN trials t ON t.id = e.trial_id WHERE t.nct_id = ? ORDER BY e.id',
    nctId,
  );
const CURATION = {
  nctId: 'NCT01234567',
  asOf: '2025-06',
  modality: 'stem-cell',
  genes: ['sod1'],
  plainSummary: 'A plain summary.',
  burden: { placebo: true, placeboRatio: '3:1', openLabelExtension: true, routes: ['intrathecal'] },
  eligibility: { maxMonthsSinceOnset: 24, minVitalCapacityPct: 60, riluzoleAllowed: true },
  links: [{ nctId: 'NCT07654321', relation: 'extension' }],
  sources: [{ label: 'A test source', url: 'https://example.org/source', asOf: '2025-06' }],
  history: [{ date: '2020-12-25', kind: 'status_changed', text: 'Recruitment status changed (registry version 2)', source: 'https://example.org/history' }],
};

describe('importing a new trial', () => {
  it('creates the trial with its children, search row and creation events', () => {
    const res = importStudy(t.db, study('NCT01234567'));
    expect(res.outcome).toBe('created');
    expect(q('SELECT gene FROM trial_genes')).toEqual([]);
    expect(q<{ n: number }>('SELECT count(*) n FROM trial_interventions')[0]!.n).toBe(2);
    expect(q<{ n: number }>('SELECT count(*) n FROM trial_locations')[0]!.n).toBe(2);
    expect(q('SELECT biomarker FROM trial_biomarkers')).toEqual([{ biomarker: 'neurofilament-light' }]);
    expect(q("SELECT rowid FROM trials_fts WHERE trials_fts MATCH 'testamab'")).toHaveLength(1);
    expect(events('NCT01234567').map((e) => [e.kind, e.occurred_at])).toEqual([
      ['registered', '2024-01-15'],
      ['started', '2024-03-01'],
    ]);
  });
});

describe('re-importing', () => {
  it('changes nothing when the record is unchanged', () => {
    importStudy(t.db, study('NCT01234567'));
    const before = q('SELECT * FROM trials');
    const summary = importStudies(t.db, [{ record: study('NCT01234567') }]);
    expect(summary).toMatchObject({ created: 0, updated: 0, unchanged: 1, failed: 0, events: 0 });
    expect(q('SELECT * FROM trials')).toEqual(before);
  });

  it('updates the trial and appends one event per change, from and to', () => {
    importStudy(t.db, study('NCT01234567'));
    const changed = study('NCT01234567', {
      protocolSection: {
        statusModule: {
          overallStatus: 'ACTIVE_NOT_RECRUITING',
          primaryCompletionDateStruct: { date: '2026-09', type: 'ESTIMATED' },
          lastUpdatePostDateStruct: { date: '2025-06-01', type: 'ACTUAL' },
        },
        designModule: { phases: ['PHASE2', 'PHASE3'], enrollmentInfo: { count: 131, type: 'ACTUAL' } },
      },
    });
    const res = importStudy(t.db, changed);
    expect(res).toMatchObject({ outcome: 'updated', events: 4 });
    const changes = events('NCT01234567').slice(2);
    expect(changes.map((e) => [e.kind, e.field, JSON.parse(e.from_value!), JSON.parse(e.to_value!)])).toEqual([
      ['date_changed', 'primaryCompletionDate', { date: '2026-03', type: 'ESTIMATED' }, { date: '2026-09', type: 'ESTIMATED' }],
      ['enrolment_changed', 'enrollment', { count: 120, type: 'ESTIMATED' }, { count: 131, type: 'ACTUAL' }],
      ['phase_changed', 'phase', 'phase-2', 'phase-2-3'],
      ['status_changed', 'overallStatus', 'RECRUITING', 'ACTIVE_NOT_RECRUITING'],
    ]);
    expect(changes.every((e) => e.source === 'registry' && e.occurred_at === '2025-06-01')).toBe(true);
    expect(q('SELECT overall_status, phase, enrollment_count, version FROM trials')).toEqual([
      { overall_status: 'ACTIVE_NOT_RECRUITING', phase: 'phase-2-3', enrollment_count: 131, version: 2 },
    ]);
    expect(importStudy(t.db, changed).outcome).toBe('unchanged');
  });

  it('records results being posted and sites added or removed', () => {
    importStudy(t.db, study('NCT01234567'));
    importStudy(
      t.db,
      study('NCT01234567', {
        hasResults: true,
        protocolSection: {
          statusModule: { resultsFirstPostDateStruct: { date: '2025-08-01', type: 'ACTUAL' } },
          contactsLocationsModule: { locations: [{ facility: 'Test Hospital', city: 'Boston', state: 'Massachusetts', country: 'United States', status: 'RECRUITING' }] },
        },
      }),
    );
    const [results, locations] = events('NCT01234567').slice(2);
    expect(results!.kind).toBe('results_posted');
    expect(locations!.field).toBe('locations');
    expect(JSON.parse(locations!.from_value!).removed[0].city).toBe('Paris');
    expect(q("SELECT country FROM trial_locations")).toEqual([{ country: 'United States' }]);
  });
});

describe('site changes', () => {
  it('name the site whose recruitment status the registry changed', () => {
    importStudy(t.db, study('NCT01234567'));
    const sites = [
      { facility: 'Test Hospital', city: 'Boston', state: 'Massachusetts', country: 'United States', status: 'ACTIVE_NOT_RECRUITING' },
      { facility: 'Hôpital de Test', city: 'Paris', country: 'France', status: 'NOT_YET_RECRUITING' },
    ];
    importStudy(t.db, study('NCT01234567', { protocolSection: { contactsLocationsModule: { locations: sites } } }));
    const change = events('NCT01234567').find((e) => e.field === 'locations')!;
    const sentence = describeEvent({ kind: 'record_updated', field: 'locations', fromValue: JSON.parse(change.from_value!), toValue: JSON.parse(change.to_value!), text: null, source: 'registry' });
    expect(sentence).toBe('Site Test Hospital, Boston: now active, not recruiting');
  });
});

describe('curation', () => {
  it('wins over the rules and survives re-import', () => {
    upsertCuration(t.db, CURATION);
    importStudy(t.db, study('NCT01234567'));
    const row = () => q('SELECT modality, modality_source, genes_source, placebo_ratio, max_months_since_onset, routes, plain_summary FROM trials')[0];
    const expected = { modality: 'stem-cell', modality_source: 'curation', genes_source: 'curation', placebo_ratio: '3:1', max_months_since_onset: 24, routes: '["intrathecal"]', plain_summary: 'A plain summary.' };
    expect(row()).toEqual(expected);
    expect(q('SELECT gene FROM trial_genes')).toEqual([{ gene: 'SOD1' }]);
    expect(q('SELECT from_nct_id, to_nct_id, relation FROM trial_links')).toEqual([{ from_nct_id: 'NCT01234567', to_nct_id: 'NCT07654321', relation: 'extension' }]);
    importStudy(t.db, study('NCT01234567', { protocolSection: { statusModule: { overallStatus: 'COMPLETED' } } }));
    expect(row()).toEqual(expected);
  });

  it('adds curated history once, however often it is seeded', () => {
    upsertCuration(t.db, CURATION);
    importStudy(t.db, study('NCT01234567'));
    importStudy(t.db, study('NCT01234567'));
    const curated = events('NCT01234567').filter((e) => e.source === 'curation');
    expect(curated.map((e) => [e.kind, e.occurred_at])).toEqual([['status_changed', '2020-12-25']]);
  });

  it('attributes a change of curated value to curation', () => {
    upsertCuration(t.db, CURATION);
    importStudy(t.db, study('NCT01234567'));
    upsertCuration(t.db, { ...CURATION, asOf: '2025-09', eligibility: { ...CURATION.eligibility, maxMonthsSinceOnset: 18 } });
    importStudy(t.db, study('NCT01234567'));
    const change = events('NCT01234567').find((e) => e.field === 'maxMonthsSinceOnset');
    expect(change).toMatchObject({ source: 'curation', from_value: '24', to_value: '18' });
  });

  it('rejects an invalid curation entry, naming the field', () => {
    expect(() => upsertCuration(t.db, { ...CURATION, modality: 'magic' })).toThrow(/modality/);
    expect(() => upsertCuration(t.db, { ...CURATION, sources: [] })).toThrow(/source/);
  });
});

describe('bad records', () => {
  it('are reported with file, NCT id and reason while the rest land', () => {
    const summary = importStudies(t.db, [
      { record: study('NCT00000001'), file: 'a.json' },
      { record: study('NCT00000002', { protocolSection: { designModule: { phases: ['PHASE7'] } } }), file: 'b.json' },
      { record: 'not a study', file: 'c.json' },
      { record: study('NCT00000003'), file: 'd.json' },
    ]);
    expect(summary).toMatchObject({ created: 2, failed: 2 });
    expect(summary.errors[0]).toMatchObject({ file: 'b.json', nctId: 'NCT00000002' });
    expect(summary.errors[0]!.reason).toMatch(/phases/);
    expect(summary.errors[1]!.file).toBe('c.json');
    expect(q('SELECT nct_id FROM trials ORDER BY nct_id')).toEqual([{ nct_id: 'NCT00000001' }, { nct_id: 'NCT00000003' }]);
  });
});

describe('importing many records', () => {
  const trialRows = (nctId: string) => {
    const [trial] = q<{ id: number }>('SELECT id FROM trials WHERE nct_id = ?', nctId);
    if (!trial) return null;
    const count = (table: string) => q<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE trial_id = ?`, trial.id)[0]!.n;
    return {
      interventions: count('trial_interventions'),
      locations: count('trial_locations'),
      outcomes: count('trial_outcomes'),
      events: count('trial_events'),
      search: q('SELECT rowid FROM trials_fts WHERE rowid = ?', trial.id).length,
    };
  };

  it('lands every record across several transactions, reporting progress per record in order', () => {
    const inputs = Array.from({ length: 1100 }, (_, i) => ({ record: study(`NCT2${String(i).padStart(7, '0')}`) }));
    const progress: number[] = [];
    const summary = importStudies(t.db, inputs, { onProgress: (done, total) => progress.push(done / total) });
    expect(summary).toMatchObject({ created: 1100, failed: 0, events: 2200 });
    expect(progress).toEqual(inputs.map((_, i) => (i + 1) / inputs.length));
    expect(q<{ n: number }>('SELECT count(*) AS n FROM trials_fts')[0]!.n).toBe(1100);
    expect(trialRows('NCT20001099')).toEqual({ interventions: 2, locations: 2, outcomes: 2, events: 2, search: 1 });
  });

  it('keeps the search index in step when a batch creates and then changes the same trial', () => {
    const renamed = study('NCT01234567', { protocolSection: { identificationModule: { briefTitle: 'Zanubrutinib in ALS' } } });
    expect(importStudies(t.db, [{ record: study('NCT01234567') }, { record: renamed }])).toMatchObject({ created: 1, updated: 1 });
    expect(q("SELECT rowid FROM trials_fts WHERE trials_fts MATCH 'zanubrutinib'")).toHaveLength(1);
    expect(q(`SELECT rowid FROM trials_fts WHERE trials_fts MATCH '"Test study"'`)).toEqual([]);
  });

  it('fails a record that breaks while it is written alone: the rest land and nothing of it stays', () => {
    importStudy(t.db, study('NCT00000009'));
    // The database refuses the bad record's first event, after its trial, children and search row were written.
    t.db.$client.exec(`CREATE TEMP TRIGGER refuse_one BEFORE INSERT ON trial_events
      WHEN NEW.trial_id = (SELECT id FROM trials WHERE nct_id = 'NCT00000002')
      BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    const summary = importStudies(t.db, [
      { record: study('NCT00000001'), file: 'a.json' },
      { record: study('NCT00000002'), file: 'b.json' },
      { record: study('NCT00000003'), file: 'c.json' },
      { record: study('NCT00000009', { protocolSection: { statusModule: { overallStatus: 'COMPLETED' } } }), file: 'd.json' },
    ]);
    expect(summary).toMatchObject({ created: 2, updated: 1, failed: 1, events: 5 });
    expect(summary.errors).toEqual([{ file: 'b.json', nctId: 'NCT00000002', reason: 'refused by the test' }]);
    expect(trialRows('NCT00000002')).toBeNull();
    expect(q('SELECT count(*) AS n FROM trials_fts')).toEqual([{ n: 3 }]);
    for (const nctId of ['NCT00000001', 'NCT00000003']) expect(trialRows(nctId)).toEqual({ interventions: 2, locations: 2, outcomes: 2, events: 2, search: 1 });
    expect(q("SELECT overall_status, version FROM trials WHERE nct_id = 'NCT00000009'")).toEqual([{ overall_status: 'COMPLETED', version: 2 }]);
  });

  it('reports every record, each on its own, when the database stays locked by another writer', () => {
    const locker = openDatabase(t.file);
    const importer = openDatabase(t.file, 20);
    try {
      locker.$client.prepare('BEGIN IMMEDIATE').run();
      const summary = importStudies(importer, [{ record: study('NCT00000001'), file: 'a.json' }, { record: 'not a study', file: 'b.json' }]);
      expect(summary).toMatchObject({ created: 0, failed: 2 });
      expect(summary.errors.map((e) => [e.file, e.reason])).toEqual([
        ['a.json', 'database is locked'],
        ['b.json', '(record): Invalid input: expected object, received string'],
      ]);
      locker.$client.prepare('ROLLBACK').run();
      expect(importStudies(importer, [{ record: study('NCT00000001') }]).created).toBe(1);
    } finally {
      locker.$client.close();
      importer.$client.close();
    }
  });
});

describe('the event stream', () => {
  it('is append-only in the database itself', () => {
    importStudy(t.db, study('NCT01234567'));
    expect(() => t.db.$client.prepare("UPDATE trial_events SET kind = 'note'").run()).toThrow(/append-only/);
    expect(() => t.db.$client.prepare('DELETE FROM trial_events').run()).toThrow(/append-only/);
  });
});

describe('reading inputs', () => {
  const dir = () => fs.mkdtempSync(path.join(path.dirname(t.file), 'in-'));
  it('reads a single study, an array and a page, and reports a broken file', async () => {
    const d = dir();
    fs.writeFileSync(path.join(d, '1-single.json'), JSON.stringify(study('NCT00000001')));
    fs.writeFileSync(path.join(d, '2-array.json'), JSON.stringify([study('NCT00000002'), study('NCT00000003')]));
    fs.writeFileSync(path.join(d, '3-page.json'), JSON.stringify({ studies: [study('NCT00000004')], nextPageToken: 'abc' }));
    fs.writeFileSync(path.join(d, '4-broken.json'), '{"protocolSection":');
    fs.writeFileSync(path.join(d, 'notes.txt'), 'ignored');
    const { inputs, problems } = await readInputs(d);
    expect(inputs.map((i) => path.basename(i.file!))).toEqual(['1-single.json', '2-array.json#0', '2-array.json#1', '3-page.json']);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.reason).toMatch(/not valid JSON/);
  });

  it('reads standard input', async () => {
    const { inputs } = await readInputs('-', Readable.from([JSON.stringify([study('NCT00000001')])]));
    expect(inputs).toHaveLength(1);
  });

  it('says when the path does not exist', async () => {
    await expect(readInputs('/no/such/file.json')).rejects.toThrow(/no such file/);
  });
});

// The real registry records in ../shared/ctgov/v2 (absent on a user's machine).
const SHARED = path.resolve(process.cwd(), '..', 'shared', 'ctgov', 'v2');
describe.skipIf(!fs.existsSync(SHARED))(`real ClinicalTrials.gov records in ${SHARED}`, () => {
  it('imports every record, and a second import finds all unchanged', async () => {
    const { inputs, problems } = await readInputs(SHARED);
    expect(problems).toEqual([]);
    const first = importStudies(t.db, inputs);
    expect(first.errors).toEqual([]);
    expect(first.created).toBe(inputs.length);
    // The ids come from inside the records, not from the file names.
    const ids = q<{ nct_id: string }>('SELECT nct_id FROM trials').map((r) => r.nct_id);
    for (const input of inputs) expect(ids).toContain((input.record as { protocolSection: { identificationModule: { nctId: string } } }).protocolSection.identificationModule.nctId);
    const second = importStudies(t.db, inputs);
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: inputs.length, failed: 0 });
    const unknown = q<{ overall_status: string; last_known_status: string }>("SELECT overall_status, last_known_status FROM trials WHERE nct_id = 'NCT03475563'")[0];
    expect(unknown).toEqual({ overall_status: 'UNKNOWN', last_known_status: 'RECRUITING' });
    expect(q("SELECT phase FROM trials WHERE nct_id = 'NCT04431453'")).toEqual([{ phase: 'phase-2-3' }]);
  });
});
if (!fs.existsSync(SHARED)) console.warn(`skipped: the real-record import test needs ${SHARED}, which is absent here`);
