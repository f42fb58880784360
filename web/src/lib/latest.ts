/** Requests where only the latest may answer: starting one aborts the one before it. */
export function latestRequest() {
  let current: AbortController | null = null;
  return {
    start(): AbortSignal {
      current?.abort();
      current = new AbortController();
      return current.signal;
    },
    isLatest: (signal: AbortSignal) => current?.signal === signal,
    abort() {
      current?.abort();
      current = null;
    },
  };
}
