import { ConfigError, readApiConfig } from './api-config';
import { businessToday } from './business-today';

describe('API configuration', () => {
  it('defaults to port 3000, ./data, role all, development, no fixed date', () => {
    expect(readApiConfig({})).toEqual({ port: 3000, dataDir: './data', readModelDir: './data', businessDate: undefined, production: false, serverRole: 'all', jwtSecret: undefined, idempotencyRetentionDays: 7, projectionThread: 'worker', writerThread: 'inline', keepingThread: true, heapGrowingPercent: 50 });
  });

  it('reads every setting', () => {
    expect(
      readApiConfig({ PORT: '8080', DATA_DIR: '/var/groupcap', READ_MODEL_DIR: '/var/groupcap-reader', BUSINESS_DATE: '2025-03-31', NODE_ENV: 'production', SERVER_ROLE: 'reader', AUTH_JWT_SECRET: 's', IDEMPOTENCY_RETENTION_DAYS: '30', WRITER_THREAD: 'worker', KEEPING_THREAD: 'off', HEAP_GROWING_PERCENT: '0' }),
    ).toEqual({ port: 8080, dataDir: '/var/groupcap', readModelDir: '/var/groupcap-reader', businessDate: '2025-03-31', production: true, serverRole: 'reader', jwtSecret: 's', idempotencyRetentionDays: 30, projectionThread: 'worker', writerThread: 'worker', keepingThread: false, heapGrowingPercent: 0 });
  });

  it('applies the projection on the main thread when asked', () => {
    expect(readApiConfig({ PROJECTION_THREAD: 'inline' }).projectionThread).toBe('inline');
  });

  it.each([
    [{ PORT: 'http' }, /PORT/],
    [{ BUSINESS_DATE: '2025-02-29' }, /BUSINESS_DATE/],
    [{ SERVER_ROLE: 'leader' }, /SERVER_ROLE/],
    [{ PROJECTION_THREAD: 'yes' }, /PROJECTION_THREAD must be one of worker, inline/],
    [{ WRITER_THREAD: 'main' }, /WRITER_THREAD must be one of inline, worker, got "main"/],
    [{ KEEPING_THREAD: 'yes' }, /KEEPING_THREAD must be on or off, got "yes"/],
    [{ IDEMPOTENCY_RETENTION_DAYS: '1' }, /IDEMPOTENCY_RETENTION_DAYS must be a number of days, at least 7/],
    [{ IDEMPOTENCY_RETENTION_DAYS: 'a week' }, /IDEMPOTENCY_RETENTION_DAYS/],
    [{ HEAP_GROWING_PERCENT: '301' }, /HEAP_GROWING_PERCENT must be a whole number, from 0 to 300, got "301"/],
    [{ HEAP_GROWING_PERCENT: '1.5' }, /HEAP_GROWING_PERCENT/],
    [{ HEAP_GROWING_PERCENT: '-10' }, /HEAP_GROWING_PERCENT/],
  ])('refuses %p', (env, message) => {
    expect(() => readApiConfig(env)).toThrow(ConfigError);
    expect(() => readApiConfig(env)).toThrow(message);
  });
});

describe('business today', () => {
  it('is the fixed BUSINESS_DATE when set', () => {
    expect(businessToday('2025-03-31', () => new Date('2030-01-01T00:00:00Z'))()).toBe('2025-03-31');
  });

  it('is the date in China time otherwise: 16:00 UTC on 31 March is already 1 April in Beijing', () => {
    expect(businessToday(undefined, () => new Date('2025-03-31T16:00:00Z'))()).toBe('2025-04-01');
    expect(businessToday(undefined, () => new Date('2025-03-31T15:59:59Z'))()).toBe('2025-03-31');
  });
});
