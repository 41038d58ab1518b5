// What every e-mail the tracker sends (and the catcher's reader page) needs to write HTML safely: escaping,
// and one accessible e-mail shell (a single column, system fonts, no images). No imports, so loading it
// never pulls smtp-server or nodemailer along.

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A whole HTML e-mail: `title` (escaped here) heads it, `body` is already-escaped HTML, signed by `app`. */
export function emailDocument({ title, heading = title, body, app, width = 600 }: { title: string; heading?: string; body: string; app: string; width?: number }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
</head>
<body style="margin:0;padding:0;background:#ffffff">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#ffffff">
<tr><td style="padding:24px 16px">
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="max-width:${width}px;margin:0 auto;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif">
<tr><td>
<h1 style="margin:0 0 16px;font-size:24px;line-height:1.3;color:#1a1a1a">${escapeHtml(heading)}</h1>
${body}
<p style="margin:24px 0 0;font-size:14px;line-height:1.5;color:#4a4a4a">— ${escapeHtml(app)}</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}
