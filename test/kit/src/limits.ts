import type { Config } from '@groupchat/shared';

/** Abuse limits raised so that a test's own traffic is never rate limited. */
export const NO_ABUSE_LIMITS = {
  REGISTER_LIMIT_PER_IP: 10_000,
  LOGIN_LIMIT_PER_IP: 10_000,
  LOGIN_LIMIT_PER_ACCOUNT: 10_000,
  LOGIN_LIMIT_PER_IP_AND_ACCOUNT: 10_000,
  MESSAGE_LIMIT_BURST: 10_000,
  MESSAGE_LIMIT_SUSTAINED: 10_000,
  MEDIA_UPLOAD_LIMIT: 10_000,
  GROUP_CREATE_LIMIT: 10_000,
  SEARCH_LIMIT: 10_000,
  LINK_PREVIEW_LIMIT: 10_000,
} satisfies Partial<Config>;
