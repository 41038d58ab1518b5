// /trials: search the tracked trials with facets. The URL is the state (a plain GET form with the same
// parameters as GET /api/trials), so a search works without JavaScript, can be shared and survives Back.
// Bad parameters render the page with a message naming the parameter; the status stays 200, because a
// streamed App Router page cannot set 400 (only notFound/forbidden/unauthorized change it).
import type { Metadata } from 'next';
import Link from 'next/link';
import { CompareLimit } from '@/components/compare/compare-limit';
import { appliedFilters, type AppliedFilter } from '@/components/search/applied-filters';
import { FilterForm } from '@/components/search/filter-form';
import { Pagination } from '@/components/search/pagination';
import { TrialCard } from '@/components/trials/trial-card';
import { isAppError, type AppError } from '@/lib/errors';
import { MAX_COMPARE } from '@/lib/trials/compare';
import { countTrials, getFacetCounts, getJoinHighlights } from '@/lib/trials/facets';
import { parseListParams, serializeListParams, type ListParams } from '@/lib/trials/list-params';
import { listTrials } from '@/lib/trials/queries';
import { ActionForm } from '@/components/follow/action-form';
import { WatchButton } from '@/components/follow/watch-button';
import formStyles from '@/components/ui/form.module.css';
import { db } from '@/db/client';
import { currentActor } from '@/lib/auth/session';
import { watchingState } from '@/lib/watchlists/watchlists';
import { saveSearchAction } from '../watchlists/actions';
import styles from './page.module.css';

type SearchParams = Record<string, string | string[] | undefined>;
type Props = { searchParams: Promise<SearchParams> };

const PATH = '/trials';
const RESULTS_ID = 'results';
const COMPARE_FORM_ID = 'compare-form';

const trialsWord = (n: number) => (n === 1 ? '1 trial' : `${n.toLocaleString('en')} trials`);

function hrefFor(params: Partial<ListParams>): string {
  const query = serializeListParams(params).toString();
  return query ? `${PATH}?${query}` : PATH;
}

function tryParse(raw: SearchParams): { params: ListParams } | { error: AppError } {
  try {
    return { params: parseListParams(raw) };
  } catch (error) {
    if (isAppError(error)) return { error };
    throw error;
  }
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const parsed = tryParse(await searchParams);
  if ('error' in parsed) return { title: 'Problem with the search' };
  const { q, page } = parsed.params;
  const base = q ? `Trials matching “${q}”` : 'Find trials';
  return { title: page > 1 ? `${base}, page ${page}` : base };
}

export default async function TrialsPage({ searchParams }: Props) {
  const raw = await searchParams;
  const parsed = tryParse(raw);
  if ('error' in parsed) return <BadParams raw={raw} error={parsed.error} />;
  const { params } = parsed;

  const list = listTrials(params);
  const facets = getFacetCounts(params);
  const highlights = getJoinHighlights(list.items.map((t) => t.nctId));
  const applied = appliedFilters(params);
  const actor = await currentActor();
  const watching = actor ? watchingState(db(), actor, list.items.map((t) => t.nctId)) : {};
  const searchQuery = serializeListParams({ ...params, page: 1 }).toString();

  return (
    <>
      <h1>Find ALS trials</h1>
      <p className="lead">
        Search by name, or narrow the list by what matters to you. Each number shows how many trials a choice would
        give.
      </p>
      <div className={styles.layout}>
        <div className={styles.filters}>
          <FilterForm params={params} facets={facets} action={PATH} resultsId={RESULTS_ID} />
        </div>

        <section id={RESULTS_ID} aria-labelledby="results-heading" className={styles.results}>
          <h2 id="results-heading" className={styles.resultsHeading}>
            Results
          </h2>
          <p role="status" className={styles.count}>
            {trialsWord(list.total)}
            {params.q ? ` matching “${params.q}”` : ''}
            {list.pages > 1 && params.page <= list.pages ? `, page ${params.page.toLocaleString('en')} of ${list.pages.toLocaleString('en')}` : ''}
          </p>

          {list.relevanceLimited ? (
            <p className={styles.notice}>
              So many trials contain these words that they cannot be ranked by how well they match: they are shown
              newest to the tracker first. Add words or filters until 10,000 trials or fewer match to rank them by relevance.
            </p>
          ) : null}

          {applied.length > 0 ? <AppliedList applied={applied} /> : null}

          {list.total === 0 ? (
            <NoMatches params={params} applied={applied} />
          ) : list.items.length === 0 ? (
            <p className={styles.notice}>
              There is no page {params.page}: these filters give {list.pages === 1 ? '1 page' : `${list.pages.toLocaleString('en')} pages`}.{' '}
              <Link href={hrefFor({ ...params, page: 1 })}>Go to the first page</Link>
            </p>
          ) : (
            <>
              <form id={COMPARE_FORM_ID} action="/compare" method="get" className={styles.compareBar}>
                <p className={styles.compareHint}>Tick “Add to compare” on up to {MAX_COMPARE} trials to see them side by side.</p>
                <button type="submit">Compare ticked trials</button>
                <CompareLimit formId={COMPARE_FORM_ID} />
              </form>
              <ol className={styles.list} aria-labelledby="results-heading">
                {list.items.map((trial) => (
                  <li key={trial.nctId}>
                    <TrialCard
                      trial={trial}
                      highlights={highlights.get(trial.nctId)}
                      compareFormId={COMPARE_FORM_ID}
                      actions={<WatchButton nctId={trial.nctId} title={trial.acronym ?? trial.briefTitle} initialWatching={watching[trial.nctId] ?? false} signedIn={!!actor} />}
                    />
                  </li>
                ))}
              </ol>
              <p className={styles.compareAgain}>
                <button type="submit" form={COMPARE_FORM_ID}>
                  Compare ticked trials
                </button>
              </p>
            </>
          )}

          <Pagination params={params} pages={list.pages} path={PATH} />

          <section aria-labelledby="save-search-heading" className={styles.saveSearch}>
            <h3 id="save-search-heading">Hear about new trials that match</h3>
            {actor ? (
              <ActionForm action={saveSearchAction} className={formStyles.form}>
                <input type="hidden" name="query" value={searchQuery} />
                <div className={formStyles.field}>
                  <label htmlFor="save-search-name" className={formStyles.label}>
                    Save this search as
                  </label>
                  <p id="save-search-hint" className={formStyles.hint}>
                    It becomes a watchlist of whatever matches, and you are told when a trial comes to match or a matching trial changes.
                  </p>
                  <input
                    id="save-search-name"
                    name="name"
                    maxLength={80}
                    className={formStyles.input}
                    size={32}
                    aria-describedby="save-search-hint"
                    defaultValue={applied.length ? applied.map((f) => f.label).join(', ').slice(0, 80) : params.q ? `Trials matching “${params.q}”`.slice(0, 80) : 'All ALS trials'}
                  />
                </div>
                <div>
                  <button type="submit">Save search</button>
                </div>
              </ActionForm>
            ) : (
              <p>
                <Link href={`/signin?callbackUrl=${encodeURIComponent(hrefFor(params))}`} className="action-link">
                  Sign in to save this search
                </Link>{' '}
                and hear when a new trial matches it.
              </p>
            )}
          </section>
        </section>
      </div>
    </>
  );
}

