import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threadUnreadCounts, unreadCounts, type AppendResult } from '@groupchat/shared';
import { blocks } from '../src/projections/blocks';
import { groups } from '../src/projections/groups';
import { messages } from '../src/projections/messages';
import { readMarkers } from '../src/projections/read-markers';
import { startHarness, type Harness } from './support/harness';
import { event, groupCreated, joined, sent } from './support/events';

const mention = (messageId: string) =>
  event('MessageSent', { groupId: 'g1', messageId, senderId: 'ann', clientMessageId: `c-${messageId}`, text: '@bo', attachments: [], mentions: ['bo'] });
const markAt = (r: AppendResult, threadId: string | null = null) =>
  event('ReadMarkerMoved', { userId: 'bo', groupId: 'g1', partition: r.position.partition, offset: Number(r.position.offset), threadId, actorId: 'bo' });
const reply = (messageId: string, senderId: string, threadId: string) =>
  event('MessageSent', { groupId: 'g1', messageId, senderId, clientMessageId: `c-${messageId}`, text: `reply ${messageId}`, attachments: [], threadId });

/** The counts are read from the views, so they are what the log says after the projectors stop and start again. */
describe('unread counts across a projector restart', () => {
  let h: Harness;
  const counts = async () => (await unreadCounts(h.rt.pool, ['bo'])).map(({ groupId, unread, mentions }) => ({ groupId, unread, mentions }));

  beforeAll(async () => {
    h = await startHarness({ projections: [groups, messages, readMarkers, blocks] });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('are exact before and after a restart, with moves replayed, repeated and out of order while stopped', async () => {
    await h.given(groupCreated('g1', 'ann'), joined('g1', 'ann', 'owner'), joined('g1', 'bo'));
    const [, second] = await h.given(sent('g1', 'm1', 'ann'), mention('m2'), sent('g1', 'm3', 'ann'), sent('g1', 'm4', 'bo'));
    const move = markAt(second!);
    await h.given(move);
    await h.caughtUp();
    expect(await counts()).toEqual([{ groupId: 'g1', unread: 1, mentions: 0 }]);

    await h.stop();
    const [first, , later] = await h.given(sent('g1', 'm5', 'ann'), mention('m6'), sent('g1', 'm7', 'ann'));
    await h.given(move, markAt(later!), markAt(first!), move);
    await h.restart();
    await h.caughtUp();
    expect(await counts()).toEqual([{ groupId: 'g1', unread: 0, mentions: 0 }]);

    await h.given(mention('m8'));
    await h.caughtUp();
    expect(await counts()).toEqual([{ groupId: 'g1', unread: 1, mentions: 1 }]);
  });

  it('count the replies of a followed thread after its marker exactly, before and after a restart', async () => {
    const threads = async () => (await threadUnreadCounts(h.rt.pool, ['bo'])).map(({ threadId, unread }) => ({ threadId, unread }));
    await h.given(sent('g1', 't1', 'bo'), reply('t1r1', 'ann', 't1'), reply('t1r2', 'ann', 't1'));
    await h.caughtUp();
    expect(await threads()).toEqual([{ threadId: 't1', unread: 2 }]);

    await h.stop();
    const [r3, r4] = await h.given(reply('t1r3', 'ann', 't1'), reply('t1r4', 'ann', 't1'));
    const main = markAt(r4!);
    await h.given(markAt(r4!, 't1'), markAt(r3!, 't1'), main, markAt(r4!, 't1'));
    await h.restart();
    await h.caughtUp();
    expect(await threads()).toEqual([{ threadId: 't1', unread: 0 }]);

    await h.given(reply('t1r5', 'ann', 't1'), sent('g1', 'm9', 'ann'));
    await h.caughtUp();
    expect(await threads()).toEqual([{ threadId: 't1', unread: 1 }]);
    expect(await counts()).toEqual([{ groupId: 'g1', unread: 1, mentions: 0 }]);
  });
});
