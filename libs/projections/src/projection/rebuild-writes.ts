import Database from 'better-sqlite3';
import { DrawdownRow, INSERTS, InsertName, InsertParams, RowInsert, SET_CHECKPOINT, WriteStatements } from './apply-event';

/**
 * Rows of one insert held in memory and written many to a statement: each statement costs a call into SQLite, a
 * parse of its parameters and a step, whatever number of rows it carries. Rows go in the order they were run, so
 * INSERT OR IGNORE keeps the first of two as one row at a time would, and a duplicate key still fails the statement.
 */
class BufferedInsert<P extends unknown[]> implements RowInsert<P> {
  private held: unknown[] = [];
  private rows = 0;
  private readonly one: Database.Statement<unknown[]>;
  private readonly many: Database.Statement<unknown[]>;
  private readonly width: number;

  constructor(
    db: Database.Database,
    sql: string,
    private readonly rowsPerStatement: number,
  ) {
    // The text ends with its one VALUES list: more rows are more lists after it.
    const values = sql.slice(sql.lastIndexOf('('));
    this.width = values.split('?').length - 1;
    this.one = db.prepare(sql);
    this.many = db.prepare(sql + `, ${values}`.repeat(rowsPerStatement - 1));
  }

  run(...params: P): void {
    for (const param of params) this.held.push(param);
    if (++this.rows < this.rowsPerStatement) return;
    this.many.run(this.held);
    this.held = [];
    this.rows = 0;
  }

  /** Writes what is held: before a commit, so the transaction carries every row of its events. */
  flush(): void {
    for (let row = 0; row < this.rows; row++) this.one.run(this.held.slice(row * this.width, (row + 1) * this.width));
    this.held = [];
    this.rows = 0;
  }
}

export interface RebuildWrites {
  statements: WriteStatements;
  /** Writes every row still held; run before each commit. */
  flush(): void;
}

/**
 * applyEvent's statements for a rebuild into an empty database. Inserts are buffered (BufferedInsert), so the two
 * look-ups of rows written earlier (a limit's branch, a drawdown's limit) cannot read the tables: they read maps of
 * every limit and drawdown this rebuild has written instead. The database held nothing else (it starts empty and
 * only this rebuild writes it), so the maps answer exactly what the tables would.
 */
export function prepareRebuildWrites(db: Database.Database, rowsPerStatement: number): RebuildWrites {
  const buffered = new Map<InsertName, BufferedInsert<unknown[]>>();
  const insert = <K extends InsertName>(name: K): RowInsert<InsertParams[K]> => {
    const statement = new BufferedInsert<InsertParams[K]>(db, INSERTS[name], rowsPerStatement);
    buffered.set(name, statement as unknown as BufferedInsert<unknown[]>);
    return statement;
  };
  const branches = new Map<string, { branch: string | null }>();
  const drawdowns = new Map<string, DrawdownRow>();
  const limitInsert = insert('limit');
  const drawdownInsert = insert('drawdown');
  const statements: WriteStatements = {
    customer: insert('customer'),
    membership: insert('membership'),
    groupName: insert('groupName'),
    limitEvent: insert('limitEvent'),
    groupLimitEvent: insert('groupLimitEvent'),
    limit: {
      run: (limitId, customerId, branch) => {
        // A second row for the id fails its insert (primary key) and with it the rebuild: the first is what a look-up saw.
        if (!branches.has(limitId)) branches.set(limitId, { branch });
        limitInsert.run(limitId, customerId, branch);
      },
    },
    drawdown: {
      run: (drawdownId, limitId, customerId, product, covered, margin) => {
        if (!drawdowns.has(drawdownId)) drawdowns.set(drawdownId, { limit_id: limitId, customer_id: customerId, product });
        drawdownInsert.run(drawdownId, limitId, customerId, product, covered, margin);
      },
    },
    relationEvent: insert('relationEvent'),
    movement: insert('movement'),
    setting: insert('setting'),
    breach: insert('breach'),
    filing: insert('filing'),
    g14Filing: insert('g14Filing'),
    touched: insert('touched'),
    aboutGroup: insert('aboutGroup'),
    setCheckpoint: db.prepare<[bigint]>(SET_CHECKPOINT),
    branchOf: { get: (limitId) => branches.get(limitId) },
    drawdownById: { get: (drawdownId) => drawdowns.get(drawdownId) },
  };
  return {
    statements,
    flush: () => {
      for (const statement of buffered.values()) statement.flush();
    },
  };
}
