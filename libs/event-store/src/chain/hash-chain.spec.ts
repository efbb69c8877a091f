import { createHash } from 'node:crypto';
import { ChainedEvent, StoredAuditRecord } from './chain.port';
import { GENESIS_HASH, canonicalJson, chainHash, eventChainHash } from './hash-chain';
import { verifyAuditChain, verifyLogChain } from './verify-chain';
import { auditRecord } from '../testing/chain.contract';
import { RecordedEvent } from '../event-store.port';

async function* from<T>(items: readonly T[]): AsyncIterable<T> {
  yield* items;
}

describe('canonical JSON', () => {
  it('sorts keys at every depth and leaves out undefined members, as JSON.stringify would drop them', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: null, y: 'x' }], c: undefined } })).toBe('{"a":{"d":[1,{"y":"x","z":null}]},"b":1}');
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
    expect(canonicalJson([undefined])).toBe('[null]');
  });

  it('refuses what JSON cannot carry', () => {
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
  });
});

describe('hash chain links', () => {
  it('is sha256 of the previous hash, a newline and the canonical text', () => {
    const expected = createHash('sha256').update(`${GENESIS_HASH}\n{"a":1}`).digest('hex');
    expect(chainHash(GENESIS_HASH, '{"a":1}')).toBe(expected);
  });
});

function chainOf(streamId: string, count: number): ChainedEvent[] {
  let link = GENESIS_HASH;
  return Array.from({ length: count }, (_, i) => {
    const event: RecordedEvent = {
      id: `e${i}`, streamId, revision: BigInt(i), position: BigInt(10 + i * 3), type: 'T', version: 1, data: { i }, metadata: {} as RecordedEvent['metadata'],
    };
    link = eventChainHash(link, event);
    return { event, chainHash: link };
  });
}

describe('verifyLogChain', () => {
  it('accepts an untouched log and names each stream head', async () => {
    const chain = chainOf('book', 4);
    await expect(verifyLogChain(from(chain))).resolves.toEqual({ ok: true, events: 4, unchained: 0, streams: [{ streamId: 'book', revision: 3n, hash: chain[3].chainHash }] });
  });

  it('finds an altered event', async () => {
    const chain = chainOf('book', 4);
    chain[2] = { ...chain[2], event: { ...chain[2].event, data: { i: 99 } } };
    await expect(verifyLogChain(from(chain))).resolves.toMatchObject({ ok: false, events: 2, problem: { at: '16', reason: expect.stringContaining('it was altered') } });
  });

  it('finds a removed event and two events swapped', async () => {
    const chain = chainOf('book', 4);
    await expect(verifyLogChain(from([chain[0], chain[2], chain[3]]))).resolves.toMatchObject({ ok: false, problem: { reason: expect.stringContaining('events were removed') } });
    const swapped = [chain[0], { ...chain[2], event: { ...chain[2].event, position: 13n } }, { ...chain[1], event: { ...chain[1].event, position: 16n } }, chain[3]];
    await expect(verifyLogChain(from(swapped))).resolves.toMatchObject({ ok: false, problem: { at: '13' } });
  });

  it('counts events written before chaining, and refuses a link removed after chaining began', async () => {
    const legacy: ChainedEvent = { event: { ...chainOf('old', 1)[0].event }, chainHash: null };
    await expect(verifyLogChain(from([legacy]))).resolves.toMatchObject({ ok: true, unchained: 1 });
    const chain = chainOf('book', 3);
    chain[2] = { ...chain[2], chainHash: null };
    await expect(verifyLogChain(from(chain))).resolves.toMatchObject({ ok: false, problem: { reason: expect.stringContaining('its link was removed') } });
  });
});

describe('verifyAuditChain', () => {
  const records: StoredAuditRecord[] = [];
  let previous = GENESIS_HASH;
  for (const [i, user] of ['a', 'b', 'c'].entries()) {
    const record = auditRecord(user, 'C1');
    const hash = chainHash(previous, canonicalJson(record));
    records.push({ sequence: BigInt(i + 1), record, previousHash: previous, hash });
    previous = hash;
  }

  it('accepts the chain and gives its head', async () => {
    await expect(verifyAuditChain(from(records))).resolves.toEqual({ ok: true, records: 3, head: records[2].hash });
  });

  it('finds an altered, a removed and a moved record', async () => {
    const altered = [records[0], { ...records[1], record: { ...records[1].record, actor: null } }, records[2]];
    await expect(verifyAuditChain(from(altered))).resolves.toMatchObject({ ok: false, problem: { at: '2', reason: expect.stringContaining('altered') } });
    await expect(verifyAuditChain(from([records[0], records[2]]))).resolves.toMatchObject({ ok: false, problem: { at: '3', reason: expect.stringContaining('removed') } });
    await expect(verifyAuditChain(from([records[1], records[0]]))).resolves.toMatchObject({ ok: false, problem: { at: '2' } });
  });
});
