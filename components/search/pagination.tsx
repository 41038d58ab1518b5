// Page links for a filtered list: Previous, page numbers (with gaps on long lists) and Next. Plain links
// that keep every filter, so each page has its own shareable URL.
import Link from 'next/link';
import { serializeListParams, type ListParams } from '@/lib/trials/list-params';
import styles from './pagination.module.css';

/** Page numbers to show: the first, the last and two either side of the current one; null marks a gap. */
export function pageWindow(current: number, pages: number): (number | null)[] {
  const keep = new Set([1, pages, current - 2, current - 1, current, current + 1, current + 2].filter((n) => n >= 1 && n <= pages));
  const sorted = [...keep].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  sorted.forEach((n, i) => {
    if (i > 0 && n - sorted[i - 1]! > 1) out.push(null);
    out.push(n);
  });
  return out;
}

export function Pagination({ params, pages, path }: { params: ListParams; pages: number; path: string }) {
  if (pages <= 1) return null;
  const current = params.page;
  const href = (page: number) => {
    const query = serializeListParams({ ...params, page }).toString();
    return query ? `${path}?${query}` : path;
  };
  return (
    <nav aria-label="Pages of results" className={styles.nav}>
      <ul className={styles.list}>
        {current > 1 && current <= pages ? (
          <li>
            <Link href={href(current - 1)} className={styles.link} rel="prev">
              Previous<span className="visually-hidden"> page</span>
            </Link>
          </li>
        ) : null}
        {pageWindow(Math.min(current, pages), pages).map((n, i) =>
          n === null ? (
            <li key={`gap-${i}`} className={styles.gap} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={n}>
              <Link href={href(n)} className={styles.link} aria-current={n === current ? 'page' : undefined}>
                <span className="visually-hidden">Page </span>
                {n}
              </Link>
            </li>
          ),
        )}
        {current < pages ? (
          <li>
            <Link href={href(current + 1)} className={styles.link} rel="next">
              Next<span className="visually-hidden"> page</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
