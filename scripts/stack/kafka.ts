import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { CACHE, DATA, PORTS, REPO, javaBin } from './paths';
import { launch, portOpen, readPid, run, terminate, waitFor } from './proc';
import type { Part } from './part';

const VERSION = '4.4.0';
const LIB = join(CACHE, `kafka-${VERSION}`, 'lib');
const HOME = join(DATA, 'kafka');
const LOG_DIR = join(HOME, 'logs');
const LOG = join(LOG_DIR, 'server.log');
const STDOUT = join(LOG_DIR, 'stdout.log');

function install() {
  if (existsSync(join(LIB, `kafka_2.13-${VERSION}.jar`))) return;
  mkdirSync(LIB, { recursive: true });
  run('kafka', `resolve Maven jars into ${LIB}`, 'mvn', ['-q', '-B', '-f', join(REPO, 'stack/kafka/pom.xml'), 'dependency:copy-dependencies', `-DoutputDirectory=${LIB}`]);
}

function configure(): string {
  mkdirSync(LOG_DIR, { recursive: true });
  const props = join(HOME, 'server.properties');
  writeFileSync(
    props,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `listeners=PLAINTEXT://127.0.0.1:${PORTS.kafka},CONTROLLER://127.0.0.1:${PORTS.kafkaController}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${PORTS.kafka}`,
      'controller.listener.names=CONTROLLER',
      'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      `controller.quorum.voters=1@127.0.0.1:${PORTS.kafkaController}`,
      `log.dirs=${join(HOME, 'data')}`,
      'num.partitions=6',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=10',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      'auto.create.topics.enable=false',
      'log.retention.hours=-1',
      'log.retention.bytes=-1',
      'message.max.bytes=2097152',
      '',
    ].join('\n'),
  );
  if (!existsSync(join(HOME, 'data', 'meta.properties'))) {
    const clusterId = randomBytes(16).toString('base64url');
    run('kafka', 'format the KRaft log directory', javaBin(), ['-cp', `${LIB}/*`, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', props]);
  }
  return props;
}

export const kafka: Part = {
  name: 'kafka',
  envOverride: 'KAFKA_BROKERS',
  url: () => `127.0.0.1:${PORTS.kafka}`,
  logFile: LOG,
  isUp: () => portOpen(PORTS.kafka),
  running: () => readPid('kafka') !== undefined,
  async up() {
    install();
    const props = configure();
    launch(
      'kafka',
      javaBin(),
      ['-Xms256m', '-Xmx768m', '-XX:+UseG1GC', `-Dlog4j2.configurationFile=${join(REPO, 'stack/kafka/log4j2.yaml')}`, `-Dkafka.logs.dir=${LOG_DIR}`, '-cp', `${LIB}/*`, 'kafka.Kafka', props],
      STDOUT,
    );
    await waitFor('kafka', `wait for the broker on 127.0.0.1:${PORTS.kafka}`, () => portOpen(PORTS.kafka), 90_000, LOG, 'kafka');
  },
  down: () => terminate('kafka', 30_000),
  dataDirs: [HOME],
};
