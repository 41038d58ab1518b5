// The followers' e-mail: one change at once, or a daily or weekly digest. Read by families, often on a
// phone, sometimes with a screen reader or large text: plain words, real headings, big links, no images,
// and the same content in the plain-text part. Every value is escaped in the HTML part.
import { emailDocument, escapeHtml } from '@/lib/mail/html';
import { formatPartialDate } from '@/lib/trials/format';
import type { EventSource } from '@/lib/trials/vocab';

const APP = 'ALS Trial Tracker';
/** The project's link colour: 8.2:1 on white. */
const LINK = '#0b4f9c';
/** A weekly digest of a busy list stays readable; the rest are a link away. */
const MAX_ITEMS = 100;


export type EmailCadence = 'immediate' | 'daily' | 'weekly';

export type NotificationEmailItem = {
  trial: { nctId: string; briefTitle: string; acronym: string | null };
  /** The change in one sentence (describeEvent), or a new match of a saved search. */
  text: string;
  /** The coordinator's reason, when they gave one. */
  reason?: string | null;
  /** Who says so; 'tracker' for what the tracker itself found (a trial newly matching a saved search). */
  source: EventSource | 'tracker';
  /** When it happened, as precisely as the source says (YYYY, YYYY-MM or a day); null when unknown. */
  occurredAt: string | null;
};

export type NotificationEmailInput = {
  recipientName?: string | null;
  items: NotificationEmailItem[];
  cadence: EmailCadence;
  /** The lists that brought these changes: one for most e-mails, several for a digest covering several lists. */
  watchlistNames?: string[];
  unsubscribeUrl: string;
  manageUrl: string;
  baseUrl: string;
};

export type NotificationEmail = { subject: string; text: string; html: string };

const SOURCE_WORDS: Record<NotificationEmailItem['source'], string | null> = {
  registry: 'from ClinicalTrials.gov',
  coordinator: "from the trial's coordinator",
  curation: "from the tracker's checked sources",
  tracker: null,
};

const CADENCE_WORDS: Record<EmailCadence, string> = {
  immediate: 'You get an e-mail as soon as something changes.',
  daily: 'You get these changes in one e-mail a day.',
  weekly: 'You get these changes in one e-mail a week.',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n === 1 ? 'One' : n} ${n === 1 ? one : many}`;

/** “Sam's trials”, “A” and “B”, “A”, “B” and “C”. */
function listNames(names: string[]): string {
  const q = names.map((n) => `“${n}”`);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} and ${q.at(-1)}`;
}

function trialHeading(trial: NotificationEmailItem['trial']): string {
  return trial.acronym && !trial.briefTitle.includes(trial.acronym) ? `${trial.acronym}: ${trial.briefTitle}` : trial.briefTitle;
}

/** "14 March 2026, from ClinicalTrials.gov": when and who, in words. */
function provenance(item: NotificationEmailItem): string {
  const when = item.occurredAt ? formatPartialDate(item.occurredAt.slice(0, 10)) : null;
  return [when, SOURCE_WORDS[item.source]].filter(Boolean).join(', ');
}

function subjectOf(items: NotificationEmailItem[], cadence: EmailCadence): string {
  if (cadence === 'immediate' && items.length === 1) {
    const item = items[0]!;
    const subject = `${item.trial.acronym ?? item.trial.nctId}: ${item.text}`;
    return subject.length > 140 ? `${subject.slice(0, 139)}…` : subject;
  }
  const what = `${plural(items.length, 'change')} to ALS trials you follow`;
  return cadence === 'immediate' ? what : `${what} (${cadence} digest)`;
}

/** Changes grouped by trial, in the order they came: one heading and one link per trial. */
function byTrial(items: NotificationEmailItem[]): Array<{ trial: NotificationEmailItem['trial']; items: NotificationEmailItem[] }> {
  const groups = new Map<string, { trial: NotificationEmailItem['trial']; items: NotificationEmailItem[] }>();
  for (const item of items) {
    const group = groups.get(item.trial.nctId) ?? { trial: item.trial, items: [] };
    group.items.push(item);
    groups.set(item.trial.nctId, group);
  }
  return [...groups.values()];
}

