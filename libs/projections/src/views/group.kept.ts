import Database from 'better-sqlite3';
import { BusinessDate } from '@groupcap/domain';
import { AsOfBook, everInGroup, loadAsOfBook } from '../as-of/as-of-book';
import { ReadStatements, runScoped } from '../as-of/as-of.queries';
import { KeepingSteps, KeptDates, ReadTransactions } from '../as-of/kept-dates';
import { KEPT_GROUP_VIEWS } from '../projection/read-model.db';
import { GroupReadModel } from '../read-models.port';
import { Page, encodeCursor } from './paging';
import { FigureSort, GroupCursor, GroupSort, groupView, groupViews, keyOfGroup, pageOfGroups, sortFigure } from './group.view';

/**
 * Each figure's column: the list sorts by it largest first, groups without it (no cap: the only figure a group may
 * lack) last, ties by id (group.view.ts compareGroups).
 */
const COLUMN: Readonly<Record<FigureSort, { name: string; nullable: boolean }>> = {
  capUtilization: { name: 'cap_utilization', nullable: true },
  comprehensiveLimit: { name: 'comprehensive_limit', nullable: false },
  exposure: { name: 'exposure', nullable: false },
};

const SELECT = 'SELECT view FROM kept_group_views WHERE as_of = @date';

/**
 * The statements that read a page of the kept views, each a range of an index in the list's order (exported for their
 * query plans' spec). Sorted by a figure, the groups that have it come first and those without it after them by id,
 * so a page may take the end of one range and the start of the other: two ranges read one after the other, not one
 * OR that SQLite would sort again. After a cursor's id: '' is before every id.
 */
export function pageStatements(db: Database.Database) {
  const figure = ({ name: column, nullable }: { name: string; nullable: boolean }) => ({
    first: db.prepare<{ date: string; limit: number }, string>(`${SELECT} AND ${column} IS NOT NULL ORDER BY ${column} DESC, group_id LIMIT @limit`).pluck(true),
    after: db
      .prepare<{ date: string; limit: number; value: bigint; groupId: string }, string>(
        `${SELECT} AND ${column} <= @value AND (${column} < @value OR group_id > @groupId) ORDER BY ${column} DESC, group_id LIMIT @limit`,
      )
      .pluck(true),
    without: nullable
      ? db.prepare<{ date: string; limit: number; groupId: string }, string>(`${SELECT} AND ${column} IS NULL AND group_id > @groupId ORDER BY ${column} DESC, group_id LIMIT @limit`).pluck(true)
      : undefined,
  });
  return {
    byId: db.prepare<{ date: string; limit: number; groupId: string }, string>(`${SELECT} AND group_id > @groupId ORDER BY group_id LIMIT @limit`).pluck(true),
    byFigure: {
      capUtilization: figure(COLUMN.capUtilization),
      comprehensiveLimit: figure(COLUMN.comprehensiveLimit),
      exposure: figure(COLUMN.exposure),
    } satisfies Record<FigureSort, unknown>,
  };
}

