import Database from 'better-sqlite3';
import { DrawdownRow, INSERTS, InsertName, InsertParams, RowInsert, WriteStatements } from './apply-event';

/** The rows of a run of events, per insert, each insert's rows as one flat list of parameters in the order run. */
export type HeldRows = Array<[InsertName, unknown[]]>;

export interface RebuildWrites {
  /** applyEvent's statements: inserts hold their rows, look-ups read what this rebuild has held so far. */
  statements: WriteStatements;
  /** The rows held since the last take, and none held any more. */
  take(): HeldRows;
}

/**
 * applyEvent's statements for a rebuild into an empty database: nothing is written here, every row is held (as
 * plain parameters) for the rebuild's writer, which writes a transaction's worth at once (read-model.rebuild.ts).
 * So the two look-ups of rows written earlier (a limit's branch, a drawdown's limit) cannot read the tables: they
 * read maps of every limit and drawdown this rebuild has held instead. The database held nothing else (it starts
 * empty and only this rebuild writes it), so the maps answer exactly what the tables would.
 */
export function holdRebuildRows(): RebuildWrites {
  let held = new Map<InsertName, unknown[]>();
  const hold = <K extends InsertName>(name: K): RowInsert<InsertParams[K]> => ({
    run: (...params) => {
      let rows = held.get(name);
      if (rows === undefined) held.set(name, (rows = []));
      for (const param of params) rows.push(param);
    },
  });
  const branches = new Map<string, { branch: string | null }>();
  const drawdowns = new Map<string, DrawdownRow>();
  const limit = hold('limit');
  const drawdown = hold('drawdown');
  const statements: WriteStatements = {
    customer: hold('customer'),
    membership: hold('membership'),
    groupName: hold('groupName'),
    limitEvent: hold('limitEvent'),
    groupLimitEvent: hold('groupLimitEvent'),
    limit: {
      run: (limitId, customerId, branch) => {
        // A second row for the id fails its insert (primary key) and with it the rebuild: the first is what a look-up saw.
        if (!branches.has(limitId)) branches.set(limitId, { branch });
        limit.run(limitId, customerId, branch);
      },
    },
    drawdown: {
      run: (drawdownId, limitId, customerId, product, covered, margin) => {
        if (!drawdowns.has(drawdownId)) drawdowns.set(drawdownId, { limit_id: limitId, customer_id: customerId, product });
        drawdown.run(drawdownId, limitId, customerId, product, covered, margin);
      },
    },
    relationEvent: hold('relationEvent'),
    movement: hold('movement'),
    setting: hold('setting'),
    breach: hold('breach'),
    filing: hold('filing'),
    g14Filing: hold('g14Filing'),
    touched: hold('touched'),
    aboutGroup: hold('aboutGroup'),
    branchOf: { get: (limitId) => branches.get(limitId) },
    drawdownById: { get: (drawdownId) => drawdowns.get(drawdownId) },
  };
  return {
    statements,
    take: () => {
      const rows = [...held];
      held = new Map();
      return rows;
    },
  };
}

/**
 * Writes held rows many to a statement: each statement costs a call into SQLite, a parse of its parameters and a
 * step, whatever number of rows it carries. Rows go in the order they were held, so INSERT OR IGNORE keeps the
 * first of two as one row at a time would, and a duplicate key still fails the statement (and the rebuild).
 */
export function heldRowsWriter(db: Database.Database, rowsPerStatement: number): (rows: HeldRows) => void {
  const writers = new Map<InsertName, (params: unknown[]) => void>();
  const writerOf = (name: InsertName) => {
    let writer = writers.get(name);
    if (writer === undefined) writers.set(name, (writer = tableWriter(db, INSERTS[name], rowsPerStatement)));
    return writer;
  };
  return (rows) => {
    for (const [name, params] of rows) writerOf(name)(params);
  };
}

function tableWriter(db: Database.Database, sql: string, rowsPerStatement: number): (params: unknown[]) => void {
  // The text ends with its one VALUES list: more rows are more lists after it.
  const values = sql.slice(sql.lastIndexOf('('));
  const width = values.split('?').length - 1;
  const one = db.prepare<unknown[]>(sql);
  const many = db.prepare<unknown[]>(sql + `, ${values}`.repeat(rowsPerStatement - 1));
  const manyWidth = width * rowsPerStatement;
  return (params) => {
    let at = 0;
    for (; at + manyWidth <= params.length; at += manyWidth) many.run(params.slice(at, at + manyWidth));
    for (; at < params.length; at += width) one.run(params.slice(at, at + width));
  };
}
