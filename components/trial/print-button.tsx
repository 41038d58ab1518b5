'use client';
// Opens the browser's print dialog; the page's print styles fit the key facts on one sheet.
import styles from './trial.module.css';

export function PrintButton() {
  return (
    <button type="button" className={`${styles.secondaryButton} ${styles.noPrint}`} onClick={() => window.print()}>
      Print this page
    </button>
  );
}
