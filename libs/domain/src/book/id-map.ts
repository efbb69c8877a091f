import { Map as IMap } from 'immutable';
import type { RowMap } from './row-map';

/**
 * `map.update(key, fn)` for maps keyed by ids, persistent or rows (row-map.ts). Immutable's own update() silently
 * leaves the map unchanged for the keys "__proto__" and "constructor" (a guard meant for plain objects), and customer
 * ids are data: a customer registered as "__proto__" would drop out of the indexes and slip past every cap. set() has
 * no such guard, so every keyed update in the write model goes through here.
 */
export function updated<K, V>(map: IMap<K, V>, key: K, change: (value: V | undefined) => V): IMap<K, V>;
export function updated<V>(map: RowMap<V>, key: string, change: (value: V | undefined) => V): RowMap<V>;
export function updated<K, V>(map: { get(key: K): V | undefined; set(key: K, value: V): unknown }, key: K, change: (value: V | undefined) => V): unknown {
  return map.set(key, change(map.get(key)));
}
