import { BookProjection } from './book.projection';
import { TestBook } from '../testing/test-book';

/**
 * A customer's history holds the events about its groups recorded while it belonged to them. Net capital
 * 100,000,000.00 (group cap 15,000,000), lowered to 90,000,000.00 as of 02-01 (cap 13,500,000, single 9,000,000).
 *   01-03 C-P holds 60% of C-A: G000001 formed {C-A, C-P}     (before C-B: not in its history)
 *   01-05 LA C-A 6,000,000; LB C-B 9,000,000 (C-B standalone)
 *   01-10 C-P holds 70% of C-B: C-B joins G000001 (15,000,000: at the cap, not over it)
 *   02-01 lower net capital: G000001 breaches its limit cap (15,000,000 > 13,500,000)
 *   02-10 C-P holds 80% of C-C: C-C joins G000001          (C-B is a member: in its history)
 *   03-01 R2 removed: C-B leaves, and in the same command G000001 is cured (6,000,000): the cure its leaving caused
 *   03-10 C-P holds 51% of C-D: C-D joins G000001          (C-B has left: not in its history)
 */
describe('customer history with its groups', () => {
  const book = new TestBook();
  let projection: BookProjection;
  const typesOf = async (customerId: string) =>
    (await projection.customerHistory(customerId)).map((e) => {
      const data = e.data as { customerId?: string; groupId?: string; relationId?: string };
      return [e.type, data.relationId ?? data.customerId ?? data.groupId];
    });

  beforeAll(async () => {
    await book.declareCapital('2024-12-31', '100000000.00', '2025-01-02');
    for (const id of ['C-P', 'C-A', 'C-B', 'C-C', 'C-D']) await book.register(id, id, '2025-01-02');
    await book.holds('R1', 'C-P', 'C-A', '0.6', '2025-01-03');
    await book.grant('LA', 'C-A', '6000000', '2025-01-01', '2025-12-31', '2025-01-05');
    await book.grant('LB', 'C-B', '9000000', '2025-01-01', '2025-12-31', '2025-01-05');
    await book.holds('R2', 'C-P', 'C-B', '0.7', '2025-01-10');
    expect((await book.declareCapital('2025-02-01', '90000000.00')).map((e) => e.type)).toEqual(['NetCapitalDeclared', 'CapBreached']);
    await book.holds('R3', 'C-P', 'C-C', '0.8', '2025-02-10');
    const removal = await book.run({ type: 'RemoveRelation', relationId: 'R2' }, '2025-03-01');
    // C-B alone: 9,000,000 against 9,000,000 is not over its cap.
    expect(removal.map((e) => e.type)).toEqual(['RelationRemoved', 'GroupMemberLeft', 'CapBreachCured']);
    await book.holds('R4', 'C-P', 'C-D', '0.51', '2025-03-10');
    projection = new BookProjection(book.store, { today: () => '2025-03-31' });
    await projection.start();
  });

  afterAll(async () => {
    await projection.stop();
    await book.close();
  });

  it("has the group's events from the customer's joining to the command that took it out", async () => {
    expect(await typesOf('C-B')).toEqual([
      ['CustomerRegistered', 'C-B'],
      ['LimitGranted', 'C-B'],
      ['RelationRecorded', 'R2'],
      ['GroupMemberJoined', 'C-B'],
      ['CapBreached', 'G000001'],
      ['GroupMemberJoined', 'C-C'],
      ['RelationRemoved', 'R2'],
      ['GroupMemberLeft', 'C-B'],
      ['CapBreachCured', 'G000001'],
    ]);
  });

  it('has every event of the group for a member throughout, and none from before a late joiner', async () => {
    expect(await typesOf('C-A')).toEqual([
      ['CustomerRegistered', 'C-A'],
      ['RelationRecorded', 'R1'],
      ['GroupFormed', 'G000001'],
      ['LimitGranted', 'C-A'],
      ['GroupMemberJoined', 'C-B'],
      ['CapBreached', 'G000001'],
      ['GroupMemberJoined', 'C-C'],
      ['GroupMemberLeft', 'C-B'],
      ['CapBreachCured', 'G000001'],
      ['GroupMemberJoined', 'C-D'],
    ]);
    expect(await typesOf('C-D')).toEqual([
      ['CustomerRegistered', 'C-D'],
      ['RelationRecorded', 'R4'],
      ['GroupMemberJoined', 'C-D'],
    ]);
  });

  it('stays in log order without repeats', async () => {
    const positions = (await projection.customerHistory('C-A')).map((e) => BigInt(e.position));
    expect(positions).toEqual([...new Set(positions)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});
