import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '@groupcap/domain';
import { HttpRequest } from '../http/http-types';
import { ProblemException } from '../problems/problem-details';
import { IS_PUBLIC } from './public.decorator';
import { REQUIRED_ROLES } from './roles.decorator';

/** 403 unless the caller holds one of the endpoint's roles. Runs after JwtAuthGuard. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets) ?? [];
    const principal = context.switchToHttp().getRequest<HttpRequest>().principal;
    if (principal && principal.roles.some((role) => required.includes(role))) return true;
    throw new ProblemException('FORBIDDEN', `this call needs one of the roles: ${required.join(', ') || '(none granted)'}`, {
      requiredRoles: required,
      roles: principal?.roles ?? [],
    });
  }
}
