// A process that dies after its append landed but before it answered leaves nothing behind
// but the record: the retry reaches a process that does not remember the send. A process
// started after the record landed has read it before it answers any send, so the retry
// answers where it landed without appending again. (The SIGKILL version under load is
// test/reliability/command-api-crash.int.spec.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { waitUntil } from '@groupchat/test-kit';
import { apiOf, registerUser, type Api, type TestUser } from './support/client';
import { eventsIn } from './support/log';
import { secondCommandApi, type SecondProcess } from './support/second-process';
import { uuidV5 } from '../src/http/envelope';

describe('when a send is retried on a process that does not remember it (its first process died after the append)', () => {
  let app: TestApp;
  let api: Api;
  let restarted: SecondProcess;
  let retryApi: Api;
  let owner: TestUser;
  let groupId: string;

  beforeAll(async () => {
    app = await startTestApp(NO_ABUSE_LIMITS);
    api = apiOf(app);
    owner = await registerUser(api, 'resume');
    groupId = (await api.post('/groups', { name: 'Resume', visibility: 'public' }, { token: owner.token })).body.groupId;
  });
  afterAll(async () => {
    restarted?.close();
    await app?.close();
  });

  const sentEvents = async (clientMessageId: string) =>
    (await eventsIn(app.config, 'messages')).filter((e) => e.event.type === 'MessageSent' && e.event.clientMessageId === clientMessageId);

  it('then the retry on a process started after the append answers its position without appending again, and history shows it once', async () => {
    const body = { clientMessageId: 'landed', text: 'appended once' };
    const first = await api.post(`/groups/${groupId}/messages`, body, { token: owner.token });
    expect(first.status).toBe(202);
    restarted = await secondCommandApi(app.config);
    retryApi = apiOf(restarted);

    const retry = await retryApi.post(`/groups/${groupId}/messages`, body, { token: owner.token });
    expect(retry.status).toBe(202);
    expect(retry.body).toEqual(first.body);
    const records = await sentEvents(body.clientMessageId);
    expect(records.map((e) => e.event.eventId)).toEqual([uuidV5('MessageSent', first.body.messageId)]);

    const history = await waitUntil(
      async () => {
        const res = await api.call('GET', `/groups/${groupId}/messages?limit=50`, undefined, {
          token: owner.token,
          headers: { 'x-min-position': retry.body.position },
        });
        return res.status === 200 ? res : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100, what: 'the history' },
    );
    const shown = history.body.items.filter((m: { id: string }) => m.id === first.body.messageId);
    expect(shown).toHaveLength(1);
    expect(shown[0].position).toBe(first.body.position);
    expect(shown[0].text).toBe(body.text);
  });

  it('then a send whose first attempt never reached the log is appended by the retry, once', async () => {
    const body = { clientMessageId: 'never-landed', text: 'lost with its process' };
    const sent = await retryApi.post(`/groups/${groupId}/messages`, body, { token: owner.token });
    expect(sent.status).toBe(202);
    expect(sent.body.messageId).toBe(uuidV5('message', groupId, owner.userId, body.clientMessageId));
    expect(await sentEvents(body.clientMessageId)).toHaveLength(1);
    const again = await retryApi.post(`/groups/${groupId}/messages`, body, { token: owner.token });
    expect(again.body).toEqual(sent.body);
    expect(await sentEvents(body.clientMessageId)).toHaveLength(1);
  });
});
