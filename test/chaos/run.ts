// No loss under crashes: `npm run chaos [-- --seconds 120 --senders 4 --rate 6 --clients 2 --broker-signal SIGTERM]`
//
// Runs command-api, projectors and two realtime processes, each its own process through its
// own main.ts, against a private Kafka broker on free ports (a fresh namespace and database on
// the shared Postgres and Elasticsearch). A few senders post messages with unique
// clientMessageIds at a steady pace, retrying every non-202 with the same clientMessageId
// (some give up after a failure, like a closed tab: those are "unacknowledged"); WebSocket
// clients follow every group and, whenever their socket drops, reconnect (alternating between
// the realtime processes) and resume each group with `after` = the last position they hold.
// Meanwhile: kill -9 command-api, the projectors and each realtime process (each restarted),
// and restart the broker. Afterwards every acknowledged message must be exactly once in the
// log (read back with `groupchat events export`), in the messages read model and at every
// client; no unacknowledged message may appear twice anywhere; nothing else may appear.
// Prints a summary, writes it as JSON beside the logs, and exits 1 on any violation.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { WebSocket } from 'ws';
import { loadConfig } from '@groupchat/shared';
import { REPO } from '../../scripts/stack/paths';
import { privateBroker, topicsReady, type PrivateBroker } from '@groupchat/test-kit/private-broker';
import { freePort, stackEnv, waitUntil } from '@groupchat/test-kit';

const { values: opts } = parseArgs({
  options: {
    seconds: { type: 'string', default: '120' },
    senders: { type: 'string', default: '4' },
    rate: { type: 'string', default: '6' },
    clients: { type: 'string', default: '2' },
    groups: { type: 'string', default: '3' },
    'give-up': { type: 'string', default: '0.2' },
    'broker-signal': { type: 'string', default: 'SIGTERM' },
    downtime: { type: 'string', default: '1' },
  },
});
const SECONDS = Number(opts.seconds);
const SENDERS = Number(opts.senders);
const RATE = Number(opts.rate);
const CLIENTS = Number(opts.clients);
const GROUPS = Number(opts.groups);
const GIVE_UP = Number(opts['give-up']);
const BROKER_SIGNAL = opts['broker-signal'] === 'SIGKILL' ? 'SIGKILL' : 'SIGTERM';
const DOWNTIME_MS = Number(opts.downtime) * 1000;

