import { Map as IMap } from 'immutable';

/**
 * `map.update(key, fn)` for maps keyed by ids. Immutable's own update() silently leaves the map unchanged for
 * the keys "__proto__" and "constructor" (a guard meant for plain objects), and customer ids are data: a
 * customer registered as "__proto__" would drop out of the indexes and slip past every cap. set() has no such
 * guard, so every keyed update in the write model goes through here.
 */
export function updated<K, V>(map: IMap<K, V>, key: K, change: (value: V | undefined) => V): IMap<K, V> {
  return map.set(key, change(map.get(key)));
}
