import { Decimal } from 'decimal.js';
import { ExactDecimal, LocalGraph } from './local-graph';

/**
 * A bloc as `members`: the root first, then its `relatives` family relatives, then the parties the bloc
 * controls. Relatives are pooled holders, not controlled parties.
 */
export interface Bloc {
  members: number[];
  relatives: number;
}

/**
 * Computes control blocs (domain.md §1, control test 2) over one LocalGraph. The bloc of X is X, X's direct
 * `family` relatives when X is a natural person, and, to a fixpoint, every party reached by a control
 * relation from the bloc or in which the bloc's summed direct equity is strictly above the threshold.
 * Only the root's own relatives join: a recorded `family` relation already means a close relative, and a
 * relative of a relative (the wife's sibling's child) may be none, so family links never chain.
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

  blocOf(root: number): Bloc {
    const bloc = this.blocNumber++;
    const { controlOut, equityOut, family, kinds } = this.graph;
    const members: number[] = [];
    const add = (node: number): void => {
      if (this.inBloc[node] === bloc) return;
      this.inBloc[node] = bloc;
      members.push(node);
    };
    add(root);
    if (kinds[root] === 'individual') for (const relative of family[root]) add(relative);
    const relatives = members.length - 1;
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
    return { members, relatives };
  }
}
