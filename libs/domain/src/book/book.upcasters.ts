import { BookEvent, BookEventType, EVENT_VERSIONS } from './book.events';
import { LARGE_EXPOSURE_POLICY_DEFAULTS } from '../shared/policy';

/**
 * Turns a stored event of any schema version into today's shape. Each entry upgrades one version of one
 * type by one step; chains run until the current version. The log is never rewritten.
 */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/** Per event type, the step that upgrades each older version (the key) to the next one. */
export type UpcasterRegistry = Partial<Record<string, Readonly<Record<number, Upcaster>>>>;

/** Stored events are never rewritten: each older version is read through these steps. */
const UPCASTERS: UpcasterRegistry = {
  // v1 predates the 2018 regime: its settings were at their defaults then (no command could change them).
  PolicyChanged: { 1: (data) => ({ ...data, ...LARGE_EXPOSURE_POLICY_DEFAULTS }) },
  // v1 breaches and cures were all of the 2010 regime, the only one then.
  CapBreached: { 1: (data) => ({ ...data, regime: 'cbrc-2010' }) },
  CapBreachCured: { 1: (data) => ({ ...data, regime: 'cbrc-2010' }) },
};

export class UnknownEventError extends Error {
  constructor(readonly type: string, readonly version: number, known: number | undefined = isBookEventType(type) ? EVENT_VERSIONS[type] : undefined) {
    super(`cannot read event ${type} v${version}: this build knows ${known !== undefined ? `up to v${known}` : 'no such type'}`);
    this.name = 'UnknownEventError';
  }
}

export function isBookEventType(type: string): type is BookEventType {
  return Object.prototype.hasOwnProperty.call(EVENT_VERSIONS, type);
}

/**
 * The upcast function of a registry and the current versions it upgrades to. Production uses the one
 * below; specs build their own to show a chain with versions this build does not have yet.
 */
export function createUpcast(registry: UpcasterRegistry, versions: Readonly<Record<string, number>>): (type: string, version: number, data: unknown) => BookEvent {
  return (type, version, data) => {
    const current = Object.prototype.hasOwnProperty.call(versions, type) ? versions[type] : undefined;
    if (current === undefined || version > current || version < 1) throw new UnknownEventError(type, version, current);
    let upgraded = data as Record<string, unknown>;
    for (let v = version; v < current; v++) {
      const step = registry[type]?.[v];
      if (!step) throw new UnknownEventError(type, v, current);
      upgraded = step(upgraded);
    }
    return { type, data: upgraded } as BookEvent;
  };
}

export const upcast = createUpcast(UPCASTERS, EVENT_VERSIONS);
