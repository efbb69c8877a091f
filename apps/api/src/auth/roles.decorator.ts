import { SetMetadata } from '@nestjs/common';
import { Role } from '@groupcap/domain';

export const REQUIRED_ROLES = 'groupcap:roles';

/** Any one of these roles may call the endpoint. An endpoint without @Roles (and not @Public) is refused to everyone. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);
