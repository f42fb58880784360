import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { EVENT_TOPICS, EventSerde, HEADER_FINGERPRINT, loadCatalog, type DomainEvent, type EventType } from '@groupchat/schemas';
import { EventLog, createKafka, decodeRecord, learnSchemas, topicName, type Config } from '@groupchat/shared';
import { isolatedConfig, waitUntil } from '@groupchat/test-kit';

const meta = () => ({ eventId: randomUUID(), occurredAt: Date.now(), actorId: 'u1', correlationId: randomUUID(), causationId: null });

function sample(type: EventType): DomainEvent {
  const m = meta();
  const group = { groupId: 'g-1' };
  const samples: Record<EventType, object> = {
    UserRegistered: { userId: 'u1', username: 'ada', email: 'ada@example.com', displayName: 'Ada', interests: ['math'] },
    UserProfileUpdated: { userId: 'u1', displayName: 'Ada L.', bio: null, interests: null, avatarMediaId: null },
    ReadMarkerMoved: { userId: 'u1', groupId: 'g-1', partition: 3, offset: 41, threadId: null },
    NotificationSettingsChanged: { userId: 'u1', groupId: null, level: 'mentions', muteUntil: null, pushText: 'never' },
    UserBlocked: { userId: 'u1', blockedUserId: 'u2' },
    UserUnblocked: { userId: 'u1', blockedUserId: 'u2' },
    GroupCreated: {
      ...group,
      name: 'Engines',
      description: 'Analytical',
      interests: ['math'],
      visibility: 'public',
      ownerId: 'u1',
      slowModeSeconds: 0,
      kind: 'direct',
      broadcastMinRole: 'member',
    },
    GroupUpdated: {
      ...group,
      name: null,
      description: 'New',
      interests: null,
      visibility: null,
      slowModeSeconds: 5,
      broadcastMinRole: 'admin',
      retentionDays: 30,
    },
    GroupDeleted: group,
    MemberJoined: { ...group, userId: 'u2', role: 'member', via: 'public', inviteCode: null },
    MemberLeft: { ...group, userId: 'u2' },
    MemberInvited: { ...group, userId: 'u3', invitedBy: 'u1', expiresAt: 1_700_600_000_000 },
    InviteRevoked: { ...group, userId: 'u3', revokedBy: 'u1' },
    MemberRemoved: { ...group, userId: 'u3', removedBy: 'u1' },
    MemberRoleChanged: { ...group, userId: 'u2', role: 'moderator', changedBy: 'u1' },
    MemberBanned: { ...group, userId: 'u3', bannedBy: 'u1', reason: 'spam', until: null, deleteMessagesSince: 1700000000000 },
    MemberUnbanned: { ...group, userId: 'u3', unbannedBy: 'u1' },
    MemberTimedOut: { ...group, userId: 'u2', timedOutBy: 'u1', until: 1700000600000, reason: null },
    ReportFiled: { ...group, reportId: 'r1', reporterId: 'u2', messageId: 'm0', userId: 'u3', reason: 'spam', audience: 'moderators' },
    ReportResolved: { ...group, reportId: 'r1', resolvedBy: 'u1', action: 'ban', note: null },
    AutoModerationSet: { ...group, setBy: 'u1', patterns: ['spam', 'buy\\s+now'], action: 'refuse', newMemberMinutes: 10, newMemberSlowModeSeconds: 60 },
    InviteLinkCreated: { ...group, code: 'c0dec0dec0dec0dec0dec0', createdBy: 'u1', expiresAt: 1_700_000_000_000, maxUses: 10 },
    InviteLinkRevoked: { ...group, code: 'c0dec0dec0dec0dec0dec0', revokedBy: 'u1' },
    MessageSent: {
      ...group,
      messageId: 'm1',
      senderId: 'u1',
      clientMessageId: 'c1',
      text: 'hello 世界 @bo',
      replyTo: 'm0',
      threadId: 'm0',
      mentions: ['u2'],
      broadcast: 'here',
      linkPreview: 'https://example.com/a',
      attachments: [
        { mediaId: 'x', kind: 'image', contentType: 'image/png', size: 10, fileName: 'a.png', width: 2, height: 3, durationMs: null, thumbnailMediaId: null },
      ],
    },
    MessageEdited: { ...group, messageId: 'm1', text: 'hello again', mentions: [], broadcast: null, linkPreview: null },
    MessagePinned: { ...group, messageId: 'm1' },
    MessageUnpinned: { ...group, messageId: 'm1' },
    LinkPreviewRemoved: { ...group, messageId: 'm1' },
    ThreadFollowed: { ...group, threadId: 'm0', userId: 'u2' },
    ThreadUnfollowed: { ...group, threadId: 'm0', userId: 'u2' },
    MessageDeleted: { ...group, messageId: 'm1' },
    MessageRestored: {
      ...group,
      messageId: 'm1',
      senderId: 'u2',
      text: 'hello again',
      attachments: [],
      replyTo: null,
      threadId: 'm0',
      mentions: ['u1'],
      broadcast: null,
      linkPreview: null,
      sentAt: 1_700_000_000_000,
      sentOffset: 3,
      removedBy: 'u1',
    },
    ReactionAdded: { ...group, messageId: 'm1', userId: 'u2', emoji: '👍' },
    ReactionRemoved: { ...group, messageId: 'm1', userId: 'u2', emoji: '👍' },
  };
  return { type, ...m, ...samples[type] } as DomainEvent;
}

