// The trial page for families: key facts, timeline and what changed, related trials, sources, the
// eligibility clock (which must never send the onset month anywhere), the print view and bad addresses.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// Each test visits several pages and runs axe on them; a dev server compiling on first visit needs the room.
test.describe.configure({ timeout: 90_000 });

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

async function expectNoHorizontalScrollAt320(page: Page, path: string) {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(path);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Every visible button, select, summary and stand-alone link in main is at least 44 × 44 px. */
async function expectLargeTargets(page: Page) {
  const targets = page.locator('main').locator('button, select, summary, a');
  const count = await targets.count();
  expect(count).toBeGreaterThan(0);
  const small: string[] = [];
  for (let i = 0; i < count; i++) {
    const target = targets.nth(i);
    if (!(await target.isVisible())) continue;
    // Links inside a sentence are exempt (WCAG 2.5.8 "inline"); everything else must be large.
    const inline = await target.evaluate((el) => el.tagName === 'A' && el.parentElement?.tagName === 'P' && getComputedStyle(el).display === 'inline');
    if (inline) continue;
    const box = await target.boundingBox();
    if (!box || box.height < 44 || box.width < 44) small.push(`${(await target.textContent())?.trim()} ${box?.width}x${box?.height}`);
  }
  expect(small).toEqual([]);
}

test.describe('a trial page', () => {
  test('HEALEY Regimen D: key facts, timeline, what changed, related trials and sources', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/trials/NCT04615923');
    await expect(page).toHaveTitle(/HEALEY ALS Platform Trial - Regimen D Pridopidine \(NCT04615923\)/);
    const main = page.getByRole('main');
    await expect(page.getByRole('heading', { level: 1, name: 'HEALEY ALS Platform Trial - Regimen D Pridopidine' })).toBeVisible();
    await expect(main.getByText('NCT04615923').first()).toBeVisible();

    // Key facts above the fold on a desktop screen.
    const status = main.getByRole('heading', { name: 'Status', exact: true });
    await expect(status).toBeInViewport();
    await expect(main.getByText('The trial has ended.')).toBeInViewport();
    await expect(main.getByText('Phase 2/3', { exact: true })).toBeInViewport();
    await expect(main.getByRole('heading', { name: 'Who can join' })).toBeInViewport();
    const registry = main.getByRole('link', { name: /NCT04615923 on ClinicalTrials\.gov \(opens the official record\)/ });
    await expect(registry).toBeInViewport();
    await expect(registry).toHaveAttribute('href', 'https://clinicaltrials.gov/study/NCT04615923');

    // Eligibility highlights: curated values in words, unknowns said, never guessed.
    const join = main.locator('div', { has: page.getByRole('heading', { name: 'Who can join' }) }).last();
    await expect(join.getByText('At least 50% of the expected value (FVC or SVC)')).toBeVisible();
    await expect(join.locator('dt', { hasText: 'Age' }).locator('+ dd')).toHaveText('Not known');
    await expect(join.locator('dt', { hasText: 'Time since first symptoms' }).locator('+ dd')).toHaveText('Not known');
    // No onset window, so no eligibility clock.
    await expect(main.getByRole('group', { name: 'When your symptoms began' })).toHaveCount(0);

    // Burden and plain summary.
    await expect(main.getByText('Yes, some people get a placebo (3:1, treatment to placebo)')).toBeVisible();
    await expect(main.getByRole('heading', { name: 'In plain words' })).toBeVisible();
    await expect(main.getByText(/Regimen D of the HEALEY ALS Platform Trial tested pridopidine/)).toBeVisible();

    // Timeline: a drawing with a text summary and the same milestones as a list.
    const timeline = main.locator('section', { has: page.getByRole('heading', { name: 'Timeline', level: 2 }) });
    const chart = timeline.getByRole('img', { name: /Timeline of NCT04615923: Start 18 December 2020 \(actual\)/ });
    await expect(chart).toBeVisible();
    await expect(timeline.getByRole('listitem').filter({ hasText: 'Completion: 14 July 2022 (actual). Happened.' })).toBeVisible();

    // What changed: the curated registry history as sentences, grouped with counts, newest first.
    const statusGroup = timeline.locator('section', { has: page.getByRole('heading', { name: 'Status and phase changes (2)' }) });
    const statusItems = statusGroup.getByRole('listitem');
    await expect(statusItems).toHaveCount(2);
    await expect(statusItems.nth(0)).toContainText('22 January 2022');
    await expect(statusItems.nth(0)).toContainText('Recruitment status changed (registry version 3).');
    await expect(statusItems.nth(1)).toContainText('Recruitment status changed (registry version 2).');
    await expect(statusItems.nth(1)).toContainText('Source: Curated from public sources');
    await expect(statusItems.nth(1).getByRole('link', { name: 'classic.clinicaltrials.gov' })).toHaveAttribute(
      'href',
      'https://classic.clinicaltrials.gov/ct2/history/NCT04615923',
    );
    await expect(timeline.getByRole('heading', { name: 'Registry updates (6)' })).toBeVisible();
    await expect(timeline.getByText('Trial started')).toBeVisible();

    // Related trials: the HEALEY master protocol, with the relation in words.
    const related = main.locator('section', { has: page.getByRole('heading', { name: 'Related trials' }) });
    await expect(related.getByText('This trial is a regimen of the platform trial')).toBeVisible();
    const master = related.getByRole('link', { name: /HEALEY ALS Platform Trial - Master Protocol \(NCT04297683\)/ });
    await expect(master).toHaveAttribute('href', '/trials/NCT04297683');

    // Sources with their dates; what is curated and what comes from the registry.
    const sources = main.locator('section', { has: page.getByRole('heading', { name: 'Sources', level: 2 }) });
    await expect(sources.getByText('23 August 2023', { exact: true })).toBeVisible();
    await expect(sources.getByRole('link', { name: 'ClinicalTrials.gov history of changes (9 versions)' })).toBeVisible();
    await expect(sources.getByText('classic.clinicaltrials.gov, as of 12 August 2023')).toBeVisible();
    await expect(sources.getByText('Kind of treatment: curated by a person from the sources below')).toBeVisible();

    // Following the related link opens the master protocol's page, which links back to this regimen.
    await master.click();
    await expect(page).toHaveURL(/\/trials\/NCT04297683$/, { timeout: 20_000 });
    await expect(page.getByRole('heading', { level: 1, name: 'HEALEY ALS Platform Trial - Master Protocol' })).toBeVisible();
    await expect(page.getByRole('link', { name: /Regimen D Pridopidine \(NCT04615923\)/ })).toBeVisible();
    await expect(page.getByText('Regimen of this platform trial').first()).toBeVisible();
  });

  test('VALOR: acronym in the title, route and burden, extension link, and a full criteria fallback', async ({ page }) => {
    await page.goto('/trials/NCT02623699');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^VALOR \(Part C\): An Efficacy/);
    const main = page.getByRole('main');
    await expect(main.getByText('Into the spinal fluid (intrathecal), by lumbar puncture')).toBeVisible();
    await expect(main.getByText('Injections by lumbar puncture into the spinal fluid.')).toBeVisible();
    await expect(main.locator('dt', { hasText: 'Taking edaravone allowed' }).locator('+ dd')).toHaveText('Not known');
    await expect(main.getByText('Open-label extension of this trial')).toBeVisible();
    await expect(main.getByRole('link', { name: /Long-Term Evaluation of BIIB067 \(Tofersen\) \(NCT03070119\)/ })).toHaveAttribute(
      'href',
      '/trials/NCT03070119',
    );
    await expect(main.getByText(/US FDA granted accelerated approval to tofersen/)).toBeVisible();
    await expect(main.getByRole('heading', { name: 'Notes (1)' })).toBeVisible();
    await expectNoAxeViolations(page);
    await expectLargeTargets(page);
  });

  test('works by keyboard: Tab reaches the print button, Enter opens the long site list', async ({ page }) => {
    // The print button is reached by Tab straight after the site navigation.
    await page.goto('/trials/NCT03280056');
    const print = page.getByRole('button', { name: 'Print this page' });
    for (let i = 0; i < 12 && !(await print.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(print).toBeFocused();

    // A long list of sites is collapsed and opens from the keyboard.
    const sites = page.getByText('All 6 sites');
    await expect(page.getByText('Massachusetts General Hospital')).toBeHidden();
    await sites.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('details', { has: sites })).toHaveAttribute('open', '');
    await expect(page.locator('details', { has: sites }).getByRole('listitem')).toHaveCount(6);
    await expectNoAxeViolations(page);
  });

  test('passes axe, has 44 px targets and no sideways scroll at 320 px', async ({ page }) => {
    await page.goto('/trials/NCT04615923');
    await expectNoAxeViolations(page);
    await expectLargeTargets(page);
    await expectNoHorizontalScrollAt320(page, '/trials/NCT04615923');
    await expectNoHorizontalScrollAt320(page, '/trials/NCT04057898');
    await expectNoAxeViolations(page);
  });
});

