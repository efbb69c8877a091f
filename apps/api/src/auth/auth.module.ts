import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { hs256Key } from './hs256-key';
import { JwtAuthGuard } from './jwt-auth.guard';
import { RolesGuard } from './roles.guard';

/** Authentication then authorisation, on every route unless marked @Public. */
@Module({})
export class AuthModule {
  static register(secret: string): DynamicModule {
    return {
      module: AuthModule,
      imports: [JwtModule.register({ secret: hs256Key(secret), signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } })],
      providers: [
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
    };
  }
}
