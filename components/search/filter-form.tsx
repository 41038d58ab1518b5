// The search-and-filter form shared by /trials and /timeline. A plain GET form: the URL is the state,
// so it works without JavaScript, can be shared, and the back button restores the previous search.
// Field names are exactly the parameters parseListParams (lib/trials/list-params.ts) accepts.
import { DEFAULT_PAGE_SIZE, type ListParams, type ListSort } from '@/lib/trials/list-params';
import type { FacetCounts, FacetOption, FlagFacet } from '@/lib/trials/facets';
import { DropEmptyFields } from './drop-empty-fields';
import styles from './filter-form.module.css';

export type FilterFormProps = {
  /** The current filters, from parseListParams(searchParams): the form shows them as ticked. */
  params: ListParams;
  /** From getFacetCounts(params) (lib/trials/facets.ts): the count beside each option. */
  facets: FacetCounts;
  /** The path the form submits to (e.g. '/trials', '/timeline'); "Clear all filters" links here too. */
  action: string;
  /** Show the "Sort by" select (default true; a page with its own order can leave it out). */
  showSort?: boolean;
  /** The main submit button's words (default "Show trials"). */
  submitLabel?: string;
  /** Prefix for element ids, so two forms could share a page (default "filters"). */
  idPrefix?: string;
  /** The id of the results on the page: adds a "Skip to results" link at the top of the form. */
  resultsId?: string;
};

/** Sort choices in words. `relevance` is not listed: the empty choice means "best match when searching". */
const SORT_LABELS: Record<Exclude<ListSort, 'relevance'>, string> = {
  updated: 'Recently updated first',
  '-start': 'Newest start date first',
  start: 'Oldest start date first',
  'primary-completion': 'Soonest main results date first',
  phase: 'Earliest phase first',
  title: 'Title, A to Z',
};

function Count({ n }: { n: number }) {
  return (
    <span className={styles.count}>
      <span aria-hidden="true">{n.toLocaleString('en')}</span>
      <span className="visually-hidden">({n === 1 ? '1 trial' : `${n.toLocaleString('en')} trials`})</span>
    </span>
  );
}

