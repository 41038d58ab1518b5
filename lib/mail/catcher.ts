// A local mail catcher: an SMTP server that keeps every message in memory and a small HTTP server to
// read them (a page for people, JSON for Playwright). Used only on a machine with no SMTP_URL, so
// sign-in links can be read without a real mailbox. Never reachable beyond this machine.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { escapeHtml } from './html';

export type CaughtMessage = {
  id: string;
  from: string;
  to: string[];
  subject: string;
  /** ISO 8601: the Date header, or when the message arrived if it has none. */
  date: string;
  text: string;
  html: string | null;
  /** Lower-cased header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
};

export type MailCatcherOptions = { smtpPort: number; httpPort: number; host?: string; max?: number };
export type MailCatcher = { smtpPort: number; httpPort: number; close(): Promise<void> };

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
/** Mail HTML is shown as a document of its own, with no scripts, no requests out, no forms. */
export const MAIL_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

export async function startMailCatcher({ smtpPort, httpPort, host = '127.0.0.1', max = 500 }: MailCatcherOptions): Promise<MailCatcher> {
  const messages: CaughtMessage[] = [];
  const keep = (message: CaughtMessage) => {
    messages.unshift(message);
    if (messages.length > max) messages.length = max;
  };

  const smtp = new SMTPServer({
    authOptional: true,
    // Plain SMTP on the loopback interface: no TLS, so no certificate (and no default-certificate warning).
    disabledCommands: ['STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    banner: 'ALS Trial Tracker mail catcher',
    closeTimeout: 1000,
    onData(stream, session, callback) {
      simpleParser(stream, { skipTextToHtml: true, skipImageLinks: true })
        .then((parsed) => {
          if (stream.sizeExceeded) return callback(Object.assign(new Error('Message exceeds fixed maximum message size'), { responseCode: 552 }));
          keep(toMessage(parsed, session));
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  // A client that drops its connection mid-session must not take the app's server down with it. Errors
  // before listening (EADDRINUSE) are the caller's to report, through the rejected promise.
  let started = false;
  smtp.on('error', (error) => {
    if (started) console.error('Mail catcher (SMTP):', error.message);
  });

  const web = http.createServer((req, res) => {
    try {
      handle(req, res, messages, host);
    } catch {
      // Only a malformed Host or URL gets here.
      if (!res.headersSent) json(res, 400, { error: 'Bad request.' });
    }
  });

  await listen(smtp.server, smtpPort, host);
  try {
    await listen(web, httpPort, host);
  } catch (error) {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    throw error;
  }
  started = true;

  return {
    smtpPort: (smtp.server.address() as AddressInfo).port,
    httpPort: (web.address() as AddressInfo).port,
    close: async () => {
      web.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => web.close(() => resolve())),
        new Promise<void>((resolve) => smtp.close(() => resolve())),
      ]);
    },
  };
}

/** Resolves once listening; rejects with the socket error (EADDRINUSE tells the caller one is already running). */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.once('listening', () => {
      server.off('error', onError);
      resolve();
    });
    server.listen(port, host);
  });
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const flatten = (list: AddressObject['value']): string[] => list.flatMap((a) => (a.group ? flatten(a.group) : a.address ? [a.address] : []));
  return (Array.isArray(field) ? field : field ? [field] : []).flatMap((o) => flatten(o.value));
}

function toMessage(parsed: ParsedMail, session: SMTPServerSession): CaughtMessage {
  // Header recipients and envelope recipients together, so a Bcc'd address finds its mail too.
  const envelope = session.envelope.rcptTo.map((r) => r.address);
  const seen = new Set<string>();
  const to = [...addresses(parsed.to), ...addresses(parsed.cc), ...envelope].filter((a) => {
    const key = a.toLowerCase();
    return seen.has(key) ? false : (seen.add(key), true);
  });
  // Raw header lines, unfolded: mailparser's parsed values turn some headers (List-Unsubscribe) into objects.
  const headers: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    const value = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
  }
  const sender = parsed.from?.value[0];
  const from = sender?.address
    ? sender.name ? `${sender.name} <${sender.address}>` : sender.address
    : session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
  return {
    id: randomUUID(),
    from,
    to,
    subject: parsed.subject ?? '',
    date: (parsed.date ?? new Date()).toISOString(),
    text: parsed.text ?? '',
    html: parsed.html || null,
    headers,
  };
}

const LOCAL_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

