import type { Mail } from './mailer';

interface Page {
  to: string;
  subject: string;
  greeting: string;
  /** Paragraphs before the button. */
  lines: string[];
  action: { label: string; url: string };
  /** Paragraphs after it: expiry, what to do if it was not you. */
  after: string[];
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** One layout for every accounts mail: the same words as plain text and as simple, inline-styled HTML. */
function render(page: Page): Mail {
  const text = [
    page.greeting,
    '',
    ...page.lines.flatMap((l) => [l, '']),
    `${page.action.label}: ${page.action.url}`,
    '',
    ...page.after.flatMap((l) => [l, '']),
    '— GroupChat',
  ]
    .join('\n')
    .trimEnd();
  const p = (l: string) => `<p style="margin:0 0 16px">${escapeHtml(l)}</p>`;
  const url = escapeHtml(page.action.url);
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(page.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1c1e21">
<div style="max-width:520px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
${p(page.greeting)}
${page.lines.map(p).join('\n')}
<p style="margin:24px 0"><a href="${url}" style="background:#2456c9;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(page.action.label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#555">If the button does not work, open this address: <a href="${url}" style="color:#2456c9">${url}</a></p>
${page.after.map(p).join('\n')}
<p style="margin:0;color:#555">— GroupChat</p>
</div></body></html>`;
  return { to: page.to, subject: page.subject, text, html };
}

/** "30 minutes", "24 hours", "2 days": how long a link works, in words. */
export function duration(seconds: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (seconds < 120) return unit(seconds, 'second');
  if (seconds < 2 * 3600) return unit(Math.round(seconds / 60), 'minute');
  if (seconds < 2 * 86400) return unit(Math.round(seconds / 3600), 'hour');
  return unit(Math.round(seconds / 86400), 'day');
}

interface LinkMail {
  to: string;
  name: string;
  link: string;
  ttlSeconds: number;
}

export const verifyEmailMail = (m: LinkMail): Mail =>
  render({
    to: m.to,
    subject: 'Confirm your email address for GroupChat',
    greeting: `Hello ${m.name},`,
    lines: ['Please confirm that this is your email address, so you can get your account back if you forget your password.'],
    action: { label: 'Confirm my email address', url: m.link },
    after: [`The link works once, for ${duration(m.ttlSeconds)}.`, 'If you did not create a GroupChat account, ignore this mail.'],
  });

export const changeEmailMail = (m: LinkMail): Mail =>
  render({
    to: m.to,
    subject: 'Confirm your new email address for GroupChat',
    greeting: `Hello ${m.name},`,
    lines: ['You asked to use this address for your GroupChat account. It takes effect once you confirm it.'],
    action: { label: 'Use this email address', url: m.link },
    after: [`The link works once, for ${duration(m.ttlSeconds)}.`, 'If you did not ask for this, ignore this mail: nothing changes.'],
  });

export const passwordResetMail = (m: LinkMail): Mail =>
  render({
    to: m.to,
    subject: 'Reset your GroupChat password',
    greeting: `Hello ${m.name},`,
    lines: ['Someone asked to reset the password of your GroupChat account. Choose a new one here:'],
    action: { label: 'Choose a new password', url: m.link },
    after: [
      `The link works once, for ${duration(m.ttlSeconds)}. Setting a new password signs you out everywhere.`,
      'If you did not ask for this, ignore this mail: your password stays as it is.',
    ],
  });

/** A page of the web app, e.g. `/verify-email?token=…`, under PUBLIC_BASE_URL. */
export function appLink(base: string, path: string, token: string): string {
  const url = new URL(path, base);
  url.searchParams.set('token', token);
  return url.toString();
}
