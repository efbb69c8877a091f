import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

export interface TableDigest {
  table: string;
  rows: number;
  sha256: string;
}

export interface ReadModelDifference {
  /** The table, or "schema" when the tables themselves differ. */
  table: string;
  /** 1-based row in the canonical order (every column ascending). */
  row: number;
  live: Record<string, unknown> | string | null;
  rebuilt: Record<string, unknown> | string | null;
}

export interface ReadModelComparison {
  live: TableDigest[];
  rebuilt: TableDigest[];
  /** Undefined when every table is identical. */
  firstDifference?: ReadModelDifference;
}

type Row = Record<string, unknown>;

/** Integers are tagged so 5 and "5" never hash alike; strings stay as they are. */
function canonical(row: Row, columns: readonly string[]): string {
  return JSON.stringify(
    columns.map((c) => {
      const v = row[c];
      if (typeof v === 'bigint') return { i: v.toString() };
      if (typeof v === 'number') return { r: v };
      if (Buffer.isBuffer(v)) return { b: v.toString('hex') };
      return v ?? null;
    }),
  );
}

/** Rows shown to a person: integers as plain numbers (digits). */
function readable(row: Row | undefined): Row | null {
  if (!row) return null;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v]));
}

class ReadModelFile {
  readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file, { fileMustExist: true });
    this.db.defaultSafeIntegers(true);
  }

  /** Tables and indexes with the SQL that made them, plus the schema version, one line each. */
  schema(): string[] {
    const objects = this.db
      .prepare<[], { type: string; name: string; sql: string | null }>("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
      .all()
      .map((o) => `${o.type} ${o.name}: ${o.sql ?? ''}`);
    return [`user_version ${String(this.db.pragma('user_version', { simple: true }))}`, ...objects];
  }

  tables(): string[] {
    return this.db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all()
      .map((t) => t.name);
  }

  columns(table: string): string[] {
    return this.db
      .prepare<[], { name: string }>(`PRAGMA table_info("${table}")`)
      .all()
      .map((c) => c.name);
  }

  /** Every row ordered by every column: the same rows always come out in the same order. */
  rows(table: string, columns: readonly string[]): IterableIterator<Row> {
    const order = columns.map((_, i) => i + 1).join(', ');
    return this.db.prepare<[], Row>(`SELECT * FROM "${table}" ORDER BY ${order}`).iterate();
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Compares two read-model databases table by table: a sha256 per table over its rows in a canonical order,
 * and the first row that differs. Both files must be quiet (copies, or stopped): nothing here locks them.
 * The rows of `skipRowsOf` (tables filled by what was asked, not by the log) are left out; their schema is not.
 */
export function compareReadModelFiles(liveFile: string, rebuiltFile: string, skipRowsOf: readonly string[] = []): ReadModelComparison {
  const live = new ReadModelFile(liveFile);
  const rebuilt = new ReadModelFile(rebuiltFile);
  try {
    let firstDifference: ReadModelDifference | undefined;
    const [liveSchema, rebuiltSchema] = [live.schema(), rebuilt.schema()];
    const schemaAt = liveSchema.findIndex((line, i) => line !== rebuiltSchema[i]);
    if (schemaAt >= 0 || liveSchema.length !== rebuiltSchema.length) {
      const i = schemaAt >= 0 ? schemaAt : liveSchema.length;
      firstDifference = { table: 'schema', row: i + 1, live: liveSchema[i] ?? null, rebuilt: rebuiltSchema[i] ?? null };
    }
    const digests = { live: [] as TableDigest[], rebuilt: [] as TableDigest[] };
    const tables = [...new Set([...live.tables(), ...rebuilt.tables()])].filter((table) => !skipRowsOf.includes(table)).sort();
    for (const table of tables) {
      const sides = [
        { file: live, digests: digests.live, has: live.tables().includes(table) },
        { file: rebuilt, digests: digests.rebuilt, has: rebuilt.tables().includes(table) },
      ];
      const columns = sides.find((s) => s.has)!.file.columns(table);
      const iterators = sides.map((s) => (s.has ? s.file.rows(table, s.file.columns(table)) : undefined));
      const hashes = sides.map(() => createHash('sha256'));
      const counts = [0, 0];
      for (let row = 1; ; row++) {
        const next = iterators.map((it) => it?.next());
        const rows = next.map((n) => (n && !n.done ? n.value : undefined));
        if (rows.every((r) => r === undefined)) break;
        const lines = rows.map((r) => (r === undefined ? undefined : canonical(r, columns)));
        lines.forEach((line, i) => {
          if (line === undefined) return;
          hashes[i].update(line).update('\n');
          counts[i]++;
        });
        if (!firstDifference && lines[0] !== lines[1]) firstDifference = { table, row, live: readable(rows[0]), rebuilt: readable(rows[1]) };
      }
      sides.forEach((s, i) => {
        if (s.has) s.digests.push({ table, rows: counts[i], sha256: hashes[i].digest('hex') });
      });
    }
    return { live: digests.live, rebuilt: digests.rebuilt, ...(firstDifference ? { firstDifference } : {}) };
  } finally {
    live.close();
    rebuilt.close();
  }
}

/** One digest of the whole database: sha256 over the table digests in name order. */
export function overallDigest(tables: readonly TableDigest[]): string {
  const hash = createHash('sha256');
  for (const t of tables) hash.update(`${t.table} ${t.rows} ${t.sha256}\n`);
  return hash.digest('hex');
}