export function renderNotificationEmail(input: NotificationEmailInput): NotificationEmail {
  const { items, cadence, unsubscribeUrl, manageUrl } = input;
  const base = input.baseUrl.replace(/\/+$/, '');
  const trialUrl = (nctId: string) => `${base}/trials/${encodeURIComponent(nctId)}`;
  const subject = subjectOf(items, cadence);
  const shown = items.slice(0, MAX_ITEMS);
  const groups = byTrial(shown);
  const more = items.length - shown.length;

  const greeting = input.recipientName ? `Hello ${input.recipientName},` : 'Hello,';
  const intro =
    cadence === 'immediate'
      ? `${items.length === 1 ? 'A trial you follow has changed' : `${plural(items.length, 'change')} to trials you follow`}:`
      : `${plural(items.length, 'change')} to trials you follow, since your last ${cadence} digest:`;
  const names = input.watchlistNames?.filter(Boolean) ?? [];
  const why = names.length
    ? `You get this e-mail because you follow ${listNames(names)} on the ${APP}.`
    : `You get this e-mail because you follow these trials on the ${APP}.`;
  const frequency = `${CADENCE_WORDS[cadence]} To get e-mail at once, daily, weekly or never, change the e-mail setting of ${names.length > 1 ? 'each list' : 'the list'}:`;
  const stop = names.length > 1 ? 'To stop e-mail about these lists, open this link:' : 'To stop e-mail about this list, open this link:';
  const moreText = more > 0 ? `…and ${more} more change${more === 1 ? '' : 's'}. See them all on the tracker:` : null;

  const text = [
    greeting,
    '',
    intro,
    '',
    ...groups.flatMap((g) => [
      `${trialHeading(g.trial)} (${g.trial.nctId})`,
      ...g.items.flatMap((item) => {
        const meta = provenance(item);
        return [`- ${item.text}`, ...(meta ? [`  ${meta}`] : []), ...(item.reason ? [`  Reason given: ${item.reason}`] : [])];
      }),
      `See the trial: ${trialUrl(g.trial.nctId)}`,
      '',
    ]),
    ...(moreText ? [moreText, manageUrl, ''] : []),
    why,
    frequency,
    manageUrl,
    '',
    stop,
    unsubscribeUrl,
    '',
    `— ${APP}`,
    '',
  ].join('\n');

  const p = 'margin:0 0 16px;font-size:16px;line-height:1.5;color:#1a1a1a';
  const small = 'margin:4px 0 0;font-size:15px;line-height:1.5;color:#4a4a4a';
  const bigLink = `display:inline-block;min-height:44px;line-height:44px;font-size:17px;font-weight:bold;color:${LINK}`;
  const trialsHtml = groups
    .map(
      (g) => `<h2 style="margin:32px 0 8px;font-size:20px;line-height:1.35;color:#1a1a1a"><a href="${escapeHtml(trialUrl(g.trial.nctId))}" style="color:${LINK}">${escapeHtml(trialHeading(g.trial))}</a></h2>
<p style="margin:0 0 8px;font-size:15px;color:#4a4a4a">${escapeHtml(g.trial.nctId)}</p>
<ul style="margin:0 0 8px;padding-left:24px">
${g.items
  .map((item) => {
    const meta = provenance(item);
    return `<li style="margin:0 0 12px;font-size:17px;line-height:1.5;color:#1a1a1a">${escapeHtml(item.text)}${meta ? `<p style="${small}">${escapeHtml(meta)}</p>` : ''}${
      item.reason ? `<p style="${small}">Reason given: ${escapeHtml(item.reason)}</p>` : ''
    }</li>`;
  })
  .join('\n')}
</ul>
<p style="margin:0"><a href="${escapeHtml(trialUrl(g.trial.nctId))}" style="${bigLink}">See ${escapeHtml(g.trial.acronym ?? g.trial.nctId)} on the tracker</a></p>`,
    )
    .join('\n');

  const html = emailDocument({
    title: subject,
    heading: cadence === 'immediate' ? 'A trial you follow has changed' : `Your ${cadence} digest`,
    app: APP,
    body: `<p style="${p}">${escapeHtml(greeting)}</p>
<p style="${p}">${escapeHtml(intro)}</p>
${trialsHtml}
${moreText ? `<p style="${p};margin-top:24px">${escapeHtml(moreText)} <a href="${escapeHtml(manageUrl)}" style="color:${LINK}">${escapeHtml(manageUrl)}</a></p>` : ''}
<h2 style="margin:40px 0 8px;font-size:18px;line-height:1.35;color:#1a1a1a">Why you get this e-mail</h2>
<p style="${p}">${escapeHtml(why)} ${escapeHtml(CADENCE_WORDS[cadence])}</p>
<p style="margin:0 0 8px"><a href="${escapeHtml(manageUrl)}" style="${bigLink}">Change how often you get e-mail</a></p>
<p style="margin:0 0 16px"><a href="${escapeHtml(unsubscribeUrl)}" style="${bigLink}">Stop e-mail about ${names.length > 1 ? 'these lists' : 'this list'}</a></p>`,
  });
  return { subject, text, html };
}
