import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { uuidV5 } from '../src/http/envelope';
import { apiOf, as, registerUsers, type Api, type TestUser } from './support/client';
import { eventsIn } from './support/log';

const BUDGET = 40;

describe('POST /messages/batch', () => {
  let app: TestApp;
  let api: Api;
  let owner: TestUser;
  let member: TestUser;
  let stranger: TestUser;
  let spender: TestUser;
  let groupA: string;
  let groupB: string;
  let secret: string;

  const batch = (u: TestUser, items: unknown[]) => api.post('/messages/batch', { items }, as(u));
  const sentWith = async (clientMessageIds: string[]) =>
    (await eventsIn(app.config, 'messages')).filter((e) => e.event.type === 'MessageSent' && clientMessageIds.includes(e.event.clientMessageId));
  const offsetOf = (position: string) => Number(position.split('.')[2]);

  beforeAll(async () => {
    app = await startTestApp({ ...NO_ABUSE_LIMITS, MESSAGE_LIMIT_BURST: BUDGET });
    api = apiOf(app);
    [owner, member, stranger, spender] = await registerUsers(api, ['owner', 'member', 'stranger', 'spender']);
    [groupA, groupB] = await Promise.all(
      ['Batch A', 'Batch B'].map(async (name) => (await api.post('/groups', { name, visibility: 'public' }, as(owner))).body.groupId),
    );
    secret = (await api.post('/groups', { name: 'Batch secret', visibility: 'private' }, as(owner))).body.groupId;
    for (const g of [groupA, groupB]) for (const u of [member, spender]) expect((await api.post(`/groups/${g}/join`, undefined, as(u))).status).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('when a member sends to two groups at once, then every item lands, with positions increasing within each group', async () => {
    const items = Array.from({ length: 8 }, (_, i) => ({ groupId: i % 2 ? groupB : groupA, clientMessageId: `happy-${i}`, text: `message ${i}` }));
    const res = await batch(member, items);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items).toHaveLength(8);
    res.body.items.forEach((item: { messageId: string; position: string }, i: number) => {
      expect(item).toEqual({
        messageId: uuidV5('message', items[i]!.groupId, member.userId, items[i]!.clientMessageId),
        position: expect.stringMatching(/^m\.\d+\.\d+$/),
      });
    });
    for (const g of [groupA, groupB]) {
      const positions = res.body.items.filter((_: unknown, i: number) => items[i]!.groupId === g).map((item: { position: string }) => item.position);
      expect(new Set(positions.map((p: string) => p.split('.')[1])).size).toBe(1);
      const offsets = positions.map(offsetOf);
      expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
      expect(new Set(offsets).size).toBe(offsets.length);
    }
    const logged = await sentWith(items.map((i) => i.clientMessageId));
    expect(logged).toHaveLength(8);
    for (const e of logged) {
      const i = items.findIndex((x) => x.clientMessageId === (e.event as { clientMessageId: string }).clientMessageId);
      expect(`m.${e.partition}.${e.offset}`).toBe(res.body.items[i].position);
      expect(e.event).toMatchObject({
        groupId: items[i]!.groupId,
        senderId: member.userId,
        text: items[i]!.text,
        eventId: uuidV5('MessageSent', res.body.items[i].messageId),
      });
    }
  });

  it('when some items are invalid or not allowed, then each of those answers its own problem and the valid ones are appended once', async () => {
    const items = [
      { groupId: groupA, clientMessageId: 'mixed-ok-1', text: 'fine' },
      { groupId: groupA, clientMessageId: 'mixed-blank', text: '   ' },
      { groupId: groupA, clientMessageId: 'bad id!', text: 'bad id' },
      { groupId: secret, clientMessageId: 'mixed-secret', text: 'not a member' },
      { groupId: 'no-such-group', clientMessageId: 'mixed-unknown', text: 'nowhere' },
      'not an object',
      { groupId: groupB, clientMessageId: 'mixed-ok-2', text: 'also fine' },
    ];
    const res = await batch(member, items);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [ok1, blank, badId, hidden, unknown, junk, ok2] = res.body.items;
    expect(ok1).toMatchObject({ messageId: expect.any(String), position: expect.any(String) });
    expect(ok2).toMatchObject({ messageId: expect.any(String), position: expect.any(String) });
    expect(blank).toMatchObject({
      status: 422,
      code: 'validation_failed',
      title: expect.any(String),
      type: expect.stringContaining('validation_failed'),
      instance: '/api/v1/messages/batch#/items/1',
      errors: [{ field: 'text', message: expect.any(String) }],
    });
    expect(badId).toMatchObject({ status: 422, errors: [expect.objectContaining({ field: 'clientMessageId' })] });
    expect(hidden).toMatchObject({ status: 404, code: 'not_found', instance: '/api/v1/messages/batch#/items/3' });
    expect(unknown).toMatchObject({ status: 404, code: 'not_found' });
    expect(junk).toMatchObject({ status: 422, code: 'validation_failed' });
    const logged = await sentWith(['mixed-ok-1', 'mixed-ok-2', 'mixed-blank', 'mixed-secret', 'mixed-unknown']);
    expect(logged.map((e) => (e.event as { clientMessageId: string }).clientMessageId).sort()).toEqual(['mixed-ok-1', 'mixed-ok-2']);
  });

  it('when a batch is retried, then the same messageIds and positions, and one event each in the log', async () => {
    const items = Array.from({ length: 5 }, (_, i) => ({ groupId: groupA, clientMessageId: `retry-${i}`, text: `retried ${i}` }));
    const [first, concurrent] = await Promise.all([batch(member, items), batch(member, items)]);
    const again = await batch(member, [...items].reverse());
    expect(first.status).toBe(200);
    expect(concurrent.body).toEqual(first.body);
    expect(again.body.items).toEqual([...first.body.items].reverse());
    const single = await api.post(`/groups/${groupA}/messages`, { clientMessageId: 'retry-0', text: 'retried 0' }, as(member));
    expect(single.body).toEqual(first.body.items[0]);
    expect(await sentWith(items.map((i) => i.clientMessageId))).toHaveLength(5);
  });

  it('when someone not in the groups sends, then every item is refused on its own: 403 in a public group, 404 in a private one', async () => {
    const res = await batch(stranger, [
      { groupId: groupA, clientMessageId: 'stranger-1', text: 'let me in' },
      { groupId: secret, clientMessageId: 'stranger-2', text: 'let me in' },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.items).toMatchObject([
      { status: 403, code: 'not_a_member' },
      { status: 404, code: 'not_found' },
    ]);
    expect(await sentWith(['stranger-1', 'stranger-2'])).toHaveLength(0);
  });

  it('each item counts against the message budget: past it, the remaining items are 429 with retryAfter', async () => {
    const items = Array.from({ length: BUDGET + 5 }, (_, i) => ({ groupId: groupB, clientMessageId: `budget-${i}`, text: `spend ${i}` }));
    const res = await batch(spender, items);
    expect(res.status).toBe(200);
    const refused = res.body.items.filter((item: { status?: number }) => item.status === 429);
    expect(res.body.items.slice(0, BUDGET).every((item: { messageId?: string }) => item.messageId)).toBe(true);
    expect(refused).toHaveLength(5);
    expect(refused[0]).toMatchObject({ code: 'rate_limited', retryAfter: expect.any(Number) });
    const single = await api.post(`/groups/${groupB}/messages`, { clientMessageId: 'budget-single', text: 'one more' }, as(spender));
    expect(single.status).toBe(429);
  });

  it('slow mode holds inside one batch: the second message of a member to a slow group is 429 slow_mode', async () => {
    const slow = (await api.post('/groups', { name: 'Batch slow', visibility: 'public' }, as(owner))).body;
    const joined = await api.post(`/groups/${slow.groupId}/join`, undefined, { ...as(member), headers: { 'x-min-position': slow.position } });
    expect(joined.status).toBe(200);
    const patched = await api.patch(`/groups/${slow.groupId}`, { slowModeSeconds: 60 }, { ...as(owner), headers: { 'x-min-position': joined.body.position } });
    expect(patched.status).toBe(200);
    const res = await api.post(
      '/messages/batch',
      { items: [1, 2].map((n) => ({ groupId: slow.groupId, clientMessageId: `slow-${n}`, text: `slow ${n}` })) },
      { ...as(member), headers: { 'x-min-position': patched.body.position } },
    );
    expect(res.body.items[0]).toMatchObject({ messageId: expect.any(String) });
    expect(res.body.items[1]).toMatchObject({ status: 429, code: 'slow_mode', retryAfter: expect.any(Number) });
  });

  it('a malformed request is one problem for the whole request, and nothing is appended', async () => {
    const cases: [unknown, number][] = [
      [{}, 422],
      [{ items: [] }, 422],
      [{ items: 'x' }, 422],
      [[], 422],
      [{ items: Array.from({ length: 101 }, (_, i) => ({ groupId: groupA, clientMessageId: `many-${i}`, text: 'x' })) }, 422],
    ];
    for (const [body, status] of cases) {
      const res = await batch(member, body as unknown[]);
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    const wrapped = await api.post('/messages/batch', [], as(member));
    expect(wrapped.status).toBe(422);
    const broken = await api.post('/messages/batch', undefined, { ...as(member), raw: '{"items": [', headers: { 'content-type': 'application/json' } });
    expect(broken.status).toBe(400);
    expect((await api.post('/messages/batch', { items: [{ groupId: groupA, clientMessageId: 'anon', text: 'x' }] })).status).toBe(401);
    const huge = await api.post('/messages/batch', undefined, {
      ...as(member),
      raw: JSON.stringify({ items: [{ groupId: groupA, clientMessageId: 'huge', text: 'x'.repeat(1_100_000) }] }),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.status).toBe(413);
    expect(await sentWith(['many-0', 'anon', 'huge'])).toHaveLength(0);
  });

  it('is described in the OpenAPI document, items and answers included', async () => {
    const doc = (await api.call('GET', '/openapi.json')).body;
    const op = doc.paths['/messages/batch'].post;
    expect(op.security).toEqual([{ bearer: [] }]);
    expect(op.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/SendBatchResponse');
    for (const status of ['400', '401', '413', '415', '422', '503']) expect(op.responses[status], status).toBeDefined();
    expect(doc.components.schemas.SendBatchRequest.properties.items).toMatchObject({ minItems: 1, maxItems: 100 });
  });
});
