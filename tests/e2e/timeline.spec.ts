// /timeline: the cross-trial chart and its table, by keyboard, at 320 px, filtered, and with axe.
// Relies only on the curated seed (VALOR, NCT02623699: 20 January 2016 → 16 July 2021, all actual;
// ATLAS, NCT04856982: an estimated completion).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';

const VALOR = 'NCT02623699';
const ATLAS = 'NCT04856982';
const ASO = 'Antisense oligonucleotide (ASO)';

const chart = (page: Page) => page.getByRole('region', { name: /Timeline chart/ });
const chartLink = (page: Page, nctId: string) => chart(page).locator(`a[href="/trials/${nctId}"]`);
const table = (page: Page) => page.getByRole('table', { name: /Start and end dates of/ });

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** Centre x of the first label of the chart's year axis with this text. */
async function yearLabelX(page: Page, year: number): Promise<number> {
  const box = await chart(page).locator('text').getByText(String(year), { exact: true }).first().boundingBox();
  expect(box).not.toBeNull();
  return box!.x + box!.width / 2;
}

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  expect(b).not.toBeNull();
  return b!;
}

test('the chart shows groups by type of treatment, a Today line and a key in words', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/timeline');
  await expect(page).toHaveTitle(/Timeline of trials/);
  await expect(page.getByRole('heading', { level: 1, name: 'Timeline of ALS trials' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^\d+ trials$/ })).toBeVisible();

  const svg = chart(page).locator('svg');
  await expect(svg).toBeVisible();
  await expect(svg.getByRole('group', { name: /^Antisense oligonucleotide \(ASO\): \d+ trials?$/ })).toHaveCount(1);
  await expect(svg.getByRole('group', { name: /^Small molecule: \d+ trials?$/ })).toHaveCount(1);
  await expect(svg.locator('text').getByText(/^Antisense oligonucleotide \(ASO\) \(\d+ trials?\)$/)).toBeVisible();

  // Today is labelled in words, within the current year's column of the axis.
  const today = svg.locator('text').getByText('Today', { exact: true });
  await expect(today).toBeVisible();
  const year = new Date().getUTCFullYear();
  const yearWidth = (await yearLabelX(page, year)) - (await yearLabelX(page, year - 1));
  const todayBox = await box(today);
  expect(Math.abs(todayBox.x + todayBox.width / 2 - (await yearLabelX(page, year)))).toBeLessThanOrEqual(yearWidth / 2 + 2);
  await expect(page.getByText(/Today is \d{1,2} [A-Z][a-z]+ \d{4}\./)).toBeVisible();

  // The key explains the two kinds of bar in words, and both kinds are drawn.
  const key = page.getByRole('region', { name: 'How to read the chart' });
  await expect(key.getByText('Solid bar:')).toBeVisible();
  await expect(key.getByText('Striped bar with a dashed edge:')).toBeVisible();
  await expect(key).toContainText('estimated dates');
  await expect(chartLink(page, ATLAS).locator('rect[fill^="url(#"]')).toHaveCount(1);
  await expect(chartLink(page, VALOR).locator('rect[fill^="url(#"]')).toHaveCount(0);

  // Trials without a start date are listed, not drawn.
  const undated = page.getByRole('region', { name: 'No start date given' });
  if ((await undated.count()) > 0) {
    const first = undated.getByRole('link').first();
    const href = await first.getAttribute('href');
    await expect(chart(page).locator(`a[href="${href}"]`)).toHaveCount(0);
    await expect(table(page).locator(`a[href="${href}"]`)).toHaveCount(1);
  }

  await expectNoAxeViolations(page);
});

test('a seeded trial’s bar and its table row show the same dates', async ({ page }) => {
  await page.goto('/timeline');
  const link = chartLink(page, VALOR);
  await expect(link).toHaveCount(1);
  await expect(link).toHaveAccessibleName(/^VALOR.*tofersen \(NCT02623699\), Completed, started 20 January 2016, .*completed 16 July 2021$/);
  await expect(link.locator('text').first()).toHaveText(/^VALOR.*: tofersen$/);
  await expect(link.locator('text').nth(1)).toHaveText(`${VALOR} · Completed`);

  // The bar starts in January 2016 and ends in July 2021 on the axis.
  const bar = await box(link.locator('rect').nth(1));
  const x2016 = await yearLabelX(page, 2016);
  const yearWidth = (await yearLabelX(page, 2017)) - x2016;
  const xOf = (y: number, dayOfYear: number, days: number) => x2016 + (y - 2016) * yearWidth - yearWidth / 2 + (dayOfYear / days) * yearWidth;
  expect(Math.abs(bar.x - xOf(2016, 19.5, 366))).toBeLessThanOrEqual(3);
  expect(Math.abs(bar.x + bar.width - xOf(2021, 196.5, 365))).toBeLessThanOrEqual(3);

  const row = table(page).getByRole('row').filter({ has: page.locator(`a[href="/trials/${VALOR}"]`) });
  await expect(row).toHaveCount(1);
  const cells = row.getByRole('cell');
  await expect(cells.nth(0)).toHaveText(ASO);
  await expect(cells.nth(1)).toHaveText('Completed');
  await expect(cells.nth(2)).toHaveText('20 January 2016 (actual)');
  await expect(cells.nth(3)).toHaveText('16 July 2021 (actual)');
  await expect(cells.nth(4)).toHaveText('16 July 2021 (actual)');
  await expect(page.getByRole('heading', { name: 'The same timeline as a table' })).toBeVisible();
  await expect(table(page).getByRole('columnheader')).toHaveText([
    'Trial',
    'Type of treatment',
    'Status',
    'Start',
    'Primary completion (main results)',
    'Completion',
    'Registry record updated',
  ]);
});

