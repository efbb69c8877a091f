import { Controller, ExecutionContext, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { Role } from '@groupcap/domain';
import { HttpRequest } from '../http/http-types';
import { ProblemException } from '../problems/problem-details';
import { mintAccessToken } from './access-token';
import { hs256Key } from './hs256-key';
import { JwtAuthGuard } from './jwt-auth.guard';
import { Public } from './public.decorator';
import { Roles } from './roles.decorator';
import { RolesGuard } from './roles.guard';

const SECRET = 'unit-test-secret-0123456789abcdef';

@Controller()
class Sample {
  @Get() @Roles('approver') approve(): void {}
  @Get() @Roles('officer', 'risk') read(): void {}
  @Get() @Public() health(): void {}
  @Get() unmarked(): void {}
}

function contextFor(handler: keyof Sample, req: HttpRequest): ExecutionContext {
  return {
    getHandler: () => Sample.prototype[handler],
    getClass: () => Sample,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
}

const request = (authorization?: string): HttpRequest => ({ method: 'GET', originalUrl: '/', headers: authorization ? { authorization } : {} });

async function problemOf(run: () => unknown): Promise<ProblemException> {
  try {
    await run();
  } catch (error) {
    return error as ProblemException;
  }
  throw new Error('expected a problem');
}

describe('JwtAuthGuard', () => {
  // As AuthModule configures it: the secret as a key object made once.
  const guard = new JwtAuthGuard(new Reflector(), new JwtService({ secret: hs256Key(SECRET), verifyOptions: { algorithms: ['HS256'] } }));
  const bearer = (sub: string, roles: Role[], secret = SECRET) => `Bearer ${mintAccessToken(secret, sub, roles, 60)}`;

  it('puts the verified principal on the request', async () => {
    const req = request(bearer('alice', ['officer']));
    await expect(guard.canActivate(contextFor('read', req))).resolves.toBe(true);
    expect(req.principal).toEqual({ userId: 'alice', roles: ['officer'] });
  });

  it.each([
    ['no header', undefined],
    ['not a bearer token', 'Basic YWxpY2U6cw=='],
    ['garbage', 'Bearer not.a.jwt'],
  ])('answers 401 UNAUTHENTICATED for %s', async (_, header) => {
    const problem = await problemOf(() => guard.canActivate(contextFor('read', request(header))));
    expect([problem.code, problem.status]).toEqual(['UNAUTHENTICATED', 401]);
  });

  it('answers 401 for a token signed with another secret', async () => {
    const problem = await problemOf(() => guard.canActivate(contextFor('read', request(bearer('alice', ['officer'], 'another-secret-0123456789abcdef')))));
    expect(problem.code).toBe('UNAUTHENTICATED');
  });

  it('answers 401 for an expired token', async () => {
    const expired = new JwtService().sign({ sub: 'alice', roles: ['officer'], exp: Math.floor(Date.now() / 1000) - 10 }, { secret: SECRET });
    const problem = await problemOf(() => guard.canActivate(contextFor('read', request(`Bearer ${expired}`))));
    expect(problem.code).toBe('UNAUTHENTICATED');
  });

  it('answers 401 for a token with a different algorithm', async () => {
    const hs512 = new JwtService().sign({ sub: 'alice', roles: ['officer'] }, { secret: SECRET, algorithm: 'HS512', expiresIn: 60 });
    const problem = await problemOf(() => guard.canActivate(contextFor('read', request(`Bearer ${hs512}`))));
    expect(problem.code).toBe('UNAUTHENTICATED');
  });

  it('lets a public endpoint through without a token', async () => {
    await expect(guard.canActivate(contextFor('health', request()))).resolves.toBe(true);
  });

  it('verifies with the key object exactly as with the secret string: same claims, same refusals', async () => {
    const byString = new JwtService({ secret: SECRET });
    const byKey = new JwtService({ secret: hs256Key(SECRET) });
    const token = mintAccessToken(SECRET, 'alice', ['officer'], 60);
    expect(await byKey.verifyAsync(token, { algorithms: ['HS256'] })).toEqual(await byString.verifyAsync(token, { algorithms: ['HS256'] }));
    // A token the key object signs is one the string verifies, byte for byte the same signature.
    const claims = { sub: 'bob', roles: ['risk'], exp: 2_000_000_000, iat: 1_700_000_000 };
    expect(byKey.sign(claims, { algorithm: 'HS256' })).toBe(byString.sign(claims, { algorithm: 'HS256' }));
    const forged = mintAccessToken('another-secret-0123456789abcdef', 'alice', ['officer'], 60);
    await expect(byKey.verifyAsync(forged, { algorithms: ['HS256'] })).rejects.toThrow('invalid signature');
  });

  it('keeps a secret with non-ASCII characters as its UTF-8 bytes, as jsonwebtoken does with a string', async () => {
    const secret = '密钥-secret-ü-0123456789abcdef0123';
    expect(hs256Key(secret).export()).toEqual(Buffer.from(secret, 'utf8'));
    const token = mintAccessToken(secret, 'alice', ['officer'], 60);
    await expect(new JwtService({ secret: hs256Key(secret) }).verifyAsync(token, { algorithms: ['HS256'] })).resolves.toMatchObject({ sub: 'alice' });
  });
});

describe('RolesGuard', () => {
  const guard = new RolesGuard(new Reflector());
  const as = (...roles: Role[]): HttpRequest => ({ ...request(), principal: { userId: 'u', roles } });

  it('allows any one of the listed roles', () => {
    expect(guard.canActivate(contextFor('read', as('risk')))).toBe(true);
    expect(guard.canActivate(contextFor('approve', as('officer', 'approver')))).toBe(true);
  });

  it('answers 403 FORBIDDEN for a role the endpoint does not list', async () => {
    const problem = await problemOf(() => guard.canActivate(contextFor('approve', as('officer'))));
    expect([problem.code, problem.status]).toEqual(['FORBIDDEN', 403]);
    expect(problem.extensions.requiredRoles).toEqual(['approver']);
  });

  it('refuses everyone on an endpoint without @Roles', async () => {
    const problem = await problemOf(() => guard.canActivate(contextFor('unmarked', as('officer', 'approver', 'risk', 'regulator', 'admin'))));
    expect(problem.code).toBe('FORBIDDEN');
  });

  it('lets a public endpoint through', () => {
    expect(guard.canActivate(contextFor('health', request()))).toBe(true);
  });
});
