// Outgoing mail: SMTP_URL when it is set, else the local mail catcher (instrumentation.ts starts it).
// The catcher is for a machine serving only itself; a public deployment without SMTP_URL fails loudly.
import nodemailer, { type Transporter } from 'nodemailer';
import { env, isLocalUrl } from '@/lib/env';

let cached: { url: string; transport: Transporter } | undefined;

export function mailTransport(): Transporter {
  const e = env();
  if (!e.SMTP_URL && !isLocalUrl(e.AUTH_URL)) {
    throw new Error('SMTP_URL must be set in production: the app is served beyond localhost, where the local mail catcher is never used.');
  }
  const url = e.SMTP_URL ?? `smtp://127.0.0.1:${e.MAIL_CATCHER_SMTP_PORT}`;
  if (cached?.url !== url) {
    // Short timeouts: someone is waiting on the sign-in form while this sends.
    // Options spelled out: nodemailer ignores every other option when given `{ url }`. Pooled connections,
    // so the delivery worker does not open one SMTP connection per e-mail.
    const u = new URL(url);
    const secure = u.protocol === 'smtps:';
    cached = {
      url,
      transport: nodemailer.createTransport({
        host: u.hostname,
        port: Number(u.port) || (secure ? 465 : 587),
        secure,
        auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
        pool: true,
        maxConnections: 2,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      }),
    };
  }
  return cached.transport;
}

export type OutgoingMail = { to: string; subject: string; text: string; html: string; headers?: Record<string, string> };

/** Sends one e-mail from MAIL_FROM; resolves to its Message-ID once the SMTP server has accepted it. */
export async function sendMail({ to, subject, text, html, headers }: OutgoingMail): Promise<string> {
  const info = await mailTransport().sendMail({ from: env().MAIL_FROM, to, subject, text, html, headers });
  return info.messageId;
}
