export { configEnv, dropNamespaceIndices, freePort, isolatedConfig, stackEnv, waitUntil } from './stack';
export { NO_ABUSE_LIMITS } from './limits';
