// Accounts for end-to-end tests: admins made by the real `npm run admin:create` script on the e2e
// database, sign-in through the real e-mail link read from the mail catcher the server started.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const MAIL_URL = process.env.E2E_MAIL_URL ?? `http://localhost:${process.env.E2E_MAIL_PORT ?? '2580'}`;
const DATABASE = path.resolve(process.env.E2E_DATABASE_PATH ?? path.join('data', 'e2e.sqlite'));

/** A fresh address per test run, so reruns against a reused server never collide. */
export const uniqueEmail = (who: string) => `${who}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}@example.org`;

export function createAdmin(email: string): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/admin-create.ts', email], {
    env: { ...process.env, DATABASE_PATH: DATABASE, SEED_ON_START: 'false' },
    encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
}

type CaughtMessage = { id: string; subject: string; text: string; html: string; to: string[] };

/** Waits for the newest e-mail to this address in the catcher. */
export async function latestMailTo(email: string, after = 0): Promise<CaughtMessage> {
  let found: CaughtMessage | undefined;
  await expect
    .poll(
      async () => {
        const response = await fetch(`${MAIL_URL}/api/messages?to=${encodeURIComponent(email)}`);
        const messages = (await response.json()) as CaughtMessage[];
        found = messages.length > after ? messages[0] : undefined;
        return !!found;
      },
      { message: `an e-mail to ${email}`, timeout: 15_000 },
    )
    .toBe(true);
  return found!;
}

export async function mailCount(email: string): Promise<number> {
  const response = await fetch(`${MAIL_URL}/api/messages?to=${encodeURIComponent(email)}`);
  return ((await response.json()) as unknown[]).length;
}

/** Signs in by keyboard: type the address, press Enter, open the link from the e-mail. */
export async function signIn(page: Page, email: string, callbackUrl = '/account', options: { axe?: boolean } = {}): Promise<void> {
  const before = await mailCount(email);
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel('Your e-mail address').fill(email);
  await page.getByLabel('Your e-mail address').press('Enter');
  await expect(page.getByRole('heading', { name: 'Check your e-mail' })).toBeVisible();
  if (options.axe) await expectNoAxeViolations(page);
  const message = await latestMailTo(email, before);
  const link = /https?:\/\/\S+\/signin\/confirm\?\S+/.exec(message.text)?.[0];
  expect(link, 'a sign-in link in the e-mail text').toBeTruthy();
  await page.goto(link!);
  await expect(page.getByRole('heading', { name: 'Finish signing in' })).toBeVisible();
  if (options.axe) await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Sign in' }).press('Enter');
  await expect(page.getByRole('button', { name: 'Sign out' }).first()).toBeVisible();
}

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function expectNoAxeViolations(page: Page): Promise<void> {
  // After a client-side navigation (a server action's redirect) Next streams the new <title> in after the
  // page's content; wait for it, so axe judges the finished page. A page with no title still fails here.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** Presses Tab until the element matching `selector` has focus (the way a keyboard or switch user gets there). */
export async function tabTo(page: Page, selector: string, limit = 400): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}
