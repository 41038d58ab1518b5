// The production build starts on a fresh database, seeds the curated trials and serves them safely.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test('the home page lists the seeded ALS trials', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/ALS Trial Tracker/);
  await expect(page.getByRole('heading', { level: 1, name: 'ALS clinical trials' })).toBeVisible();

  const trialLinks = page.getByRole('main').locator('a[href^="/trials/NCT"]');
  expect(await trialLinks.count()).toBeGreaterThanOrEqual(30);
  await expect(trialLinks.filter({ hasText: /tofersen/i }).first()).toBeVisible();

  const valor = trialLinks.filter({ hasText: 'NCT02623699' });
  await expect(valor).toHaveCount(1);
  await expect(valor).toBeVisible();
  await expect(valor).toHaveAttribute('href', '/trials/NCT02623699');
});

test('the health check says ok', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { status: string; trials: number };
  expect(body.status).toBe('ok');
  expect(body.trials).toBeGreaterThanOrEqual(30);
});

test('responses carry the security headers', async ({ page }) => {
  const response = await page.goto('/');
  expect(response).not.toBeNull();
  const headers = response!.headers();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toContain("default-src 'self'");
  expect(headers['content-security-policy']).not.toContain('unsafe-eval');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-powered-by']).toBeUndefined();
});

test('the page shell works by keyboard, at 320 px and for screen readers', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/');

  await page.keyboard.press('Tab');
  const skipLink = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skipLink).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByRole('contentinfo')).toContainText('Not medical advice');

  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
});
