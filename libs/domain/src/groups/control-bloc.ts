import { Decimal } from 'decimal.js';
import { ExactDecimal, LocalGraph } from './local-graph';

/**
 * Computes control blocs (domain.md §1, control test 2) over one LocalGraph. The bloc of X is X, X's whole
 * connected family when X is a natural person, and, to a fixpoint, every party reached by a control
 * relation from the bloc or in which the bloc's summed direct equity is strictly above the threshold.
 * Each call walks only the bloc and its outgoing edges; marks and partial sums are stamped with a bloc
 * number instead of being cleared, so successive calls cost nothing for nodes they do not touch.
 */
export class ControlBlocs {
  private readonly threshold: Decimal;
  private readonly inBloc: Int32Array;
  private readonly sumStamp: Int32Array;
  private readonly sums: Decimal[];
  private blocNumber = 0;

  constructor(
    private readonly graph: LocalGraph,
    equityControlThreshold: string,
  ) {
    this.threshold = new ExactDecimal(equityControlThreshold);
    const n = graph.ids.length;
    this.inBloc = new Int32Array(n).fill(-1);
    this.sumStamp = new Int32Array(n).fill(-1);
    this.sums = new Array<Decimal>(n);
  }

  /** The bloc of `root`, root first. Every other node in it is controlled by root (or is root's relative). */
  blocOf(root: number): number[] {
    const bloc = this.blocNumber++;
    const { controlOut, equityOut, family, kinds } = this.graph;
    const members: number[] = [];
    const add = (node: number): void => {
      if (this.inBloc[node] === bloc) return;
      this.inBloc[node] = bloc;
      members.push(node);
    };
    add(root);
    if (kinds[root] === 'individual') {
      for (let k = 0; k < members.length; k++) for (const relative of family[members[k]]) add(relative);
    }
    for (let k = 0; k < members.length; k++) {
      const member = members[k];
      for (const controlled of controlOut[member]) add(controlled);
      for (const { to, share } of equityOut[member]) {
        if (this.inBloc[to] === bloc) continue;
        const sum = this.sumStamp[to] === bloc ? this.sums[to].plus(share) : share;
        this.sumStamp[to] = bloc;
        this.sums[to] = sum;
        if (sum.gt(this.threshold)) add(to);
      }
    }
    return members;
  }
}
