import type { EsClient } from '@groupchat/shared';
import type { Doc, ElasticsearchProjection, Envelope } from './types';

/** Per topic, the offset of the last event applied to the document: replays below it are skipped. */
export const OFFSETS_FIELD = 'projection_offsets';

interface State {
  exists: boolean;
  seqNo?: number;
  primaryTerm?: number;
  doc: Doc | null;
  changed: boolean;
  version: number;
}

type Op = Record<string, unknown>;

/**
 * Folds events into their documents and writes each changed document once. Documents fed by
 * one topic are written with external versions (offset + 1 of the last event), so an older
 * write can never replace a newer one; documents fed by several topics, whose offsets are not
 * one sequence, are written with optimistic concurrency and folded again on a conflict.
 */
export async function writeDocuments(es: EsClient, index: string, projection: ElasticsearchProjection, envelopes: Envelope[]): Promise<void> {
  const optimistic = projection.topics.length > 1;
  let pending = envelopes.filter((e) => projection.id(e) !== undefined);
  for (let round = 0; pending.length; round++) {
    if (round > 25) throw new Error(`documents of ${index} keep changing under the projection (optimistic concurrency)`);
    const states = await load(es, index, toRead(projection, pending, optimistic));
    for (const e of pending) fold(projection, states.get(projection.id(e)!)!, e);
    const writes: Op[][] = [];
    for (const [id, s] of states) if (s.changed) writes.push(operations(index, id, s, optimistic));
    const conflicts = await bulk(
      es,
      writes.filter((w) => w.length),
      optimistic,
    );
    pending = pending.filter((e) => conflicts.has(projection.id(e)!));
  }
}

/** Every document the events touch, and whether it must be read first (not when the batch creates it anew). */
function toRead(projection: ElasticsearchProjection, envelopes: Envelope[], optimistic: boolean): Map<string, boolean> {
  const creates = new Set<string>(optimistic ? [] : (projection.creates ?? []));
  const ids = new Map<string, boolean>();
  for (const e of envelopes) {
    const id = projection.id(e)!;
    if (!ids.has(id)) ids.set(id, !creates.has(e.event.type));
  }
  return ids;
}

async function load(es: EsClient, index: string, wanted: Map<string, boolean>): Promise<Map<string, State>> {
  const states = new Map<string, State>();
  const ids: string[] = [];
  for (const [id, read] of wanted) {
    if (read) ids.push(id);
    else states.set(id, { exists: false, doc: null, changed: false, version: 0 });
  }
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const { docs } = await es.mget<Doc>({ index, ids: chunk, realtime: true });
    for (const d of docs) {
      const found = 'found' in d && d.found;
      states.set(d._id, {
        exists: Boolean(found),
        seqNo: found ? d._seq_no : undefined,
        primaryTerm: found ? d._primary_term : undefined,
        doc: found ? (d._source ?? null) : null,
        changed: false,
        version: 0,
      });
    }
  }
  return states;
}

function fold(projection: ElasticsearchProjection, state: State, e: Envelope): void {
  const applied = (state.doc?.[OFFSETS_FIELD] as Record<string, number> | undefined)?.[e.topic];
  if (applied !== undefined && e.offset <= applied) return;
  const handler = projection.handlers[e.event.type] as ((d: Doc | null, e: Envelope) => Doc | null | undefined) | undefined;
  const out = handler?.(state.doc, e);
  if (out === undefined) return;
  const offsets = { ...((state.doc?.[OFFSETS_FIELD] as Record<string, number> | undefined) ?? {}), [e.topic]: e.offset };
  state.doc = out === null ? null : { ...out, [OFFSETS_FIELD]: offsets };
  state.changed = true;
  state.version = e.offset + 1;
}

function operations(index: string, id: string, s: State, optimistic: boolean): Op[] {
  if (!optimistic) {
    const meta = { _index: index, _id: id, version: s.version, version_type: 'external' };
    return s.doc ? [{ index: meta }, s.doc] : [{ delete: meta }];
  }
  const cas = { _index: index, _id: id, if_seq_no: s.seqNo, if_primary_term: s.primaryTerm };
  if (s.doc) return s.exists ? [{ index: cas }, s.doc] : [{ create: { _index: index, _id: id } }, s.doc];
  return s.exists ? [{ delete: cas }] : [];
}

/** Writes in chunks of documents; returns the ids that lost an optimistic race and must be folded again. */
async function bulk(es: EsClient, writes: Op[][], optimistic: boolean): Promise<Set<string>> {
  const conflicts = new Set<string>();
  for (let i = 0; i < writes.length; i += 2000) {
    const res = await es.bulk({ operations: writes.slice(i, i + 2000).flat(), refresh: false });
    if (!res.errors) continue;
    for (const item of res.items) {
      const [action, r] = Object.entries(item)[0]!;
      if (!r.error) continue;
      if (r.status === 409) {
        if (optimistic) conflicts.add(r._id!);
        continue;
      }
      if (action === 'delete' && r.status === 404) continue;
      throw Object.assign(new Error(`elasticsearch refused ${action} of ${r._id}: ${r.error.type}: ${r.error.reason ?? ''}`), { statusCode: r.status });
    }
  }
  return conflicts;
}
