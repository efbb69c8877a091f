import { BookEvent, BookEventType, EVENT_VERSIONS } from './book.events';

/**
 * Turns a stored event of any schema version into today's shape. Each entry upgrades one version of one
 * type by one step; chains run until the current version. The log is never rewritten.
 */
type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

const UPCASTERS: Partial<Record<BookEventType, Record<number, Upcaster>>> = {};

export class UnknownEventError extends Error {
  constructor(readonly type: string, readonly version: number) {
    super(`cannot read event ${type} v${version}: this build knows ${type in EVENT_VERSIONS ? `up to v${EVENT_VERSIONS[type as BookEventType]}` : 'no such type'}`);
    this.name = 'UnknownEventError';
  }
}

export function isBookEventType(type: string): type is BookEventType {
  return Object.prototype.hasOwnProperty.call(EVENT_VERSIONS, type);
}

export function upcast(type: string, version: number, data: unknown): BookEvent {
  if (!isBookEventType(type) || version > EVENT_VERSIONS[type] || version < 1) throw new UnknownEventError(type, version);
  let current = data as Record<string, unknown>;
  for (let v = version; v < EVENT_VERSIONS[type]; v++) {
    const step = UPCASTERS[type]?.[v];
    if (!step) throw new UnknownEventError(type, v);
    current = step(current);
  }
  return { type, data: current } as BookEvent;
}
