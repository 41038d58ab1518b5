'use client';
// Keeps the "Add to compare" ticks at three or fewer and says so in words. Without JavaScript the
// compare page itself explains and compares the first three.
import { useEffect, useState } from 'react';
import { MAX_COMPARE } from '@/lib/trials/compare';

export function CompareLimit({ formId, max = MAX_COMPARE }: { formId: string; max?: number }) {
  const [message, setMessage] = useState('');

  useEffect(() => {
    const ticked = () => document.querySelectorAll<HTMLInputElement>(`input[name="ids"][form="${formId}"]:checked`).length;
    const describe = (n: number) => (n === 0 ? '' : `${n} of ${max} trials ticked to compare.`);
    const onChange = (event: Event) => {
      const box = event.target;
      if (!(box instanceof HTMLInputElement) || box.name !== 'ids' || box.getAttribute('form') !== formId) return;
      if (box.checked && ticked() > max) {
        box.checked = false;
        setMessage(`You can compare up to ${max} trials at a time. Untick one to choose another.`);
        return;
      }
      setMessage(describe(ticked()));
    };
    document.addEventListener('change', onChange);
    return () => document.removeEventListener('change', onChange);
  }, [formId, max]);

  return (
    <p role="status" className="compare-limit-message">
      {message}
    </p>
  );
}
