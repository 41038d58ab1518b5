// The sign-in e-mail. Read by families and coordinators, often on a phone, sometimes with a screen
// reader or large text: plain words, one big button, the link again as text, no images or web fonts.

const APP = 'ALS Trial Tracker';
/** The project's link colour: 8.2:1 against the white button text. */
const BUTTON_BG = '#0b4f9c';

// Its own copy, not the catcher's: importing the catcher would load smtp-server wherever mail is sent.
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

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
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(subject)}</title>
</head>
<body style="margin:0;padding:0;background:#ffffff">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#ffffff">
<tr><td style="padding:24px 16px">
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;margin:0 auto;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif">
<tr><td>
<h1 style="margin:0 0 16px;font-size:24px;line-height:1.3;color:#1a1a1a">${escapeHtml(subject)}</h1>
<p style="${p}">Hello,</p>
<p style="${p}">${escapeHtml(why)}</p>
<p style="margin:24px 0">
<a href="${u}" style="display:inline-block;min-height:48px;line-height:48px;padding:0 32px;background:${BUTTON_BG};color:#ffffff;font-size:18px;font-weight:bold;text-decoration:none;border-radius:6px">Sign in to ${APP}</a>
</p>
<p style="${p}">If the button does not work, copy this link into your browser:<br>
<a href="${u}" style="color:${BUTTON_BG};word-break:break-all">${u}</a></p>
<p style="${p}">${escapeHtml(expiry)}</p>
<p style="${p}">${escapeHtml(ignore)}</p>
<p style="margin:24px 0 0;font-size:14px;line-height:1.5;color:#4a4a4a">— ${APP}</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
  return { subject, text, html };
}