function prepare(db: Database.Database) {
  return {
    putView: db.prepare<[string, string, bigint | null, bigint, bigint, string]>(
      'INSERT OR REPLACE INTO kept_group_views (as_of, group_id, cap_utilization, comprehensive_limit, exposure, view) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    deleteView: db.prepare<[string, string]>('DELETE FROM kept_group_views WHERE as_of = ? AND group_id = ?'),
    pages: pageStatements(db),
  };
}

/**
 * The groups list's views kept for the business date, so that the dashboard's list (the groups nearest their
 * caps) reads a page of an index instead of loading the whole book and measuring every group on each ask. One
 * date is kept, the last business date asked: a list as of another date is computed from the whole book as before.
 * Marked stale like the report's rows (as-of/kept-dates.ts); a stale customer's group on the date is measured
 * again from a book loaded for everyone ever in it. The views of a page are those of the whole-book path.
 */
export class KeptGroupViews {
  private readonly s: ReturnType<typeof prepare>;
  readonly dates: KeptDates;

  constructor(
    db: Database.Database,
    private readonly reads: ReadStatements,
  ) {
    this.s = prepare(db);
    this.dates = new KeptDates(db, KEPT_GROUP_VIEWS);
  }

  /**
   * The page of the list on the date after the cursor's key (from the start without one), from the kept views
   * brought up to date (as-of/kept-dates.ts read); else from the views computed anew, or from the whole book.
   */
  page(date: BusinessDate, wholeBook: () => AsOfBook, tx: ReadTransactions, query: { sort: GroupSort; limit: number; after?: GroupCursor }): Page<GroupReadModel> {
    return this.dates.read(date, tx, this.steps(date, wholeBook), (upToDate, computed) =>
      upToDate ? this.keptPage(date, query) : pageOfGroups(computed ?? groupViews(wholeBook()), query),
    );
  }

  /** Brings the date's views up to date for the keeping thread (keeping.worker.ts): a date computed elsewhere is left to it. */
  keep(date: BusinessDate, wholeBook: () => AsOfBook, tx: ReadTransactions): void {
    this.dates.upToDate(date, tx, this.steps(date, wholeBook), 'leave');
  }

  private steps(date: BusinessDate, wholeBook: () => AsOfBook): KeepingSteps<GroupReadModel[]> {
    return {
      compute: () => groupViews(wholeBook()),
      put: (views) => this.putAll(date, views),
      refresh: (stale) => this.refresh(date, stale),
    };
  }

  private keptPage(date: BusinessDate, query: { sort: GroupSort; limit: number; after?: GroupCursor }): Page<GroupReadModel> {
    // One more than asked: whether a next page exists.
    const limit = Math.max(0, query.limit) + 1;
    const { sort, after } = query;
    const { pages } = this.s;
    let views: string[];
    if (sort === 'groupId') views = pages.byId.all({ date, limit, groupId: after?.groupId ?? '' });
    else {
      const statements = pages.byFigure[sort];
      if (after === undefined) views = statements.first.all({ date, limit });
      else if (after.value !== null) views = statements.after.all({ date, limit, value: sortFigure(after.value) as bigint, groupId: after.groupId });
      else views = [];
      // Past the groups with the figure: those without it, after the cursor's id if it named one of them.
      if (views.length < limit && statements.without) views = views.concat(statements.without.all({ date, limit: limit - views.length, groupId: after?.value === null ? after.groupId : '' }));
    }
    const items = views.slice(0, limit - 1).map((view) => JSON.parse(view) as GroupReadModel);
    const last = items.at(-1);
    const next = views.length > items.length && last !== undefined ? encodeCursor(keyOfGroup(last, query.sort)) : null;
    return { items, next };
  }

  private putAll(date: BusinessDate, views: readonly GroupReadModel[]): void {
    // One date kept: the one asked last (the business date), so the table holds one day's groups, not every day's.
    for (const other of this.dates.keptDates()) if (other !== date) this.dates.forget(other);
    for (const view of views) this.put(date, view);
  }

  /**
   * Measures again the groups of the stale customers on the date, each from a book loaded for everyone ever in it
   * (a superset of its members on the date). Memberships cannot have changed since the date was kept (that drops
   * it), so these are the only groups the marked events can have changed; a customer in no group has no view.
   */
  private refresh(date: BusinessDate, stale: readonly string[]): void {
    const groupIds = new Set<string>();
    for (const { group_id } of runScoped(this.reads.memberships, { date }, stale)) if (group_id !== null) groupIds.add(group_id);
    if (groupIds.size === 0) return this.dates.clearStale(date);
    const scope = new Set<string>();
    for (const groupId of groupIds) for (const member of everInGroup(this.reads, groupId)) scope.add(member);
    const book = loadAsOfBook(this.reads, date, [...scope]);
    for (const groupId of groupIds) {
      const view = groupView(book, groupId);
      if (view) this.put(date, view);
      else this.s.deleteView.run(date, groupId);
    }
    this.dates.clearStale(date);
  }

  private put(date: BusinessDate, view: GroupReadModel): void {
    this.s.putView.run(date, view.groupId, sortFigure(view.capUtilization), sortFigure(view.comprehensiveLimit) as bigint, sortFigure(view.exposure) as bigint, JSON.stringify(view));
  }
}
