import { sha256Apart } from './sha256-apart';

describe('sha256Apart', () => {
  it('hashes the bytes and then the suffix, on another thread, whether or not the bytes are in shared memory', async () => {
    // FIPS 180-2's example: SHA-256("abc").
    const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(await sha256Apart(Buffer.from('ab'), 'c')).toBe(abc);
    const shared = Buffer.from(new SharedArrayBuffer(5));
    shared.write('xabcx');
    expect(await sha256Apart(shared.subarray(1, 4), '')).toBe(abc);
    // SHA-256 of nothing at all.
    expect(await sha256Apart(new Uint8Array(0), '')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
