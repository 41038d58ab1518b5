// The sign-in e-mail. Read by families and coordinators, often on a phone, sometimes with a screen
// reader or large text: plain words, one big button, the link again as text, no images or web fonts.
import { emailDocument, escapeHtml } from './html';

const APP = 'ALS Trial Tracker';
/** The project's link colour: 8.2:1 against the white button text. */
const BUTTON_BG = '#0b4f9c';


export type SignInEmail = { subject: string; text: string; html: string };

/** "15:04 UTC on Tuesday, 3 March 2026": a time nobody has to convert from a machine format. */
function expiryInWords(expires: Date): string {
  const day = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(expires);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(expires);
  return `${time} UTC on ${day}`;
}

/** "1 hour", "30 minutes", "1 day": how long the link works, from now, rounded to what people say. */
function durationInWords(ms: number): string | null {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return null;
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes < 90) return plural(minutes, 'minute').replace(/^60 minutes$/, '1 hour');
  const hours = Math.round(minutes / 60);
  return hours < 48 ? plural(hours, 'hour') : plural(Math.round(hours / 24), 'day');
}

export function signInEmail({ url, host, expires }: { url: string; host: string; expires: Date }): SignInEmail {
  const subject = `Sign in to ${APP}`;
  const duration = durationInWords(expires.getTime() - Date.now());
  const expiry = `This link works once, until ${expiryInWords(expires)}${duration ? ` (${duration} from when we sent it)` : ''}.`;
  const ignore = 'If you did not ask for this, ignore this e-mail; nobody can sign in without this link.';
  const why = `Someone, probably you, asked to sign in to ${APP} at ${host} with this e-mail address.`;

  const text = [
    'Hello,',
    '',
    why,
    'To sign in, open this link:',
    '',
    url,
    '',
    expiry,
    '',
    ignore,
    '',
    `— ${APP}`,
    '',
  ].join('\n');

  const u = escapeHtml(url);
  const p = 'margin:0 0 16px;font-size:16px;line-height:1.5;color:#1a1a1a';
  const html = emailDocument({
    title: subject,
    width: 560,
    app: APP,
    body: `<p style="${p}">Hello,</p>
<p style="${p}">${escapeHtml(why)}</p>
<p style="margin:24px 0">
<a href="${u}" style="display:inline-block;min-height:48px;line-height:48px;padding:0 32px;background:${BUTTON_BG};color:#ffffff;font-size:18px;font-weight:bold;text-decoration:none;border-radius:6px">Sign in to ${APP}</a>
</p>
<p style="${p}">If the button does not work, copy this link into your browser:<br>
<a href="${u}" style="color:${BUTTON_BG};word-break:break-all">${u}</a></p>
<p style="${p}">${escapeHtml(expiry)}</p>
<p style="${p}">${escapeHtml(ignore)}</p>`,
  });
  return { subject, text, html };
}
