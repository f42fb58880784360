import { api } from './index';
import { ApiError, NetworkError, problemFrom } from './errors';
import { enc } from './groups';
import type { MediaInfo } from './types';

export const mediaPath = (id: string) => `/media/${enc(id)}`;
export const thumbnailPath = (id: string) => `/media/${enc(id)}/thumbnail`;

export interface UploadHandle {
  promise: Promise<MediaInfo>;
  abort(): void;
}

/**
 * Multipart upload through XMLHttpRequest, because fetch cannot report upload progress.
 * A 401 refreshes the session once and starts over.
 */
export function uploadMedia(file: File, onProgress: (fraction: number) => void): UploadHandle {
  let xhr: XMLHttpRequest | null = null;
  let aborted = false;

  const attempt = (): Promise<{ status: number; body: string; retryAfter: string | null }> =>
    new Promise((resolve, reject) => {
      xhr = new XMLHttpRequest();
      xhr.open('POST', api.url('/media'));
      const token = api.tokens.access();
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(e.loaded / e.total);
      };
      xhr.onload = () => resolve({ status: xhr!.status, body: xhr!.responseText, retryAfter: xhr!.getResponseHeader('Retry-After') });
      xhr.onerror = () => reject(new NetworkError('upload failed: network unreachable'));
      xhr.onabort = () => reject(new DOMException('upload cancelled', 'AbortError'));
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.send(form);
    });

  const promise = (async () => {
    let res = await attempt();
    if (res.status === 401 && !aborted && (await api.refresh())) res = await attempt();
    if (res.status >= 200 && res.status < 300) {
      onProgress(1);
      return JSON.parse(res.body) as MediaInfo;
    }
    throw await problemOf(res);
  })();

  return {
    promise,
    abort() {
      aborted = true;
      xhr?.abort();
    },
  };
}

function problemOf(res: { status: number; body: string; retryAfter: string | null }): Promise<ApiError> {
  const headers = new Headers();
  if (res.retryAfter) headers.set('Retry-After', res.retryAfter);
  return problemFrom(new Response(res.body || null, { status: res.status, headers }));
}

const NOT_YET_VISIBLE_RETRIES_MS = [300, 700, 1500, 3000];

/**
 * The bytes of an upload, with the token. A message can arrive over the WebSocket before the
 * read models that grant access to its attachments have caught up: a 404 then is retried a
 * few times before it counts.
 */
export async function fetchMedia(id: string, thumbnail = false, delays = NOT_YET_VISIBLE_RETRIES_MS): Promise<Blob> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await api.blob(thumbnail ? thumbnailPath(id) : mediaPath(id));
    } catch (err) {
      const wait = delays[attempt];
      if (!(err instanceof ApiError) || err.status !== 404 || wait === undefined) throw err;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/**
 * Short-lived signed URLs usable without an Authorization header: <video> and <audio> stream
 * them with range requests instead of downloading the whole file first.
 */
export const mediaLinks = (id: string) => api.get<{ url: string; thumbnailUrl?: string; expiresAt: string }>(`${mediaPath(id)}/links`);
