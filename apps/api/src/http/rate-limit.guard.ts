import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { HttpRequest, requestPath } from './http-types';
import { ProblemException } from '../problems/problem-details';

/** Load balancers poll it; it must never be refused for being asked often. */
const UNLIMITED_PATHS: ReadonlySet<string> = new Set(['/health']);

/**
 * One budget per user across every endpoint (RATE_LIMIT requests per RATE_LIMIT_WINDOW_SECONDS). Runs after
 * authentication, so the user is the token's `sub`; public endpoints count per client address. Over the
 * budget: 429 RATE_LIMITED with Retry-After.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return UNLIMITED_PATHS.has(requestPath(context.switchToHttp().getRequest<HttpRequest>()));
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const { principal, ip } = req as unknown as HttpRequest & { ip?: string };
    return principal ? `user:${principal.userId}` : `address:${ip ?? 'unknown'}`;
  }

  /** The default key is per route; a user's budget covers all of them. */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const windowSeconds = detail.ttl / 1000;
    throw new ProblemException('RATE_LIMITED', `too many requests: at most ${detail.limit} every ${windowSeconds} s per user; retry after ${detail.timeToBlockExpire} s`, {
      limit: detail.limit,
      windowSeconds,
      retryAfter: detail.timeToBlockExpire,
    });
  }
}
