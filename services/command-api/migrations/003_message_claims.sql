-- Idempotent sends: one row per (group, sender, clientMessageId), claimed before MessageSent
-- is appended and marked 'sent' with its position after; a failed append deletes the claim.
-- The latest claim of a sender in a group is also what slow mode measures from.
CREATE TABLE message_claims (
  group_id text NOT NULL,
  sender_id text NOT NULL,
  client_message_id text NOT NULL,
  message_id text NOT NULL,
  status text NOT NULL DEFAULT 'claimed' CHECK (status IN ('claimed', 'sent')),
  attempt_id uuid NOT NULL,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  position text,
  PRIMARY KEY (group_id, sender_id, client_message_id)
);
CREATE INDEX message_claims_pace ON message_claims (group_id, sender_id, claimed_at DESC);
CREATE UNIQUE INDEX message_claims_message ON message_claims (message_id);

-- The newest groups-topic position command-api appended per group: group checks wait for
-- the read model to reach it, so a removal or role change is seen by the next command.
CREATE TABLE group_heads (
  group_id text PRIMARY KEY,
  partition int NOT NULL,
  "offset" bigint NOT NULL
);
