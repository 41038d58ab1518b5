// The home page as families use it: the pipeline board, the gene filter, the recruiting count and
// what changed lately, by keyboard, at 320 px and without accessibility violations.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

async function expectTargetsAtLeast44px(page: Page) {
  const small = await page
    .getByRole('main')
    .locator('a, button, select, input')
    .evaluateAll((els) =>
      els
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && box.height > 0 && (box.width < 44 || box.height < 44))
        .map(({ el, box }) => `${el.tagName} "${el.textContent?.trim().slice(0, 40)}" ${Math.round(box.width)}×${Math.round(box.height)}`),
    );
  expect(small).toEqual([]);
}

const chipLinks = (page: Page) => page.getByRole('main').locator('a[href^="/trials/NCT"]').filter({ hasText: /NCT\d{8}/ });

test('the board shows kinds of treatment by phase, each trial a chip with its status in words', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 2, name: 'Trials by kind of treatment and phase' })).toBeVisible();

  for (const name of [/Antisense oligonucleotide/, /immune modulator/, /Stem cell/, /Small molecule/]) {
    await expect(page.getByRole('heading', { level: 3, name })).toBeVisible();
  }
  // Phase columns are labelled across the top on a wide screen.
  for (const phase of ['Early phase 1', 'Phase 1/2', 'Phase 2/3', 'Phase 4']) await expect(page.getByText(phase, { exact: true }).first()).toBeVisible();

  // Each cell is a heading a screen reader can jump to: phase and count.
  const aso = page.getByRole('region', { name: /Antisense oligonucleotide/ });
  const phase3Name = { level: 4, name: /^Phase 3: \d+ trials?$/ } as const;
  const phase3 = aso.getByRole('heading', phase3Name);
  await expect(phase3).toHaveCount(1);
  const count = Number((await phase3.textContent())!.match(/(\d+) trial/)![1]);
  expect(count).toBeGreaterThanOrEqual(2);
  const cellChips = aso.locator('div').filter({ has: page.getByRole('heading', phase3Name) }).getByRole('link');
  await expect(cellChips).toHaveCount(count);

  // A chip: short title, treatment, NCT id and the status in words, all in the link's name.
  const valor = page.getByRole('link', { name: /^VALOR \(Part C\).*NCT02623699.*Completed$/ });
  await expect(valor).toBeVisible();
  await expect(valor).toHaveAttribute('href', '/trials/NCT02623699');
  await expect(valor.getByText('Completed')).toBeVisible();
  expect(await chipLinks(page).count()).toBeGreaterThanOrEqual(30);
  // Every cell of the curated trials is drawn whole: the "See all" links only appear at registry scale.
  await expect(page.getByRole('link', { name: /^See all/ })).toHaveCount(0);

  // The legend explains the colours and icons in words.
  await expect(page.getByRole('heading', { name: 'What the colours and icons mean' })).toBeVisible();
  await expect(page.getByText(/taking participants now or soon/)).toBeVisible();

  // Freshness of the data is stated.
  await expect(page.getByText(/Newest registry update: \d{1,2} \w+ \d{4}/)).toBeVisible();
  await expect(page.getByText(/Facts last checked: \d{1,2} \w+ \d{4}/)).toBeVisible();

  await valor.click();
  await expect(page).toHaveURL(/\/trials\/NCT02623699$/, { timeout: 15_000 });
});

test('the gene filter works by keyboard and gives a shareable address', async ({ page }) => {
  await page.goto('/');
  const before = await chipLinks(page).count();
  const select = page.getByLabel('Show trials aimed at a gene');
  await expect(select).toHaveValue('');
  await select.focus();
  await page.keyboard.type('SOD1');
  await expect(select).toHaveValue('SOD1');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Show' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/\?gene=SOD1$/);
  await expect(page.getByText(/^Showing \d+ trials? aimed at SOD1\./)).toBeVisible();
  await expect(page.getByLabel('Show trials aimed at a gene')).toHaveValue('SOD1');
  const after = await chipLinks(page).count();
  expect(after).toBeGreaterThan(0);
  expect(after).toBeLessThan(before);
  await expect(page.getByRole('link', { name: /VALOR \(Part C\).*NCT02623699/ })).toBeVisible();
  // COMBAT-ALS (ibudilast) targets no gene, so it leaves the board.
  await expect(page.getByRole('link', { name: /COMBAT-ALS/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /looking for participants/ })).toHaveAttribute('href', /[?&]gene=SOD1/);
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Show all genes' }).click();
  await expect(page).toHaveURL(/\/$/);
  expect(await chipLinks(page).count()).toBe(before);
});

test('an unknown gene in the address explains which genes exist', async ({ page }) => {
  await page.goto('/?gene=banana');
  await expect(page.getByText('We don’t know a gene called “banana”, so the board shows all trials.')).toBeVisible();
  await expect(page.getByText(/Genes with trials in the tracker: .*SOD1/)).toBeVisible();
  expect(await chipLinks(page).count()).toBeGreaterThanOrEqual(30);
  await expectNoAxeViolations(page);
});

test('the recruiting count matches the board and links to the recruiting list', async ({ page }) => {
  await page.goto('/');
  const link = page.getByRole('link', { name: /trials? (is|are) looking for participants now or soon/ });
  await expect(link).toHaveAttribute('href', '/trials?recruiting=true');
  const shown = Number(await link.locator('span').first().textContent());
  const recruitingChips = chipLinks(page).filter({ hasText: /(Recruiting|Not yet recruiting|Enrolling by invitation)$/ });
  expect(shown).toBeGreaterThan(0);
  await expect(recruitingChips).toHaveCount(shown);
  await link.click();
  await expect(page).toHaveURL(/\/trials\?recruiting=true$/, { timeout: 15_000 });
});

test('what changed lately is dated and sourced, and says so when nothing changed', async ({ page }) => {
  await page.goto('/');
  const section = page.getByRole('region', { name: 'What changed in the last 30 days' });
  await expect(section).toBeVisible();
  const items = section.getByRole('listitem');
  if (await section.getByText(/^Nothing changed in the last 30 days/).isVisible()) {
    // Seeded history is years old: the latest five changes are shown instead, with their dates.
    await expect(section.getByRole('heading', { name: 'Most recent changes' })).toBeVisible();
    await expect(items).toHaveCount(5);
  } else {
    expect(await items.count()).toBeGreaterThan(0);
  }
  for (const item of await items.all()) {
    await expect(item.getByRole('link')).toHaveAttribute('href', /^\/trials\/NCT\d{8}$/);
    await expect(item.locator('time')).toHaveText(/\d{4}/);
    await expect(item).toContainText(/Source: (ClinicalTrials\.gov|curation|the trial's coordinator)/);
  }
});

test('the home page is accessible, with 44 px targets, on a wide screen', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/');
  await expectNoAxeViolations(page);
  await expectTargetsAtLeast44px(page);
});

test('at 320 px the board stacks by kind and phase with no sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // Phase names appear above each group of chips once the columns are gone.
  const aso = page.getByRole('region', { name: /Antisense oligonucleotide/ });
  await expect(aso.getByText('Phase 3:', { exact: true })).toBeVisible();
  const valor = page.getByRole('link', { name: /VALOR \(Part C\)/ });
  const box = (await valor.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(320);
  await expectTargetsAtLeast44px(page);
  await expectNoAxeViolations(page);

  // Keyboard focus on a chip is visible.
  await valor.focus();
  const outline = await valor.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe('solid');
});
