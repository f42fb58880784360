import { waitUntil } from './stack';

/** Mailpit's web UI and API, as the stack started it (MAILPIT_URL) or at its local default. */
export const mailpitUrl = () => process.env.MAILPIT_URL ?? 'http://127.0.0.1:18025';

export interface CaughtMail {
  id: string;
  subject: string;
  to: string[];
  from: string;
  text: string;
  html: string;
}

interface Summary {
  ID: string;
  Subject: string;
  Created: string;
}

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${mailpitUrl()}/api/v1${path}`, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`Mailpit ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Every mail Mailpit holds for this address, oldest first. */
export async function mailsTo(address: string): Promise<CaughtMail[]> {
  const found = await api<{ messages: Summary[] }>(`/search?limit=200&query=${encodeURIComponent(`to:"${address}"`)}`);
  const summaries = found.messages.sort((a, b) => a.Created.localeCompare(b.Created));
  return Promise.all(
    summaries.map(async (s) => {
      const m = await api<{ ID: string; Subject: string; To: { Address: string }[]; From: { Address: string }; Text: string; HTML: string }>(
        `/message/${s.ID}`,
      );
      return { id: m.ID, subject: m.Subject, to: m.To.map((t) => t.Address), from: m.From.Address, text: m.Text, html: m.HTML };
    }),
  );
}

/** Waits (bounded polling) until `address` has received at least `count` mails matching `subject`; answers those. */
export async function waitForMails(
  address: string,
  { subject = /./, count = 1, timeoutMs = 15_000 }: { subject?: RegExp; count?: number; timeoutMs?: number } = {},
) {
  return waitUntil(
    async () => {
      const mails = (await mailsTo(address)).filter((m) => subject.test(m.subject));
      return mails.length >= count ? mails : undefined;
    },
    { timeoutMs, intervalMs: 100, what: `${count} mail(s) to ${address} matching ${subject}` },
  );
}

export const waitForMail = async (address: string, options: { subject?: RegExp; timeoutMs?: number } = {}) => (await waitForMails(address, options)).at(-1)!;

/** The app link of a mail (the first http(s) URL of its plain text that carries a token). */
export function linkIn(mail: CaughtMail): URL {
  const match = /https?:\/\/\S+[?&]token=[A-Za-z0-9_-]+/.exec(mail.text);
  if (!match) throw new Error(`no link with a token in the mail "${mail.subject}"`);
  return new URL(match[0]);
}

export const tokenIn = (mail: CaughtMail) => linkIn(mail).searchParams.get('token')!;
