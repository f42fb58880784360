import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMediaHarness, type MediaHarness } from './media-harness';
import * as fx from './media-fixtures';

interface Uploaded {
  mediaId: string;
  kind: string;
  contentType: string;
  size: number;
  width?: number;
  height?: number;
  durationMs?: number;
  url: string;
  thumbnailUrl?: string;
  thumbnailMediaId?: string;
}

describe('media uploads and downloads', () => {
  let h: MediaHarness;
  let alice: string;
  beforeAll(async () => {
    h = await startMediaHarness();
    alice = h.token('alice');
  });
  afterAll(async () => h?.close());

  async function uploadOk(fileName: string, contentType: string | undefined, body: Buffer): Promise<Uploaded> {
    const res = await h.upload(alice, { fileName, contentType, body });
    const json = await res.json();
    expect(res.status, JSON.stringify(json)).toBe(201);
    return json as Uploaded;
  }

  const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

  describe('images', () => {
    it('when a phone photo with GPS is uploaded, then it is stored upright without EXIF and has a thumbnail', async () => {
      const photo = await fx.jpegWithGps(800, 600);
      expect(fx.hasGpsTag((await sharp(photo).metadata()).exif)).toBe(true);

      const up = await uploadOk('holiday.jpg', 'image/jpeg', photo);
      expect(up).toMatchObject({ kind: 'image', contentType: 'image/jpeg', width: 600, height: 800 });
      expect(up.thumbnailUrl).toBeTruthy();

      const res = await h.get(`/api/v1/media/${up.mediaId}`, { token: alice });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="holiday\.jpg"/);
      const stored = await bytesOf(res);
      expect(stored.length).toBe(up.size);
      const meta = await sharp(stored).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(stored.includes(Buffer.from('TestCam'))).toBe(false);
      expect({ width: meta.width, height: meta.height }).toEqual({ width: 600, height: 800 });

      const thumb = await h.get(`/api/v1/media/${up.mediaId}/thumbnail`, { token: alice });
      expect(thumb.status).toBe(200);
      expect(thumb.headers.get('content-type')).toBe('image/webp');
      const thumbMeta = await sharp(await bytesOf(thumb)).metadata();
      expect(thumbMeta).toMatchObject({ format: 'webp', width: 240, height: 320 });
      expect(thumbMeta.exif).toBeUndefined();
    });

    it('when a PNG with GPS EXIF is uploaded, then the EXIF is gone', async () => {
      const image = await fx.pngWithGps(400, 300);
      expect(fx.hasGpsTag((await sharp(image).metadata()).exif)).toBe(true);
      const up = await uploadOk('map.png', 'image/png', image);
      expect(up).toMatchObject({ contentType: 'image/png', width: 400, height: 300 });
      const stored = await bytesOf(await h.get(`/api/v1/media/${up.mediaId}`, { token: alice }));
      expect((await sharp(stored).metadata()).exif).toBeUndefined();
      expect(stored.indexOf(Buffer.from('eXIf'))).toBe(-1);
    });

    it('when the upload answer’s signed URL is used without a header, then the image loads; a tampered or missing token does not', async () => {
      const up = await uploadOk('small.png', 'image/png', await fx.png());
      expect((await h.get(up.url)).status).toBe(200);
      expect((await h.get(up.thumbnailUrl!)).status).toBe(200);
      expect((await h.get(up.url.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).status).toBe(401);
      expect((await h.get(up.url.replace(`/media/${up.mediaId}`, `/media/${up.mediaId}/thumbnail`))).status).toBe(401);
      expect((await h.get(`/api/v1/media/${up.mediaId}`)).status).toBe(401);
    });

    it('when the browser revalidates, then 304 with the same ETag', async () => {
      const up = await uploadOk('etag.png', 'image/png', await fx.png());
      const first = await h.get(`/api/v1/media/${up.mediaId}`, { token: alice });
      const etag = first.headers.get('etag')!;
      expect(first.headers.get('cache-control')).toMatch(/^private, max-age=\d+/);
      const again = await h.get(`/api/v1/media/${up.mediaId}`, { token: alice, headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
    });
  });

  describe('video', () => {
    it('when an mp4 is uploaded, then ranges of it can be fetched', async () => {
      const video = fx.mp4(300_000);
      const up = await uploadOk('clip.mp4', 'video/mp4', video);
      expect(up).toMatchObject({ kind: 'video', contentType: 'video/mp4', size: video.length, durationMs: 12_000 });
      expect(up.thumbnailUrl).toBeUndefined();

      const ranged = await h.get(`/api/v1/media/${up.mediaId}`, { token: alice, headers: { range: 'bytes=1000-1999' } });
      expect(ranged.status).toBe(206);
      expect(ranged.headers.get('content-range')).toBe(`bytes 1000-1999/${video.length}`);
      expect(ranged.headers.get('accept-ranges')).toBe('bytes');
      expect(ranged.headers.get('content-type')).toBe('video/mp4');
      expect((await bytesOf(ranged)).equals(video.subarray(1000, 2000))).toBe(true);

      const tail = await h.get(`/api/v1/media/${up.mediaId}`, { token: alice, headers: { range: 'bytes=-100' } });
      expect((await bytesOf(tail)).equals(video.subarray(video.length - 100))).toBe(true);

      const beyond = await h.get(`/api/v1/media/${up.mediaId}`, { token: alice, headers: { range: `bytes=${video.length}-` } });
      expect(beyond.status).toBe(416);
      expect(beyond.headers.get('content-range')).toBe(`bytes */${video.length}`);
      await beyond.body?.cancel();

      const whole = await h.get(`/api/v1/media/${up.mediaId}`, { token: alice });
      expect(whole.headers.get('content-disposition')).toMatch(/^inline/);
      expect((await bytesOf(whole)).equals(video)).toBe(true);
    });
  });

  describe('documents, audio and text', () => {
    it('when a PDF is uploaded, then it downloads as an attachment, never inline', async () => {
      const up = await uploadOk('report.pdf', 'application/pdf', fx.pdf());
      const res = await h.get(`/api/v1/media/${up.mediaId}`, { token: alice });
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toMatch(/sandbox/);
      expect((await bytesOf(res)).equals(fx.pdf())).toBe(true);
    });

    it('when UTF-8 text is uploaded, then it is served as text/plain attachment with its name cleaned', async () => {
      const text = Buffer.from('Grüße aus Köln\nzweite Zeile\n');
      const up = await uploadOk('notes\u202Etxt.exe.txt', 'text/plain', text);
      expect(up).toMatchObject({ kind: 'file', contentType: 'text/plain; charset=utf-8' });
      const res = await h.get(`/api/v1/media/${up.mediaId}`, { token: alice });
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="notestxt.exe.txt"; filename*=UTF-8''notestxt.exe.txt`);
      expect((await bytesOf(res)).equals(text)).toBe(true);
    });

    it('when a Word document is uploaded, then it is recognised from inside its zip', async () => {
      const up = await uploadOk('cv.docx', 'application/octet-stream', fx.docx());
      expect(up.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      const res = await h.get(`/api/v1/media/${up.mediaId}`, { token: alice });
      expect(res.headers.get('content-disposition')).toMatch(/^attachment/);
    });

    it('when an ordinary zip is uploaded, then it is accepted', async () => {
      const archive = fx.zip([
        { name: 'a.txt', data: Buffer.from('hello '.repeat(100)) },
        { name: 'dir/b.txt', data: Buffer.from('world') },
      ]);
      const up = await uploadOk('bundle.zip', 'application/zip', archive);
      expect(up).toMatchObject({ kind: 'file', contentType: 'application/zip', size: archive.length });
    });

    it('when a WAV is uploaded, then it is audio served inline', async () => {
      const up = await uploadOk('voice.wav', 'audio/wav', fx.wav());
      expect(up).toMatchObject({ kind: 'audio', contentType: 'audio/wav' });
      const res = await h.get(`/api/v1/media/${up.mediaId}`, { token: alice });
      expect(res.headers.get('content-disposition')).toMatch(/^inline/);
    });
  });

  describe('who may fetch', () => {
    it('when the media is in a private group’s message, then members fetch it and non-members get 404', async () => {
      const up = await uploadOk('private.jpg', 'image/jpeg', await fx.jpegWithGps(200, 100));
      const groupId = await h.createGroup('private', ['alice', 'bob']);
      await h.postMessage(groupId, 'alice', [up.mediaId]);
      const bob = h.token('bob');
      const eve = h.token('eve');
      expect((await h.get(`/api/v1/media/${up.mediaId}`, { token: bob })).status).toBe(200);
      expect((await h.get(`/api/v1/media/${up.mediaId}/thumbnail`, { token: bob })).status).toBe(200);
      expect((await h.get(`/api/v1/media/${up.thumbnailMediaId}`, { token: bob })).status).toBe(200);
      for (const path of [
        `/api/v1/media/${up.mediaId}`,
        `/api/v1/media/${up.mediaId}/thumbnail`,
        `/api/v1/media/${up.thumbnailMediaId}`,
        `/api/v1/media/${up.mediaId}/links`,
      ]) {
        const res = await h.get(path, { token: eve });
        expect(res.status, path).toBe(404);
      }
      const links = (await (await h.get(`/api/v1/media/${up.mediaId}/links`, { token: bob })).json()) as { url: string; thumbnailUrl: string };
      expect((await h.get(links.url)).status).toBe(200);
    });

    it('when a member leaves, then their signed URL stops working', async () => {
      const up = await uploadOk('leave.png', 'image/png', await fx.png());
      const groupId = await h.createGroup('private', ['alice', 'carol']);
      await h.postMessage(groupId, 'alice', [up.mediaId]);
      const links = (await (await h.get(`/api/v1/media/${up.mediaId}/links`, { token: h.token('carol') })).json()) as { url: string };
      expect((await h.get(links.url)).status).toBe(200);
      await h.rt.pool.query('DELETE FROM memberships WHERE group_id = $1 AND user_id = $2', [groupId, 'carol']);
      expect((await h.get(links.url)).status).toBe(404);
    });

    it('when the media is in a public group’s message, then any signed-in user fetches it', async () => {
      const up = await uploadOk('public.png', 'image/png', await fx.png());
      const groupId = await h.createGroup('public', ['alice']);
      await h.postMessage(groupId, 'alice', [up.mediaId]);
      expect((await h.get(`/api/v1/media/${up.mediaId}`, { token: h.token('stranger') })).status).toBe(200);
    });

    it('when an upload is not attached anywhere, then only its uploader fetches it', async () => {
      const up = await uploadOk('draft.png', 'image/png', await fx.png());
      expect((await h.get(`/api/v1/media/${up.mediaId}`, { token: alice })).status).toBe(200);
      expect((await h.get(`/api/v1/media/${up.mediaId}`, { token: h.token('bob') })).status).toBe(404);
    });

    it('when an image is someone’s avatar, then any signed-in user fetches it', async () => {
      const up = await uploadOk('me.png', 'image/png', await fx.png());
      await h.setAvatar('alice', up.mediaId);
      expect((await h.get(`/api/v1/media/${up.mediaId}/thumbnail`, { token: h.token('stranger') })).status).toBe(200);
    });

    it('when another sender’s message names the media, then that does not share it', async () => {
      const up = await uploadOk('mine.png', 'image/png', await fx.png());
      const groupId = await h.createGroup('public', ['mallory']);
      await h.postMessage(groupId, 'mallory', [up.mediaId]);
      expect((await h.get(`/api/v1/media/${up.mediaId}`, { token: h.token('stranger') })).status).toBe(404);
    });
  });
});
