import { HttpRequest } from '../http/http-types';
import { ProblemException } from '../problems/problem-details';
import { readCommandEnvelope } from './command-envelope';
import { requestHash } from './request-hash';

function request(headers: Record<string, string>): HttpRequest {
  return {
    method: 'POST',
    originalUrl: '/api/v1/customers?x=1',
    headers,
    body: { customerId: 'C1' },
    principal: { userId: 'alice', roles: ['officer'] },
  };
}

describe('command envelope', () => {
  it('carries the actor, the key with the hash of method, path and body, and the trace ids', () => {
    const envelope = readCommandEnvelope(request({ 'idempotency-key': 'k-1', 'x-command-id': 'cmd-1', 'x-correlation-id': 'corr-1' }));
    expect(envelope).toEqual({
      actor: { userId: 'alice', roles: ['officer'] },
      idempotency: { key: 'k-1', requestHash: requestHash('POST', '/api/v1/customers', { customerId: 'C1' }) },
      commandId: 'cmd-1',
      requestHash: requestHash('POST', '/api/v1/customers', { customerId: 'C1' }),
      correlationId: 'corr-1',
    });
  });

  it('binds a command id to the request even without an Idempotency-Key', () => {
    expect(readCommandEnvelope(request({ 'x-command-id': 'cmd-1' }))).toEqual({
      actor: { userId: 'alice', roles: ['officer'] },
      commandId: 'cmd-1',
      requestHash: requestHash('POST', '/api/v1/customers', { customerId: 'C1' }),
    });
  });

  it('has no idempotency without the header', () => {
    expect(readCommandEnvelope(request({}))).toEqual({ actor: { userId: 'alice', roles: ['officer'] } });
  });

  it('refuses a key over 128 characters and malformed trace ids, listing each', () => {
    try {
      readCommandEnvelope(request({ 'idempotency-key': 'k'.repeat(129), 'x-command-id': 'has space' }));
      throw new Error('expected a problem');
    } catch (error) {
      const problem = error as ProblemException;
      expect(problem.code).toBe('VALIDATION_FAILED');
      expect((problem.extensions.errors as Array<{ field: string }>).map((e) => e.field)).toEqual(['Idempotency-Key', 'X-Command-Id']);
    }
  });

  it('refuses an Idempotency-Key sent twice, which Node hands over joined as "kx, ky"', () => {
    const twice: HttpRequest = { ...request({ 'idempotency-key': 'kx, ky' }), headersDistinct: { 'idempotency-key': ['kx', 'ky'] } };
    try {
      readCommandEnvelope(twice);
      throw new Error('expected a problem');
    } catch (error) {
      const problem = error as ProblemException;
      expect([problem.code, problem.status]).toEqual(['VALIDATION_FAILED', 400]);
      expect(problem.extensions.errors).toEqual([{ field: 'Idempotency-Key', message: 'must be sent once' }]);
    }
  });

  it('accepts a key of exactly 128 characters', () => {
    expect(readCommandEnvelope(request({ 'idempotency-key': 'k'.repeat(128) })).idempotency?.key).toHaveLength(128);
  });
});
