import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** Runtime data of the local stack: git-ignored, kept across starts. */
export const DATA = process.env.GROUPCHAT_DATA_DIR ?? join(REPO, '.data');
/** Downloads (Maven jars, compiled launchers): outside the repo, shared by every clone. */
export const CACHE = process.env.GROUPCHAT_CACHE_DIR ?? join(homedir(), '.cache', 'groupchat');

export const PORTS = {
  kafka: Number(process.env.GROUPCHAT_KAFKA_PORT ?? 19092),
  kafkaController: Number(process.env.GROUPCHAT_KAFKA_CONTROLLER_PORT ?? 19093),
  postgres: Number(process.env.GROUPCHAT_POSTGRES_PORT ?? 15432),
  elasticsearch: Number(process.env.GROUPCHAT_ELASTICSEARCH_PORT ?? 19200),
  mailpitSmtp: Number(process.env.GROUPCHAT_SMTP_PORT ?? 11025),
  mailpitHttp: Number(process.env.GROUPCHAT_MAILPIT_PORT ?? 18025),
};

/** ES 8.14 needs the Security Manager, gone from Java 24+: prefer the machine's Java 17. */
export function javaBin(): string {
  const candidates = [process.env.GROUPCHAT_JAVA_HOME, '/usr/lib/jvm/java-17-openjdk-amd64', process.env.JAVA_HOME];
  for (const home of candidates) if (home && existsSync(join(home, 'bin', 'java'))) return join(home, 'bin', 'java');
  return 'java';
}

export function javaHome(): string | undefined {
  const bin = javaBin();
  return bin === 'java' ? undefined : join(bin, '..', '..');
}
