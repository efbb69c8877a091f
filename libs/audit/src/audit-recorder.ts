import type { AuditRecordData, AuditRecordLog } from '@groupcap/event-store';

export interface AuditRecorderOptions {
  /** How long a record waits for others to share its write. Default 5 ms. */
  flushIntervalMs?: number;
  /** A batch this large is written at once. Default 256. */
  maxBatch?: number;
}

interface Pending {
  record: AuditRecordData;
  done: () => void;
  failed: (error: unknown) => void;
}

/**
 * Group commit for access and refusal records: records arriving within a few milliseconds are chained and written
 * in one append (one transaction and fsync on SQLite), one append at a time so the chain follows arrival order.
 * `record` resolves once the record is durable. Without a record log (test doubles) records go nowhere.
 */
export class AuditRecorder {
  private readonly flushIntervalMs: number;
  private readonly maxBatch: number;
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** Records written, and records whose write failed: for /metrics and tests. */
  readonly stats = { written: 0, failed: 0 };

  constructor(
    private readonly log: AuditRecordLog | undefined,
    options: AuditRecorderOptions = {},
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? 5;
    this.maxBatch = options.maxBatch ?? 256;
  }

  /** Resolves when the record is durable; rejects when it could not be written (the caller decides what that costs). */
  record(record: AuditRecordData): Promise<void> {
    if (this.log === undefined) return Promise.resolve();
    return new Promise<void>((done, failed) => {
      this.queue.push({ record, done, failed });
      if (this.queue.length >= this.maxBatch) this.flushSoon(0);
      else this.flushSoon(this.flushIntervalMs);
    });
  }

  /** Writes everything queued so far; resolves when it is durable (or failed). */
  async flush(): Promise<void> {
    this.clearTimer();
    const taken = this.queue;
    this.queue = [];
    const write = this.writing.then(() => this.write(taken));
    this.writing = write;
    await write;
  }

  private flushSoon(delayMs: number): void {
    if (this.timer !== undefined && delayMs > 0) return;
    this.clearTimer();
    this.timer = setTimeout(() => void this.flush(), delayMs);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async write(batch: Pending[]): Promise<void> {
    for (let start = 0; start < batch.length; start += this.maxBatch) {
      const part = batch.slice(start, start + this.maxBatch);
      try {
        await (this.log as AuditRecordLog).append(part.map((p) => p.record));
        this.stats.written += part.length;
        for (const p of part) p.done();
      } catch (error) {
        this.stats.failed += part.length;
        for (const p of part) p.failed(error);
      }
    }
  }
}
