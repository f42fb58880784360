import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app';
import { apiOf, registerUser, type Api, type TestUser } from './support/client';
import { eventsIn } from './support/log';
import { uuidV5 } from '../src/commands/envelope';

describe('when a process died after its append landed but before it marked the claim sent', () => {
  let app: TestApp;
  let api: Api;
  let db: pg.Pool;
  let owner: TestUser;
  let groupId: string;

  beforeAll(async () => {
    app = await startTestApp({ REGISTER_LIMIT_PER_IP: 1000, MESSAGE_LIMIT_BURST: 1000 });
    api = apiOf(app);
    db = new pg.Pool({ connectionString: app.config.DATABASE_URL, max: 1 });
    owner = await registerUser(api, 'resume');
    groupId = (await api.post('/groups', { name: 'Resume', visibility: 'public' }, { token: owner.token })).body.groupId;
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  it('then the retry finds the message in the log and answers its position, without appending it again', async () => {
    const body = { clientMessageId: 'landed', text: 'appended once' };
    const first = await api.post(`/groups/${groupId}/messages`, body, { token: owner.token });
    expect(first.status).toBe(202);
    // What a kill -9 between the broker's acknowledgement and markSent leaves behind: an old, unsettled claim.
    const { rowCount } = await db.query(
      `UPDATE message_claims SET status = 'claimed', position = NULL, claimed_at = now() - interval '1 minute' WHERE group_id = $1 AND client_message_id = $2`,
      [groupId, body.clientMessageId],
    );
    expect(rowCount).toBe(1);

    const retry = await api.post(`/groups/${groupId}/messages`, body, { token: owner.token });
    expect(retry.status).toBe(202);
    expect(retry.body).toEqual(first.body);
    const records = (await eventsIn(app.config, 'messages')).filter((e) => e.event.type === 'MessageSent' && e.event.clientMessageId === body.clientMessageId);
    expect(records).toHaveLength(1);
    const claim = await db.query(`SELECT status, position FROM message_claims WHERE group_id = $1 AND client_message_id = $2`, [groupId, body.clientMessageId]);
    expect(claim.rows[0]).toEqual({ status: 'sent', position: first.body.position });
  });

  it('then a claim whose append never landed is appended by the retry, once', async () => {
    const body = { clientMessageId: 'never-landed', text: 'lost with its process' };
    const messageId = uuidV5('message', groupId, owner.userId, body.clientMessageId);
    await db.query(
      `INSERT INTO message_claims (group_id, sender_id, client_message_id, message_id, attempt_id, claimed_at) VALUES ($1, $2, $3, $4, $5, now() - interval '1 minute')`,
      [groupId, owner.userId, body.clientMessageId, messageId, randomUUID()],
    );
    const sent = await api.post(`/groups/${groupId}/messages`, body, { token: owner.token });
    expect(sent.status).toBe(202);
    expect(sent.body.messageId).toBe(messageId);
    const records = (await eventsIn(app.config, 'messages')).filter((e) => e.event.type === 'MessageSent' && e.event.clientMessageId === body.clientMessageId);
    expect(records).toHaveLength(1);
  });
});
