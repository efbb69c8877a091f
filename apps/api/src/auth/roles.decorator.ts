import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { Role } from '@groupcap/domain';

export const REQUIRED_ROLES = 'groupcap:roles';

/**
 * Any one of these roles may call the endpoint. An endpoint without @Roles (and not @Public) is refused to everyone.
 * The roles are also in the OpenAPI document (`x-roles`, and "Roles: ..." in the operation's description).
 */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(REQUIRED_ROLES, roles), ApiExtension('x-roles', roles)) as MethodDecorator & ClassDecorator;
