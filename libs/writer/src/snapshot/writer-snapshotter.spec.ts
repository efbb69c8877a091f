import { initialBookState } from '@groupcap/domain';
import { EventStore } from '@groupcap/event-store';
import { SnapshotStore, WriterSnapshot } from './snapshot.store';
import { SnapshotCapture, WriterSnapshotter } from './writer-snapshotter';

/**
 * When saves happen: every `every` events for an idle writer, and spaced out by twice the events that arrived
 * during the last save for a busy one. Saves are held open by the test, so "during" is exact, not timed.
 */
describe('WriterSnapshotter spacing', () => {
  const every = 10;
  let revision: bigint;
  let saved: bigint[];
  let finishSave: (() => void) | undefined;
  let snapshotter: WriterSnapshotter;

  const snapshots: SnapshotStore = {
    load: async () => undefined,
    save: (snapshot: WriterSnapshot) =>
      new Promise<void>((resolve) => {
        saved.push(snapshot.revision);
        finishSave = resolve;
      }),
  };
  const capture = (): SnapshotCapture => {
    const point = { streamId: 'book', revision, position: revision + 1n, lastEventId: `event-${revision}` };
    return { revision, reviewedOn: null, take: () => ({ ...point, state: initialBookState, idempotency: [] }) };
  };
  /** The writer applied events up to `to` and asks, as it does after every batch. */
  const appliedThrough = (to: bigint) => {
    revision = to;
    snapshotter.maybeSave(capture, () => snapshotter.maybeSave(capture, () => undefined));
  };
  /** Lets the save in flight start (it waits a macrotask), or end and run what follows it. */
  const turn = () => new Promise((resolve) => setImmediate(resolve));

  beforeEach(() => {
    saved = [];
    finishSave = undefined;
    snapshotter = new WriterSnapshotter(snapshots, {} as EventStore, 'book', { every, onProblem: () => undefined });
  });

  it('saves every `every` events when nothing arrives during a save', async () => {
    // Given an idle writer: the first save at revision 10 (10 - (-1) = 11 >= 10), finished before the next event
    appliedThrough(10n);
    await turn();
    finishSave!();
    await turn();
    // When it reaches revision 19 (9 events since 10) and then 20 (10 since)
    appliedThrough(19n);
    await turn();
    expect(saved).toEqual([10n]);
    appliedThrough(20n);
    await turn();
    // Then the second save is at 20
    expect(saved).toEqual([10n, 20n]);
  });

  it('waits for twice the events that arrived during the last save before the next one', async () => {
    // Given a save at revision 10 during which the writer applied 30 more events (through 40)
    appliedThrough(10n);
    await turn();
    appliedThrough(25n);
    appliedThrough(40n);
    expect(saved).toEqual([10n]); // one save at a time
    finishSave!();
    await turn();
    // When it asks again: the spacing is now 2 x 30 = 60 events after 10, so not at 40 (30) nor 69 (59)
    appliedThrough(69n);
    await turn();
    expect(saved).toEqual([10n]);
    // Then the next save is at 70 (60 after 10)
    appliedThrough(70n);
    await turn();
    expect(saved).toEqual([10n, 70n]);
    // And once a save ends with nothing applied meanwhile, the spacing is `every` again: 70 + 10 = 80
    finishSave!();
    await turn();
    appliedThrough(80n);
    await turn();
    expect(saved).toEqual([10n, 70n, 80n]);
  });
});
