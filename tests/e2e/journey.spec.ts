// A keyboard-only journey, as someone using a switch or keyboard would make it: search, open a trial,
// read its timeline, choose it and another trial to compare, and read the comparison. Only Tab,
// Shift+Tab, Enter, Space and typing; at every stop the focused element must show a visible outline.
import { expect, test, type Page } from '@playwright/test';

type Focused = { tag: string; text: string; href: string | null; value: string | null; type: string | null; name: string | null; outline: string; inSection: string | null };

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'BODY', text: '', href: null, value: null, type: null, name: null, outline: 'none', inSection: null };
    const style = getComputedStyle(el);
    return {
      tag: el.tagName,
      text: (el.textContent ?? '').trim().slice(0, 80),
      href: el.getAttribute('href'),
      value: el.getAttribute('value'),
      type: el.getAttribute('type'),
      name: el.getAttribute('aria-label') ?? el.getAttribute('name'),
      // A visible focus indicator: an outline that is drawn (style not none, width not zero).
      outline: style.outlineStyle === 'none' || parseFloat(style.outlineWidth) === 0 ? 'none' : `${style.outlineStyle} ${style.outlineWidth}`,
      inSection: el.closest('section[aria-labelledby]')?.getAttribute('aria-labelledby') ?? null,
    };
  });
}

async function expectVisibleFocus(page: Page) {
  const f = await focused(page);
  expect(f.outline, `focus outline on ${f.tag} "${f.text}"`).not.toBe('none');
  return f;
}

/** Presses Tab (or Shift+Tab) until the focused element matches, checking the focus is visible at each stop. */
async function tabTo(page: Page, matches: (f: Focused) => boolean, what: string, { back = false, max = 80 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (f.tag === 'BODY' || f.tag === 'NEXTJS-PORTAL') continue; // the browser chrome and Next's dev overlay
    expect(f.outline, `focus outline on ${f.tag} "${f.text}"`).not.toBe('none');
    if (matches(f)) return f;
  }
  throw new Error(`Tab never reached ${what}`);
}

test('search, open a trial, read its timeline and compare it, by keyboard alone', async ({ page }) => {
  test.setTimeout(120_000);
  const VALOR = 'NCT02623699';
  const ATLAS = 'NCT04856982';

  // 1. Search for tofersen.
  await page.goto('/trials');
  await tabTo(page, (f) => f.tag === 'INPUT' && f.type === 'search', 'the search box');
  await page.keyboard.type('tofersen');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/trials\?q=tofersen$/);
  await expect(page.getByRole('status').filter({ hasText: 'trials matching “tofersen”' })).toBeVisible();

  // 2. Skip the filters and open VALOR from the results.
  await tabTo(page, (f) => f.tag === 'A' && f.text === 'Skip to results', 'the skip link');
  await page.keyboard.press('Enter');
  await tabTo(page, (f) => f.tag === 'A' && f.href === `/trials/${VALOR}`, 'the VALOR result');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/trials/${VALOR}$`), { timeout: 15_000 });
  await expect(page.getByRole('heading', { level: 1 })).toContainText('VALOR');

  // 3. Reach the Timeline section and read it.
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await tabTo(page, (f) => f.inSection === 'timeline' || f.inSection === 'changes-notes', 'the Timeline section');
  // The browser scrolled the timeline into view to show the focused element.
  await expect(page.locator(':focus')).toBeInViewport();
  await expect(timeline).toBeInViewport({ ratio: 0 });
  await expect(timeline.getByRole('heading', { level: 2, name: 'Timeline' })).toBeVisible();
  await expect(timeline).toContainText('What changed');

  // 4. Back up to the site's "Find trials" link and search again (keys only; Back has no key in headless Chromium).
  await tabTo(page, (f) => f.tag === 'A' && f.href === '/trials', 'the link to the search page', { back: true });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Find ALS trials' })).toBeVisible({ timeout: 15_000 });
  await tabTo(page, (f) => f.tag === 'INPUT' && f.type === 'search', 'the search box');
  await page.keyboard.type('tofersen');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/trials\?q=tofersen$/);
  await expect(page.getByRole('checkbox', { name: /^Add to compare/ }).first()).toBeVisible({ timeout: 15_000 });

  // 5. Tick VALOR and ATLAS with Space, then compare them with Enter.
  const tick = async (nctId: string) => {
    await tabTo(page, (f) => f.tag === 'INPUT' && f.type === 'checkbox' && f.value === nctId, `Add to compare for ${nctId}`);
    await page.keyboard.press('Space');
    await expect(page.locator(`input[name=ids][value=${nctId}]`)).toBeChecked();
  };
  // The list is ordered by relevance, so either may come first: tick whichever the Tab order reaches.
  const order = await page.locator('input[name=ids]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  const [first, second] = order.filter((id) => id === VALOR || id === ATLAS);
  await tick(first!);
  await tick(second!);
  await expect(page.getByRole('status').filter({ hasText: '2 of 3 trials ticked' })).toBeVisible();
  await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === 'Compare ticked trials', 'the compare button');
  await page.keyboard.press('Enter');

  // 6. The comparison.
  await expect(page).toHaveURL(/\/compare\?/, { timeout: 15_000 });
  await expect(page.getByRole('heading', { level: 1, name: 'Compare trials' })).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.getByRole('columnheader', { name: new RegExp(VALOR) })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: new RegExp(ATLAS) })).toBeVisible();
  await tabTo(page, (f) => f.tag === 'DIV' && f.inSection === 'compare-heading', 'the comparison table');
  await expectVisibleFocus(page);
});
