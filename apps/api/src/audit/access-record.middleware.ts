import { Inject, Injectable, Logger, NestMiddleware } from '@nestjs/common';
import { AuditRecorder } from '@groupcap/audit';
import { correlationIdOf } from '../http/correlation-id';
import { HttpRequest } from '../http/http-types';
import { PROBLEM_CONTENT_TYPE, ProblemException } from '../problems/problem-details';
import { accessRecord, problemCodeOf } from './access-record';
import { auditLine } from './audit-line';

export const AUDIT_RECORDER = Symbol('AUDIT_RECORDER');

interface RecordedResponse {
  statusCode: number;
  headersSent: boolean;
  send(body?: unknown): unknown;
  setHeader(name: string, value: string): unknown;
  status(code: number): unknown;
  once(event: 'finish', listener: () => void): unknown;
}

/**
 * Records every request under /api/v1 that domain.md section 7 asks for (see accessRecord), durably, in the
 * access and refusal records, under the request's one correlation id (http/correlation-id.ts: the one the JSON
 * request log carries, echoed in the answer and recorded in the command's events), so a record, its log line and
 * the events it led to are found together.
 *
 * When: a read that succeeded is answered only once its record is durable (no record, no data: 503 if the
 * record cannot be written); denials and refused commands are answered at once and recorded in the next batch,
 * a few milliseconds later. Answers streamed as files (report CSV, XLSX) are recorded as they finish.
 *
 * domain.md section 7 also asks that every read of customer-level data by a person be auditable in the logs:
 * each successful GET by an authenticated caller writes one `api-read` line on the "audit" logger once its
 * access record is durable (a read refused for want of one showed nothing). That is done here, where every
 * answer under /api/v1 is already seen, rather than in a global interceptor: any interceptor puts Nest's rxjs
 * pipeline (and two AsyncResource.bind) on every route, commands included, about 5% of the server's time
 * under the HTTP bench.
 */
@Injectable()
export class AccessRecordMiddleware implements NestMiddleware {
  private readonly logger = new Logger('audit');

  constructor(@Inject(AUDIT_RECORDER) private readonly recorder: AuditRecorder) {}

  use(req: HttpRequest, res: RecordedResponse, next: () => void): void {
    // The request log (when there is one) gave it first: one id per request, in the log lines, the answer, the
    // record and the command's events.
    const correlationId = correlationIdOf(req, res);
    const started = Date.now();
    const exchange = (status: number, body: unknown) => ({
      method: req.method,
      url: req.originalUrl,
      body: req.body,
      principal: req.principal,
      status,
      code: status >= 400 ? problemCodeOf(body) : undefined,
      correlationId,
      remoteAddress: (req as { socket?: { remoteAddress?: string } }).socket?.remoteAddress,
      at: new Date(),
    });

    let recorded = false;
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      if (recorded) return send(body);
      recorded = true;
      const record = accessRecord(exchange(res.statusCode, body));
      if (record === undefined) return send(body);
      if (record.kind === 'read' && res.statusCode < 400) {
        this.recorder.record(record).then(
          () => {
            this.logRead(req, res.statusCode, started);
            send(body);
          },
          (error: unknown) => {
            this.logger.error(`a read was refused: its access record could not be written (${(error as Error).message})`);
            if (res.headersSent) return;
            const problem = new ProblemException('STORE_UNAVAILABLE', 'the access record of this read could not be written; nothing was shown');
            res.status(problem.status);
            res.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
            res.setHeader('Retry-After', '1');
            send(JSON.stringify(problem.toProblem(req.originalUrl.split('?')[0])));
          },
        );
        return res;
      }
      this.recordLater(record);
      return send(body);
    };
    // Streamed answers (StreamableFile) never pass through send.
    res.once('finish', () => {
      if (recorded) return;
      recorded = true;
      const record = accessRecord(exchange(res.statusCode, undefined));
      if (record === undefined) return;
      if (record.kind === 'read' && res.statusCode < 400) this.logRead(req, res.statusCode, started);
      this.recordLater(record);
    });
    next();
  }

  /** The `api-read` line: a GET (HEAD shows nothing) that succeeded, by an authenticated caller. */
  private logRead(req: HttpRequest, status: number, started: number): void {
    if (req.method !== 'GET' || !req.principal) return;
    this.logger.log(auditLine('api-read', req.principal, { method: req.method, path: req.originalUrl, status, durationMs: Date.now() - started }));
  }

  private recordLater(record: NonNullable<ReturnType<typeof accessRecord>>): void {
    this.recorder.record(record).catch((error: unknown) => {
      this.logger.error(`an access record could not be written and is lost: ${JSON.stringify(record)} (${(error as Error).message})`);
    });
  }
}
