import { Decimal } from 'decimal.js';
import { CustomerKind, GraphView, joinsNoGroup, roleOf } from './group-graph.types';

/**
 * Shares are summed, never rounded: a 1e9-digit precision only bounds rounding, it allocates nothing,
 * so 0.3 + 0.2 + 0.000001 is compared with the threshold exactly.
 */
export const ExactDecimal = Decimal.clone({ precision: 1e9 });

export interface EquityEdge {
  to: number;
  share: Decimal;
}

/**
 * The component re-indexed 0..n-1 with typed adjacency, built once so the control computation never goes
 * back to the GraphView. State-asset regulators are left out altogether: their control never joins their
 * subsidiaries (domain.md §1), so their edges can neither pool shares nor connect anyone.
 * Relations leaving the component are ignored: the caller passes a closed component.
 */
export interface LocalGraph {
  ids: string[];
  kinds: (CustomerKind | undefined)[];
  /** voting, board, agreement, consolidation: from -> to. */
  controlOut: number[][];
  equityOut: EquityEdge[][];
  /** Undirected, natural persons only: their holdings and control are pooled. */
  family: number[][];
  deemedGroup: [number, number][];
}

/** Shared by every node without edges of a kind; replaced by a fresh array on the first push. */
const NONE: never[] = [];

function pushTo<T>(lists: T[][], node: number, item: T): void {
  if (lists[node] === NONE) lists[node] = [item];
  else lists[node].push(item);
}

export function buildLocalGraph(graph: GraphView, component: Iterable<string>): LocalGraph {
  const index = new Map<string, number>();
  const ids: string[] = [];
  const kinds: (CustomerKind | undefined)[] = [];
  for (const id of component) {
    if (index.has(id)) continue;
    const kind = graph.kindOf(id);
    if (joinsNoGroup(kind)) continue;
    index.set(id, ids.length);
    ids.push(id);
    kinds.push(kind);
  }
  const n = ids.length;
  const local: LocalGraph = {
    ids,
    kinds,
    controlOut: new Array<number[]>(n).fill(NONE),
    equityOut: new Array<EquityEdge[]>(n).fill(NONE),
    family: new Array<number[]>(n).fill(NONE),
    deemedGroup: [],
  };
  // Most books use a handful of distinct shares ("0.6", "1"): parse each once per call.
  const shares = new Map<string, Decimal>();
  const shareOf = (text: string): Decimal => {
    let share = shares.get(text);
    if (share === undefined) shares.set(text, (share = new ExactDecimal(text)));
    return share;
  };
  for (let from = 0; from < n; from++) {
    for (const relation of graph.relationsOf(ids[from])) {
      // Seen from both endpoints; take each relation once, from its `from` side.
      if (relation.from !== ids[from]) continue;
      const to = index.get(relation.to);
      if (to === undefined || to === from) continue;
      const role = roleOf(relation.type);
      switch (role) {
        case 'control':
          pushTo(local.controlOut, from, to);
          break;
        case 'equity':
          pushTo(local.equityOut, from, { to, share: shareOf(relation.share ?? '0') });
          break;
        case 'family':
          if (kinds[from] === 'individual' && kinds[to] === 'individual') {
            pushTo(local.family, from, to);
            pushTo(local.family, to, from);
          }
          break;
        case 'deemed-group':
          local.deemedGroup.push([from, to]);
          break;
        case 'related-only':
          break;
        default: {
          const unknown: never = role;
          throw new Error(`unknown relation role ${String(unknown)}`);
        }
      }
    }
  }
  return local;
}
