export { configEnv, dropNamespaceIndices, freePort, isolatedConfig, stackEnv, waitUntil } from './stack';
export { NO_ABUSE_LIMITS } from './limits';
export { plainHttpAgent, startPushEndpoint, type PushEndpoint, type PushSubscriptionJson, type ReceivedPush, type RefusedPush } from './push-endpoint';
