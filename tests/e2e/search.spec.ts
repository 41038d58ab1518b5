// /trials: search and facets with the URL as the state, empty and error states, paging, the compare
// ticks, and the accessibility bar (axe, 44 px targets, 320 px without sideways scrolling).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** Every visible control in main is at least 44×44 px (a checkbox or radio counts by its label). */
async function expectTargetsAtLeast44(page: Page) {
  const small = await page.evaluate(() => {
    const out: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      'main a[href], main button, main select, main input:not([type=checkbox]):not([type=radio]):not([type=hidden]), main label:has(input[type=checkbox], input[type=radio])',
    );
    for (const el of controls) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not rendered (e.g. visually hidden)
      if (getComputedStyle(el).position === 'absolute' && r.width <= 1) continue;
      if (r.width < 44 || r.height < 44) out.push(`${el.tagName} "${(el.textContent ?? '').trim().slice(0, 40)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  });
  expect(small).toEqual([]);
}

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

const resultCount = (page: Page) => page.getByRole('status').filter({ hasText: /\d+ trials?\b/ }).first();
const resultTitles = (page: Page) => page.locator('#results article h3 a');

test('a search typed and submitted by keyboard updates the address and the results', async ({ page }) => {
  await page.goto('/trials');
  await expect(page.getByRole('heading', { level: 1, name: 'Find ALS trials' })).toBeVisible();
  await expect(resultCount(page)).toHaveText('31 trials, page 1 of 2');

  await page.getByRole('searchbox', { name: 'Search trials' }).focus();
  await page.keyboard.type('tofersen');
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/trials\?q=tofersen$/);
  await expect(resultCount(page)).toHaveText('3 trials matching “tofersen”');
  await expect(resultTitles(page)).toHaveCount(3);
  await expect(page.locator('#results')).toContainText('NCT02623699');
  await expect(page.getByRole('searchbox', { name: 'Search trials' })).toHaveValue('tofersen');
  // The search shows as a filter in use, removable in one step.
  await expect(page.getByRole('link', { name: 'Remove filter Search: “tofersen”' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a facet narrows the results to its count, and Back restores the previous results', async ({ page }) => {
  await page.goto('/trials');
  const aso = page.getByRole('group', { name: 'Type of treatment' }).getByRole('checkbox', { name: /Antisense oligonucleotide/ });
  // The count shown beside the option, e.g. "Antisense oligonucleotide (ASO) 7 (7 trials)".
  const label = (await aso.evaluate((el) => el.closest('label')?.textContent ?? '')) as string;
  const shown = Number(/\((\d+) trials?\)/.exec(label)?.[1]);
  expect(shown).toBeGreaterThan(1);
  expect(shown).toBeLessThan(31);

  await aso.check();
  await page.getByRole('button', { name: 'Show trials' }).click();
  await expect(page).toHaveURL(/[?&]modality=aso(&|$)/);
  await expect(resultCount(page)).toHaveText(`${shown} trials`);
  await expect(resultTitles(page)).toHaveCount(shown);
  await expect(page.getByRole('group', { name: 'Type of treatment' }).getByRole('checkbox', { name: /Antisense oligonucleotide/ })).toBeChecked();
  await expect(page.locator('#results')).not.toContainText('Small molecule');

  await page.goBack();
  await expect(page).toHaveURL(/\/trials$/);
  await expect(resultCount(page)).toHaveText('31 trials, page 1 of 2');
});

test('a filter in use can be removed on its own', async ({ page }) => {
  await page.goto('/trials?phase=3&gene=SOD1');
  await expect(resultCount(page)).toHaveText('3 trials');
  await page.getByRole('link', { name: 'Remove filter Gene: SOD1' }).click();
  await expect(page).toHaveURL(/\/trials\?phase=phase-3$/);
  await expect(resultCount(page)).toHaveText('15 trials');
  await page.getByRole('link', { name: 'Clear all filters' }).first().click();
  await expect(page).toHaveURL(/\/trials$/);
});

test('no match says which filters are in use and suggests removing the narrowest', async ({ page }) => {
  await page.goto('/trials?gene=SOD1&recruiting=true&phase=3');
  await expect(resultCount(page)).toHaveText('0 trials');
  await expect(page.getByRole('heading', { name: 'No trials match' })).toBeVisible();
  await expect(page.locator('#results')).toContainText('Recruiting now or soon; Phase: Phase 3; Gene: SOD1');
  const suggestion = page.getByRole('link', { name: /^Remove “Gene: SOD1” to see 5 trials$/ });
  await expect(suggestion).toBeVisible();
  await expect(page.getByRole('link', { name: 'Show all trials' })).toHaveAttribute('href', '/trials');
  await expectNoAxeViolations(page);
  await expectTargetsAtLeast44(page);

  await suggestion.click();
  await expect(resultCount(page)).toHaveText('5 trials');
});

test('a bad parameter is named with the reason and a way out, not a crash', async ({ page }) => {
  const response = await page.goto('/trials?phase=banana&gene=SOD1');
  // A streamed App Router page cannot answer 400; the page explains instead.
  expect(response?.status()).toBe(200);
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('This search could not be run');
  await expect(alert).toContainText('phase');
  await expect(alert).toContainText('got "banana"');
  await expect(page.getByRole('searchbox', { name: 'Search trials' })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectTargetsAtLeast44(page);

  await alert.getByRole('link', { name: 'Remove “phase” from the search and try again' }).click();
  await expect(page).toHaveURL(/\/trials\?gene=SOD1$/);
  await expect(resultCount(page)).toHaveText('3 trials');
});

test('pages are links that keep the filters, with the current page marked', async ({ page }) => {
  await page.goto('/trials?pageSize=10');
  await expect(resultCount(page)).toHaveText('31 trials, page 1 of 4');
  const pages = page.getByRole('navigation', { name: 'Pages of results' });
  await expect(pages.getByRole('link', { name: 'Page 1' })).toHaveAttribute('aria-current', 'page');
  await expect(pages.getByRole('link', { name: 'Page 4' })).toBeVisible();
  await expect(pages.getByRole('link', { name: 'Previous page' })).toHaveCount(0);
  await expect(resultTitles(page)).toHaveCount(10);
  const firstOnPage1 = await resultTitles(page).first().textContent();

  await pages.getByRole('link', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/pageSize=10/);
  await expect(page).toHaveURL(/page=2/);
  await expect(resultCount(page)).toHaveText('31 trials, page 2 of 4');
  await expect(pages.getByRole('link', { name: 'Page 2' })).toHaveAttribute('aria-current', 'page');
  await expect(resultTitles(page).first()).not.toHaveText(firstOnPage1 ?? '');

  await pages.getByRole('link', { name: 'Page 4' }).click();
  await expect(resultTitles(page)).toHaveCount(1);
  await expect(pages.getByRole('link', { name: 'Next page' })).toHaveCount(0);

  // Filters survive paging.
  await page.goto('/trials?pageSize=10&placebo=true');
  await expect(resultCount(page)).toHaveText('23 trials, page 1 of 3');
  await page.getByRole('navigation', { name: 'Pages of results' }).getByRole('link', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/placebo=true/);
  await expect(resultCount(page)).toHaveText('23 trials, page 2 of 3');
});

test('results show the key facts first, with sources’ dates', async ({ page }) => {
  await page.goto('/trials?q=VALOR');
  const valor = page.locator('article', { hasText: 'NCT02623699' });
  await expect(valor.getByRole('heading', { level: 3 })).toContainText('VALOR');
  await expect(valor.getByRole('heading', { level: 3 }).getByRole('link')).toHaveAttribute('href', '/trials/NCT02623699');
  await expect(valor).toContainText('Completed');
  await expect(valor).toContainText('Phase 3');
  await expect(valor).toContainText('Antisense oligonucleotide (ASO)');
  await expect(valor).toContainText('SOD1');
  await expect(valor).toContainText('Who can join');
  await expect(valor).toContainText('at least 50% of expected');
  await expect(valor).toContainText('16 July 2021 (actual)');
  await expect(valor).toContainText('Checked by our team as of July 2023');
});

test('no more than three trials can be ticked to compare, and the ticked ones are compared', async ({ page }) => {
  await page.goto('/trials?pageSize=10');
  const boxes = page.getByRole('checkbox', { name: /^Add to compare/ });
  for (let i = 0; i < 3; i++) await boxes.nth(i).check();
  await expect(page.getByRole('status').filter({ hasText: '3 of 3 trials ticked' })).toBeVisible();
  await boxes.nth(3).click();
  await expect(boxes.nth(3)).not.toBeChecked();
  await expect(page.getByText('You can compare up to 3 trials at a time. Untick one to choose another.')).toBeVisible();

  const ids = await Promise.all([0, 1, 2].map((i) => boxes.nth(i).getAttribute('value')));
  await page.getByRole('button', { name: 'Compare ticked trials' }).first().click();
  await expect(page).toHaveURL(/\/compare\?ids=NCT\d{8}&ids=NCT\d{8}&ids=NCT\d{8}$/);
  for (const id of ids) await expect(page.getByRole('columnheader', { name: new RegExp(id!) })).toBeVisible();
});

test('the results page passes axe, has 44 px targets and fits 320 px', async ({ page }) => {
  await page.goto('/trials?pageSize=10&q=phase');
  await expectNoAxeViolations(page);
  await expectTargetsAtLeast44(page);

  await page.setViewportSize({ width: 320, height: 640 });
  for (const url of ['/trials?pageSize=10', '/trials?gene=SOD1&recruiting=true', '/trials?phase=banana']) {
    await page.goto(url);
    await expectNoSidewaysScroll(page);
  }
  await page.goto('/trials?pageSize=10&phase=3');
  await expectTargetsAtLeast44(page);
  await expectNoAxeViolations(page);
});
