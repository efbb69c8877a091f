import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Observable, tap } from 'rxjs';
import { HttpRequest, HttpResponse, requestPath } from '../http/http-types';
import { auditLine } from './audit-line';

const AUDITED_PREFIX = '/api/v1/';

/**
 * domain.md section 7: every read of customer-level data by a person is itself auditable. One line on
 * the "audit" logger for each successful GET under /api/v1 by an authenticated caller, whatever it read;
 * refused reads never reach here (guards) or end in an error (not a read that happened).
 */
@Injectable()
export class ReadAuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('audit');

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<HttpRequest>();
    if (req.method !== 'GET' || !req.principal || !requestPath(req).startsWith(AUDITED_PREFIX)) return next.handle();
    const started = Date.now();
    return next.handle().pipe(
      tap(() => {
        const { statusCode } = http.getResponse<HttpResponse>();
        if (statusCode >= 400) return;
        this.logger.log(
          auditLine('api-read', req.principal, { method: req.method, path: req.originalUrl, status: statusCode, durationMs: Date.now() - started }),
        );
      }),
    );
  }
}
