/** The target may not be fetched at all (scheme, port, credentials, or a non-public address): 422. */
export class PreviewRefused extends Error {
  readonly kind = 'refused';
}

/** The target was allowed but gave nothing usable (status, type, size, time, network): 404. */
export class PreviewUnavailable extends Error {
  readonly kind = 'unavailable';
}

export const isPreviewError = (err: unknown): err is PreviewRefused | PreviewUnavailable => err instanceof PreviewRefused || err instanceof PreviewUnavailable;
