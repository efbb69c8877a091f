import { AppendTooLargeError } from '../event-store.errors';

/** EventStoreDB's default MaxAppendSize. */
export const DEFAULT_MAX_APPEND_BYTES = 1024 * 1024;

/**
 * Splits a batch into runs of events whose sizes add up to at most `maxBytes`, keeping order, so a
 * group commit larger than the server's limit can still be written (as successive appends). Only
 * an event that is too large on its own is refused, before anything is written.
 */
export function appendChunks<T extends { bytes: number }>(events: readonly T[], maxBytes: number): T[][] {
  const chunks: T[][] = [];
  let chunk: T[] = [];
  let size = 0;
  for (const event of events) {
    if (event.bytes > maxBytes) throw new AppendTooLargeError(event.bytes, maxBytes);
    if (chunk.length > 0 && size + event.bytes > maxBytes) {
      chunks.push(chunk);
      chunk = [];
      size = 0;
    }
    chunk.push(event);
    size += event.bytes;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
