// The local mail catcher: real SMTP in through nodemailer, read back over HTTP as Playwright and people do.
import http from 'node:http';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAIL_HTML_CSP, startMailCatcher, type CaughtMessage, type MailCatcher } from '@/lib/mail/catcher';

let catcher: MailCatcher;
let base: string;

beforeAll(async () => {
  catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
  base = `http://localhost:${catcher.httpPort}`;
});
afterAll(() => catcher.close());
beforeEach(async () => {
  await fetch(`${base}/api/messages`, { method: 'DELETE' });
});

async function send(message: { to: string; subject: string; text: string; html?: string; headers?: Record<string, string> }): Promise<void> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: catcher.smtpPort, secure: false });
  try {
    await transport.sendMail({ from: 'ALS Trial Tracker <no-reply@localhost>', ...message });
  } finally {
    transport.close();
  }
}

const messagesFor = async (to?: string): Promise<CaughtMessage[]> =>
  (await fetch(`${base}/api/messages${to ? `?to=${encodeURIComponent(to)}` : ''}`)).json() as Promise<CaughtMessage[]>;

describe('a message sent over SMTP', () => {
  it('can be read back by recipient, newest first, with its text, HTML and headers', async () => {
    await send({
      to: 'Family Member <family@example.org>',
      subject: 'Sign in to ALS Trial Tracker',
      text: 'Open http://localhost:3000/api/auth/callback/nodemailer?token=abc to sign in.',
      html: '<p><a href="http://localhost:3000/api/auth/callback/nodemailer?token=abc">Sign in</a></p>',
      headers: { 'List-Unsubscribe': '<http://localhost:3000/unsubscribe?t=1>' },
    });
    await send({ to: 'someone-else@example.org', subject: 'Not for the family', text: 'Hello' });
    await send({ to: 'family@example.org', subject: 'Second sign-in link', text: 'Newer' });

    const mine = await messagesFor('FAMILY@Example.org');
    expect(mine.map((m) => m.subject)).toEqual(['Second sign-in link', 'Sign in to ALS Trial Tracker']);
    const first = mine[1]!;
    expect(first.to).toEqual(['family@example.org']);
    expect(first.from).toBe('ALS Trial Tracker <no-reply@localhost>');
    expect(first.text).toContain('token=abc');
    expect(first.html).toContain('<a href="http://localhost:3000/api/auth/callback/nodemailer?token=abc">');
    expect(first.headers['list-unsubscribe']).toBe('<http://localhost:3000/unsubscribe?t=1>');
    expect(first.headers['subject']).toBe('Sign in to ALS Trial Tracker');
    expect(new Date(first.date).toISOString()).toBe(first.date);

    expect(await messagesFor()).toHaveLength(3);
    expect(await messagesFor('nobody@example.org')).toEqual([]);

    const single = await fetch(`${base}/api/messages/${first.id}`);
    expect(single.status).toBe(200);
    expect(await single.json()).toEqual(first);
    const unknown = await fetch(`${base}/api/messages/no-such-id`);
    expect(unknown.status).toBe(404);
  });

  it('finds a Bcc recipient, who is only on the envelope', async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: catcher.smtpPort, secure: false });
    await transport.sendMail({ from: 'no-reply@localhost', to: 'a@example.org', bcc: 'hidden@example.org', subject: 'Bcc', text: 'x' });
    transport.close();
    expect((await messagesFor('hidden@example.org')).map((m) => m.subject)).toEqual(['Bcc']);
  });
});

describe('the pages', () => {
  it('lists messages with their content escaped and their links clickable', async () => {
    await send({
      to: 'family@example.org',
      subject: '<script>alert("subject")</script>',
      text: 'Sign in: http://localhost:3000/cb?token=1&next=%2F. Or <img src=x onerror=alert(1)>',
    });
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await res.text();
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
    expect(page).toContain('&#60;script&#62;alert(&#34;subject&#34;)&#60;/script&#62;');
    expect(page).toContain('<a href="http://localhost:3000/cb?token=1&#38;next=%2F">');
    expect(page).toContain('family@example.org');
  });

  it('serves a message\'s HTML under a policy that forbids scripts', async () => {
    await send({ to: 'family@example.org', subject: 'HTML', text: 'plain', html: '<p>Hi</p><script>alert(1)</script>' });
    const [message] = await messagesFor('family@example.org');
    const res = await fetch(`${base}/messages/${message!.id}/html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(MAIL_HTML_CSP);
    // No scripts, no forms, no framing: mail HTML is looked at, never run.
    for (const directive of ["default-src 'none'", 'sandbox', "form-action 'none'", "frame-ancestors 'none'"]) expect(MAIL_HTML_CSP).toContain(directive);
    expect(MAIL_HTML_CSP).not.toContain('script-src');
    expect(await res.text()).toContain('<p>Hi</p>');
  });

  it('answers 404 in JSON for unknown paths and refuses hosts other than localhost', async () => {
    const res = await fetch(`${base}/nothing-here`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    // What a page on attacker.example sees after rebinding its name to 127.0.0.1 (fetch cannot set Host).
    const rebound = await new Promise<number | undefined>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: catcher.httpPort, path: '/api/messages', headers: { Host: `attacker.example:${catcher.httpPort}` } }, (r) => {
          r.resume();
          resolve(r.statusCode);
        })
        .on('error', reject);
    });
    expect(rebound).toBe(403);
  });
});

it('DELETE /api/messages clears every message', async () => {
  await send({ to: 'family@example.org', subject: 'One', text: '1' });
  expect(await messagesFor()).toHaveLength(1);
  const res = await fetch(`${base}/api/messages`, { method: 'DELETE' });
  expect(res.status).toBe(204);
  expect(await messagesFor()).toEqual([]);
});

it('keeps only the newest messages when the cap is reached', async () => {
  const small = await startMailCatcher({ smtpPort: 0, httpPort: 0, max: 2 });
  try {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: small.smtpPort, secure: false });
    for (const n of [1, 2, 3]) await transport.sendMail({ from: 'no-reply@localhost', to: 'a@example.org', subject: `Message ${n}`, text: 'x' });
    transport.close();
    const list = (await (await fetch(`http://localhost:${small.httpPort}/api/messages`)).json()) as CaughtMessage[];
    expect(list.map((m) => m.subject)).toEqual(['Message 3', 'Message 2']);
  } finally {
    await small.close();
  }
});
