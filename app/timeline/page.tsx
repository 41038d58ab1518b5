// /timeline: the matching trials on one time axis, from start through primary completion to completion,
// grouped by type of treatment, TIMELINE_PAGE_SIZE to a page. Filters are the /trials filters
// (parseListParams) and `page` picks the page; the URL is the state.
import type { Metadata } from 'next';
import Link from 'next/link';
import { FilterForm } from '@/components/search/filter-form';
import { Pagination } from '@/components/search/pagination';
import { TimelineChart } from '@/components/timeline/timeline-chart';
import { TimelineLegend } from '@/components/timeline/timeline-legend';
import { TimelineTable } from '@/components/timeline/timeline-table';
import { isAppError } from '@/lib/errors';
import { getFacetCounts, type FacetCounts } from '@/lib/trials/facets';
import { formatPartialDate } from '@/lib/trials/format';
import { DEFAULT_PAGE_SIZE, parseListParams, serializeListParams, type ListParams } from '@/lib/trials/list-params';
import { getTimeline, layoutTimeline } from '@/lib/trials/timeline';
import styles from './page.module.css';

// The chart reads the live database and today's date on every request.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Timeline of trials',
  description: 'When each ALS trial started and when it finished or is expected to finish, by type of treatment.',
};

const trialsText = (n: number) => (n === 1 ? '1 trial' : `${n.toLocaleString('en-GB')} trials`);
const number = (n: number) => n.toLocaleString('en-GB');

/** Whether any filter is set (sort and paging do not change which trials the timeline shows). */
function hasFilters(params: ListParams): boolean {
  const query = serializeListParams({ ...params, sort: undefined, page: undefined, pageSize: undefined });
  return [...query.keys()].length > 0;
}

/** The filters in force, in words: "Type of treatment: Antisense oligonucleotide (ASO)". */
function filtersInWords(params: ListParams, facets: FacetCounts): string[] {
  const out: string[] = [];
  if (params.q) out.push(`Search: “${params.q}”`);
  const lists: [string, { label: string; selected: boolean }[]][] = [
    ['Status', facets.status],
    ['Phase', facets.phase],
    ['Type of treatment', facets.modality],
    ['Gene', facets.gene],
    ['How it is given', facets.route],
    ['Biomarker', facets.biomarker],
    ['Country', facets.country],
  ];
  for (const [name, options] of lists) {
    const chosen = options.filter((o) => o.selected).map((o) => o.label);
    if (chosen.length) out.push(`${name}: ${chosen.join(' or ')}`);
  }
  // A country typed into the address that no trial has is not among the options; still say it.
  const shownCountries = new Set(facets.country.filter((o) => o.selected).map((o) => o.value.toLowerCase()));
  const missing = params.country.filter((c) => !shownCountries.has(c.toLowerCase()));
  if (missing.length) out.push(`Country: ${missing.join(' or ')}`);
  if (params.recruiting !== undefined) out.push(params.recruiting ? 'Recruiting now or soon' : 'Not recruiting');
  if (params.placebo !== undefined) out.push(params.placebo ? 'Some people get a placebo' : 'No placebo');
  if (params.ole !== undefined) out.push(params.ole ? 'Has an open-label extension' : 'No open-label extension');
  return out;
}

