import { createApiClient } from './client';
import { createTokenStore } from './tokens';

export const tokens = createTokenStore();

const sessionLost = new Set<() => void>();

/** The one client of the app. Tests build their own with createApiClient. */
export const api = createApiClient({
  tokens,
  onSessionLost: () => sessionLost.forEach((fn) => fn()),
});

export function onSessionLost(fn: () => void): () => void {
  sessionLost.add(fn);
  return () => sessionLost.delete(fn);
}

export { ApiError, NetworkError, errorMessage } from './errors';
export type { FieldError } from './errors';
