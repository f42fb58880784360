import { computed, onBeforeUnmount, ref } from 'vue';
import { errorMessage } from '../api';
import { uploadMedia, type UploadHandle } from '../api/media';
import type { Attachment, AttachmentKind, MediaInfo } from '../api/types';

export interface PendingUpload {
  id: string;
  file: File;
  kind: AttachmentKind;
  /** Object URL of the local file, for image and video previews before the upload ends. */
  preview: string | null;
  progress: number;
  status: 'uploading' | 'done' | 'failed';
  error?: string;
  media?: MediaInfo;
  handle?: UploadHandle;
}

const MAX_FILES = 10;

export function kindOf(contentType: string): AttachmentKind {
  if (contentType.startsWith('image/')) return 'image';
  if (contentType.startsWith('video/')) return 'video';
  if (contentType.startsWith('audio/')) return 'audio';
  return 'file';
}

/** Files pasted or dropped into the composer: uploaded at once with progress, then attached on send. */
export function useUploads(upload = uploadMedia) {
  const items = ref<PendingUpload[]>([]);
  let seq = 0;

  const busy = computed(() => items.value.some((u) => u.status === 'uploading'));
  const ready = computed(() => items.value.filter((u) => u.status === 'done'));

  function patch(id: string, change: Partial<PendingUpload>) {
    items.value = items.value.map((u) => (u.id === id ? { ...u, ...change } : u));
  }

  function start(u: PendingUpload) {
    const handle = upload(u.file, (p) => patch(u.id, { progress: p }));
    patch(u.id, { handle, status: 'uploading', progress: 0, error: undefined });
    handle.promise.then(
      (media) => patch(u.id, { media, status: 'done', progress: 1 }),
      (err: unknown) => {
        if ((err as Error)?.name === 'AbortError') return;
        patch(u.id, { status: 'failed', error: errorMessage(err) });
      },
    );
  }

  function add(files: Iterable<File>) {
    for (const file of files) {
      if (items.value.length >= MAX_FILES) break;
      const kind = kindOf(file.type);
      const u: PendingUpload = {
        id: `up${++seq}`,
        file,
        kind,
        preview: (kind === 'image' || kind === 'video') && typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : null,
        progress: 0,
        status: 'uploading',
      };
      items.value = [...items.value, u];
      start(u);
    }
  }

  function retry(id: string) {
    const u = items.value.find((x) => x.id === id);
    if (u) start(u);
  }

  function remove(id: string) {
    const u = items.value.find((x) => x.id === id);
    if (!u) return;
    u.handle?.abort();
    if (u.preview) URL.revokeObjectURL(u.preview);
    items.value = items.value.filter((x) => x.id !== id);
  }

  /** The uploaded files as message attachments; the list is emptied (previews now belong to the sent message). */
  function take(): Attachment[] {
    const done = ready.value.map<Attachment>((u) => ({
      mediaId: u.media!.mediaId,
      kind: kindOf(u.media!.contentType || u.file.type),
      contentType: u.media!.contentType || u.file.type,
      size: u.media!.size ?? u.file.size,
      fileName: u.file.name,
      width: u.media!.width ?? null,
      height: u.media!.height ?? null,
    }));
    items.value = items.value.filter((u) => u.status !== 'done');
    return done;
  }

  onBeforeUnmount(() => {
    for (const u of items.value) {
      u.handle?.abort();
      if (u.preview) URL.revokeObjectURL(u.preview);
    }
  });

  return { items, busy, ready, add, retry, remove, take };
}
