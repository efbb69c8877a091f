import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'groupcap:isPublic';

/** The endpoint needs no token (health). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
