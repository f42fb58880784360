// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { defineComponent, nextTick } from 'vue';
import { mount } from '@vue/test-utils';
import { useUploads } from './useUploads';
import type { UploadHandle } from '../api/media';
import type { MediaInfo } from '../api/types';

function fakeUploader() {
  const calls: { file: File; progress: (p: number) => void; resolve: (m: MediaInfo) => void; reject: (e: unknown) => void }[] = [];
  const upload = (file: File, progress: (p: number) => void): UploadHandle => {
    let resolve!: (m: MediaInfo) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<MediaInfo>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    calls.push({ file, progress, resolve, reject });
    return { promise, abort: () => reject(new DOMException('cancelled', 'AbortError')) };
  };
  return { upload, calls };
}

function withUploads(upload: ReturnType<typeof fakeUploader>['upload']) {
  let api!: ReturnType<typeof useUploads>;
  mount(defineComponent({ setup: () => ((api = useUploads(upload)), () => null) }));
  return api;
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('useUploads', () => {
  it('reports progress, then yields the uploaded files as attachments once', async () => {
    const fake = fakeUploader();
    const u = withUploads(fake.upload);
    u.add([new File(['x'.repeat(100)], 'board.png', { type: 'image/png' }), new File(['y'], 'notes.pdf', { type: 'application/pdf' })]);
    expect(u.items.value.map((i) => [i.kind, i.status])).toEqual([
      ['image', 'uploading'],
      ['file', 'uploading'],
    ]);
    expect(u.busy.value).toBe(true);
    fake.calls[0]!.progress(0.5);
    await nextTick();
    expect(u.items.value[0]!.progress).toBe(0.5);
    fake.calls[0]!.resolve({ mediaId: 'm1', contentType: 'image/png', size: 100, width: 10, height: 8 });
    fake.calls[1]!.resolve({ mediaId: 'm2', contentType: 'application/pdf', size: 1 });
    await flush();
    expect(u.busy.value).toBe(false);
    const taken = u.take();
    expect(taken.map((a) => [a.mediaId, a.kind, a.fileName])).toEqual([
      ['m1', 'image', 'board.png'],
      ['m2', 'file', 'notes.pdf'],
    ]);
    expect(u.items.value).toHaveLength(0);
  });

  it('keeps a failed upload with its error and retries it', async () => {
    const fake = fakeUploader();
    const u = withUploads(fake.upload);
    u.add([new File(['x'], 'a.exe', { type: 'application/octet-stream' })]);
    fake.calls[0]!.reject(new Error('type refused'));
    await flush();
    expect(u.items.value[0]).toMatchObject({ status: 'failed', error: 'type refused' });
    expect(u.take()).toEqual([]);
    u.retry(u.items.value[0]!.id);
    expect(fake.calls).toHaveLength(2);
    expect(u.items.value[0]!.status).toBe('uploading');
  });

  it('removing an upload in flight cancels it without marking it failed', async () => {
    const fake = fakeUploader();
    const u = withUploads(fake.upload);
    u.add([new File(['x'], 'big.mp4', { type: 'video/mp4' })]);
    u.remove(u.items.value[0]!.id);
    await flush();
    expect(u.items.value).toEqual([]);
  });
});