export default async function TimelinePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  let params: ListParams;
  try {
    params = parseListParams(await searchParams);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return (
      <>
        <h1>Timeline of ALS trials</h1>
        <div className={styles.problem} role="alert">
          <h2>This address has a filter we cannot use</h2>
          <p>
            {error.field ? (
              <>
                The problem is with <code>{error.field}</code>:{' '}
              </>
            ) : null}
            {error.message}
          </p>
          <p>
            <Link href="/timeline" className="action-link">
              Show the timeline of all trials
            </Link>
          </p>
        </div>
      </>
    );
  }

  // Today is decided once, here on the server, and passed down so every part agrees on it.
  const now = new Date();
  const data = getTimeline(params, now);
  const facets = getFacetCounts(params);
  const layout = layoutTimeline(data, now);
  const charted = data.shown - data.undated.length;
  const filtered = hasFilters(params);
  const paged = data.pages > 1;
  // Page links keep the filters and nothing else: the timeline has its own order and page size.
  const pageParams: ListParams = { ...params, sort: params.q ? 'relevance' : 'updated', pageSize: DEFAULT_PAGE_SIZE };

  return (
    <>
      <h1>Timeline of ALS trials</h1>
      <p className="lead">
        When each trial started, when its main results are due, and when it ends. Dates come from each trial’s
        ClinicalTrials.gov record, as of the date it was last updated (shown in the table). Today is{' '}
        {formatPartialDate(data.today)}.
      </p>

      {/* Closed at first, so the chart stays near the top; the filters in force are listed in words below. */}
      <details className={styles.filters}>
        <summary className={styles.filtersSummary}>{filtered ? 'Change the filters' : 'Filter the timeline'}</summary>
        <FilterForm params={params} facets={facets} action="/timeline" showSort={false} submitLabel="Show on the timeline" idPrefix="timeline-filters" resultsId="timeline-results" />
      </details>

      <section id="timeline-results" aria-labelledby="timeline-results-heading" tabIndex={-1} className={styles.results}>
        <h2 id="timeline-results-heading">
          {data.total === 0 ? 'No trials match' : `${trialsText(data.total)}${filtered ? ' match these filters' : ''}`}
        </h2>
        {filtered ? (
          <div className={styles.activeFilters}>
            <p id="timeline-active-filters">Filters on:</p>
            <ul aria-labelledby="timeline-active-filters">
              {filtersInWords(params, facets).map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {data.total === 0 ? (
          <p>
            No trial matches these filters.{' '}
            <Link href="/timeline" className="action-link">
              Clear all filters
            </Link>
          </p>
        ) : data.shown === 0 ? (
          <p>
            There is no page {number(data.page)}: {data.pages === 1 ? 'these trials fit on 1 page' : `these trials fill ${number(data.pages)} pages`}.{' '}
            <Link href={`/timeline?${serializeListParams({ ...pageParams, page: 1 })}`} className="action-link">
              Go to the first page
            </Link>
          </p>
        ) : (
          <>
            {paged ? (
              <p>
                Page {number(data.page)} of {number(data.pages)}: trials {number(data.from)} to {number(data.from + data.shown - 1)}, by
                start date, latest first; trials with no start date come last. Each page has its own chart.
              </p>
            ) : null}
            <p>
              {charted === data.shown ? (paged ? 'All on this page are on the chart.' : 'All are on the chart.') : `${trialsText(charted)} on the chart.`}{' '}
              {data.undated.length > 0 ? (
                <>
                  {data.undated.length === 1 ? '1 trial has' : `${data.undated.length} trials have`} no start date in the
                  registry, so {data.undated.length === 1 ? 'it is' : 'they are'} <a href="#no-start-date" className={styles.inlineLink}>listed below the chart</a>.
                </>
              ) : null}{' '}
              Each row of the chart is a link to the trial.
              {filtered ? (
                <>
                  {' '}
                  <Link href="/timeline" className="action-link">
                    Clear all filters
                  </Link>
                </>
              ) : null}
            </p>

            <TimelineLegend />

            {charted > 0 ? (
              <p className={styles.scrollHint}>On a small screen, scroll sideways inside the chart to see all the years.</p>
            ) : null}
            {charted > 0 ? (
              <div className={styles.chartScroller} role="region" aria-label="Timeline chart (scroll sideways to see all years)" tabIndex={0}>
                <TimelineChart layout={layout} today={data.today} count={charted} />
              </div>
            ) : null}

            {data.undated.length > 0 ? (
              <section aria-labelledby="no-start-date" className={styles.undated}>
                <h2 id="no-start-date" tabIndex={-1}>
                  No start date given
                </h2>
                <p>The registry gives no start date for {data.undated.length === 1 ? 'this trial' : 'these trials'}, so we do not draw {data.undated.length === 1 ? 'it' : 'them'} on the chart.</p>
                <ul className={styles.undatedList}>
                  {data.undated.map((t) => (
                    <li key={t.nctId}>
                      <Link href={t.url} className={styles.listLink}>
                        {t.name}
                      </Link>
                      <span className={styles.muted}>
                        {t.nctId} · {t.modalityLabel} · {t.statusText}
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}

            <section aria-labelledby="timeline-table-heading" className={styles.tableSection}>
              <h2 id="timeline-table-heading">The same timeline as a table</h2>
              <TimelineTable trials={data.all} />
            </section>
          </>
        )}
        <Pagination params={pageParams} pages={data.pages} path="/timeline" />
      </section>
    </>
  );
}
