import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { waitUntil } from '@groupchat/test-kit';
import { png } from './media-fixtures';
import { apiOf, readingOwnWrites, registerUsers, type Api, type TestUser } from './support/client';

/** A user's data export on the real app: made in the background, with progress, holding their data and no one else's. */
describe('data export', () => {
  let app: TestApp;
  let api: Api;
  let ada: TestUser;
  let bo: TestUser;
  const { as, ok } = readingOwnWrites();

  beforeAll(async () => {
    app = await startTestApp(NO_ABUSE_LIMITS);
    api = apiOf(app);
    [ada, bo] = await registerUsers(api, ['ada', 'bo']);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('zips the profile, memberships, live messages, reactions and uploads of the caller only', async () => {
    const groupId = (await ok(api.post('/groups', { name: 'Hill walkers', visibility: 'public' }, as(ada)))).groupId;
    await ok(api.post(`/groups/${groupId}/join`, undefined, as(bo)));
    const picture = await png(20, 20);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(picture)], { type: 'image/png' }), 'summit view.png');
    const media = await fetch(`${app.url}/api/v1/media`, { method: 'POST', headers: { authorization: `Bearer ${ada.token}` }, body: form }).then((r) =>
      r.json(),
    );
    const say = (u: TestUser, text: string, attachments: string[] = []) =>
      ok(api.post(`/groups/${groupId}/messages`, { clientMessageId: `c${Math.random().toString(36).slice(2)}`, text, attachments }, as(u)));
    const first = await say(ada, 'Up Ben Nevis at dawn', [media.mediaId]);
    const gone = await say(ada, 'a message I take back');
    await say(bo, 'words of someone else');
    await ok(api.del(`/groups/${groupId}/messages/${gone.messageId}`, undefined, as(ada)));
    await ok(api.post(`/groups/${groupId}/messages/${first.messageId}/reactions/${encodeURIComponent('🎉')}`, undefined, as(bo)));

    const asked = await api.post('/me/export', undefined, as(ada));
    expect(asked.status).toBe(202);
    expect(['queued', 'running']).toContain(asked.body.status);
    expect((await api.post('/me/export', undefined, as(ada))).body.exportId).toBe(asked.body.exportId);
    expect((await api.get('/me/export', as(bo))).status).toBe(404);

    let status: { status: string; progress: { done: number; total: number }; size: number } | undefined;
    await waitUntil(async () => (status = (await api.get('/me/export', as(ada))).body).status === 'ready', {
      timeoutMs: 30_000,
      what: 'the export to be ready',
    });
    expect(status!.progress.done).toBe(status!.progress.total);
    expect(status!.progress.total).toBeGreaterThan(4);

    const res = await fetch(`${app.url}/api/v1/me/export/download`, { headers: { authorization: `Bearer ${ada.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files).length).toBeGreaterThanOrEqual(7);
    const json = (name: string) => JSON.parse(strFromU8(files[name]!));
    expect(json('profile.json')).toMatchObject({ userId: ada.userId, username: ada.username, email: `${ada.username}@example.com` });
    expect(json('memberships.json')).toEqual([expect.objectContaining({ groupId, name: 'Hill walkers', role: 'owner' })]);
    const conversation = Object.keys(files).find((n) => n.startsWith('messages/'))!;
    expect(conversation).toBe(`messages/Hill-walkers-${groupId.slice(0, 8)}.json`);
    expect(json(conversation).messages.map((m: { text: string }) => m.text)).toEqual(['Up Ben Nevis at dawn']);
    const [upload] = json('uploads.json');
    expect(upload).toMatchObject({ mediaId: media.mediaId, fileName: 'summit view.png', contentType: 'image/png' });
    expect(Buffer.from(files[upload.path]!)).toEqual(picture);
    expect(json('reactions.json')).toEqual([]);
    expect(strFromU8(files['README.txt']!)).toContain(`@${ada.username}`);

    expect((await fetch(`${app.url}/api/v1/me/export/download`, { headers: { authorization: `Bearer ${bo.token}` } })).status).toBe(404);
  });
});
