// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '../api/errors';

const person = (id: string, displayName: string | null, status: 'member' | 'invited' = 'member') => ({
  id,
  username: id,
  displayName,
  avatarMediaId: null,
  status,
});
const at = '2026-12-02T06:00:00.000Z';
const listing = [
  { groupId: 'd1', status: 'member', invitedBy: null, others: [person('bo', 'Bo'), person('cy', null, 'invited')], lastActivityAt: at, createdAt: at },
  { groupId: 'd2', status: 'invited', invitedBy: 'di', others: [person('di', 'Di')], lastActivityAt: at, createdAt: at },
];

vi.mock('../api/dms', () => ({
  dmsApi: {
    list: vi.fn(async () => ({ items: listing })),
    open: vi.fn(async (_ids: string[], request = false) => {
      if (!request) throw new ApiError(403, 'dm_request_required', 'ask first');
      return { groupId: 'd3', position: 'g.0.1' };
    }),
  },
}));
vi.mock('../api/groups', () => ({ groupsApi: { join: vi.fn(async () => ({ position: 'g.0.2' })), leave: vi.fn(async () => ({ position: 'g.0.3' })) } }));

const { useDmsStore, needsRequest } = await import('./dms.store');

describe('direct messages store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('splits conversations from requests and names each by the others in it', async () => {
    const dms = useDmsStore();
    await dms.load();
    expect(dms.conversations.map((d) => d.groupId)).toEqual(['d1']);
    expect(dms.requests.map((d) => d.groupId)).toEqual(['d2']);
    expect(dms.memberIds).toEqual(['d1']);
    expect(dms.titleOf('d1')).toBe('Bo, cy');
    expect(dms.titleOf('unknown')).toBe('Direct message');
  });

  it('says when a request is needed, and opens with one', async () => {
    const dms = useDmsStore();
    const refused = await dms.open(['zed']).catch((err: unknown) => err);
    expect(needsRequest(refused)).toBe(true);
    await expect(dms.open(['zed'], true)).resolves.toBe('d3');
  });

  it('declining a request drops it from the list', async () => {
    const dms = useDmsStore();
    await dms.load();
    await dms.leave('d2');
    expect(dms.requests).toEqual([]);
  });
});
