import { openReadModelDatabase } from '../projection/read-model.db';
import { pageStatements } from './group.kept';

/**
 * A page of the kept groups list costs the page, not the book: every statement reads a range of an index already in
 * the list's order (SQLite's own plan: a search of kept_group_views, no sort of the date's rows in a temporary tree).
 */
const db = openReadModelDatabase(undefined);

function plan(source: string): string[] {
  const params = { date: '2026-05-15', limit: 51, value: 1n, groupId: 'G000001' };
  const names = new Set((source.match(/@[a-zA-Z]+/g) ?? []).map((p) => p.slice(1)));
  const bound = Object.fromEntries(Object.entries(params).filter(([name]) => names.has(name)));
  return db.prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${source}`).all(bound).map((row) => row.detail);
}

const statements = pageStatements(db);
const SOURCES: readonly (readonly [string, string])[] = [
  ['groupId', statements.byId.source],
  ...Object.entries(statements.byFigure).flatMap(([sort, s]) => [[`${sort}, first`, s.first.source] as const, [`${sort}, after a figure`, s.after.source] as const, ...(s.without ? [[`${sort}, without it`, s.without.source] as const] : [])]),
];

describe('a page of the kept groups list', () => {
  it.each(SOURCES)('sorted by %s, is read off an index in the list order', (_, source) => {
    const lines = plan(source);
    expect(lines.filter((line) => line.includes('TEMP B-TREE'))).toEqual([]);
    expect(lines.filter((line) => /^(SCAN|SEARCH) kept_group_views/.test(line))).toEqual([expect.stringMatching(/^SEARCH kept_group_views USING (COVERING )?(INDEX|PRIMARY KEY)/)]);
  });
});
