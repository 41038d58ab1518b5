// /compare: seeded trials side by side in a real table, "Not known" for what no source says, bad and
// surplus ids explained while the valid ones are still compared, and the accessibility bar.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

async function expectTargetsAtLeast44(page: Page) {
  const small = await page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('main a[href], main button, main [tabindex="0"]')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.width < 44 || r.height < 44) out.push(`${el.tagName} "${(el.textContent ?? '').trim().slice(0, 40)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  });
  expect(small).toEqual([]);
}

/** The text of the cell where a row (by its header) meets a trial's column (by its NCT id). */
async function cell(page: Page, rowHeader: string, nctId: string): Promise<string> {
  const table = page.getByRole('table');
  const headers = await table.locator('thead th').allTextContents();
  const column = headers.findIndex((h) => h.includes(nctId));
  expect(column, `column for ${nctId}`).toBeGreaterThanOrEqual(0);
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: rowHeader, exact: true }) });
  return (await row.getByRole('cell').nth(column).textContent()) ?? '';
}

test('two seeded trials side by side, with "Not known" where no source says', async ({ page }) => {
  await page.goto('/compare?ids=NCT02623699,NCT04856982');
  await expect(page.getByRole('heading', { level: 1, name: 'Compare trials' })).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.getByRole('columnheader', { name: /VALOR.*NCT02623699/ })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: /ATLAS.*NCT04856982/ })).toBeVisible();
  for (const group of ['The trial', 'Who can join', 'What taking part involves', 'Dates', 'Where this comes from'])
    await expect(table.getByRole('rowheader', { name: group, exact: true })).toBeVisible();

  expect(await cell(page, 'Status', 'NCT02623699')).toContain('Completed');
  expect(await cell(page, 'Status', 'NCT04856982')).toContain('Active, not recruiting');
  expect(await cell(page, 'Phase', 'NCT04856982')).toBe('Phase 3');
  expect(await cell(page, 'Genes targeted', 'NCT02623699')).toBe('SOD1');
  expect(await cell(page, 'Lowest breathing capacity (FVC/SVC)', 'NCT02623699')).toBe('At least 50% of expected');
  expect(await cell(page, 'Placebo (dummy treatment)', 'NCT02623699')).toContain('ratio 2:1');
  expect(await cell(page, 'How the treatment is given', 'NCT04856982')).toContain('intrathecal');
  expect(await cell(page, 'Main results due (primary completion)', 'NCT02623699')).toBe('16 July 2021 (actual)');
  expect(await cell(page, 'Trial ends (completion)', 'NCT04856982')).toBe('7 August 2027 (estimated)');
  expect(await cell(page, 'Checked by our team as of', 'NCT02623699')).toBe('July 2023');
  // Facts no source gave are said to be unknown, never left blank.
  expect(await cell(page, 'Time since first symptoms', 'NCT02623699')).toBe('Not known');
  expect(await cell(page, 'Lowest breathing capacity (FVC/SVC)', 'NCT04856982')).toBe('Not known');
  for (const text of await table.locator('tbody td').allTextContents()) expect(text.trim()).not.toBe('');
  await expect(table.getByRole('link', { name: /inclinicaltrials\.com record NCT02623699/ })).toHaveAttribute('href', /^https:\/\//);

  await expectNoAxeViolations(page);
  await expectTargetsAtLeast44(page);
});

test('a trial can be removed, and search is one link away', async ({ page }) => {
  await page.goto('/compare?ids=NCT02623699&ids=NCT04856982');
  await page.getByRole('link', { name: /^Remove VALOR.* from the comparison$/ }).click();
  await expect(page).toHaveURL(/\/compare\?ids=NCT04856982$/);
  await expect(page.getByRole('table').getByRole('columnheader')).toHaveCount(1);
  await page.getByRole('link', { name: /Back to search/ }).click();
  await expect(page).toHaveURL(/\/trials$/, { timeout: 15_000 });
});

test('too many, malformed and unknown ids are explained, and the valid trials are still compared', async ({ page }) => {
  await page.goto('/compare?ids=NCT02623699,banana,NCT99999999,NCT04856982&ids=nct03070119&ids=NCT04768972');
  const problems = page.getByRole('main').getByRole('alert');
  await expect(problems).toContainText('Some trials could not be added');
  await expect(problems).toContainText('“banana” is not a trial number');
  await expect(problems).toContainText('The tracker has no trial NCT99999999');
  await expect(problems).toContainText('You can compare up to 3 trials at a time, so NCT04768972 was left out');
  const headers = page.getByRole('table').locator('thead th');
  await expect(headers).toHaveCount(3);
  await expect(headers.nth(0)).toContainText('NCT02623699');
  await expect(headers.nth(1)).toContainText('NCT04856982');
  await expect(headers.nth(2)).toContainText('NCT03070119');
  await expectNoAxeViolations(page);
});

test('with no valid trials the page says how to choose some', async ({ page }) => {
  await page.goto('/compare?ids=NCT00000000');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('The tracker has no trial NCT00000000');
  await expect(page.getByRole('heading', { name: 'No trials chosen yet' })).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
  await page.goto('/compare');
  await expect(page.getByRole('heading', { name: 'No trials chosen yet' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('at 320 px the table scrolls inside a labelled, focusable region and the page does not', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/compare?ids=NCT02623699,NCT04856982,NCT03070119');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const region = page.getByRole('region', { name: /compared$/ });
  await region.focus();
  await expect(region).toBeFocused();
  const before = await region.evaluate((el) => el.scrollLeft);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(before);
  await expectNoAxeViolations(page);
});