function AppliedList({ applied }: { applied: AppliedFilter[] }) {
  return (
    <div className={styles.applied}>
      <h3 id="applied-heading" className={styles.appliedHeading}>
        Filters in use
      </h3>
      <ul className={styles.appliedList} aria-labelledby="applied-heading">
        {applied.map((f) => (
          <li key={f.label}>
            <Link href={hrefFor(f.without)} className={styles.chip}>
              <span className="visually-hidden">Remove filter </span>
              {f.label}
              <span aria-hidden="true" className={styles.chipX}>
                ×
              </span>
            </Link>
          </li>
        ))}
        <li>
          <Link href={PATH} className={styles.clearAll}>
            Clear all filters
          </Link>
        </li>
      </ul>
    </div>
  );
}

function NoMatches({ params, applied }: { params: ListParams; applied: AppliedFilter[] }) {
  // The narrowest filter is the one whose removal brings back the most trials.
  const options = applied.map((f) => ({ filter: f, count: countTrials(f.without) })).filter((o) => o.count > 0);
  const best = options.sort((a, b) => b.count - a.count)[0];
  const onlySearch = params.q !== undefined && applied.length > 1;
  return (
    <div className={styles.empty}>
      <h3 className={styles.emptyHeading}>No trials match</h3>
      {applied.length > 0 ? (
        <p>
          No tracked trial matches all of these together: {applied.map((f) => f.label).join('; ')}.
        </p>
      ) : (
        <p>The tracker has no trials yet.</p>
      )}
      <ul className={styles.suggestions}>
        {best ? (
          <li>
            <Link href={hrefFor(best.filter.without)} className="action-link">
              Remove “{best.filter.label}” to see {trialsWord(best.count)}
            </Link>
          </li>
        ) : null}
        {onlySearch ? (
          <li>
            <Link href={hrefFor({ q: params.q })} className="action-link">
              Search all trials for “{params.q}”, without the other filters
            </Link>
          </li>
        ) : null}
        <li>
          <Link href={PATH} className="action-link">
            Show all trials
          </Link>
        </li>
      </ul>
    </div>
  );
}

function BadParams({ raw, error }: { raw: SearchParams; error: AppError }) {
  const field = error.field ?? '';
  const rest = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    if (key === field || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) rest.append(key, v);
  }
  const withoutField = rest.size ? `${PATH}?${rest.toString()}` : PATH;
  // The rest of the search, if it is valid on its own, fills the form so nothing else is lost.
  const fallback = tryParse(Object.fromEntries([...new Set(rest.keys())].map((k) => [k, rest.getAll(k)])));
  const params = 'params' in fallback ? fallback.params : parseListParams({});
  const facets = getFacetCounts(params);

  return (
    <>
      <h1>Find ALS trials</h1>
      <div className={styles.error} role="alert" aria-labelledby="error-heading">
        <h2 id="error-heading" className={styles.errorHeading}>
          This search could not be run
        </h2>
        <p>
          Part of the web address is not one the tracker understands
          {field ? (
            <>
              {' '}
              (the <code>{field}</code> parameter)
            </>
          ) : null}
          : {error.message}.
        </p>
        <ul className={styles.suggestions}>
          {field ? (
            <li>
              <Link href={withoutField} className="action-link">
                Remove “{field}” from the search and try again
              </Link>
            </li>
          ) : null}
          <li>
            <Link href={PATH} className="action-link">
              Clear all filters
            </Link>
          </li>
        </ul>
      </div>
      <div className={styles.filtersAlone}>
        <FilterForm params={params} facets={facets} action={PATH} />
      </div>
    </>
  );
}
