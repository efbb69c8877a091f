/**
 * Strongly connected components of the influence graph (control and equity edges), numbered in
 * topological order: every edge goes to the same or a later component. Holders therefore come before
 * what they hold, and only a cross-holding puts a controller after something it controls.
 * Iterative Tarjan: a 100,000-deep holding chain must not overflow the call stack.
 */
export interface InfluenceOrder {
  /** Nodes sorted by component rank. */
  order: number[];
  /** Component rank of each node, 0 = a source component. */
  rank: Int32Array;
}

export interface Successors {
  count(node: number): number;
  at(node: number, k: number): number;
}

export function influenceOrder(n: number, successors: Successors): InfluenceOrder {
  const UNVISITED = -1;
  const index = new Int32Array(n).fill(UNVISITED);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const tarjanId = new Int32Array(n);
  const stack: number[] = [];
  const callNode: number[] = [];
  const callEdge: number[] = [];
  let nextIndex = 0;
  let components = 0;

  for (let start = 0; start < n; start++) {
    if (index[start] !== UNVISITED) continue;
    callNode.push(start);
    callEdge.push(0);
    index[start] = low[start] = nextIndex++;
    stack.push(start);
    onStack[start] = 1;
    while (callNode.length > 0) {
      const top = callNode.length - 1;
      const node = callNode[top];
      if (callEdge[top] < successors.count(node)) {
        const w = successors.at(node, callEdge[top]++);
        if (index[w] === UNVISITED) {
          index[w] = low[w] = nextIndex++;
          stack.push(w);
          onStack[w] = 1;
          callNode.push(w);
          callEdge.push(0);
        } else if (onStack[w]) {
          low[node] = Math.min(low[node], index[w]);
        }
        continue;
      }
      callNode.pop();
      callEdge.pop();
      if (callNode.length > 0) {
        const parent = callNode[callNode.length - 1];
        low[parent] = Math.min(low[parent], low[node]);
      }
      if (low[node] === index[node]) {
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          tarjanId[w] = components;
        } while (w !== node);
        components++;
      }
    }
  }

  // Tarjan completes sinks first; reverse for sources first, then bucket nodes by rank.
  const rank = new Int32Array(n);
  const counts = new Int32Array(components + 1);
  for (let v = 0; v < n; v++) {
    rank[v] = components - 1 - tarjanId[v];
    counts[rank[v] + 1]++;
  }
  for (let r = 0; r < components; r++) counts[r + 1] += counts[r];
  const order = new Array<number>(n);
  for (let v = 0; v < n; v++) order[counts[rank[v]]++] = v;
  return { order, rank };
}