test.describe('the eligibility clock', () => {
  test('tells how long the onset window lasts, keeps the month only in this browser', async ({ page }) => {
    const sent: string[] = [];
    page.on('request', (request) => sent.push(`${request.url()} ${request.postData() ?? ''}`));

    // An onset three months ago: inside COMBAT-ALS's 18-month window until onset + 18 months.
    const now = new Date();
    const onset = new Date(now.getFullYear(), now.getMonth() - 3, 1);
    const until = new Date(onset.getFullYear(), onset.getMonth() + 18, 1);
    const monthName = (d: Date) => d.toLocaleString('en-GB', { month: 'long' });
    const onsetYear = String(onset.getFullYear());
    const expected = `Eligible until about ${monthName(until)} ${until.getFullYear()}`;

    await page.goto('/trials/NCT04057898');
    const main = page.getByRole('main');
    await expect(main.locator('dt', { hasText: 'Time since first symptoms' }).locator('+ dd')).toHaveText('No more than 18 months');
    const group = main.getByRole('group', { name: 'When your symptoms began' });
    await expect(group).toBeVisible();
    await expect(main.getByText('Kept only in this browser, never sent to us.')).toBeVisible();
    const result = main.locator('[aria-live="polite"]');
    await expect(result).toHaveText('Choose a month and a year to see the result.');

    // By keyboard: Tab into the month select, type to choose; the same for the year.
    const month = group.getByLabel('Month');
    const year = group.getByLabel('Year');
    await month.focus();
    await expect(month).toBeFocused();
    await page.keyboard.type(monthName(onset));
    await expect(month).toHaveValue(String(onset.getMonth() + 1));
    await page.keyboard.press('Tab');
    await expect(year).toBeFocused();
    await page.keyboard.type(onsetYear);
    await expect(year).toHaveValue(onsetYear);
    await expect(result).toHaveText(expected);

    // Kept in this browser: a reload restores it.
    await page.reload();
    await expect(page.getByRole('main').locator('[aria-live="polite"]')).toHaveText(expected);
    await expect(page.getByRole('group', { name: 'When your symptoms began' }).getByLabel('Month')).toHaveValue(String(onset.getMonth() + 1));

    // The same month three years earlier is outside the window.
    const old = new Date(now.getFullYear() - 3, onset.getMonth(), 1);
    const oldEnd = new Date(old.getFullYear(), old.getMonth() + 18, 1);
    await page.getByLabel('Year').focus();
    await page.keyboard.type(String(old.getFullYear()));
    await expect(page.locator('[aria-live="polite"]')).toHaveText(
      `Outside the 18-month window since ${monthName(oldEnd)} ${oldEnd.getFullYear()}`,
    );

    // Clear forgets it, also after a reload, and returns focus to the month.
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect(page.getByLabel('Month')).toBeFocused();
    await expect(page.locator('[aria-live="polite"]')).toHaveText('Choose a month and a year to see the result.');
    await page.reload();
    await expect(page.getByLabel('Month')).toHaveValue('');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => localStorage.getItem(k)?.match(/^\d{4}-\d{2}$/)))).toEqual([]);

    // Nothing the visitor chose ever left the browser.
    const monthCode = `${onsetYear}-${String(onset.getMonth() + 1).padStart(2, '0')}`;
    for (const entry of sent) {
      expect(entry).not.toContain(monthCode);
      expect(entry).not.toMatch(new RegExp(`onset|${monthName(onset)}`, 'i'));
    }
    expect(page.url()).toMatch(/\/trials\/NCT04057898$/);

    await expectNoAxeViolations(page);
    await expectLargeTargets(page);
  });
});

