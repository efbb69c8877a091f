import { ConfigError } from './api-config';
import { readHardeningConfig } from './hardening-config';

describe('hardening configuration', () => {
  it('outside production: every interface, docs and metrics open, a limit no test reaches, 12 h tokens', () => {
    expect(readHardeningConfig({ NODE_ENV: 'test' })).toEqual({
      host: undefined,
      rateLimit: { limit: 1_000_000, windowSeconds: 60 },
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      docs: 'public',
      metrics: 'public',
      token: { maxTtlSeconds: 43_200 },
      logLevel: 'info',
    });
  });

  it('in production: docs off, metrics behind a token, 1200 requests a minute per user', () => {
    expect(readHardeningConfig({ NODE_ENV: 'production' })).toMatchObject({ docs: 'off', metrics: 'auth', rateLimit: { limit: 1200, windowSeconds: 60 } });
  });

  it('reads every setting', () => {
    expect(
      readHardeningConfig({
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        RATE_LIMIT: '50',
        RATE_LIMIT_WINDOW_SECONDS: '10',
        HTTP_HEADERS_TIMEOUT_MS: '2000',
        HTTP_REQUEST_TIMEOUT_MS: '5000',
        DOCS: 'auth',
        METRICS: 'public',
        AUTH_TOKEN_MAX_TTL_SECONDS: '3600',
        AUTH_JWT_ISSUER: 'https://sso.bank.example',
        AUTH_JWT_AUDIENCE: 'groupcap',
        LOG_LEVEL: 'warn',
      }),
    ).toEqual({
      host: '127.0.0.1',
      rateLimit: { limit: 50, windowSeconds: 10 },
      headersTimeoutMs: 2000,
      requestTimeoutMs: 5000,
      docs: 'auth',
      metrics: 'public',
      token: { maxTtlSeconds: 3600, issuer: 'https://sso.bank.example', audience: 'groupcap' },
      logLevel: 'warn',
    });
  });

  it('RATE_LIMIT=0 turns the limit off', () => {
    expect(readHardeningConfig({ NODE_ENV: 'production', RATE_LIMIT: '0' }).rateLimit).toBeUndefined();
  });

  it.each([
    [{ RATE_LIMIT: '-1' }, /RATE_LIMIT must be a whole number/],
    [{ RATE_LIMIT: 'lots' }, /RATE_LIMIT must be a whole number/],
    [{ RATE_LIMIT_WINDOW_SECONDS: '0' }, /RATE_LIMIT_WINDOW_SECONDS/],
    [{ HTTP_HEADERS_TIMEOUT_MS: '1.5' }, /HTTP_HEADERS_TIMEOUT_MS/],
    [{ HTTP_HEADERS_TIMEOUT_MS: '5000', HTTP_REQUEST_TIMEOUT_MS: '1000' }, /HTTP_REQUEST_TIMEOUT_MS \(1000\) must be at least HTTP_HEADERS_TIMEOUT_MS/],
    [{ DOCS: 'private' }, /DOCS must be one of public, auth, off/],
    [{ METRICS: 'on' }, /METRICS must be one of public, auth, off/],
    [{ AUTH_TOKEN_MAX_TTL_SECONDS: '0' }, /AUTH_TOKEN_MAX_TTL_SECONDS/],
    [{ LOG_LEVEL: 'verbose' }, /LOG_LEVEL/],
  ])('refuses %p', (env, message) => {
    expect(() => readHardeningConfig(env)).toThrow(ConfigError);
    expect(() => readHardeningConfig(env)).toThrow(message);
  });
});
