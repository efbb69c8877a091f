import { openReadModelDatabase } from '../projection/read-model.db';
import { prepareReads } from './as-of.queries';

/**
 * A read of one customer, limit or group must cost what that subject holds, not what the book holds. Every statement
 * those reads run is checked against SQLite's own plan: each table it touches is searched by a key of the subject
 * (an equality on an index), never scanned whole, and never walked by date alone (movements_by_date reaches every
 * movement up to the date: the limit read did that, and slowed as the book grew, 2026-12-02).
 */
const db = openReadModelDatabase(undefined);
const reads = prepareReads(db);
const SUBJECT_READS = [
  'customers',
  'memberships',
  'limitEvents',
  'balances',
  'branchBalances',
  'relationsOn',
  'drawdownsOn',
  'drawdownsOfLimit',
  'limitOwner',
  'customersEverIn',
  'groupName',
  'groupsEverOf',
  'economicallyTiedEver',
] as const;

function plan(name: (typeof SUBJECT_READS)[number]): string[] {
  const query = reads[name];
  const statement = 'some' in query ? query.some : query;
  const names = [...new Set((statement.source.match(/@[a-zA-Z]+/g) ?? []).map((p) => p.slice(1)))];
  const params = names.length > 0 ? [Object.fromEntries(names.map((p) => [p, p === 'scope' ? '["C1"]' : '2026-03-31']))] : ['C1'];
  return db.prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${statement.source}`).all(...params).map((row) => row.detail);
}

/** The plan's lines that read a table without an equality on a key. */
function walks(lines: string[]): string[] {
  // Intermediate results (co-routines, materialized subqueries) are the statement's own, already scoped, rows.
  const derived = new Set(lines.map((l) => /^(?:CO-ROUTINE|MATERIALIZE) (\S+)/.exec(l)?.[1]).filter((n): n is string => n !== undefined));
  return lines.filter((line) => {
    const access = /^(SCAN|SEARCH) (\S+)/.exec(line);
    if (!access || access[2] === 'json_each' || access[2].startsWith('(') || derived.has(access[2])) return false;
    return access[1] === 'SCAN' || !/\(\w+=\?/.test(line) || line.includes('movements_by_date');
  });
}

describe('as-of reads of one subject', () => {
  it.each(SUBJECT_READS)('%s finds its rows by the subject, not by walking a table', (name) => {
    expect(walks(plan(name))).toEqual([]);
  });

  it('the check sees a walk: the limit read as it was, filtered by limit and date only', () => {
    const old = db
      .prepare<unknown[], { detail: string }>(
        `EXPLAIN QUERY PLAN SELECT d.drawdown_id FROM drawdowns d JOIN movements m ON m.drawdown_id = d.drawdown_id
         WHERE d.limit_id = @limitId AND m.effective_date <= @date GROUP BY d.drawdown_id`,
      )
      .all({ limitId: 'L1', date: '2026-03-31' })
      .map((row) => row.detail);
    expect(walks(old)).toEqual([expect.stringContaining('movements_by_date')]);
  });
});

describe("the approvers' queues", () => {
  it('reads the limit requests by their own index and each answer through its customer, not every limit event', () => {
    const lines = db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${reads.awaitingDecision.source}`)
      .all({ date: '2026-03-31' })
      .map((row) => row.detail);
    expect(lines.filter((line) => /^(SCAN|SEARCH) [rd]\b/.test(line))).toEqual([
      'SCAN r USING INDEX limit_events_requests',
      'SEARCH d USING INDEX limit_events_by_customer (customer_id=? AND position>?)',
    ]);
  });

  it("find a group limit's allocations by an index of the grants under it, not by reading every limit event", () => {
    const lines = db.prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${reads.allocatedCustomers.source}`).all('GL1').map((row) => row.detail);
    expect(lines.filter((line) => /^(SCAN|SEARCH) limit_events/.test(line))).toEqual(['SEARCH limit_events USING INDEX limit_events_by_group_limit (<expr>=?)']);
  });
});
