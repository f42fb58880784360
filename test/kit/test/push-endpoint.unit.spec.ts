import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webPush, { type RequestOptions } from 'web-push';
import { plainHttpAgent, startPushEndpoint, type PushEndpoint, type PushSubscriptionJson } from '@groupchat/test-kit';

// The real sender library against the local push service: what it encrypts and signs must
// decrypt and verify there, as it would in a browser's push service.
let push: PushEndpoint;
const vapid = webPush.generateVAPIDKeys();
const options: RequestOptions = {
  vapidDetails: { subject: 'mailto:ops@groupchat.local', publicKey: vapid.publicKey, privateKey: vapid.privateKey },
  agent: plainHttpAgent(),
};

beforeAll(async () => {
  push = await startPushEndpoint();
});
afterAll(() => push.close());

interface Post {
  alter?: (details: webPush.RequestDetails) => void;
  /** Where it goes, if not to the subscription it was made for. */
  to?: string;
  /** The origin the VAPID token is signed for, if not the push service's. */
  audience?: string;
}

/** Posts what web-push would send, changed as asked, and answers the push service's status. */
async function post(sub: PushSubscriptionJson, { alter, to = sub.endpoint, audience }: Post = {}) {
  const signedFor = audience ? { ...sub, endpoint: sub.endpoint.replace(push.url, audience) } : sub;
  const details = webPush.generateRequestDetails(signedFor, JSON.stringify({ hello: 'there' }), { vapidDetails: options.vapidDetails, TTL: 60 });
  alter?.(details);
  const headers = Object.fromEntries(
    Object.entries(details.headers)
      .filter(([k]) => k !== 'Content-Length')
      .map(([k, v]) => [k, String(v)]),
  );
  return (await fetch(to, { method: 'POST', headers, body: details.body && new Uint8Array(details.body) })).status;
}

describe('the local push service', () => {
  it('decrypts what web-push sends and keeps its headers', async () => {
    const sub = push.subscription();
    const sent = { type: 'message', groupId: 'g1', text: 'héllo 👋', sender: { userId: 'u1', displayName: 'Ada' } };
    const answer = await webPush.sendNotification(sub, JSON.stringify(sent), { ...options, TTL: 120, urgency: 'high', topic: 'g1-messages' });
    expect(answer.statusCode).toBe(201);
    const got = await push.waitFor((p) => p.subscriptionEndpoint === sub.endpoint);
    expect(got).toMatchObject({ payload: sent, ttl: 120, urgency: 'high', topic: 'g1-messages', status: 201 });
    expect(push.errors).toEqual([]);
  });

  it('gives each subscription its own keys', async () => {
    const [a, b] = [push.subscription(), push.subscription()];
    expect(a.endpoint).not.toBe(b.endpoint);
    expect(a.endpoint).toMatch(new RegExp(`^${push.url}/push/[0-9a-f]{32}$`));
    expect(Buffer.from(a.keys.p256dh, 'base64url')).toHaveLength(65);
    expect(Buffer.from(a.keys.auth, 'base64url')).toHaveLength(16);
    expect(a.keys.p256dh).not.toBe(b.keys.p256dh);
    // Encrypted for a, posted to b: b cannot read it.
    expect(await post(a, { to: b.endpoint })).toBe(400);
    expect(push.errors.splice(0)).toEqual([expect.objectContaining({ status: 400, reason: expect.stringContaining('decrypt') })]);
  });

  it('answers the status set for a subscription, which web-push reports as statusCode', async () => {
    const sub = push.subscription();
    push.respondWith(sub.endpoint, 410);
    await expect(webPush.sendNotification(sub, JSON.stringify({ n: 1 }), options)).rejects.toMatchObject({ statusCode: 410 });
    expect(push.received.filter((p) => p.subscriptionEndpoint === sub.endpoint).map((p) => p.status)).toEqual([410]);
    push.respondWith(sub.endpoint, 201);
    await expect(webPush.sendNotification(sub, JSON.stringify({ n: 2 }), options)).resolves.toMatchObject({ statusCode: 201 });
  });

  it('refuses a tampered body, a push without or with a forged VAPID header, or for another audience', async () => {
    const sub = push.subscription();
    const before = push.received.length;
    push.errors.length = 0;
    expect(await post(sub)).toBe(201);
    const flipLastByte = (d: webPush.RequestDetails) => {
      const body = Buffer.from(d.body!);
      body[body.length - 1]! ^= 1;
      d.body = body;
    };
    expect(await post(sub, { alter: flipLastByte })).toBe(400);
    expect(await post(sub, { alter: (d) => delete d.headers.Authorization })).toBe(400);
    const forger = webPush.generateVAPIDKeys().publicKey;
    expect(await post(sub, { alter: (d) => (d.headers.Authorization = String(d.headers.Authorization).replace(/k=.*$/, `k=${forger}`)) })).toBe(400);
    expect(await post(sub, { audience: push.url.replace('127.0.0.1', 'localhost') })).toBe(400);
    expect(await post(sub, { alter: (d) => delete d.headers.TTL })).toBe(400);
    expect(await post(sub, { to: `${push.url}/push/unknown` })).toBe(404);
    expect(push.received.length - before).toBe(1);
    expect(push.errors.splice(0).map((e) => e.reason)).toEqual([
      expect.stringContaining('decrypt'),
      'no Authorization header',
      'JWT signature does not verify with k',
      expect.stringMatching(/^JWT aud is "http:\/\/localhost:\d+", not http:\/\/127\.0\.0\.1:\d+$/),
      expect.stringContaining('TTL'),
      'no such subscription',
    ]);
  });
});
