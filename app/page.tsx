// The home page: how many trials take participants, what changed lately, and the pipeline board
// (kind of treatment × phase), all narrowed by an optional gene from the address (/?gene=SOD1).
import Link from 'next/link';
import { GeneFilterForm } from '@/components/board/gene-filter-form';
import { PipelineBoard } from '@/components/board/pipeline-board';
import { RecentChangesSection } from '@/components/board/recent-changes';
import { StatusLegend } from '@/components/board/status-legend';
import { getBoard, getDataFreshness, listGenesInUse, listRecentChanges, parseGeneFilter } from '@/lib/trials/board';
import { formatPartialDate } from '@/lib/trials/format';
import { serializeListParams } from '@/lib/trials/list-params';
import { RECRUITING_STATUSES, STATUS_LABELS } from '@/lib/trials/vocab';
import styles from './page.module.css';

// The board reads the live database on every request.
export const dynamic = 'force-dynamic';

const trialsText = (n: number) => (n === 1 ? '1 trial' : `${n.toLocaleString('en-GB')} trials`);
const orList = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`);

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { gene: geneParam } = await searchParams;
  const filter = parseGeneFilter(geneParam);
  const genesInUse = listGenesInUse();
  const board = getBoard({ gene: filter.genes });
  const changes = listRecentChanges({ gene: filter.genes });
  const freshness = getDataFreshness();
  const geneText = filter.genes.length ? orList(filter.genes) : null;
  const recruitingHref = `/trials?${serializeListParams({ recruiting: true, gene: filter.genes })}`;
  const recruitingWords = RECRUITING_STATUSES.map((s) => STATUS_LABELS[s].toLowerCase());

  if (freshness.trials === 0) {
    return (
      <>
        <h1>ALS clinical trials</h1>
        <p>No trials yet. Run <code>npm run db:seed</code> to load the curated ALS trials.</p>
      </>
    );
  }

  return (
    <>
      <h1>ALS clinical trials</h1>
      <p className="lead">
        {trialsText(freshness.trials)} tracked, from the ClinicalTrials.gov registry and facts checked by our curators.{' '}
        {freshness.newestRegistryUpdate ? <>Newest registry update: {formatPartialDate(freshness.newestRegistryUpdate)}. </> : null}
        {freshness.newestCurationAsOf ? <>Facts last checked: {formatPartialDate(freshness.newestCurationAsOf)}. </> : null}
        {freshness.lastSyncFinishedAt ? (
          <>We last asked ClinicalTrials.gov for changes on {formatPartialDate(freshness.lastSyncFinishedAt.slice(0, 10))}. </>
        ) : null}
        <Link href="/about" className={styles.inlineLink}>
          About this data
        </Link>
      </p>

      <div className={styles.summary}>
        <section aria-labelledby="recruiting-heading" className={styles.recruiting}>
          <h2 id="recruiting-heading">Taking part</h2>
          <p>
            <Link href={recruitingHref} className={styles.recruitingLink}>
              <span className={styles.bigNumber}>{board.recruiting.toLocaleString('en-GB')}</span>
              <span>
                {board.recruiting === 1 ? 'trial is' : 'trials are'} looking for participants now or soon
                {geneText ? ` (aimed at ${geneText})` : ''}
              </span>
            </Link>
          </p>
          <p className={styles.note}>This counts trials whose status is {orList(recruitingWords)}.</p>
        </section>
        <RecentChangesSection changes={changes} geneText={geneText} />
      </div>

      <section aria-labelledby="board-heading" className={styles.boardSection}>
        <h2 id="board-heading">Trials by kind of treatment and phase</h2>
        <p className={styles.note}>
          Early phases test safety in a few people; phase 3 tests whether a treatment works in many.{' '}
          <Link href="/about#phases" className={styles.inlineLink}>
            What the phases mean
          </Link>
        </p>
        <GeneFilterForm genes={genesInUse} selected={filter.genes.length === 1 ? filter.genes[0]! : null} />
        {filter.unknown !== null ? (
          <div className={styles.notice}>
            <p>
              We don’t know a gene called “{filter.unknown}”, so the board shows all trials.
            </p>
            <p>
              Genes with trials in the tracker: {genesInUse.join(", ")}. Pick one below, or choose “All genes”.
            </p>
          </div>
        ) : null}
        {geneText ? (
          <p className={styles.filterStatus}>
            Showing {trialsText(board.total)} aimed at {geneText}.{' '}
            <Link href="/" className="action-link">
              Show all genes
            </Link>
          </p>
        ) : null}
        <StatusLegend />
        <PipelineBoard board={board} headingId="board-row" geneText={geneText} />
      </section>
    </>
  );
}