/** Checkboxes for a many-valued filter. Values no matching trial has are left out unless ticked. */
function CheckboxFacet({ name, legend, hint, options, id }: { name: string; legend: string; hint?: string; options: FacetOption[]; id: string }) {
  const shown = options.filter((o) => o.count > 0 || o.selected);
  const hintId = `${id}-hint`;
  return (
    <fieldset className={styles.facet} aria-describedby={hint ? hintId : undefined}>
      <legend className={styles.legend}>{legend}</legend>
      {hint ? (
        <p id={hintId} className={styles.hint}>
          {hint}
        </p>
      ) : null}
      {shown.length === 0 ? (
        <p className={styles.none}>No matching trial has this.</p>
      ) : (
        <ul className={styles.options}>
          {shown.map((o, i) => (
            <li key={o.value}>
              <label className={styles.option} htmlFor={`${id}-${i}`}>
                <input id={`${id}-${i}`} type="checkbox" name={name} value={o.value} defaultChecked={o.selected} className={styles.control} />
                <span className={styles.optionText}>{o.label}</span>
                <Count n={o.count} />
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

/** Any / yes / no for a true-false filter. "No" is left out when no trial says no and it is not chosen. */
function FlagFacetField({ name, legend, yes, no, facet, id }: { name: string; legend: string; yes: string; no: string; facet: FlagFacet; id: string }) {
  const choices: { value: string; label: string; count?: number; checked: boolean }[] = [
    { value: '', label: 'Any', checked: facet.selected === undefined },
    { value: 'true', label: yes, count: facet.yes, checked: facet.selected === true },
  ];
  if (facet.no > 0 || facet.selected === false) choices.push({ value: 'false', label: no, count: facet.no, checked: facet.selected === false });
  return (
    <fieldset className={styles.facet}>
      <legend className={styles.legend}>{legend}</legend>
      <ul className={styles.options}>
        {choices.map((c, i) => (
          <li key={c.value}>
            <label className={styles.option} htmlFor={`${id}-${i}`}>
              <input id={`${id}-${i}`} type="radio" name={name} value={c.value} defaultChecked={c.checked} className={styles.control} />
              <span className={styles.optionText}>{c.label}</span>
              {c.count === undefined ? null : <Count n={c.count} />}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export function FilterForm({ params, facets, action, showSort = true, submitLabel = 'Show trials', idPrefix = 'filters', resultsId }: FilterFormProps) {
  const id = (suffix: string) => `${idPrefix}-${suffix}`;
  const defaultSort = params.q !== undefined ? 'relevance' : 'updated';
  const sortValue = params.sort === defaultSort || params.sort === 'relevance' ? '' : params.sort;
  const sortChoices = (Object.keys(SORT_LABELS) as (keyof typeof SORT_LABELS)[]).filter((s) => params.q !== undefined || s !== 'updated');

  return (
    <form id={id('form')} action={action} method="get" className={styles.form} aria-labelledby={id('heading')}>
      <DropEmptyFields formId={id('form')} />
      <h2 id={id('heading')} className={styles.heading}>
        Search and filter
      </h2>
      {resultsId ? (
        <p className={styles.skip}>
          <a href={`#${resultsId}`} className={styles.skipLink}>
            Skip to results
          </a>
        </p>
      ) : null}

      <div className={styles.search} role="search">
        <label htmlFor={id('q')} className={styles.searchLabel}>
          Search trials
        </label>
        <p id={id('q-hint')} className={styles.hint}>
          A drug, gene, sponsor or word, for example <i>tofersen</i> or <i>SOD1</i>.
        </p>
        <div className={styles.searchRow}>
          <input
            id={id('q')}
            type="search"
            name="q"
            defaultValue={params.q ?? ''}
            maxLength={200}
            aria-describedby={id('q-hint')}
            className={styles.searchInput}
          />
          <button type="submit">Search</button>
        </div>
      </div>

      <div className={styles.facets}>
        <FlagFacetField
          name="recruiting"
          legend="Looking for participants"
          yes="Recruiting now or soon"
          no="Not recruiting"
          facet={facets.recruiting}
          id={id('recruiting')}
        />
        <CheckboxFacet name="status" legend="Trial status" options={facets.status} id={id('status')} />
        <CheckboxFacet name="phase" legend="Phase" options={facets.phase} id={id('phase')} />
        <CheckboxFacet name="modality" legend="Type of treatment" options={facets.modality} id={id('modality')} />
        <CheckboxFacet name="gene" legend="Gene the treatment targets" options={facets.gene} id={id('gene')} />
        <CheckboxFacet name="route" legend="How the treatment is given" options={facets.route} id={id('route')} />
        <FlagFacetField
          name="placebo"
          legend="Placebo (dummy treatment)"
          yes="Some people get a placebo"
          no="No placebo: everyone gets the treatment"
          facet={facets.placebo}
          id={id('placebo')}
        />
        <FlagFacetField
          name="ole"
          legend="Open-label extension"
          yes="Has an extension where everyone can get the treatment"
          no="No extension"
          facet={facets.ole}
          id={id('ole')}
        />
        <CheckboxFacet
          name="biomarker"
          legend="Biomarker measured"
          hint="Signs in blood, spinal fluid or scans that show how the disease or treatment is working."
          options={facets.biomarker}
          id={id('biomarker')}
        />
        <CheckboxFacet name="country" legend="Country with a trial site" options={facets.country} id={id('country')} />
      </div>

      {showSort ? (
        <div className={styles.sort}>
          <label htmlFor={id('sort')} className={styles.legend}>
            Sort by
          </label>
          <select id={id('sort')} name="sort" defaultValue={sortValue} className={styles.select}>
            <option value="">{params.q !== undefined ? 'Best match first' : SORT_LABELS.updated}</option>
            {sortChoices.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {params.pageSize !== DEFAULT_PAGE_SIZE ? <input type="hidden" name="pageSize" value={params.pageSize} /> : null}

      <div className={styles.actions}>
        <button type="submit">{submitLabel}</button>
        <a href={action} className={styles.clear}>
          Clear all filters
        </a>
      </div>
    </form>
  );
}
