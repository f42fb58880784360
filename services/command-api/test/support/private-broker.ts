import type { Config } from '@groupchat/shared';
import { startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { isolatedConfig, NO_ABUSE_LIMITS } from '@groupchat/test-kit';
import { privateBroker, topicsReady, type PrivateBroker } from '@groupchat/test-kit/private-broker';
import { apiOf, registerUser, type Answer, type Api, type TestUser } from './client';

export { privateBroker, topicsReady, type PrivateBroker };

export interface OnPrivateBroker {
  broker: PrivateBroker;
  app: TestApp;
  api: Api;
  owner: TestUser;
  groupId: string;
  /** A first message, sent while the broker is well. */
  firstSend: Answer;
}

/**
 * The whole app on a broker of its own (so a test may stop or stall it), with an owner, a public
 * group named `name` and a first message sent while all is well. Abuse limits are raised.
 */
export async function appOnPrivateBroker(name: string, overrides: Partial<Config> = {}): Promise<OnPrivateBroker> {
  const broker = await privateBroker();
  let app: TestApp | undefined;
  try {
    await broker.up();
    const config = isolatedConfig({ ...NO_ABUSE_LIMITS, KAFKA_BROKERS: broker.brokers, ...overrides });
    await topicsReady(config);
    app = await startTestApp(config);
    const api = apiOf(app);
    const owner = await registerUser(api, name.toLowerCase());
    const groupId = (await api.post('/groups', { name, visibility: 'public' }, { token: owner.token })).body.groupId;
    const firstSend = await api.post(`/groups/${groupId}/messages`, { clientMessageId: 'before', text: 'all good' }, { token: owner.token });
    return { broker, app, api, owner, groupId, firstSend };
  } catch (err) {
    await app?.close();
    await broker.close();
    throw err;
  }
}