const started = Date.now();
const log = (msg: string) => process.stderr.write(`[chaos +${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One service in a process of its own, started through its main.ts, on a fixed port so clients find it again after a restart. */
class Service {
  child?: ChildProcess;
  kills = 0;
  private exited?: Promise<void>;
  constructor(
    readonly name: string,
    private readonly entry: string,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly logFile: string,
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start() {
    const fd = openSync(this.logFile, 'a');
    this.child = spawn(process.execPath, ['--import', 'tsx', this.entry], {
      cwd: REPO,
      env: { ...process.env, ...this.env, PORT: String(this.port) },
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    const child = this.child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    await waitUntil(
      async () => {
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`${this.name} exited (${child.exitCode ?? child.signalCode}); see ${this.logFile}`);
        return (await fetch(`${this.url}/healthz`)).ok;
      },
      { timeoutMs: 180_000, intervalMs: 250, what: `${this.name} to answer /healthz` },
    );
  }

  async kill9() {
    this.kills++;
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  async crashAndRestart() {
    await this.kill9();
    await sleep(DOWNTIME_MS);
    await this.start();
  }

  async stop() {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

interface Acked {
  clientMessageId: string;
  messageId: string;
  groupId: string;
  position: string;
  sender: number;
}

const offsetOf = (position: string) => BigInt(position.split('.')[2]!);

/** A WebSocket client following every group, resuming from its last position after each drop. */
class Follower {
  readonly counts = new Map<string, number>();
  readonly lastPosition = new Map<string, string>();
  readonly order: string[] = [];
  /** Connection attempts after the first (each one that fails while a process is down counts too). */
  reconnects = 0;
  /** Sessions that authenticated again and resumed every group from its last position. */
  resumes = 0;
  resyncs = 0;
  outOfOrder = 0;
  /** Why sockets ended: close code (1006: dropped without a close frame, e.g. the process died or never answered). */
  readonly closeCodes: Record<number, number> = {};
  private ws?: WebSocket;
  private stopped = false;
  private attempt = 0;

  constructor(
    readonly id: number,
    private readonly urls: string[],
    private readonly token: string,
    private readonly groups: string[],
  ) {}

  /** Connects and resolves once every group is subscribed; the first subscription marks where the client starts. */
  async start() {
    this.connect();
    await waitUntil(() => this.groups.every((g) => this.lastPosition.has(g)), { timeoutMs: 60_000, what: `client ${this.id} to subscribe to every group` });
  }

  private connect() {
    if (this.stopped) return;
    const url = this.urls[(this.id + this.attempt++) % this.urls.length]!;
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token: this.token })));
    ws.on('message', (data) => this.onFrame(ws, JSON.parse(data.toString())));
    ws.on('error', () => undefined);
    ws.on('close', (code) => {
      if (this.stopped) return;
      this.closeCodes[code] = (this.closeCodes[code] ?? 0) + 1;
      this.reconnects++;
      setTimeout(() => this.connect(), 200);
    });
  }

  private subscribe(ws: WebSocket, groupId: string) {
    if (ws.readyState !== WebSocket.OPEN) return;
    const after = this.lastPosition.get(groupId);
    ws.send(JSON.stringify({ type: 'subscribe', groupId, ...(after ? { after } : {}) }));
  }

  private onFrame(ws: WebSocket, f: { type: string; groupId?: string; position?: string; code?: string; event?: { type: string; messageId?: string } }) {
    if (f.type === 'ready') {
      if (this.lastPosition.size) this.resumes++;
      for (const g of this.groups) this.subscribe(ws, g);
    } else if (f.type === 'subscribed' && f.groupId && !this.lastPosition.has(f.groupId) && f.position) this.lastPosition.set(f.groupId, f.position);
    else if (f.type === 'event' && f.groupId && f.position) {
      const last = this.lastPosition.get(f.groupId);
      if (last && offsetOf(f.position) <= offsetOf(last)) this.outOfOrder++;
      this.lastPosition.set(f.groupId, f.position);
      if (f.event?.type === 'MessageSent' && f.event.messageId) {
        this.counts.set(f.event.messageId, (this.counts.get(f.event.messageId) ?? 0) + 1);
        this.order.push(f.event.messageId);
      }
    } else if ((f.type === 'resync' || (f.type === 'error' && f.groupId)) && f.groupId) {
      // The process cannot serve the position yet (it is behind, or the read model is): ask again with the same one.
      if (f.type === 'resync') this.resyncs++;
      const g = f.groupId;
      setTimeout(() => this.subscribe(ws, g), 500);
    }
  }

  close() {
    this.stopped = true;
    this.ws?.terminate();
  }
}

async function main(): Promise<number> {
  const ns = `chaos${randomBytes(4).toString('hex')}_`;
  const dir = join(REPO, '.data', 'chaos', ns.slice(0, -1));
  mkdirSync(dir, { recursive: true });
  const env = stackEnv();
  const db = new URL(env.DATABASE_URL);
  db.pathname = `/gc_${ns.slice(0, -1)}`;

  log(`namespace ${ns}, logs in ${dir}`);
  const broker: PrivateBroker = await privateBroker();
  const services: Service[] = [];
  const followers: Follower[] = [];
  let pool: pg.Pool | undefined;
  try {
    await broker.up();
    log(`private broker on ${broker.brokers}`);
    const serviceEnv: Record<string, string> = {
      KAFKA_BROKERS: broker.brokers,
      DATABASE_URL: db.toString(),
      ELASTICSEARCH_URL: env.ELASTICSEARCH_URL,
      GROUPCHAT_NAMESPACE: ns,
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'warn',
      MEDIA_DIR: join(dir, 'media'),
      ACCESS_TOKEN_TTL_SECONDS: '7200',
      REGISTER_LIMIT_PER_IP: '100000',
      LOGIN_LIMIT_PER_IP: '100000',
      MESSAGE_LIMIT_BURST: '100000',
      MESSAGE_LIMIT_SUSTAINED: '100000',
    };
    const config = loadConfig({ ...serviceEnv, PORT: '0' });
    await topicsReady(config);

    const entry = (name: string) => join(REPO, 'services', name, 'src', 'main.ts');
    const logOf = (name: string) => join(dir, `${name}.log`);
    const commandApi = new Service('command-api', entry('command-api'), await freePort(), serviceEnv, logOf('command-api'));
    const projectors = new Service('projectors', entry('projectors'), await freePort(), serviceEnv, logOf('projectors'));
    const realtime = [1, 2].map(async (i) => new Service(`realtime-${i}`, entry('realtime'), await freePort(), serviceEnv, logOf(`realtime-${i}`)));
    const [rt1, rt2] = await Promise.all(realtime);
    services.push(commandApi, projectors, rt1!, rt2!);
    await projectors.start();
    await Promise.all([commandApi.start(), rt1!.start(), rt2!.start()]);
    log(`services up: ${services.map((s) => `${s.name} :${s.port}`).join(', ')}`);

    // Users, groups and one warm-up message per group (so every partition the clients resume on has a position).
    const api = async (path: string, body: unknown, token?: string) => {
      const res = await fetch(`${commandApi.url}/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };
    const user = async (name: string) => {
      const username = `${name}${randomBytes(3).toString('hex')}`;
      const reg = await api('/auth/register', { username, email: `${username}@example.com`, password: 'correct horse battery' });
      if (reg.status !== 201) throw new Error(`register: ${reg.status} ${JSON.stringify(reg.body)}`);
      const login = await api('/auth/login', { login: username, password: 'correct horse battery' });
      return { userId: reg.body.userId as string, token: login.body.accessToken as string };
    };
    const owner = await user('owner');
    const senders = await Promise.all(Array.from({ length: SENDERS }, (_, i) => user(`sender${i}`)));
    const readers = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => user(`reader${i}`)));
    const groups: string[] = [];
    for (let g = 0; g < GROUPS; g++) groups.push((await api('/groups', { name: `Chaos ${g}`, visibility: 'public' }, owner.token)).body.groupId);
    for (const g of groups)
      for (const u of [...senders, ...readers]) {
        const res = await api(`/groups/${g}/join`, undefined, u.token);
        if (res.status !== 200) throw new Error(`join: ${res.status} ${JSON.stringify(res.body)}`);
      }
    const acked = new Map<string, Acked>();
    for (const [i, g] of groups.entries()) {
      const res = await api(`/groups/${g}/messages`, { clientMessageId: `warmup-${i}`, text: 'warm-up' }, owner.token);
      if (res.status !== 202) throw new Error(`warm-up: ${res.status}`);
      acked.set(`warmup-${i}`, { clientMessageId: `warmup-${i}`, groupId: g, sender: -1, ...res.body });
    }
    const warmups = new Set([...acked.values()].map((a) => a.messageId));

    for (let c = 0; c < CLIENTS; c++)
      followers.push(
        new Follower(
          c,
          [rt1!, rt2!].map((s) => `ws://127.0.0.1:${s.port}/ws`),
          readers[c]!.token,
          groups,
        ),
      );
    await Promise.all(followers.map((f) => f.start()));
    log(`${SENDERS} senders, ${CLIENTS} clients, ${GROUPS} groups; sending for ${SECONDS} s at ${RATE}/s each`);

    // The load.
    const unacked = new Set<string>();
    const failures = new Map<string, number>();
    let attempts = 0;
    const events: { at: number; what: string; downSeconds: number }[] = [];
    const loadStarts = Date.now();
    const loadEnds = loadStarts + SECONDS * 1000;
    const send = async (s: number) => {
      let seq = 0;
      while (Date.now() < loadEnds) {
        const tick = Date.now();
        const clientMessageId = `s${s}-${seq++}`;
        const groupId = groups[(s + seq) % groups.length]!;
        const deadline = Date.now() + 240_000;
        for (let retry = 0; ; retry++) {
          attempts++;
          let status: number | string;
          try {
            const res = await fetch(`${commandApi.url}/api/v1/groups/${groupId}/messages`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${senders[s]!.token}` },
              body: JSON.stringify({ clientMessageId, text: `message ${clientMessageId}` }),
              signal: AbortSignal.timeout(15_000),
            });
            status = res.status;
            const body = await res.json().catch(() => undefined);
            if (res.status === 202) {
              acked.set(clientMessageId, { clientMessageId, groupId, sender: s, messageId: body.messageId, position: body.position });
              unacked.delete(clientMessageId);
              break;
            }
          } catch (err) {
            status = (err as Error).name === 'TimeoutError' ? 'timeout' : 'no connection';
          }
          failures.set(String(status), (failures.get(String(status)) ?? 0) + 1);
          unacked.add(clientMessageId);
          if (Date.now() > deadline || (retry === 0 && Math.random() < GIVE_UP)) break; // gives up: stays unacknowledged
          await sleep(Math.min(2000, 200 * 2 ** retry));
        }
        await sleep(Math.max(0, 1000 / RATE - (Date.now() - tick)));
      }
    };
    const chaos = async () => {
      const at = (fraction: number) => sleep(Math.max(0, loadStarts + SECONDS * 1000 * fraction - Date.now()));
      const step = async (fraction: number, what: string, run: () => Promise<void>) => {
        await at(fraction);
        log(`${what}…`);
        const t = Date.now();
        await run();
        log(`${what}: back after ${((Date.now() - t) / 1000).toFixed(1)} s`);
        events.push({ at: Math.round((t - loadStarts) / 1000), what, downSeconds: Math.round((Date.now() - t) / 100) / 10 });
      };
      await step(0.1, 'kill -9 command-api', () => commandApi.crashAndRestart());
      await step(0.22, 'kill -9 projectors', () => projectors.crashAndRestart());
      await step(0.34, 'kill -9 realtime-1', () => rt1!.crashAndRestart());
      await step(0.46, `restart the Kafka broker (${BROKER_SIGNAL})`, async () => {
        await broker.down(BROKER_SIGNAL);
        await sleep(DOWNTIME_MS);
        await broker.up();
      });
      await step(0.62, 'kill -9 realtime-2 and the projectors together', () =>
        Promise.all([rt2!.crashAndRestart(), projectors.crashAndRestart()]).then(() => undefined),
      );
      await step(0.74, 'kill -9 command-api while the projectors restart', () =>
        Promise.all([commandApi.crashAndRestart(), projectors.crashAndRestart()]).then(() => undefined),
      );
    };
    await Promise.all([...senders.map((_, s) => send(s)), chaos()]);
    log(`load done: ${acked.size - warmups.size} acknowledged, ${unacked.size} unacknowledged, ${attempts} attempts`);

    // Everything the log holds about our messages, through the operator's export.
    const exportFile = join(dir, 'messages.jsonl');
    const exported = spawnSync(
      process.execPath,
      [join(REPO, 'cli', 'bin', 'groupchat.mjs'), 'events', 'export', '--topic', 'messages', '--type', 'MessageSent', '--out', exportFile],
      { cwd: REPO, env: { ...process.env, ...serviceEnv }, encoding: 'utf8', timeout: 300_000 },
    );
    if (exported.status !== 0) throw new Error(`groupchat events export failed: ${exported.stderr}`);
    const records = readFileSync(exportFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { messageId: string; eventId: string; groupId: string; position: string });
    const inLog = new Map<string, { records: number; eventIds: Set<string> }>();
    for (const r of records) {
      const e = inLog.get(r.messageId) ?? { records: 0, eventIds: new Set<string>() };
      e.records++;
      e.eventIds.add(r.eventId);
      inLog.set(r.messageId, e);
    }

    // The read model, once the projectors have caught up with the log.
    pool = new pg.Pool({ connectionString: db.toString(), max: 2 });
    const readModel = async () => {
      const { rows } = await pool!.query<{ message_id: string; n: number }>(
        `SELECT message_id, count(*)::int AS n FROM messages WHERE group_id = ANY($1) GROUP BY message_id`,
        [groups],
      );
      return new Map(rows.map((r) => [r.message_id, r.n]));
    };
    const viewed = await waitUntil(
      async () => {
        const m = await readModel();
        return [...inLog.keys()].every((id) => m.has(id)) ? m : undefined;
      },
      { timeoutMs: 180_000, intervalMs: 500, what: 'the messages read model to catch up with the log' },
    ).catch(() => readModel());
    const timeline = (
      await pool
        .query<{ n: number; d: number }>(
          `SELECT count(*)::int AS n, count(DISTINCT (group_id, "offset"))::int AS d FROM message_events WHERE group_id = ANY($1)`,
          [groups],
        )
        .catch(() => ({ rows: [{ n: -1, d: -1 }] }))
    ).rows[0]!;

    // Every client, once it has everything acknowledged (or the time is up).
    const expectedAtClients = [...acked.values()].filter((a) => !warmups.has(a.messageId));
    await waitUntil(() => followers.every((f) => expectedAtClients.every((a) => f.counts.has(a.messageId))), {
      timeoutMs: 120_000,
      intervalMs: 250,
      what: 'every client to receive every acknowledged message',
    }).catch(() => undefined);

    // Verdict.
    const violations: string[] = [];
    const byMessageId = new Map([...acked.values()].map((a) => [a.messageId, a]));
    for (const a of acked.values()) {
      const l = inLog.get(a.messageId);
      if (!l) violations.push(`acknowledged ${a.clientMessageId} (${a.messageId}) is not in the log`);
      else if (l.eventIds.size !== 1) violations.push(`acknowledged ${a.clientMessageId} is in the log as ${l.eventIds.size} different events`);
      const v = viewed.get(a.messageId) ?? 0;
      if (v !== 1) violations.push(`acknowledged ${a.clientMessageId} is ${v} times in the read model`);
    }
    for (const a of expectedAtClients) {
      for (const f of followers) {
        const n = f.counts.get(a.messageId) ?? 0;
        if (n !== 1) violations.push(`acknowledged ${a.clientMessageId} reached client ${f.id} ${n} times`);
      }
    }
    const unackedIds = new Map<string, string>();
    for (const r of records) {
      if (byMessageId.has(r.messageId) || unackedIds.has(r.messageId)) continue;
      const cmid = (r as { clientMessageId?: string }).clientMessageId ?? '?';
      if (!unacked.has(cmid)) violations.push(`the log holds ${r.messageId} (${cmid}), which was never sent`);
      unackedIds.set(r.messageId, cmid);
    }
    for (const [id, cmid] of unackedIds) {
      if ((inLog.get(id)?.eventIds.size ?? 0) > 1) violations.push(`unacknowledged ${cmid} is in the log as several events`);
      if ((viewed.get(id) ?? 0) > 1) violations.push(`unacknowledged ${cmid} is ${viewed.get(id)} times in the read model`);
      for (const f of followers) if ((f.counts.get(id) ?? 0) > 1) violations.push(`unacknowledged ${cmid} reached client ${f.id} ${f.counts.get(id)} times`);
    }
    for (const f of followers) {
      if (f.outOfOrder) violations.push(`client ${f.id} received ${f.outOfOrder} events at or before a position it already had`);
      for (const id of f.counts.keys()) if (!inLog.has(id)) violations.push(`client ${f.id} received ${id}, which is not in the log`);
    }
    if (timeline.n !== timeline.d) violations.push(`the timeline read model holds ${timeline.n - timeline.d} duplicate offsets`);

    const summary = {
      namespace: ns,
      seconds: SECONDS,
      senders: SENDERS,
      ratePerSender: RATE,
      groups: GROUPS,
      chaos: events,
      sent: acked.size - warmups.size + [...unacked].length,
      attempts,
      failedAttempts: Object.fromEntries(failures),
      acknowledged: acked.size - warmups.size,
      unacknowledged: unacked.size,
      unacknowledgedInLog: unackedIds.size,
      warmUps: warmups.size,
      log: { messages: inLog.size, records: records.length, duplicateRecords: records.length - [...inLog.values()].reduce((n, e) => n + e.eventIds.size, 0) },
      readModel: { messages: viewed.size, rows: [...viewed.values()].reduce((n, v) => n + v, 0) },
      timeline: { rows: timeline.n, distinctOffsets: timeline.d },
      clients: followers.map((f) => ({
        client: f.id,
        delivered: f.order.length,
        distinct: f.counts.size,
        acknowledgedDelivered: expectedAtClients.filter((a) => f.counts.has(a.messageId)).length,
        reconnects: f.reconnects,
        resumes: f.resumes,
        resyncs: f.resyncs,
        closeCodes: f.closeCodes,
      })),
      kills: Object.fromEntries(services.map((s) => [s.name, s.kills])),
      violations: violations.length,
    };
    writeFileSync(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    const line = (k: string, v: unknown) => console.log(`${k.padEnd(34)} ${v}`);
    console.log('\nno loss under crashes — summary');
    line('duration of the load', `${SECONDS} s, ${SENDERS} senders × ${RATE}/s, ${GROUPS} groups`);
    for (const e of events) line(`  at ${e.at} s`, `${e.what} (back in ${e.downSeconds} s)`);
    line('sent (distinct clientMessageIds)', summary.sent);
    line('attempts (incl. retries)', `${attempts}; failed: ${JSON.stringify(summary.failedAttempts)}`);
    line('acknowledged (202)', summary.acknowledged);
    line('unacknowledged (gave up)', `${summary.unacknowledged}, of which in the log: ${summary.unacknowledgedInLog}`);
    line(
      'in the log (distinct messages)',
      `${inLog.size} (= ${summary.acknowledged} acknowledged + ${warmups.size} warm-up + ${unackedIds.size} unacknowledged), records ${records.length}, duplicate records ${summary.log.duplicateRecords}`,
    );
    line('in the read model (messages view)', `${viewed.size} messages, ${summary.readModel.rows} rows`);
    for (const c of summary.clients)
      line(
        `at client ${c.client}`,
        `${c.acknowledgedDelivered}/${expectedAtClients.length} acknowledged, ${c.delivered} deliveries, ${c.distinct} distinct, resumed ${c.resumes} times (${c.reconnects} connection attempts; closes by code ${JSON.stringify(c.closeCodes)}), ${c.resyncs} resyncs`,
      );
    line('violations', violations.length);
    for (const v of violations.slice(0, 30)) console.log(`  ✗ ${v}`);
    console.log(`\n${violations.length ? 'FAILED' : 'PASSED'} — ${join(dir, 'summary.json')}`);
    return violations.length ? 1 : 0;
  } finally {
    for (const f of followers) f.close();
    await pool?.end();
    await Promise.allSettled(services.map((s) => s.stop()));
    await broker.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
