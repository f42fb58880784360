/** What the read model shows of a message now: its current text, or nothing once deleted. */
export interface MessageState {
  deleted: boolean;
  text: string | null;
}

export type ShownEvent = { type: string; [field: string]: unknown };

/** What a deleted message's events keep of their content: nothing. */
const GONE = { text: null, mentions: [], broadcast: null, linkPreview: null };

/**
 * An event as it may be shown now. Only MessageSent, MessageEdited and MessageRestored (a
 * moderator's removal undone) carry content: a deleted
 * message's carry none, and a message edited since carries its current text, so no frame
 * brings back a deleted text or the text before an edit. Unknown state (the read model has no
 * such message) shows nothing rather than guessing.
 */
export function redact<E extends ShownEvent>(event: E, state: MessageState | undefined): E {
  if (event.type !== 'MessageSent' && event.type !== 'MessageEdited' && event.type !== 'MessageRestored') return event;
  if (!state || state.deleted) return { ...event, ...GONE, ...(event.type === 'MessageEdited' ? {} : { attachments: [] }) };
  return event.text === state.text ? event : { ...event, text: state.text };
}

/** The state each message is left in by the edits and deletions among these events, in log order. */
export function finalStates(events: ShownEvent[]): Map<string, MessageState> {
  const states = new Map<string, MessageState>();
  for (const e of events) {
    if (e.type === 'MessageDeleted') states.set(String(e.messageId), { deleted: true, text: null });
    else if (e.type === 'MessageEdited' && !states.get(String(e.messageId))?.deleted)
      states.set(String(e.messageId), { deleted: false, text: (e.text as string | null) ?? null });
    else if (e.type === 'MessageRestored') states.set(String(e.messageId), { deleted: false, text: (e.text as string | null) ?? null });
  }
  return states;
}
