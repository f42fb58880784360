import nodemailer from 'nodemailer';
import type { Config, Logger } from '@groupchat/shared';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Who and what a mail is about, for the log: never the address or the link. */
export interface MailContext {
  kind: string;
  userId: string;
}

export interface Mailer {
  /** Queues the mail and returns at once: a slow or failing mail server never holds up a request. */
  send(mail: Mail, context: MailContext): void;
  /** Settles the mails in flight (bounded), then closes the connections. */
  close(): Promise<void>;
}

/** Mails being sent at once per process; past it new ones are dropped (logged), so a flood cannot fill memory. */
const MAX_IN_FLIGHT = 500;
const CLOSE_GRACE_MS = 5000;

export function createMailer(config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM'>, log: Logger): Mailer {
  const transport = nodemailer.createTransport(
    { url: config.SMTP_URL, pool: true, maxConnections: 2, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 },
    { from: config.MAIL_FROM },
  );
  const inFlight = new Set<Promise<void>>();
  return {
    send(mail, context) {
      if (inFlight.size >= MAX_IN_FLIGHT) {
        log.warn({ mail: context }, 'mail dropped: too many mails in flight');
        return;
      }
      const sending = transport.sendMail(mail).then(
        () => log.debug({ mail: context }, 'mail sent'),
        // The server's answer can quote the recipient: log its code, not its text.
        (err: { code?: string; responseCode?: number }) => log.warn({ mail: context, code: err.code, responseCode: err.responseCode }, 'mail not sent'),
      );
      inFlight.add(sending);
      void sending.finally(() => inFlight.delete(sending));
    },
    async close() {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)));
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      clearTimeout(timer);
      transport.close();
    },
  };
}
