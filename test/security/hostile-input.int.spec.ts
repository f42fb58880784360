// Hostile content: SQL and search-query injection in every text field and query parameter,
// oversized and deeply nested JSON, invalid UTF-8, path traversal in ids. Each is either
// accepted as plain data or refused with a clear 4xx problem+json — never a 5xx, never extra
// data, and the tables stay as they were.
import { request as httpRequest } from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { waitUntil } from '@groupchat/test-kit';
import { apiOf, as, registerUser, uniqueName, type Answer, type Api, type TestUser } from '../../services/command-api/test/support/client';
import { TestClient } from '../../services/realtime/test/support/client';

const SQL = [
  "' OR '1'='1",
  "'; DROP TABLE messages; --",
  '" OR ""="',
  '1; SELECT pg_sleep(5); --',
  "' UNION SELECT username, password_hash FROM credentials --",
  '$$; DELETE FROM memberships; $$',
  "\\'; TRUNCATE users CASCADE; --",
  "%' AND 1=0 UNION ALL SELECT NULL,NULL,NULL--",
];
const SEARCH = [
  '*',
  '?',
  '" OR 1=1',
  'visibility:private',
  'group_id:*',
  '_id:*',
  '{"match_all":{}}',
  '\\',
  '/.*/',
  '((((((((',
  '[* TO *]',
  'a~100 AND b^1000 OR c',
  '<script>alert(1)</script>',
  'x'.repeat(3000),
  'nul\u0000byte',
  '\u001b[31mred',
];
const TRAVERSAL = [
  '..%2F..%2Fetc%2Fpasswd',
  '..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%5C..%5Cwindows%5Cwin.ini',
  '....%2F%2F....%2F%2Fetc%2Fpasswd',
  'abc%00.png',
  '%252e%252e%252f',
];

