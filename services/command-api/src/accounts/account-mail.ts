import type { Config, Logger } from '@groupchat/shared';
import type { Mailer } from '../mail/mailer';
import { appLink, changeEmailMail, passwordResetMail, verifyEmailMail } from '../mail/templates';
import type { AccountTokens, TokenPurpose } from './account-tokens';

type MailConfig = Pick<Config, 'PUBLIC_BASE_URL' | 'EMAIL_VERIFY_TTL_SECONDS' | 'PASSWORD_RESET_TTL_SECONDS'>;

export interface Recipient {
  userId: string;
  /** How the mail greets them. */
  name: string;
  email: string;
}

const PAGES: Record<TokenPurpose, { path: string; mail: typeof verifyEmailMail; ttl: (c: MailConfig) => number }> = {
  verify_email: { path: '/verify-email', mail: verifyEmailMail, ttl: (c) => c.EMAIL_VERIFY_TTL_SECONDS },
  change_email: { path: '/verify-email', mail: changeEmailMail, ttl: (c) => c.EMAIL_VERIFY_TTL_SECONDS },
  reset_password: { path: '/reset-password', mail: passwordResetMail, ttl: (c) => c.PASSWORD_RESET_TTL_SECONDS },
};

/**
 * Issues a one-time token and mails its link, in the background: the request that caused it has
 * its answer already, so neither the mail server's speed nor whether a mail went out can be seen
 * in it. Failures are logged (without the address), never answered.
 */
export function accountMail(config: MailConfig, tokens: AccountTokens, mailer: Mailer, log: Logger) {
  const issueAndSend = async (purpose: TokenPurpose, to: Recipient) => {
    const page = PAGES[purpose];
    const ttlSeconds = page.ttl(config);
    const token = await tokens.issue(to.userId, purpose, to.email, ttlSeconds);
    mailer.send(page.mail({ to: to.email, name: to.name, link: appLink(config.PUBLIC_BASE_URL, page.path, token), ttlSeconds }), {
      kind: purpose,
      userId: to.userId,
    });
  };
  return {
    send(purpose: TokenPurpose, to: Recipient): void {
      setImmediate(
        () => void issueAndSend(purpose, to).catch((err: Error) => log.error({ err, kind: purpose, userId: to.userId }, 'accounts mail not issued')),
      );
    },
    /** Runs `work` after the answer (password reset looks the address up there, so timing tells nothing). */
    later(what: string, work: () => Promise<void>): void {
      setImmediate(() => void work().catch((err: Error) => log.error({ err, what }, 'accounts background work failed')));
    },
  };
}

export type AccountMail = ReturnType<typeof accountMail>;
