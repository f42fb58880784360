import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CACHE, REPO, javaBin } from '../../../scripts/stack/paths';
import { portOpen } from '../../../scripts/stack/proc';
import { createKafka, ensureTopics, TOPICS, topicName, type Config, type LogicalTopic } from '@groupchat/shared';
import { freePort, waitUntil } from './stack';

export interface PrivateBroker {
  brokers: string;
  /** Starts (or restarts, on the same data) the broker and waits until it listens. */
  up(): Promise<void>;
  /** Stops the broker (SIGTERM, as an operator would; SIGKILL for a crash) and waits until it has exited. */
  down(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Freezes the broker (SIGSTOP): connections stay open, nothing is answered, like a broker stuck in a long pause. */
  pause(): void;
  /** Lets a paused broker go on (SIGCONT). */
  resume(): void;
  close(): Promise<void>;
}

/**
 * A single-node KRaft broker of its own, from the stack's cached Kafka jars, on free ports:
 * a test may stop and restart it without touching the shared broker others use.
 */
export async function privateBroker(): Promise<PrivateBroker> {
  const kafkaDir = readdirSync(CACHE).find((d) => d.startsWith('kafka-'));
  if (!kafkaDir) throw new Error(`no Kafka jars in ${CACHE}; run the stack once`);
  const classpath = `${join(CACHE, kafkaDir, 'lib')}/*`;
  const home = mkdtempSync(join(tmpdir(), 'groupchat-broker-'));
  const [port, controller] = [await freePort(), await freePort()];
  const props = join(home, 'server.properties');
  mkdirSync(join(home, 'logs'));
  writeFileSync(
    props,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controller}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      `controller.quorum.voters=1@127.0.0.1:${controller}`,
      `log.dirs=${join(home, 'data')}`,
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=3',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      'auto.create.topics.enable=false',
      '',
    ].join('\n'),
  );
  const format = spawnSync(
    javaBin(),
    ['-cp', classpath, 'kafka.tools.StorageTool', 'format', `--cluster-id=${randomBytes(16).toString('base64url')}`, '-c', props],
    { encoding: 'utf8' },
  );
  if (format.status !== 0) throw new Error(`formatting the private broker failed: ${format.stderr}`);

  let child: ChildProcess | undefined;
  const exited = () => !child || child.exitCode !== null || child.signalCode !== null;
  const broker: PrivateBroker = {
    brokers: `127.0.0.1:${port}`,
    async up() {
      child = spawn(
        javaBin(),
        [
          '-Xms128m',
          '-Xmx512m',
          '-XX:TieredStopAtLevel=1',
          '-XX:+UseSerialGC',
          `-Dlog4j.configuration=file:${join(REPO, 'stack/kafka/log4j.properties')}`,
          `-Dkafka.logs.dir=${join(home, 'logs')}`,
          '-cp',
          classpath,
          'kafka.Kafka',
          props,
        ],
        { stdio: 'ignore' },
      );
      await waitUntil(() => portOpen(port), { timeoutMs: 90_000, intervalMs: 200, what: 'the private broker to listen' });
    },
    async down(signal = 'SIGTERM') {
      if (exited()) return;
      child!.kill(signal);
      await waitUntil(exited, { timeoutMs: 30_000, intervalMs: 100, what: 'the private broker to stop' }).catch(() => child!.kill('SIGKILL'));
      await waitUntil(exited, { timeoutMs: 5000, what: 'the private broker to die' });
    },
    pause() {
      child?.kill('SIGSTOP');
    },
    resume() {
      child?.kill('SIGCONT');
    },
    async close() {
      broker.resume();
      await broker.down();
      rmSync(home, { recursive: true, force: true });
    },
  };
  return broker;
}

/** Creates the namespace's topics on a fresh broker and waits until each partition has a leader that answers. */
export async function topicsReady(config: Config): Promise<void> {
  const admin = createKafka(config, 'private-broker-setup').admin();
  await admin.connect();
  try {
    await ensureTopics(admin, config);
    for (const topic of Object.keys(TOPICS) as LogicalTopic[]) {
      await waitUntil(() => admin.fetchTopicOffsets(topicName(config, topic)).then(() => true), {
        timeoutMs: 30_000,
        intervalMs: 200,
        what: `leaders of ${topic}`,
      });
    }
  } finally {
    await admin.disconnect();
  }
}