function handle(req: http.IncomingMessage, res: http.ServerResponse, messages: CaughtMessage[], boundHost: string): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'no-store');
  // Sign-in links live here: refuse any Host but this machine's, so a web page using DNS rebinding cannot read them.
  const hostname = new URL(`http://${req.headers.host ?? 'invalid'}`).hostname;
  if (!LOCAL_HOSTNAMES.has(hostname) && !hostname.endsWith('.localhost') && hostname !== boundHost) {
    return json(res, 403, { error: 'The mail catcher answers only requests addressed to localhost.' });
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const one = /^\/api\/messages\/([^/]+)$/.exec(path);
  const html = /^\/messages\/([^/]+)\/html$/.exec(path);
  const find = (id: string | undefined) => messages.find((m) => m.id === id);

  if (path === '/api/messages') {
    if (method === 'DELETE') {
      messages.length = 0;
      res.writeHead(204).end();
      return;
    }
    if (method !== 'GET') return notAllowed(res, 'GET, DELETE');
    const to = url.searchParams.get('to')?.trim().toLowerCase();
    return json(res, 200, to ? messages.filter((m) => m.to.some((a) => a.toLowerCase() === to)) : messages);
  }
  if (one) {
    if (method !== 'GET') return notAllowed(res, 'GET');
    const message = find(one[1]);
    return message ? json(res, 200, message) : json(res, 404, { error: 'No message with this id.' });
  }
  if (html) {
    if (method !== 'GET') return notAllowed(res, 'GET');
    const message = find(html[1]);
    if (!message?.html) return json(res, 404, { error: 'No HTML message with this id.' });
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': MAIL_HTML_CSP, 'Referrer-Policy': 'no-referrer' });
    res.end(message.html);
    return;
  }
  if (path === '/') {
    if (method !== 'GET') return notAllowed(res, 'GET');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': PAGE_CSP, 'Referrer-Policy': 'no-referrer' });
    res.end(page(messages));
    return;
  }
  return json(res, 404, { error: 'Not found. Try GET /api/messages?to=<address> or GET / in a browser.' });
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function notAllowed(res: http.ServerResponse, allow: string): void {
  res.setHeader('Allow', allow);
  json(res, 405, { error: `Use ${allow}.` });
}

/** Escaped text with its http(s) links made clickable; any other scheme stays plain text. */
function linkify(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(/https?:\/\/[^\s<>"']+/g)) {
    // Sentence punctuation after a link is not part of it.
    const url = match[0].replace(/[.,;:!?)\]]+$/, '');
    out += escapeHtml(text.slice(last, match.index)) + `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
    last = match.index + url.length;
  }
  return out + escapeHtml(text.slice(last));
}

function page(messages: CaughtMessage[]): string {
  const items = messages
    .map(
      (m) => `<article aria-labelledby="m-${escapeHtml(m.id)}">
<h2 id="m-${escapeHtml(m.id)}">${escapeHtml(m.subject || '(no subject)')}</h2>
<dl><dt>To</dt><dd>${escapeHtml(m.to.join(', '))}</dd><dt>From</dt><dd>${escapeHtml(m.from)}</dd><dt>Date</dt><dd><time datetime="${escapeHtml(m.date)}">${escapeHtml(m.date.replace('T', ' ').slice(0, 19))} UTC</time></dd></dl>
<pre>${linkify(m.text)}</pre>
<p>${m.html ? `<a href="/messages/${encodeURIComponent(m.id)}/html">Open the HTML version</a> · ` : ''}<a href="/api/messages/${encodeURIComponent(m.id)}">JSON</a></p>
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mail catcher (${messages.length}) · ALS Trial Tracker</title>
<style>
body{font:1rem/1.5 system-ui,sans-serif;max-width:50rem;margin:0 auto;padding:1rem;color:#1a1a1a;background:#fff}
article{border-top:1px solid #767676;padding:.5rem 0 1rem}
h2{font-size:1.15rem;margin:.5rem 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:0 1rem;margin:0}
dt{font-weight:600}dd{margin:0}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f4f4;padding:.75rem;font-size:.95rem}
a{color:#0645ad}a:focus{outline:3px solid #1a1a1a;outline-offset:2px}
</style>
</head>
<body>
<main>
<h1>Mail catcher</h1>
<p>E-mail the app sent on this machine, newest first. It is kept in memory only and is gone when the catcher stops.</p>
${messages.length ? items : '<p>No e-mail yet. Ask for a sign-in link, then reload this page.</p>'}
</main>
</body>
</html>
`;
}