describe('hostile input', () => {
  let app: TestApp;
  let api: Api;
  let db: pg.Pool;
  let me: TestUser;
  let stranger: TestUser;
  let mine: string;
  let secretGroup: string;
  let secretWord: string;
  let counts: Record<string, number>;

  const TABLES = ['credentials', 'refresh_tokens', 'message_claims', 'users', 'groups', 'memberships', 'messages', 'message_events'];
  const countRows = async () =>
    Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, Number((await db.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n)] as const)));

  const noServerError = (what: string, res: Answer) => {
    expect(res.status, `${what} → ${res.status} ${JSON.stringify(res.body)?.slice(0, 200)}`).toBeLessThan(500);
    if (res.status >= 400) expect(res.headers.get('content-type'), what).toMatch(/application\/problem\+json/);
  };

  beforeAll(async () => {
    app = await startTestApp(NO_ABUSE_LIMITS);
    api = apiOf(app);
    db = new pg.Pool({ connectionString: app.config.DATABASE_URL, max: 2 });
    [me, stranger] = await Promise.all([registerUser(api, 'hostile'), registerUser(api, 'stranger')]);
    mine = (await api.post('/groups', { name: 'Mine', visibility: 'public', interests: ['safety'] }, as(me))).body.groupId;
    const secret = await api.post('/groups', { name: 'Secret place', description: 'hidden', visibility: 'private', interests: ['safety'] }, as(stranger));
    secretGroup = secret.body.groupId;
    secretWord = `secret${uniqueName('w')}`;
    const sent = await api.post(`/groups/${secretGroup}/messages`, { clientMessageId: 'secret', text: `${secretWord} for members only` }, as(stranger));
    expect(sent.status).toBe(202);
    await waitUntil(
      async () =>
        (await api.call('GET', `/search/messages?q=${secretWord}`, undefined, { token: stranger.token, headers: { 'x-min-position': sent.body.position } }))
          .body?.items?.length === 1,
      { timeoutMs: 30_000, what: 'the secret message to be searchable' },
    );
    counts = await countRows();
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  it('SQL injection in every text field is refused or stored verbatim, and changes nothing else', async () => {
    await Promise.all(
      SQL.map(async (s, n) => {
        const username = uniqueName('sqli');
        noServerError('register', await api.post('/auth/register', { username: s, email: `${username}@example.com`, password: s.padEnd(8, '!') }));
        noServerError('register email', await api.post('/auth/register', { username, email: s, password: 'correct horse battery' }));
        const reg = await api.post('/auth/register', {
          username,
          email: `${username}@example.com`,
          password: `${s}${s}`.padEnd(8, '!'),
          displayName: s,
          interests: [s.slice(0, 32)],
        });
        noServerError('register displayName', reg);
        expect(reg.status).toBe(201);
        const login = await api.post('/auth/login', { login: username, password: `${s}${s}`.padEnd(8, '!') });
        expect(login.status, 'the password is data, not code').toBe(200);
        expect((await api.post('/auth/login', { login: s, password: s })).status).toBe(401);
        expect((await api.post('/auth/login', { login: `${me.username}' --`, password: 'x' })).status).toBe(401);
        noServerError('refresh', await api.post('/auth/refresh', { refreshToken: s }));
        noServerError('logout', await api.post('/auth/logout', { refreshToken: s }));
        noServerError('patch me', await api.patch('/me', { displayName: s, bio: s, interests: [s.slice(0, 32)] }, as(me)));
        noServerError('patch me avatar', await api.patch('/me', { avatarMediaId: s }, as(me)));
        const group = await api.post('/groups', { name: `G ${s}`.slice(0, 80), description: s, interests: [s.slice(0, 32)], visibility: 'public' }, as(me));
        noServerError('create group', group);
        expect(group.status).toBe(201);
        noServerError('patch group', await api.patch(`/groups/${mine}`, { name: `M ${s}`.slice(0, 80), description: s }, as(me)));
        noServerError('invite', await api.post(`/groups/${mine}/invites`, { userId: s }, as(me)));
        noServerError('role', await api.put(`/groups/${mine}/members/${stranger.userId}/role`, { role: s }, as(me)));
        const sent = await api.post(`/groups/${mine}/messages`, { clientMessageId: `sqli-${n}`, text: s }, as(me));
        expect(sent.status).toBe(202);
        noServerError('clientMessageId', await api.post(`/groups/${mine}/messages`, { clientMessageId: s, text: 'x' }, as(me)));
        noServerError('attachments', await api.post(`/groups/${mine}/messages`, { clientMessageId: `sqli-a-${n}`, text: 'x', attachments: [s] }, as(me)));
        const edited = await api.patch(`/groups/${mine}/messages/${sent.body.messageId}`, { text: `${s} (edited)` }, as(me));
        expect(edited.status).toBe(200);
        noServerError('react', await api.post(`/groups/${mine}/messages/${sent.body.messageId}/reactions/${encodeURIComponent(s)}`, undefined, as(me)));
        // The text comes back exactly as sent.
        const history = await api.call('GET', `/groups/${mine}/messages`, undefined, { token: me.token, headers: { 'x-min-position': edited.body.position } });
        expect(history.body.items.find((m: { id: string }) => m.id === sent.body.messageId)?.text).toBe(`${s} (edited)`.trim());
      }),
    );
  });

  it('SQL and search-query injection in every query parameter answers 200 or a 4xx, and shows nothing hidden', async () => {
    const q = encodeURIComponent;
    await Promise.all(
      [...SQL, ...SEARCH].map(async (s) => {
        const started = Date.now();
        const paths = [
          `/users?q=${q(s)}`,
          `/search/users?q=${q(s)}`,
          `/users/${q(s)}`,
          `/groups?q=${q(s)}`,
          `/groups?interest=${q(s)}`,
          `/groups?sort=${q(s)}`,
          `/groups?limit=${q(s)}`,
          `/groups?cursor=${q(s)}`,
          `/search/groups?q=${q(s)}&interest=${q(s)}`,
          `/groups/recommended?limit=${q(s)}`,
          `/search/messages?q=${q(s)}`,
          `/search/messages?q=${q(s)}&groupId=${q(s)}`,
          `/search/messages?q=${q(s)}&groupId=${secretGroup}`,
          `/groups/${mine}/messages?before=${q(s)}`,
          `/groups/${mine}/messages?after=${q(s)}`,
          `/groups/${mine}/messages?limit=${q(s)}`,
          `/groups/${mine}/members?cursor=${q(s)}`,
          `/groups/${q(s)}`,
        ];
        for (const path of paths) {
          const res = await api.call('GET', path, undefined, as(me));
          noServerError(`GET ${path.slice(0, 120)}`, res);
          // The problem's `instance` echoes the request; what matters is what the answer adds.
          const text = JSON.stringify(typeof res.body === 'object' ? { ...res.body, instance: undefined } : res.body);
          expect(text, `GET ${path.slice(0, 120)} leaked the private group`).not.toContain(secretGroup);
          expect(text, `GET ${path.slice(0, 120)} leaked the secret message`).not.toContain(secretWord);
          if (res.status === 200) expect(text).not.toMatch(/\$argon2|"email":|"password_?hash":/i);
        }
        expect(Date.now() - started, `${s.slice(0, 40)} made something sleep`).toBeLessThan(30_000);
      }),
    );
    // Wildcard-looking searches find only what the caller may see.
    for (const s of ['*', 'visibility:private', `${secretWord}`, `${secretWord}*`, `group_id:${secretGroup}`]) {
      const res = await api.call('GET', `/search/messages?q=${q(s)}`, undefined, as(me));
      expect(JSON.stringify(res.body)).not.toContain(secretWord);
      const groups = await api.call('GET', `/groups?q=${q(s)}`, undefined, as(me));
      expect(JSON.stringify(groups.body)).not.toContain(secretGroup);
    }
  });

  it('left every table in place, with only the rows the accepted requests added', async () => {
    const after = await countRows();
    for (const t of TABLES) expect(after[t], t).toBeGreaterThanOrEqual(counts[t]!);
    expect(after.credentials! - counts.credentials!).toBe(SQL.length);
    const { rows } = await db.query(`SELECT text FROM messages WHERE group_id = $1`, [secretGroup]);
    expect(rows.map((r) => r.text)).toEqual([`${secretWord} for members only`]);
    const members = await db.query(`SELECT count(*)::int AS n FROM memberships WHERE group_id = $1`, [secretGroup]);
    expect(members.rows[0].n).toBe(1);
  });

  it('a body over 1 MB is 413, deeply nested JSON is a 4xx, and the server stays up', async () => {
    const big = await api.post(`/groups/${mine}/messages`, undefined, {
      token: me.token,
      raw: JSON.stringify({ clientMessageId: 'big', text: 'x'.repeat(1_100_000) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toMatch(/problem\+json/);
    for (const depth of [10_000, 100_000]) {
      const nestedArray = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      const nestedObject = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      for (const [what, raw] of [
        ['array body', nestedArray],
        ['object body', nestedObject],
        ['nested text', `{"clientMessageId":"deep","text":${nestedArray}}`],
        ['nested attachments', `{"clientMessageId":"deep","attachments":${nestedArray}}`],
      ] as const) {
        for (const path of [`/groups/${mine}/messages`, '/auth/register', '/auth/login']) {
          const res = await api.post(path, undefined, { token: me.token, raw, headers: { 'content-type': 'application/json' } });
          expect(res.status, `${what} ${depth} on ${path}`).toBeGreaterThanOrEqual(400);
          expect(res.status, `${what} ${depth} on ${path}`).toBeLessThan(500);
          expect(res.headers.get('content-type')).toMatch(/problem\+json/);
        }
      }
    }
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it('a WebSocket frame of deeply nested JSON gets an error frame, not a crash', async () => {
    const client = await TestClient.ready(app.wsUrl, me.token);
    try {
      client.send(`{"type":"subscribe","groupId":${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
      const err = await client.next((f) => f.type === 'error');
      expect(err.code).toBe('bad_request');
      client.send({ type: 'subscribe', groupId: mine });
      await client.next((f) => f.type === 'subscribed');
    } finally {
      client.close();
    }
  });

  it('invalid UTF-8 in a JSON body is 400 invalid_utf8; lone surrogates are 422', async () => {
    const bad = [
      Buffer.concat([Buffer.from('{"clientMessageId":"utf8","text":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
      Buffer.concat([Buffer.from('{"clientMessageId":"utf8","text":"over'), Buffer.from([0xc0, 0xaf]), Buffer.from('long"}')]),
      Buffer.concat([Buffer.from('{"clientMessageId":"utf8","text":"cut '), Buffer.from([0xe2, 0x82]), Buffer.from('"}')]),
      Buffer.concat([Buffer.from('{"clientMessageId":"utf8","text":"surrogate '), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]),
    ];
    for (const raw of bad) {
      const res = await api.post(`/groups/${mine}/messages`, undefined, {
        token: me.token,
        raw,
        headers: { 'content-type': 'application/json; charset=utf-8' },
      });
      expect(res.status, raw.toString('hex')).toBe(400);
      expect(res.body).toMatchObject({ code: 'invalid_utf8' });
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    }
    const username = uniqueName('utf');
    const reg = await api.post('/auth/register', undefined, {
      raw: Buffer.concat([
        Buffer.from(`{"username":"${username}","email":"${username}@example.com","password":"correct horse battery","displayName":"`),
        Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
        Buffer.from('"}'),
      ]),
      headers: { 'content-type': 'application/json' },
    });
    expect(reg.status).toBe(400);
    const lone = await api.post(`/groups/${mine}/messages`, undefined, {
      token: me.token,
      raw: '{"clientMessageId":"lone","text":"half \\ud800 a pair"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(lone.status).toBe(422);
    const history = await api.call('GET', `/groups/${mine}/messages?limit=200`, undefined, as(me));
    expect(JSON.stringify(history.body)).not.toContain('\ufffd');
  });

  it('path traversal in ids is a 404 problem, never a file', async () => {
    const raw = (path: string, token?: string) =>
      new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        const url = new URL(app.url);
        const req = httpRequest(
          { host: url.hostname, port: url.port, path, method: 'GET', headers: token ? { authorization: `Bearer ${token}` } : {} },
          (res) => {
            let body = '';
            res.on('data', (d) => (body += d));
            res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type'] ?? ''), body }));
          },
        );
        req.on('error', reject);
        req.end();
      });
    const message = (await api.post(`/groups/${mine}/messages`, { clientMessageId: 'traversal', text: 'hi' }, as(me))).body.messageId;
    for (const t of TRAVERSAL) {
      const paths = [
        `/api/v1/groups/${t}`,
        `/api/v1/groups/${t}/members`,
        `/api/v1/groups/${t}/messages`,
        `/api/v1/groups/${mine}/messages/${t}`,
        `/api/v1/groups/${mine}/messages/${message}/reactions/${t}`,
        `/api/v1/groups/${mine}/members/${t}`,
        `/api/v1/users/${t}`,
        `/api/v1/media/${t}`,
        `/api/v1/media/${t}/thumbnail`,
        `/api/v1/media/${t}/links`,
        `/api/v1/media/${t}?sig=x&exp=9999999999`,
      ];
      for (const path of paths) {
        for (const token of [me.token, undefined]) {
          const res = await raw(path, token);
          expect(res.status, `${path} ${token ? 'signed in' : 'anonymous'}`).toBeGreaterThanOrEqual(400);
          expect(res.status, path).toBeLessThan(500);
          expect(res.type, path).toMatch(/problem\+json/);
          expect(res.body).not.toMatch(/root:|\[fonts\]|\[extensions\]/);
        }
      }
      for (const [method, path, body] of [
        ['PATCH', `/groups/${t}`, { description: 'x' }],
        ['DELETE', `/groups/${t}`, undefined],
        ['POST', `/groups/${t}/join`, undefined],
        ['POST', `/groups/${t}/messages`, { clientMessageId: 'x', text: 'x' }],
        ['DELETE', `/groups/${mine}/messages/${t}`, undefined],
        ['PUT', `/groups/${mine}/members/${t}/role`, { role: 'member' }],
      ] as const) {
        const res = await api.call(method, path, body, as(me));
        expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
        noServerError(`${method} ${path}`, res);
      }
      const decoded = decodeURIComponent(t);
      for (const [what, res] of [
        ['attachment', await api.post(`/groups/${mine}/messages`, { clientMessageId: 'trav-att', text: 'x', attachments: [decoded] }, as(me))],
        ['avatar', await api.patch('/me', { avatarMediaId: decoded }, as(me))],
      ] as const) {
        expect(res.status, `${what} ${decoded}`).toBe(422);
      }
    }
  });
});
