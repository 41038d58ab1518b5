// Issue 5's journey: a follower watches a trial, saves a search and follows a curated public list; a
// coordinator (here an admin) changes the watched trial and an import adds a trial matching the search;
// the inbox shows both (its count updating without a reload), the mail catcher has the e-mails, the RSS and
// iCalendar feeds parse with standard parsers and hold the change, and the e-mail's unsubscribe link works.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';
import ical from 'node-ical';
import { createAdmin, expectNoAxeViolations, latestMailTo, MAIL_URL, signIn, uniqueEmail } from '../support/accounts';

test.describe.configure({ mode: 'serial', timeout: 150_000 });

const WATCHED = 'NCT05136885'; // seeded as "Enrolling by invitation"; no other spec depends on it
const IMPORTED = 'NCT00973089'; // a real registry record (tests/fixtures/ctgov/records) that the seed does not hold
const follower = uniqueEmail('follower');
const admin = uniqueEmail('curator');
const DATABASE = path.resolve(process.env.E2E_DATABASE_PATH ?? path.join('data', 'e2e.sqlite'));

async function unreadName(page: Page) {
  return page.getByRole('link', { name: /^Inbox, / });
}

test('follower: watch a trial, save a search; curator: publish a list; follower follows it', async ({ page, browser }) => {
  // The curator publishes "All SOD1 trials" (a saved search made public).
  createAdmin(admin);
  const curator = await browser.newPage();
  await signIn(curator, admin, '/trials?gene=SOD1');
  await curator.getByLabel('Save this search as').fill('All SOD1 trials');
  await curator.getByRole('button', { name: 'Save search' }).click();
  await expect(curator.getByRole('heading', { name: 'All SOD1 trials' })).toBeVisible();
  await curator.getByLabel(/Everyone: listed on Public lists/).check();
  await curator.getByRole('button', { name: 'Save who can see it' }).click();
  await expect(curator.getByText('Who can see the list is saved.')).toBeVisible();
  await curator.close();

  await signIn(page, follower, `/trials/${WATCHED}`);
  await expect(page).toHaveURL(new RegExp(`/trials/${WATCHED}$`));
  const watch = page.getByRole('button', { name: /^(☆ |★ )?Watch/ }).first();
  await expect(watch).toHaveAttribute('aria-pressed', 'false');
  await watch.press('Enter'); // by keyboard
  await expect(watch).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  await expect(page.getByRole('button', { name: /Watching/ }).first()).toHaveAttribute('aria-pressed', 'true');

  await page.goto('/trials?q=caries');
  await page.getByLabel('Save this search as').fill('Caries studies');
  await page.getByRole('button', { name: 'Save search' }).click();
  await expect(page.getByRole('heading', { name: 'Caries studies' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto('/lists');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'All SOD1 trials' }).click();
  await page.getByRole('button', { name: 'Follow this list' }).press('Enter');
  await expect(page.getByText('You follow this list now.')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a change to the watched trial and an import matching the search reach the inbox, e-mail and feeds', async ({ page, browser }) => {
  await signIn(page, follower, '/inbox');
  await expect(await unreadName(page)).toHaveAccessibleName('Inbox, nothing unread');

  // The curator (an admin may update any trial) changes the watched trial's status.
  const curator = await browser.newPage();
  await signIn(curator, admin, `/coordinate/${WATCHED}`);
  await curator.getByLabel('Overall status').selectOption('ACTIVE_NOT_RECRUITING');
  await curator.getByLabel('Reason for the status change').fill('Enrolment is complete.');
  await curator.locator('#f-primaryCompletionDate-date').fill('2027-06');
  await curator.locator('#f-primaryCompletionDate-type-ESTIMATED').check();
  await curator.getByRole('button', { name: 'Save update' }).click();
  await expect(curator.getByRole('heading', { name: 'Saved' })).toBeVisible();
  await curator.close();

  // An import brings a trial that matches the saved search.
  const imported = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', path.resolve('tests', 'fixtures', 'ctgov', 'records', `${IMPORTED}.json`)], {
    env: { ...process.env, DATABASE_PATH: DATABASE },
    encoding: 'utf8',
  });
  expect(imported.status, imported.stderr).toBe(0);

  // The count in the header updates without a reload.
  await expect(await unreadName(page)).toHaveAccessibleName(/^Inbox, [2-9] unread$/, { timeout: 30_000 });
  await page.reload();
  const inbox = page.locator('main');
  await expect(inbox).toContainText('Enrolment is complete.');
  await expect(inbox).toContainText('Active, not recruiting');
  await expect(inbox).toContainText('Caries studies');
  await expectNoAxeViolations(page);

  // E-mail: one per notification (the default is "at once").
  await latestMailTo(follower);
  const all = (await (await fetch(`${MAIL_URL}/api/messages?to=${encodeURIComponent(follower)}`)).json()) as { subject: string; text: string; html: string | null; headers: Record<string, string> }[];
  const notices = all.filter((m) => !/sign in/i.test(m.subject));
  expect(notices.map((m) => m.text).join('\n')).toContain('Active, not recruiting');
  expect(notices.map((m) => m.text).join('\n')).toContain(IMPORTED);
  // Every notice has an HTML part beside the text, naming the change too (not just the sign-in e-mail).
  for (const notice of notices) expect(notice.html ?? '').toContain('/trials/');
  expect(notices.map((m) => m.html).join('\n')).toContain('Active, not recruiting');
  expect(notices[0]!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');

  // Feeds of the saved search and of the watched-trials list, parsed with standard parsers.
  await page.goto('/watchlists');
  await page.getByRole('link', { name: 'Watched trials' }).click();
  const rss = await page.getByRole('link', { name: /rss\.xml$/ }).getAttribute('href');
  const ics = await page.getByRole('link', { name: /calendar\.ics$/ }).getAttribute('href');
  const feed = new XMLParser().parse(await (await page.request.get(rss!)).text());
  const items = [feed.rss.channel.item].flat();
  expect(items.map((i: { title: string }) => i.title).join('\n')).toContain('Active, not recruiting');
  expect(items.map((i: { title: string }) => i.title).join('\n')).toContain('June 2027');
  const calendar = ical.sync.parseICS(await (await page.request.get(ics!)).text());
  const summaries = Object.values(calendar).flatMap((c) => (c && c.type === 'VEVENT' ? [String((c as { summary?: unknown }).summary)] : []));
  // The moved primary completion is in the calendar at its new month.
  expect(summaries.some((s) => /Primary completion/.test(s) && /June 2027/.test(s))).toBe(true);
  await expectNoAxeViolations(page);

  // Unsubscribe the way a mail client does it: a POST to the List-Unsubscribe address.
  const unsubscribe = /<(https?:[^>]+)>/.exec(notices[0]!.headers['list-unsubscribe'] ?? '')?.[1];
  expect(unsubscribe).toBeTruthy();
  const answer = await page.request.post(unsubscribe!, { form: { 'List-Unsubscribe': 'One-Click' } });
  expect(answer.status()).toBe(200);
  await page.goto('/watchlists');
  await expectNoAxeViolations(page);
  await expect(page.locator('main')).toContainText('no e-mail');

  // The inbox by keyboard: "Mark all as read" empties the count in the header.
  await page.goto('/inbox');
  await page.getByRole('button', { name: 'Mark all as read' }).press('Enter');
  await expect(await unreadName(page)).toHaveAccessibleName('Inbox, nothing unread');
  await expect(page.getByText('All marked as read.')).toBeVisible();

  // Unwatch by keyboard, from the trial's page.
  await page.goto(`/trials/${WATCHED}`);
  const watching = page.getByRole('button', { name: /Watching/ }).first();
  await watching.press('Enter');
  await expect(page.getByRole('button', { name: /^(☆ )?Watch / }).first()).toHaveAttribute('aria-pressed', 'false');
});
