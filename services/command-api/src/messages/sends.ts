import { AppError, dependencyError, formatPosition, waitForPositions, type AutoModeration, type Position } from '@groupchat/shared';
import type { CommandContext } from '../http/context';
import { stamp, uuidV5, type Envelope } from '../http/envelope';
import type { GroupHeads } from '../groups/heads';
import { groupAndRole } from '../groups/state';
import { markAttached, resolveAttachments } from './attachments';
import { AutoModerator } from '../moderation/automod';
import { decideSend, type MessageFacts, type SendState } from './decide';
import { LandedSends } from './landed';
import { SendLedger } from './ledger';
import { SlowModeClock } from './slow-mode';
import { loadMessages } from './state';

/** Who sends: the caller, the envelope their events carry, and the positions of their earlier writes. */
export interface Sender {
  userId: string;
  envelope: Envelope;
  minPositions: Position[];
}

export interface SendInput {
  groupId: string;
  clientMessageId: string;
  text: string | null;
  mediaIds: string[];
  replyTo?: string;
  threadId?: string;
  mentions?: string[];
  linkPreview?: boolean;
}

export interface Sent {
  messageId: string;
  position: string;
}

/** One send's answer in a batch: where it landed, or the error it alone failed with. */
export type SendOutcome = { ok: true; sent: Sent } | { ok: false; error: AppError };

/** What a send request asks for, as the send path takes it: blank text is no text. */
export function inputOf(
  groupId: string,
  input: { clientMessageId: string; text?: string; attachments?: string[]; replyTo?: string; threadId?: string; mentions?: string[]; linkPreview?: boolean },
): SendInput {
  const { clientMessageId, text, attachments, ...rest } = input;
  return { groupId, clientMessageId, text: text?.length ? text : null, mediaIds: attachments ?? [], ...rest };
}

export const messageIdOf = (groupId: string, senderId: string, clientMessageId: string) => uuidV5('message', groupId, senderId, clientMessageId);

/**
 * The send path: wait for the groups view at the sender's position, load, decide, append. It
 * owns what makes a send idempotent without a round trip before the append (the ledger of
 * this process's sends and the MessageSent records read back from the log) and slow mode.
 * Sends given together are decided in one turn of the event loop, so their appends leave in
 * one produce request.
 */
export class Sends {
  private constructor(
    private readonly ctx: CommandContext,
    private readonly heads: GroupHeads,
    private readonly ledger: SendLedger,
    private readonly landed: LandedSends,
    private readonly slowMode = new SlowModeClock(),
    private readonly autoModerator = new AutoModerator(),
  ) {}

  static async start(ctx: CommandContext, heads: GroupHeads): Promise<Sends> {
    const ledger = new SendLedger(ctx.rt.config.APPEND_TIMEOUT_MS);
    return new Sends(ctx, heads, ledger, await LandedSends.start(ctx.rt, ledger));
  }

  /** Where a message this process sent or read landed, for commands on it right after. */
  positionOf(messageId: string): Position | undefined {
    return this.ledger.positionOf(messageId);
  }

  async send(sender: Sender, input: SendInput): Promise<Sent> {
    const [outcome] = await this.sendAll(sender, [input]);
    if (!outcome!.ok) throw outcome!.error;
    return outcome!.sent;
  }

  /** Every input gets its own outcome; an input that fails does not hold the others back. */
  async sendAll(sender: Sender, inputs: SendInput[]): Promise<SendOutcome[]> {
    if (!inputs.length) return [];
    const { config, pool } = this.ctx.rt;
    const views = new Map<string, ReturnType<GroupHeads['viewAt']>>();
    const viewOf = (groupId: string) => views.get(groupId) ?? views.set(groupId, this.heads.viewAt(sender, groupId)).get(groupId)!;
    const ready = this.landed.ready(config.MIN_POSITION_WAIT_MS);
    const quoted = this.quoted(sender, inputs);
    const loaded = await Promise.all(
      inputs.map((input) => settle(Promise.all([viewOf(input.groupId), resolveAttachments(pool, sender.userId, input.mediaIds), quoted, ready]))),
    );
    // From here to each append's start nothing is awaited: one attempt per message, and one produce request for them all.
    return Promise.all(
      inputs.map((input, i) => {
        const facts = loaded[i]!;
        if (!facts.ok) return failed(facts.error);
        const [fold, attachments, messages] = facts.value;
        const state = () => {
          const { group, role } = groupAndRole(fold, input.groupId, sender.userId);
          return {
            group,
            senderRole: role,
            roleOf: (userId: string) => fold.roleOf(input.groupId, userId),
            timedOutUntil: fold.timedOutUntil(input.groupId, sender.userId),
            joinedAt: fold.joinedAt(input.groupId, sender.userId),
            autoModeration: this.autoModerationOf(fold.autoModeration(input.groupId), input.groupId, input.text),
            parent: input.replyTo === undefined ? undefined : (messages.get(input.replyTo) ?? null),
            root: input.threadId === undefined ? undefined : (messages.get(input.threadId) ?? null),
          };
        };
        return attempt(() => this.decideAndAppend(sender, input, state, attachments)).then((o): SendOutcome =>
          o.ok ? { ok: true, sent: o.value } : failed(o.error),
        );
      }),
    );
  }

