import { hash } from 'node:crypto';

/**
 * Tamper evidence by a hash chain: each link is sha256(previous link's hash + "\n" + the canonical text of what
 * it records), so changing, removing or reordering anything already chained changes every later hash. The chain
 * proves the store holds what was written only together with a head hash kept somewhere else (printed by
 * `verify`, anchored by operations): whoever can rewrite the whole file can rewrite the whole chain.
 */

/** The hash before the first link of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

export function chainHash(previous: string, canonical: string): string {
  // One-shot: the same bytes as update(previous).update('\n').update(canonical), without a Hash object per link.
  return hash('sha256', `${previous}\n${canonical}`, 'hex');
}

/**
 * JSON with object keys sorted and undefined members left out (as JSON.stringify leaves them out), so a value
 * and the same value read back from storage give the same text, whatever the order its keys were written in.
 * Throws for what JSON cannot carry (bigint, functions, non-finite numbers), rather than chain something else.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON has no ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
      const members = Object.keys(value as object)
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
      return `{${members.join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot carry a ${typeof value}`);
  }
}

/** What an event's link covers: everything stored about it except its global position (EventStoreDB assigns that). */
export interface ChainedEventContent {
  streamId: string;
  revision: bigint;
  id: string;
  type: string;
  version: number;
  data: unknown;
  metadata: unknown;
}

/**
 * What a store that keeps each event's data and metadata as text links: the stored text itself, beside the
 * event's place and identity, one field a line. Cheaper than canonical JSON (no parse, no key sorting), and
 * stricter: any change to the stored bytes breaks the link. The embedded SQLite store chains this.
 */
export function storedEventContent(event: { streamId: string; revision: bigint; id: string; type: string; version: number }, dataText: string, metadataText: string): string {
  return [JSON.stringify(event.streamId), event.revision.toString(), JSON.stringify(event.id), JSON.stringify(event.type), String(event.version), dataText, metadataText].join('\n');
}

/** The link of one event of a stream: over the previous event of the same stream (GENESIS_HASH for the first). */
export function eventChainHash(previous: string, event: ChainedEventContent): string {
  return chainHash(
    previous,
    canonicalJson({
      streamId: event.streamId,
      revision: event.revision.toString(),
      id: event.id,
      type: event.type,
      version: event.version,
      data: event.data,
      metadata: event.metadata,
    }),
  );
}
