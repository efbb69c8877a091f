import { CanActivate, ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { TokenPolicy } from '../config/hardening-config';
import { headerValue, HttpRequest } from '../http/http-types';
import { AccessTokenVerifier, DEFAULT_TOKEN_POLICY, TOKEN_POLICY } from './access-token-verifier';
import { IS_PUBLIC } from './public.decorator';

/** 401 unless the request carries a valid HS256 token within the token policy; the verified principal is put on the request. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly verifier: AccessTokenVerifier;

  constructor(
    private readonly reflector: Reflector,
    jwt: JwtService,
    @Optional() @Inject(TOKEN_POLICY) policy: TokenPolicy = DEFAULT_TOKEN_POLICY,
  ) {
    this.verifier = new AccessTokenVerifier(jwt, policy ?? DEFAULT_TOKEN_POLICY);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<HttpRequest>();
    req.principal = await this.verifier.verify(headerValue(req, 'authorization'));
    return true;
  }
}
