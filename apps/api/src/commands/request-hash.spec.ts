import { canonicalJson, requestHash } from './request-hash';

describe('request hash', () => {
  it('ignores key order at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
    expect(requestHash('POST', '/api/v1/limits', { amount: '1.00', limitId: 'L1' })).toBe(requestHash('post', '/api/v1/limits', { limitId: 'L1', amount: '1.00' }));
  });

  it('differs when the body, the path or the method differs', () => {
    const base = requestHash('POST', '/api/v1/limits', { amount: '1.00' });
    expect(requestHash('POST', '/api/v1/limits', { amount: '1.01' })).not.toBe(base);
    expect(requestHash('POST', '/api/v1/limits/L1/renewal', { amount: '1.00' })).not.toBe(base);
    expect(requestHash('PUT', '/api/v1/limits', { amount: '1.00' })).not.toBe(base);
  });

  it('treats a missing body as an empty object and is hex sha256', () => {
    expect(requestHash('POST', '/p', undefined)).toBe(requestHash('POST', '/p', {}));
    expect(requestHash('POST', '/p', {})).toMatch(/^[0-9a-f]{64}$/);
  });
});
