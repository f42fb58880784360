// The short version of `npm run chaos` for `npm test`: a command-api process of its own is
// killed with SIGKILL in the middle of a send load and restarted; senders retry every
// unanswered send with the same clientMessageId. Every acknowledged message is then one event
// in the log and one row in the read model. (The projectors' own kill -9 test is
// services/projectors/test/exactly-once.int.spec.ts.)
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { freePort, waitUntil } from '@groupchat/test-kit';
import { apiOf, registerUser, type Api, type TestUser } from '../../services/command-api/test/support/client';
import { eventsIn } from '../../services/command-api/test/support/log';

const ENTRY = fileURLToPath(new URL('../../services/command-api/src/main.ts', import.meta.url));
const SENDERS = 3;
const PER_SENDER = 25;

describe('when command-api is killed with SIGKILL during a send load', () => {
  let app: TestApp;
  let api: Api;
  let port: number;
  let child: ChildProcess | undefined;
  let owner: TestUser;
  let groupId: string;

  const startChild = async () => {
    const c = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
      env: {
        ...process.env,
        ...Object.fromEntries(
          Object.entries(app.config)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => [k, String(v)]),
        ),
        PORT: String(port),
      },
      stdio: 'ignore',
    });
    child = c;
    await waitUntil(
      async () => {
        if (c.exitCode !== null || c.signalCode !== null) throw new Error(`command-api exited with ${c.exitCode ?? c.signalCode}`);
        return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: 'the command-api process to answer' },
    );
  };

  beforeAll(async () => {
    app = await startTestApp(NO_ABUSE_LIMITS);
    api = apiOf(app);
    port = await freePort();
    owner = await registerUser(api, 'crash');
    groupId = (await api.post('/groups', { name: 'Crash', visibility: 'public' }, { token: owner.token })).body.groupId;
    await startChild();
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await app?.close();
  });

  it('then every acknowledged message, retried with its clientMessageId, is one event in the log and one row in the read model', async () => {
    const acked = new Map<string, { messageId: string; position: string }>();
    let failed = 0;
    const send = async (s: number) => {
      for (let i = 0; i < PER_SENDER; i++) {
        const clientMessageId = `s${s}-${i}`;
        await waitUntil(
          async () => {
            const res = await fetch(`http://127.0.0.1:${port}/api/v1/groups/${groupId}/messages`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` },
              body: JSON.stringify({ clientMessageId, text: `crash ${clientMessageId}` }),
              signal: AbortSignal.timeout(10_000),
            }).catch(() => undefined);
            if (res?.status !== 202) {
              failed++;
              return false;
            }
            acked.set(clientMessageId, await res.json());
            return true;
          },
          { timeoutMs: 60_000, intervalMs: 200, what: `${clientMessageId} to be acknowledged` },
        );
      }
    };
    const crash = async () => {
      await waitUntil(() => acked.size >= (SENDERS * PER_SENDER) / 3, { timeoutMs: 60_000, intervalMs: 5, what: 'a third of the load' });
      const c = child!;
      c.kill('SIGKILL');
      await new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(undefined) : c.once('exit', r)));
      await startChild();
    };
    await Promise.all([...Array.from({ length: SENDERS }, (_, s) => send(s)), crash()]);
    expect(acked.size).toBe(SENDERS * PER_SENDER);
    expect(failed, 'the kill interrupted some sends').toBeGreaterThan(0);

    const sent = (await eventsIn(app.config, 'messages')).filter((e) => e.event.type === 'MessageSent' && e.key === groupId);
    const eventIds = new Map<string, Set<string>>();
    for (const e of sent) {
      const m = e.event as { messageId: string; eventId: string };
      eventIds.set(m.messageId, (eventIds.get(m.messageId) ?? new Set()).add(m.eventId));
    }
    expect(eventIds.size).toBe(acked.size);
    for (const [cmid, a] of acked) expect(eventIds.get(a.messageId)?.size, cmid).toBe(1);

    const newest = [...acked.values()].reduce((a, b) => (BigInt(a.position.split('.')[2]!) > BigInt(b.position.split('.')[2]!) ? a : b)).position;
    const history = await waitUntil(
      async () => {
        const res = await api.call('GET', `/groups/${groupId}/messages?limit=200`, undefined, { token: owner.token, headers: { 'x-min-position': newest } });
        return res.status === 200 ? res : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 250, what: 'the history' },
    );
    const ids = history.body.items.map((m: { id: string }) => m.id);
    expect(ids).toHaveLength(acked.size);
    expect(new Set(ids)).toEqual(new Set([...acked.values()].map((a) => a.messageId)));
  });
});
