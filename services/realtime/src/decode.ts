import { UnknownSchemaError, type DomainEvent } from '@groupchat/schemas';
import { decodeRecord, learnSchemas, type Runtime, type TailMessage } from '@groupchat/shared';

/**
 * Decodes a tailed record; only a writer schema this process has not seen (a newer producer)
 * costs an await, to learn it from the schemas topic, so the common path stays synchronous.
 * Undefined: the record cannot be decoded.
 */
export function decodeTailed(rt: Runtime, message: TailMessage): DomainEvent | undefined | Promise<DomainEvent | undefined> {
  try {
    return decodeRecord(rt.serde, message);
  } catch (err) {
    if (!(err instanceof UnknownSchemaError)) return undefined;
  }
  return learnSchemas(rt.kafka, rt.config, rt.serde)
    .then(() => decodeRecord(rt.serde, message))
    .catch(() => undefined);
}
