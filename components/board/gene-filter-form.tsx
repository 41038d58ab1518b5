// A plain GET form: works without JavaScript and gives a shareable address such as /?gene=SOD1.
import styles from './board.module.css';

export function GeneFilterForm({ genes, selected }: { genes: readonly string[]; selected: string | null }) {
  const options = selected && !genes.includes(selected) ? [...genes, selected] : genes;
  return (
    <form method="get" action="/" className={styles.filter} aria-label="Filter the board by gene">
      <label htmlFor="board-gene" className={styles.filterLabel}>
        Show trials aimed at a gene
      </label>
      <div className={styles.filterControls}>
        <select id="board-gene" name="gene" defaultValue={selected ?? ''} className={styles.select}>
          <option value="">All genes</option>
          {options.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
        <button type="submit">Show</button>
      </div>
    </form>
  );
}
