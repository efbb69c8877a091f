import Database from 'better-sqlite3';
import { Subscription } from 'rxjs';
import { BookProjection } from '../projection/book.projection';

/**
 * What a killed process leaves behind: no more events come in, nothing pending is written, the database
 * handle just goes away (releasing its lock, as the operating system would). Never call stop() afterwards.
 */
export function crash(projection: BookProjection): void {
  const inside = projection as unknown as { applier: { subscription?: Subscription; flushTimer?: NodeJS.Immediate }; db: Database.Database; lock?: Database.Database };
  inside.applier.subscription?.unsubscribe();
  clearImmediate(inside.applier.flushTimer);
  inside.db.close();
  // A process that dies lets go of its locks.
  inside.lock?.close();
}
