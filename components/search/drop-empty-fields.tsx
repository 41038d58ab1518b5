'use client';
// Progressive enhancement for a GET filter form: leaves out empty fields ("Any", the default sort, an
// empty search box) so the shared address reads `?q=tofersen`, not `?q=tofersen&recruiting=&sort=`.
// Without JavaScript the form submits them, and parseListParams treats empty values as absent.
import { useEffect } from 'react';

export function DropEmptyFields({ formId }: { formId: string }) {
  useEffect(() => {
    const form = document.getElementById(formId);
    if (!(form instanceof HTMLFormElement)) return;
    const onSubmit = (event: SubmitEvent) => {
      const data = new FormData(form, event.submitter);
      const query = new URLSearchParams();
      for (const [key, value] of data) if (typeof value === 'string' && value.trim() !== '') query.append(key, value);
      event.preventDefault();
      const text = query.toString();
      window.location.assign(text ? `${form.action}?${text}` : form.action);
    };
    form.addEventListener('submit', onSubmit);
    return () => form.removeEventListener('submit', onSubmit);
  }, [formId]);
  return null;
}
