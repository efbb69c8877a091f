import { BookState, evolve, initialBookState } from '@groupcap/domain';
import { SnapshotFormatError } from './book-state.codec';
import { WriterSnapshot } from './snapshot.store';
import { SNAPSHOT_HEADER_BYTES, SNAPSHOT_SCHEMA_VERSION, decodeSnapshot, encodeSnapshot } from './writer-snapshot.codec';

const state: BookState = evolve(initialBookState, { type: 'CustomerRegistered', data: { customerId: 'C1', name: '甲公司', kind: 'enterprise', creditCode: null } });
const snapshot: WriterSnapshot = {
  streamId: 'groupcap-book',
  revision: 41n,
  position: 1042n,
  lastEventId: '6f1c2e34-0000-4000-8000-000000000041',
  reviewedOn: '2026-11-23',
  state,
  idempotency: [
    ['officer-1:key-1', { requestHash: 'h1', revision: 6n, eventCount: 1, pendingApproval: false, position: 7n, commandId: 'cmd-1', recordedAt: Date.parse('2026-11-20T08:00:00Z') }],
    ['officer-1:key-2', { requestHash: 'h2', revision: 9n, eventCount: 0, pendingApproval: true, position: null, recordedAt: Date.parse('2026-11-21T08:00:00Z') }],
    // A client command id's binding: keyed by the id, told apart from keys by `binds`; it expires like a key.
    [
      'cmd-1',
      {
        requestHash: 'officer-1\nh1',
        revision: 6n,
        eventCount: 1,
        pendingApproval: false,
        position: 7n,
        commandId: 'cmd-1',
        recordedAt: Date.parse('2026-11-20T08:00:00Z'),
        binds: 'command-id',
      },
    ],
  ],
};
const createdAt = new Date('2026-11-23T08:00:00Z');
/** The header line and the payload bytes of a snapshot file. */
const parts = (file: Buffer) => {
  const newline = file.indexOf(0x0a);
  return { header: JSON.parse(file.toString('utf8', 0, newline)), payload: file.subarray(newline + 1) };
};
const withHeader = (header: object, payload: Buffer) => Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), payload]);

describe('writer snapshot file format', () => {
  it('reads back what it wrote: position, revision, anchor event, state, idempotency keys and command ids', async () => {
    expect(await decodeSnapshot(encodeSnapshot(snapshot, createdAt))).toEqual(snapshot);
  });

  it('starts with a one-line header a person can read with head -1, padded to its fixed size', () => {
    const file = encodeSnapshot(snapshot, createdAt);
    // The payload is written after the space kept for the header, the header over it at the end.
    expect(file.indexOf(0x0a)).toBe(SNAPSHOT_HEADER_BYTES - 1);
    const { header } = parts(file);
    expect(header).toMatchObject({
      format: 'groupcap-writer-snapshot',
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      streamId: 'groupcap-book',
      revision: '41',
      position: '1042',
      createdAt: '2026-11-23T08:00:00.000Z',
    });
  });

  it('refuses a file from another schema version', async () => {
    const { header, payload } = parts(encodeSnapshot(snapshot, createdAt));
    await expect(decodeSnapshot(withHeader({ ...header, schemaVersion: SNAPSHOT_SCHEMA_VERSION + 1 }, payload))).rejects.toThrow(`schema version ${SNAPSHOT_SCHEMA_VERSION + 1}, this build reads ${SNAPSHOT_SCHEMA_VERSION}`);
  });

  it('refuses an entry that is neither a key nor a command id, or has no recorded time to expire by', async () => {
    const [[key, command]] = snapshot.idempotency;
    const withEntry = (entry: object) => ({ ...snapshot, idempotency: [[key, entry]] }) as unknown as WriterSnapshot;
    await expect(decodeSnapshot(encodeSnapshot(withEntry({ ...command, binds: 'session' }), createdAt))).rejects.toThrow('payload.idempotency[0]: not a remembered command');
    await expect(decodeSnapshot(encodeSnapshot(withEntry({ ...command, recordedAt: undefined }), createdAt))).rejects.toThrow('payload.idempotency[0]: not a remembered command');
  });

  it('refuses a damaged payload even when every section is still well formed', async () => {
    const file = encodeSnapshot(snapshot, createdAt);
    // The customer's name, flipped in place: 甲 (U+7532) becomes 乙 (U+4E59) in the UTF-16 string table.
    const at = file.indexOf(Buffer.from('甲', 'utf16le'));
    expect(at).toBeGreaterThan(0);
    const flipped = Buffer.from(file);
    Buffer.from('乙', 'utf16le').copy(flipped, at);
    await expect(decodeSnapshot(flipped)).rejects.toThrow('payload checksum does not match: the file is damaged');
  });

  it('refuses a torn file, an empty file, a JSON snapshot of version 7 and something else entirely', async () => {
    const file = encodeSnapshot(snapshot, createdAt);
    await expect(decodeSnapshot(file.subarray(0, file.length - 10))).rejects.toThrow(SnapshotFormatError);
    await expect(decodeSnapshot(file.subarray(0, file.indexOf(0x0a)))).rejects.toThrow('no payload after the header');
    await expect(decodeSnapshot(Buffer.alloc(0))).rejects.toThrow(SnapshotFormatError);
    await expect(decodeSnapshot(Buffer.from('{"hello":"world"}\n{}'))).rejects.toThrow('not a writer snapshot');
    const { header } = parts(file);
    const { sizes: _sizes, ...older } = header;
    await expect(decodeSnapshot(withHeader({ ...older, schemaVersion: 7 }, Buffer.from('{"state":{},"idempotency":[]}')))).rejects.toThrow(`schema version 7, this build reads ${SNAPSHOT_SCHEMA_VERSION}`);
  });

  it('keeps "not known to be reviewed" apart from a date, and refuses anything else there', async () => {
    const { reviewedOn: _reviewedOn, ...unreviewed } = snapshot;
    expect(await decodeSnapshot(encodeSnapshot(unreviewed, createdAt))).toEqual(unreviewed);
    expect(parts(encodeSnapshot(unreviewed, createdAt)).header.reviewedOn).toBeNull();
    const { header, payload } = parts(encodeSnapshot(snapshot, createdAt));
    await expect(decodeSnapshot(withHeader({ ...header, reviewedOn: 'yesterday' }, payload))).rejects.toThrow('reviewedOn must be a business date or null');
    // Another date is well formed, but not what was written: the checksum covers it.
    await expect(decodeSnapshot(withHeader({ ...header, reviewedOn: '2026-11-24' }, payload))).rejects.toThrow('payload checksum does not match: the file is damaged');
  });

  it('refuses a payload whose header sizes do not match it, though its checksum does', async () => {
    const { header, payload } = parts(encodeSnapshot(snapshot, createdAt));
    // One ref more than the blocks hold: the zero bytes between sections leave room for it, the blocks do not.
    await expect(decodeSnapshot(withHeader({ ...header, sizes: { ...header.sizes, refs: header.sizes.refs + 1 } }, payload))).rejects.toThrow('the blocks do not hold what the header says');
    // As many refs more as the payload has bytes: 4 bytes each, more than the whole payload.
    await expect(decodeSnapshot(withHeader({ ...header, sizes: { ...header.sizes, refs: header.sizes.refs + payload.length } }, payload))).rejects.toThrow(
      /the payload has \d+ bytes, its header says at least \d+/,
    );
    await expect(decodeSnapshot(withHeader({ ...header, sizes: undefined }, payload))).rejects.toThrow('incomplete header');
  });
});