test('a trial that takes nobody offers no eligibility clock, even with an onset window', async ({ page }) => {
  // PHOENIX (completed) took people within 24 months of onset: telling anyone they are "eligible" now would be false.
  await page.goto('/trials/NCT05021536');
  const main = page.getByRole('main');
  await expect(main.locator('dt', { hasText: 'Time since first symptoms' }).locator('+ dd')).toHaveText('No more than 24 months');
  await expect(main.getByText('This trial is not taking participants, so there is no time window to check.')).toBeVisible();
  await expect(main.getByText('When your symptoms began')).toHaveCount(0);
  await expect(main.getByText(/Eligible until about/)).toHaveCount(0);
});

test('the print view keeps the key facts and drops navigation, buttons and long lists', async ({ page }) => {
  await page.goto('/trials/NCT04057898');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('contentinfo')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print this page' })).toBeHidden();
  await expect(page.getByRole('group', { name: 'When your symptoms began' })).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Related trials' })).toBeHidden();
  await expect(page.getByRole('img', { name: /Timeline of/ })).toHaveCount(0);

  const main = page.getByRole('main');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(main.getByText('The trial is looking for participants now.')).toBeVisible();
  await expect(main.getByText('No more than 18 months', { exact: true })).toBeVisible();
  await expect(main.getByText('Official record: clinicaltrials.gov/study/NCT04057898')).toBeVisible();
  await expect(main.getByText(/This page: .+\/trials\/NCT04057898/)).toBeVisible();

  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByRole('button', { name: 'Print this page' })).toBeVisible();
  await expect(main.getByText('Official record: clinicaltrials.gov/study/NCT04057898')).toBeHidden();
});

