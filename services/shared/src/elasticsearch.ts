import { Client } from '@elastic/elasticsearch';
import type { Config } from './config';

export type EsClient = Client;

export function createEs(config: Pick<Config, 'ELASTICSEARCH_URL'>): Client {
  return new Client({ node: config.ELASTICSEARCH_URL, requestTimeout: 30000, maxRetries: 3 });
}

export function indexName(config: Pick<Config, 'GROUPCHAT_NAMESPACE'>, name: string): string {
  return `${config.GROUPCHAT_NAMESPACE}groupchat-${name}`;
}