  close(): Promise<void> {
    return this.landed.close();
  }

  private autoModerationOf(settings: AutoModeration | null, groupId: string, text: string | null): SendState['autoModeration'] {
    if (!settings) return null;
    const { action, newMemberMinutes, newMemberSlowModeSeconds } = settings;
    return { matched: this.autoModerator.matches(settings, groupId, text), action, newMemberMinutes, newMemberSlowModeSeconds };
  }

  /**
   * The messages replies name, from the messages read model once it shows them: the only
   * read a send makes outside this process, and only sends that reply make it.
   */
  private async quoted(sender: Sender, inputs: SendInput[]): Promise<Map<string, MessageFacts>> {
    const ids = [...new Set(inputs.flatMap((i) => [i.replyTo, i.threadId].filter((id): id is string => id !== undefined)))];
    if (!ids.length) return new Map();
    const { pool, config } = this.ctx.rt;
    const positions = [...sender.minPositions.filter((p) => p.topic === 'messages'), ...ids.flatMap((id) => this.ledger.positionOf(id) ?? [])];
    await waitForPositions(pool, positions, { projections: ['messages'], timeoutMs: config.MIN_POSITION_WAIT_MS });
    return loadMessages(pool, ids);
  }

  /** Synchronous up to the append's start unless an earlier attempt of the same message is known. */
  private decideAndAppend(
    sender: Sender,
    input: SendInput,
    facts: () => Omit<Parameters<typeof decideSend>[0], 'lastSentAt' | 'now'>,
    attachments: Awaited<ReturnType<typeof resolveAttachments>>,
  ): Promise<Sent> {
    const { groupId, clientMessageId } = input;
    const senderId = sender.userId;
    const messageId = messageIdOf(groupId, senderId, clientMessageId);
    const earlier = this.ledger.lookup(messageId);
    if (earlier && !(earlier instanceof Promise)) return Promise.resolve({ messageId, position: formatPosition(earlier) });
    if (earlier) {
      return earlier.then((settled) =>
        settled === 'failed' ? this.decideAndAppend(sender, input, facts, attachments) : { messageId, position: formatPosition(settled) },
      );
    }
    const now = Date.now();
    const { replyTo, threadId, mentions, linkPreview } = input;
    const decided = decideSend(
      { ...facts(), lastSentAt: this.slowMode.lastSentAt(groupId, senderId, clientMessageId), now },
      { groupId, senderId, clientMessageId, messageId, text: input.text, attachments, replyTo, threadId, mentions, linkPreview },
    );
    const takeBack = this.slowMode.accept(groupId, senderId, clientMessageId, now);
    const events = decided.map((d) => ({ event: stamp(d, sender.envelope, uuidV5(d.type, messageId)), key: groupId }));
    let settleLedger!: { resolve(position: Position): void; reject(err: unknown): void };
    this.ledger.track(messageId, new Promise<Position>((resolve, reject) => (settleLedger = { resolve, reject })));
    return this.ctx.append(events, {
      done: async ([result]) => {
        settleLedger.resolve(result!.position);
        void markAttached(this.ctx.rt.pool, input.mediaIds).catch((err: unknown) =>
          this.ctx.rt.log.error({ err, messageId }, 'marking a sent message’s uploads attached failed'),
        );
        return { messageId, position: formatPosition(result!.position) };
      },
      failed: async (err) => {
        takeBack();
        settleLedger.reject(err);
      },
    });
  }
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

/** A decision refused is thrown before any promise exists: caught here, as the same outcome. */
function attempt<T>(run: () => Promise<T>): Promise<Settled<T>> {
  try {
    return settle(run());
  } catch (error) {
    return Promise.resolve({ ok: false, error });
  }
}

/** A dependency that is down is that send's 503; anything else unexpected fails the whole request. */
function failed(error: unknown): SendOutcome {
  const mapped = error instanceof AppError ? error : dependencyError(error);
  if (!mapped) throw error;
  return { ok: false, error: mapped };
}