test.describe('bad trial addresses', () => {
  test('a malformed number explains the NCT format and links to search', async ({ page }) => {
    for (const path of ['/trials/banana', '/trials/NCT123']) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1, name: 'That is not a trial number' })).toBeVisible();
      await expect(page.getByText(/NCT followed by 8 digits/)).toBeVisible();
      await expect(page.getByRole('link', { name: 'Search the trials' })).toHaveAttribute('href', '/trials');
    }
    await expectNoAxeViolations(page);
    await expectLargeTargets(page);
    await expectNoHorizontalScrollAt320(page, '/trials/banana');
  });

  test('an unknown trial says the tracker does not hold it and links to the registry', async ({ page }) => {
    const response = await page.goto('/trials/NCT99999999');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'The tracker does not hold trial NCT99999999' })).toBeVisible();
    await expect(page.getByRole('link', { name: /Look for NCT99999999 on ClinicalTrials\.gov/ })).toHaveAttribute(
      'href',
      'https://clinicaltrials.gov/search?term=NCT99999999',
    );
    await expect(page.getByRole('link', { name: 'Search the trials the tracker holds' })).toHaveAttribute('href', '/trials');
    await expectNoAxeViolations(page);
    await expectLargeTargets(page);
  });

  test('a lower-case number goes to the upper-case address', async ({ page }) => {
    await page.goto('/trials/nct02623699');
    await expect(page).toHaveURL(/\/trials\/NCT02623699$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^VALOR/);
  });
});
