import { DynamicModule, Module, Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import type { RateLimit, TokenPolicy } from '../config/hardening-config';
import { RateLimitGuard } from '../http/rate-limit.guard';
import { DEFAULT_TOKEN_POLICY, TOKEN_POLICY } from './access-token-verifier';
import { hs256Key } from './hs256-key';
import { JwtAuthGuard } from './jwt-auth.guard';
import { RolesGuard } from './roles.guard';

export interface AuthOptions {
  tokenPolicy?: TokenPolicy;
  /** Omitted: no rate limit. */
  rateLimit?: RateLimit;
}

/**
 * On every route unless marked @Public: authentication, then the per-user rate limit, then authorisation.
 * Global guards run in the order they are provided: the limit knows the user, and counts refused calls too.
 */
@Module({})
export class AuthModule {
  static register(secret: string, options: AuthOptions = {}): DynamicModule {
    const rateLimit = options.rateLimit;
    const guards: Provider[] = [
      { provide: APP_GUARD, useClass: JwtAuthGuard },
      ...(rateLimit ? [{ provide: APP_GUARD, useClass: RateLimitGuard }] : []),
      { provide: APP_GUARD, useClass: RolesGuard },
    ];
    return {
      module: AuthModule,
      imports: [
        JwtModule.register({ secret: hs256Key(secret), signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
        ...(rateLimit ? [ThrottlerModule.forRoot({ throttlers: [{ name: 'default', ttl: rateLimit.windowSeconds * 1000, limit: rateLimit.limit }] })] : []),
      ],
      providers: [{ provide: TOKEN_POLICY, useValue: options.tokenPolicy ?? DEFAULT_TOKEN_POLICY }, ...guards],
    };
  }
}
