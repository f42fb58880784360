/**
 * Measures `groupchat events export` over a large log: appends N MessageSent events in a
 * namespace of its own, then runs the real CLI as a child process with --out /dev/null,
 * sampling its resident memory. Usage: tsx cli/bench/export-1m.ts [N=1000000]
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { EventLog, createKafka, loadConfig } from '@groupchat/shared';
import type { DomainEvent } from '@groupchat/schemas';

const total = Number(process.argv[2] ?? 1_000_000);
const ns = `exp${randomBytes(4).toString('hex')}_`;
const config = loadConfig({
  KAFKA_BROKERS: '127.0.0.1:19092',
  DATABASE_URL: 'postgres://groupchat:groupchat@127.0.0.1:15432/postgres',
  ELASTICSEARCH_URL: 'http://127.0.0.1:19200',
  ...process.env,
  GROUPCHAT_NAMESPACE: ns,
  LOG_LEVEL: 'silent',
});
const log = await EventLog.connect(createKafka(config, 'export-bench'), config);
const t0 = Date.now();
const chunk = 20_000;
for (let i = 0; i < total; i += chunk) {
  const n = Math.min(chunk, total - i);
  await log.appendMany(
    Array.from({ length: n }, (_, j) => {
      const groupId = `g${(i + j) % 500}`;
      const event: DomainEvent = {
        type: 'MessageSent',
        eventId: randomUUID(),
        occurredAt: Date.now(),
        actorId: 'u1',
        correlationId: 'bench',
        causationId: null,
        messageId: randomUUID(),
        groupId,
        senderId: 'u1',
        clientMessageId: `c${i + j}`,
        text: `message ${i + j} with a little text to look like chat`,
        attachments: [],
      };
      return { event, key: groupId };
    }),
  );
}
await log.close();
console.log(`appended ${total} events in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

const rss = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
const started = Date.now();
const child = spawn(
  process.execPath,
  [
    ...(process.env.EXPORT_HEAP_MB ? [`--max-old-space-size=${process.env.EXPORT_HEAP_MB}`] : []),
    '--import',
    'tsx',
    'cli/src/main.ts',
    'events',
    'export',
    '--out',
    '/dev/null',
  ],
  { env: { ...process.env, GROUPCHAT_NAMESPACE: ns, KAFKA_BROKERS: config.KAFKA_BROKERS }, stdio: ['ignore', 'inherit', 'pipe'] },
);
let peak = 0;
const samples: number[] = [];
const timer = setInterval(() => {
  try {
    const r = rss(child.pid!);
    peak = Math.max(peak, r);
    samples.push(r);
  } catch {
    /* exited */
  }
}, 100);
let stderr = '';
child.stderr.on('data', (d) => (stderr += d));
const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
clearInterval(timer);
const secs = (Date.now() - started) / 1000;
const mid = samples[Math.floor(samples.length / 2)] ?? 0;
console.log(stderr.trim().split('\n').at(-1));
console.log(
  JSON.stringify({
    events: total,
    exitCode: code,
    seconds: Number(secs.toFixed(1)),
    eventsPerSecond: Math.round(total / secs),
    peakRssMb: Math.round(peak / 1048576),
    midRunRssMb: Math.round(mid / 1048576),
  }),
);