test('Tab reaches a trial in the chart with a visible focus ring, and Enter opens it', async ({ page }) => {
  await page.goto('/timeline');
  const link = chartLink(page, VALOR);
  const ring = link.locator('rect').last();
  await expect(ring).toHaveCSS('opacity', '0');

  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await link.evaluate((el) => el === document.activeElement);
  }
  expect(reached).toBe(true);
  // The first trial of the first group (ASO, earliest start) is the first link in the chart.
  expect(await chart(page).locator('a').first().evaluate((el) => el === document.activeElement)).toBe(true);
  await expect(ring).toHaveCSS('opacity', '1');
  const ringBox = await box(ring);
  expect(ringBox.height).toBeGreaterThanOrEqual(40);
  await expect(link).toBeInViewport();

  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/trials/${VALOR}$`));
});

test('a filter narrows both the chart and the table', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/timeline');
  const allRows = await table(page).locator('tbody tr').count();

  await page.getByText('Filter the timeline').click();
  await page.getByRole('group', { name: 'Type of treatment' }).getByRole('checkbox', { name: new RegExp(`^${ASO.replace(/[()]/g, '\\$&')}`) }).check();
  await page.getByRole('button', { name: 'Show on the timeline' }).click();
  await expect(page).toHaveURL(/[?&]modality=aso(&|$)/);

  await expect(page.getByRole('heading', { name: /^\d+ trials? match these filters$/ })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Filters on:' })).toHaveText(`Type of treatment: ${ASO}`);
  const svg = chart(page).locator('svg');
  await expect(svg.getByRole('group', { name: /^Antisense oligonucleotide \(ASO\):/ })).toHaveCount(1);
  await expect(svg.getByRole('group', { name: /^Small molecule:/ })).toHaveCount(0);
  await expect(chartLink(page, VALOR)).toHaveCount(1);
  await expect(chartLink(page, 'NCT03127514')).toHaveCount(0); // CENTAUR, a small molecule

  const rows = table(page).locator('tbody tr');
  const n = await rows.count();
  expect(n).toBeGreaterThan(0);
  expect(n).toBeLessThan(allRows);
  for (let i = 0; i < n; i++) await expect(rows.nth(i).getByRole('cell').first()).toHaveText(ASO);

  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Clear all filters' }).first().click();
  await expect(page).toHaveURL(/\/timeline$/, { timeout: 15_000 });
  await expect(table(page).locator('tbody tr')).toHaveCount(allRows);
});

test('the curated trials fit on one page; a page past the end says so and leads back', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/timeline');
  await expect(chart(page)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Pages of results' })).toHaveCount(0);

  await page.goto('/timeline?modality=aso&page=2');
  await expect(page.getByText(/^There is no page 2: these trials fit on 1 page\./)).toBeVisible();
  await expect(chart(page)).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Go to the first page' }).click();
  await expect(page).toHaveURL(/\/timeline\?modality=aso$/, { timeout: 15_000 });
  await expect(chartLink(page, VALOR)).toHaveCount(1);
});

test('a bad filter in the address gets a clear message naming the parameter', async ({ page }) => {
  test.setTimeout(60_000);
  const response = await page.goto('/timeline?modality=bogus');
  expect(response?.status()).toBeLessThan(500);
  const alert = page.getByRole('alert').filter({ hasText: 'cannot use' });
  await expect(alert).toContainText('This address has a filter we cannot use');
  await expect(alert.locator('code')).toHaveText('modality');
  await expect(alert).toContainText('"bogus"');
  await expect(chart(page)).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.goto('/timeline?colour=blue');
  await expect(page.getByRole('alert').filter({ hasText: 'cannot use' })).toContainText('Unknown parameter "colour"');
  await page.getByRole('link', { name: 'Show the timeline of all trials' }).click();
  await expect(page).toHaveURL(/\/timeline$/, { timeout: 15_000 });
  await expect(chart(page)).toBeVisible();
});

test('every link and button on the page is at least 44 px in both directions', async ({ page }) => {
  await page.goto('/timeline');
  await expect(chart(page)).toBeVisible();
  // One pass in the page: the size of every visible link, summary and button in main (SVG links included).
  const small = await page.locator('main').evaluate((main) =>
    [...main.querySelectorAll('a, summary, button')].flatMap((el) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return [];
      return r.width < 44 || r.height < 44 ? [`${el.getAttribute('aria-label') ?? el.textContent}: ${r.width}×${r.height}`] : [];
    }),
  );
  expect(small).toEqual([]);
  expect(await chart(page).locator('a').count()).toBeGreaterThan(10);
  const svgRow = await box(chartLink(page, VALOR));
  expect(svgRow.height).toBeGreaterThanOrEqual(44);
});

test('at 320 px the page does not scroll sideways; the chart does, by keyboard too', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/timeline');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  const region = chart(page);
  expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await region.focus();
  await expect(region).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);

  await expectNoAxeViolations(page);
});
