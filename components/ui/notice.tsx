'use client';
// A confirmation shown after an action that removed the thing its button was on: it takes focus, so
// keyboard, switch and screen-reader users are told what happened and are not left at the top of the page.
import { useEffect, useRef } from 'react';
import styles from './form.module.css';

export function Notice({ children }: { children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} role="status" className={styles.success}>
      {children}
    </div>
  );
}
