import type { Request } from 'express';
import { AppError, toProblem, type Problem } from '@groupchat/shared';
import { parseInput } from '../http/validation';
import type { MessagePace } from './pace';
import { inputOf, type Sender, type SendInput, type SendOutcome, type Sends, type Sent } from './sends';
import { SendBatchItem, SendBatchRequest } from './schemas';

/**
 * A batch of sends: each item validated, counted against the message budget and decided on
 * its own, all appended together; an item that fails answers its own problem in its place.
 */
export async function sendBatch(req: Request, sender: Sender, sends: Sends, pace: MessagePace): Promise<{ items: (Sent | Problem)[] }> {
  const { items } = parseInput(SendBatchRequest, req.body);
  const answers: SendOutcome[] = [];
  const inputs = new Map<number, SendInput>();
  items.forEach((raw, i) => {
    const item = parseItem(raw);
    if (item instanceof AppError) answers[i] = { ok: false, error: item };
    else inputs.set(i, item);
  });
  const refusals = await pace.admit(req, inputs.size);
  [...inputs.keys()].forEach((i, k) => {
    const refused = refusals[k];
    if (!refused) return;
    answers[i] = { ok: false, error: refused };
    inputs.delete(i);
  });
  const outcomes = await sends.sendAll(sender, [...inputs.values()]);
  [...inputs.keys()].forEach((i, k) => (answers[i] = outcomes[k]!));
  const instance = req.originalUrl.split('?', 1)[0];
  return { items: answers.map((a, i) => (a.ok ? a.sent : toProblem(a.error, `${instance}#/items/${i}`))) };
}

function parseItem(raw: unknown): SendInput | AppError {
  try {
    const item = parseInput(SendBatchItem, raw);
    return inputOf(item.groupId, item);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}