describe('the event log on the real broker', () => {
  let config: Config;
  let kafka: Kafka;
  let log: EventLog;

  beforeAll(async () => {
    config = isolatedConfig();
    kafka = createKafka(config, 'event-log-test');
    log = await EventLog.connect(kafka, config);
  });
  afterAll(async () => {
    await log?.close();
  });

  it('when every event type is appended, then a consumer reads each back decoded, at the position the append returned', async () => {
    const types = Object.keys(EVENT_TOPICS) as EventType[];
    const events = types.map(sample);
    const results = await Promise.all(events.map((e) => log.append(e, 'g-1')));
    const consumer = kafka.consumer({ groupId: `${config.GROUPCHAT_NAMESPACE}reader` });
    await consumer.connect();
    await consumer.subscribe({ topics: ['users', 'groups', 'messages'].map((t) => topicName(config, t as never)), fromBeginning: true });
    const seen = new Map<string, { event: DomainEvent; partition: number; offset: string }>();
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const event = decodeRecord(log.serde, message);
        seen.set(event.eventId, { event, partition, offset: message.offset });
      },
    });
    await waitUntil(() => seen.size === events.length, { timeoutMs: 30_000, what: 'every event consumed' });
    await consumer.disconnect();
    events.forEach((e, i) => {
      const got = seen.get(e.eventId)!;
      expect(got.event).toEqual(e);
      expect(results[i]!.position.partition).toBe(got.partition);
      expect(results[i]!.position.offset).toBe(BigInt(got.offset));
      expect(results[i]!.position.topic).toBe(EVENT_TOPICS[e.type]);
    });
  });

  it('appends made together get distinct consecutive positions in one partition', async () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ ...sample('MessageSent'), messageId: `m${i}` }) as DomainEvent);
    const results = await log.appendMany(many.map((event) => ({ event, key: 'g-batch' })));
    const offsets = results.map((r) => r.position.offset);
    expect(new Set(results.map((r) => r.position.partition)).size).toBe(1);
    offsets.forEach((o, i) => i > 0 && expect(o).toBe(offsets[i - 1]! + 1n));
  });

  it('splits a large burst into requests the broker accepts', async () => {
    const text = 'x'.repeat(400);
    const many = Array.from({ length: 10_000 }, (_, i) => ({ ...sample('MessageSent'), messageId: `big${i}`, text }) as DomainEvent);
    const results = await log.appendMany(many.map((event) => ({ event, key: 'g-big' })));
    expect(new Set(results.map((r) => r.position.offset)).size).toBe(10_000);
  });

  it('decodes a record written with an older schema version with the newer reader, learning it from the schemas topic', async () => {
    const [v1] = loadCatalog().get('GroupCreated')!;
    const producer = kafka.producer();
    await producer.connect();
    const m = meta();
    await producer.send({
      topic: topicName(config, 'groups'),
      messages: [
        {
          key: 'g-old',
          value: v1!.type.toBuffer({ ...m, groupId: 'g-old', name: 'Old', description: 'written by v1', interests: [], visibility: 'private', ownerId: 'u9' }),
          headers: { 'event-type': 'GroupCreated', [HEADER_FINGERPRINT]: v1!.fingerprint },
        },
      ],
    });
    await producer.disconnect();

    // A reader that only knows the newest version learns v1 from the registry topic.
    const newest = new Map([...loadCatalog()].map(([k, vs]) => [k, vs.slice(-1)]));
    const reader = new EventSerde(newest);
    expect(reader.knows(v1!.fingerprint)).toBe(false);
    await learnSchemas(kafka, config, reader);
    expect(reader.knows(v1!.fingerprint)).toBe(true);

    const consumer = kafka.consumer({ groupId: `${config.GROUPCHAT_NAMESPACE}old-reader` });
    await consumer.connect();
    await consumer.subscribe({ topic: topicName(config, 'groups'), fromBeginning: true });
    let found: DomainEvent | undefined;
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.key?.toString() === 'g-old') found = decodeRecord(reader, message);
      },
    });
    await waitUntil(() => found, { timeoutMs: 30_000, what: 'the v1 record' });
    await consumer.disconnect();
    expect(found).toMatchObject({ type: 'GroupCreated', groupId: 'g-old', description: 'written by v1', visibility: 'private', slowModeSeconds: 0 });
  });
});
