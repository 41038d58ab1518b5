// /about explains phases, statuses, kinds of treatment, the data's sources and freshness, and the disclaimer.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { STATUS_MEANING } from '../../lib/trials/format';
import { STATUS_LABELS, STATUSES } from '../../lib/trials/vocab';

test('the about page explains the words, the sources and how fresh the data is', async ({ page }) => {
  await page.goto('/about');
  await expect(page).toHaveTitle(/About the trial tracker/);
  await expect(page.getByRole('heading', { level: 1, name: 'About the trial tracker' })).toBeVisible();
  const sections = ['What the phases mean', 'What each status means', 'Kinds of treatment', 'Where the data comes from', 'Estimated and actual dates', 'Not medical advice'];
  const h2s = await page.getByRole('main').getByRole('heading', { level: 2 }).allTextContents();
  expect(h2s.filter((h) => sections.includes(h))).toEqual(sections);

  for (const phase of ['Early phase 1', 'Phase 1/2', 'Phase 2/3', 'Phase 4', 'Not applicable']) {
    await expect(page.getByRole('term').filter({ hasText: new RegExp(`^${phase.replace('/', '\\/')}$`) })).toBeVisible();
  }

  const statuses = page.getByRole('region', { name: 'What each status means' });
  for (const status of STATUSES) {
    const term = statuses.getByRole('term').filter({ hasText: new RegExp(`^\\W*${STATUS_LABELS[status].replace(/[()]/g, '\\$&')}$`) });
    await expect(term).toBeVisible();
    await expect(statuses.getByText(STATUS_MEANING[status], { exact: true })).toBeVisible();
  }

  const data = page.getByRole('region', { name: 'Where the data comes from' });
  await expect(data.getByRole('link', { name: 'ClinicalTrials.gov' })).toHaveAttribute('href', 'https://clinicaltrials.gov/');
  const held = await data.getByText(/^The tracker holds \d+ trials\.$/).textContent();
  expect(Number(held!.match(/\d+/)![0])).toBeGreaterThanOrEqual(30);
  await expect(data.getByText(/^Newest registry update among them: \d{1,2} \w+ \d{4}\.$/)).toBeVisible();
  await expect(data.getByText(/^Curated facts last checked: \d{1,2} \w+ \d{4}\.$/)).toBeVisible();

  await expect(page.getByRole('region', { name: 'Not medical advice' })).toContainText('Talk to your neurologist');
});

test('the home page legend leads to the status meanings', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'What each status means' }).click();
  await expect(page).toHaveURL(/\/about#statuses$/, { timeout: 15_000 });
  await expect(page.getByRole('heading', { level: 2, name: 'What each status means' })).toBeInViewport();
});

for (const width of [1280, 320]) {
  test(`the about page is accessible at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/about');
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const small = await page
      .getByRole('main')
      .locator('a, button')
      .evaluateAll((els) =>
        els
          .map((el) => ({ text: el.textContent?.trim(), box: el.getBoundingClientRect() }))
          .filter(({ box }) => box.width < 44 || box.height < 44)
          .map(({ text, box }) => `"${text}" ${Math.round(box.width)}×${Math.round(box.height)}`),
      );
    expect(small).toEqual([]);
  });
}
