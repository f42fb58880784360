import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { World, latest, type Registered } from './support/world';

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

describe('read-your-writes with X-Min-Position', () => {
  let w: World;
  let owner: Registered;

  beforeAll(async () => {
    w = await World.start();
    owner = await w.user('owner', ['kites']);
  });
  afterAll(() => w?.close());

  it('finds a group read right after it was created, with the returned position, 100 times out of 100', async () => {
    const latencies: number[] = [];
    let found = 0;
    // Five clients at once, each reading its own write immediately: the same check, in a fifth of the time.
    await Promise.all(
      Array.from({ length: 5 }, async (_, client) => {
        for (let i = 0; i < 20; i++) {
          const group = await w.group(owner, { name: `kite club ${client}-${i}`, interests: ['kites'] });
          const res = await w.get(`/groups/${group.id}`, owner, latest(owner.position, group.position));
          latencies.push(res.ms);
          if (res.status === 200 && res.body.id === group.id && res.body.myRole === 'owner' && res.body.memberCount === 1) found++;
        }
      }),
    );
    console.log(`read-your-writes GET /groups/:id: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`);
    expect(found).toBe(100);
  });

  it('shows a message in the history, and in search, right after it was sent', async () => {
    const group = await w.group(owner, { name: 'ryw messages' });
    const word = `zeppelin${Date.now().toString(36)}`;
    const sent = await w.send(group.id, owner, `a ${word} overhead`);
    const history = await w.get(`/groups/${group.id}/messages`, owner, latest(group.position, sent.position));
    expect(history.status).toBe(200);
    expect(history.body.items.map((m: { id: string }) => m.id)).toEqual([sent.id]);
    const search = await w.get(`/search/messages?q=${word}`, owner, latest(group.position, sent.position));
    expect(search.status).toBe(200);
    expect(search.body.items.map((m: { id: string }) => m.id)).toEqual([sent.id]);
  });

  it('shows a new profile on /me right after registration', async () => {
    const fresh = await w.user('fresh', ['gliders'], 'Fresh Face');
    const res = await w.get('/me', fresh, fresh.position);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: fresh.id, username: fresh.username, displayName: 'Fresh Face', interests: ['gliders'], groups: [], invites: [] });
  });

  it('answers 503 read_model_behind when the position is not reached within the bound', async () => {
    const started = Date.now();
    const res = await w.get('/me', owner, 'u.0.999999999');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'read_model_behind', status: 503 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(w.config.MIN_POSITION_WAIT_MS - 100);
    expect(Date.now() - started).toBeLessThan(w.config.MIN_POSITION_WAIT_MS + 2500);
  });

  it('answers 400 for a malformed position token', async () => {
    const res = await w.get('/me', owner, 'not-a-position');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_position');
  });
});
