import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { headerValue, HttpRequest } from '../http/http-types';
import { ProblemException } from '../problems/problem-details';
import { principalFromClaims } from './principal';
import { IS_PUBLIC } from './public.decorator';

const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

/** 401 unless the request carries a valid HS256 token; the verified principal is put on the request. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<HttpRequest>();
    const match = BEARER.exec(headerValue(req, 'authorization') ?? '');
    if (!match) throw new ProblemException('UNAUTHENTICATED', 'an Authorization: Bearer <token> header is required');
    let claims: unknown;
    try {
      claims = await this.jwt.verifyAsync(match[1], { algorithms: ['HS256'] });
    } catch (error) {
      throw new ProblemException('UNAUTHENTICATED', `the bearer token is not valid: ${(error as Error).message}`);
    }
    const principal = principalFromClaims(claims);
    if (!principal) {
      throw new ProblemException('UNAUTHENTICATED', 'the bearer token must carry sub, exp and roles (officer, approver, risk, regulator, admin)');
    }
    req.principal = principal;
    return true;
  }
}
