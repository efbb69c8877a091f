import { HttpRequest } from './http-types';
import { unsupportedBody } from './json-body.middleware';

const request = (method: string, headers: Record<string, string>): HttpRequest => ({ method, originalUrl: '/api/v1/customers', headers });

describe('JSON-only command bodies', () => {
  it('refuses a text/plain body on a command with 415 UNSUPPORTED_MEDIA_TYPE saying it must be application/json', () => {
    const problem = unsupportedBody(request('POST', { 'content-type': 'text/plain;charset=UTF-8', 'content-length': '40' }));
    expect([problem?.code, problem?.status]).toEqual(['UNSUPPORTED_MEDIA_TYPE', 415]);
    expect(problem?.detail).toBe('the request body must be application/json, not text/plain');
    expect(problem?.extensions).toEqual({ contentType: 'text/plain', supported: ['application/json'] });
  });

  it('refuses a chunked body without any Content-Type', () => {
    expect(unsupportedBody(request('PUT', { 'transfer-encoding': 'chunked' }))?.detail).toBe('the request body must be application/json (it came without a Content-Type)');
  });

  it('accepts JSON whatever its parameters and case, and commands without a body', () => {
    expect(unsupportedBody(request('POST', { 'content-type': 'Application/JSON; charset=utf-8', 'content-length': '2' }))).toBeUndefined();
    expect(unsupportedBody(request('POST', { 'content-type': 'text/plain', 'content-length': '0' }))).toBeUndefined();
    expect(unsupportedBody(request('DELETE', {}))).toBeUndefined();
  });

  it('leaves reads alone', () => {
    expect(unsupportedBody(request('GET', { 'content-type': 'text/plain', 'content-length': '5' }))).toBeUndefined();
  });
});
