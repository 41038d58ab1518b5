// Issue 4's journey: an admin assigns a coordinator; the coordinator signs in with the link from the
// mail catcher and, by keyboard alone, changes the trial's status with a reason; a visitor sees it.
import { expect, test } from '@playwright/test';
import { createAdmin, expectNoAxeViolations, signIn, tabTo, uniqueEmail } from '../support/accounts';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const TRIAL = 'NCT07174492'; // seeded as "Not yet recruiting"; no other spec depends on it
const admin = uniqueEmail('admin');
const coordinator = uniqueEmail('coordinator');
const reason = 'The first participant was enrolled at the lead site this week.';

test('an admin assigns a coordinator, and the record of role changes shows it', async ({ page }) => {
  createAdmin(admin);
  await signIn(page, admin, '/admin', { axe: true });
  await expect(page).toHaveURL(/\/admin$/);
  await expectNoAxeViolations(page);

  // A careless entry first: each field says what is wrong.
  await page.getByLabel('Coordinator’s e-mail address').fill('not-an-address');
  await page.getByLabel('Trial (NCT number)').fill('NCT123');
  await page.getByRole('button', { name: 'Assign coordinator' }).click();
  await expect(page.getByText('must be an e-mail address', { exact: false }).first()).toBeVisible();
  await expect(page.getByText('must be an NCT number', { exact: false }).first()).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel('Coordinator’s e-mail address').fill(coordinator);
  await page.getByLabel('Trial (NCT number)').fill(TRIAL.toLowerCase());
  await page.getByRole('button', { name: 'Assign coordinator' }).click();
  await expect(page.getByText(`is now a coordinator of ${TRIAL}`)).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(TRIAL) }).first();
  await expect(row).toBeVisible();
  await expect(page.getByRole('cell', { name: 'assigned as coordinator' }).first()).toBeVisible();
  // The admin sees the coordinator masked, never the address.
  expect(await page.content()).not.toContain(coordinator);

  // Removing someone, by keyboard: the row goes, and the page says so where focus lands.
  const temporary = uniqueEmail('temporary');
  await page.getByLabel('Coordinator’s e-mail address').fill(temporary);
  await page.getByLabel('Trial (NCT number)').fill('NCT04856982');
  await page.getByRole('button', { name: 'Assign coordinator' }).click();
  await expect(page.getByText('is now a coordinator of NCT04856982')).toBeVisible();
  await page.getByRole('button', { name: /^Remove t•••@example\.org as coordinator of NCT04856982$/ }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'A coordinator was removed from NCT04856982' })).toBeFocused();
  await expect(page.getByRole('cell', { name: 'removed as coordinator' }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: /as coordinator of NCT04856982$/ })).toHaveCount(0);
});

test('the coordinator updates the status by keyboard; a visitor sees the change', async ({ page, browser }) => {
  await signIn(page, coordinator, '/coordinate');
  await page.goto('/coordinate');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: /^Update / }).first().click();
  await expect(page).toHaveURL(new RegExp(`/coordinate/${TRIAL}$`));
  await expectNoAxeViolations(page);

  // Keyboard only from here: Tab to the status, choose by typing, Tab on to Save, Enter.
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  await tabTo(page, '#f-overallStatus');
  await page.keyboard.type('Recruiting');
  await expect(page.locator('#f-overallStatus')).toHaveValue('RECRUITING');
  await tabTo(page, 'button[type=submit]:not([name])');
  await page.keyboard.press('Enter');

  // No reason: refused, the summary takes focus and its link leads to the field.
  const summary = page.getByRole('heading', { name: 'Not saved' });
  await expect(summary).toBeVisible();
  await expect(page.locator('#f-reason')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#f-overallStatus')).toHaveValue('RECRUITING'); // the entry was kept
  await expectNoAxeViolations(page);
  await tabTo(page, 'a[href="#f-reason"]');
  await page.keyboard.press('Enter');
  await expect(page.locator('#f-reason')).toBeFocused();
  await page.keyboard.type(reason);
  await tabTo(page, 'button[type=submit]:not([name])');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Saved' })).toBeVisible();
  await expect(page.getByText('1 change recorded')).toBeVisible();

  // A visitor, signed out, in another browser context.
  const visitor = await browser.newContext();
  const trialPage = await visitor.newPage();
  await trialPage.goto(`/trials/${TRIAL}`);
  await expect(trialPage.getByText(reason).first()).toBeVisible();
  await expect(trialPage.getByText(/updated by the trial.s coordinator/i).first()).toBeVisible();
  await expect(trialPage.locator('main')).toContainText('Recruiting');
  const html = await trialPage.content();
  expect(html).not.toContain(coordinator);
  expect(html).not.toContain(admin);
  await visitor.close();
});

test('the coordinator creates an API token and updates the trial with it: ETag, If-Match, 412, 428', async ({ page, playwright }) => {
  await signIn(page, coordinator, '/account');
  await page.goto('/account');
  await page.getByLabel('Name of the new token').fill('Site spreadsheet');
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = await page.locator('#new-token').inputValue();
  expect(token).toMatch(/^alst_/);
  await expectNoAxeViolations(page);

  const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const current = await api.get(`/api/trials/${TRIAL}`);
  const etag = current.headers()['etag']!;
  expect(etag).toMatch(/^"\d+"$/);
  const body = { enrollment: { count: 48, type: 'ESTIMATED' }, note: 'Two more sites open in January.' };
  expect((await api.patch(`/api/trials/${TRIAL}`, { data: body })).status()).toBe(428);
  const saved = await api.patch(`/api/trials/${TRIAL}`, { data: body, headers: { 'if-match': etag } });
  expect(saved.status()).toBe(200);
  expect(saved.headers()['etag']).not.toBe(etag);
  // The same stale ETag again: refused, saying what changed meanwhile.
  const stale = await api.patch(`/api/trials/${TRIAL}`, { data: { phase: 'phase-3' }, headers: { 'if-match': etag } });
  expect(stale.status()).toBe(412);
  expect(JSON.stringify(await stale.json())).toContain('48');
  await api.dispose();

  await page.goto(`/trials/${TRIAL}`);
  await expect(page.getByText('Two more sites open in January.').first()).toBeVisible();
});

test('someone who is not a coordinator of the trial cannot open its form', async ({ page }) => {
  const member = uniqueEmail('member');
  await signIn(page, member, '/account');
  await expectNoAxeViolations(page);
  await page.goto(`/coordinate/${TRIAL}`);
  await expect(page.getByRole('heading', { name: 'You cannot update this trial' })).toBeVisible();
  await page.goto('/admin');
  await expect(page.getByText('Only admins can open this page')).toBeVisible();
});

test('signed-out people are sent to sign in, and come back', async ({ page }) => {
  await page.goto(`/coordinate/${TRIAL}`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fcoordinate%2FNCT07174492/);
  await expectNoAxeViolations(page);
  await page.getByLabel('Your e-mail address').fill('nobody');
  await page.getByLabel('Your e-mail address').press('Enter');
  await expect(page.locator('#email')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#email-error')).toContainText('e-mail address');
});
