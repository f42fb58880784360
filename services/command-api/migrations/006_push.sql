-- Web Push (docs/notifications.md). A subscription's keys let anyone push to that browser, so
-- they stay out of the event log, like refresh tokens. One endpoint belongs to one user: a
-- browser that signs in as someone else and subscribes again moves it.
CREATE TABLE push_subscriptions (
  subscription_id text PRIMARY KEY,
  endpoint text NOT NULL UNIQUE,
  user_id text NOT NULL,
  p256dh text NOT NULL,
  auth text NOT NULL,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id);

-- The server's VAPID key pair, made on first start unless VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY
-- are set. One row: every process signs with the same key the browsers subscribed with.
CREATE TABLE push_vapid_keys (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  public_key text NOT NULL,
  private_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- What the push sender has sent: a message pushes to a user once, even when a rebuild of the
-- notifications projection queues it again. Rows older than a day are dropped.
CREATE TABLE push_sent (
  message_id text NOT NULL,
  user_id text NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (message_id, user_id)
);
CREATE INDEX push_sent_at ON push_sent (sent_at);
