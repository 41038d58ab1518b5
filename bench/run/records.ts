// Registry records for the import benchmark: real API v2 records (../shared/ctgov/v2 where it exists — CI has no
// ../shared —, the test fixture kept in the repository and the curated seed), cloned under new NCT9… ids with a numbered title, so N records cost what N
// distinct registry records of those shapes cost. Serialised once: the import and JSON.parse read the same bytes.
import fs from 'node:fs';
import path from 'node:path';

const SOURCE_DIRS = [
  path.join(process.cwd(), '..', 'shared', 'ctgov', 'v2'),
  path.join(process.cwd(), 'tests', 'fixtures', 'ctgov', 'records'),
  path.join(process.cwd(), 'db', 'seed', 'studies'),
];

type Json = Record<string, unknown>;

const nctIdOf = (r: Json) => ((r.protocolSection as { identificationModule?: { nctId?: string } }).identificationModule?.nctId ?? '');

/** The template records, in a fixed order, each study once. */
export function templateRecords(dirs = SOURCE_DIRS): Json[] {
  const out: Json[] = [];
  const seen = new Set<string>();
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const doc = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as unknown;
      const records = Array.isArray(doc) ? doc : [doc];
      for (const r of records) {
        if (!r || typeof r !== 'object' || !(r as Json).protocolSection) continue;
        const id = nctIdOf(r as Json);
        if (seen.has(id)) continue;
        seen.add(id);
        out.push(r as Json);
      }
    }
  }
  if (out.length === 0) throw new Error(`No API v2 records found in ${dirs.join(' or ')}`);
  return out;
}

export const cloneNctId = (i: number, base = 90_000_000) => `NCT${String(base + i).padStart(8, '0')}`;

/** N records as JSON text: template i % templates, renamed NCT9xxxxxxx, its title numbered. */
export function clonedRecordTexts(n: number, templates = templateRecords(), base = 90_000_000): string[] {
  const texts: string[] = [];
  for (let i = 0; i < n; i++) {
    const record = structuredClone(templates[i % templates.length]!) as { protocolSection: { identificationModule: Json } } & Json;
    const id = record.protocolSection.identificationModule;
    id.nctId = cloneNctId(i, base);
    if (typeof id.briefTitle === 'string') id.briefTitle = `${id.briefTitle} (${i})`;
    texts.push(JSON.stringify(record));
  }
  return texts;
}
