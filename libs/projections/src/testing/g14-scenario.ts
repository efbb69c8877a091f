import { ADMIN, APPROVER, TestBook } from './test-book';

/**
 * The book behind the G14 report tests (domain.md section 8). Net capital 1,000,000,000.00 and tier-1 net capital
 * 400,000,000.00 as of 2025-01-01. The 2018 figures, worked by hand:
 *   large-exposure threshold 2.5% x 400,000,000 = 10,000,000.00; caps: single client 15% x 400,000,000 =
 *   60,000,000.00, connected group 20% = 80,000,000.00, interbank 25% = 100,000,000.00, loans 10% x 1,000,000,000 =
 *   100,000,000.00.
 * Customers and credit (every limit valid 2025-01-01 to 2025-12-31, granted (F's approved) and drawn 2025-01-10):
 *   A "Anhe Steel" (enterprise, code 91110000MA0000001L)   loan 50,000,000.00
 *   B "Baiyun Ore" (enterprise)       acceptance 40,000,000.00 with 10,000,000.00 margin: CCF 1.00 -> before
 *                                     40,000,000.00, after 30,000,000.00
 *   A and B economically dependent (relation R-AB): a connected group anchored at A, not a group client:
 *                                     before 90,000,000.00, after 80,000,000.00 = its cap exactly (within it)
 *   F "Fuxing Bank" (financial-institution)  interbank 90,000,000.00: 22.5% of tier-1, under its own 25% cap
 *   S "Ministry of Finance" (sovereign)      bond 30,000,000.00: exempt
 *   E "Emei Foods" (enterprise)       loan 10,000,050.00: reaches the threshold (1,000.005 wan -> 1,000.01)
 *   M "Minor Tea" (enterprise)        loan 5,000,000.00: below the threshold, not listed
 */
export async function buildG14Book(book = new TestBook()): Promise<TestBook> {
  await book.run({ type: 'DeclareNetCapital', asOf: '2025-01-01', netCapital: '1000000000.00', tier1NetCapital: '400000000.00' }, '2025-01-02', ADMIN);
  const customers: [string, string, 'enterprise' | 'financial-institution' | 'sovereign', string?][] = [
    ['A', 'Anhe Steel', 'enterprise', '91110000MA0000001L'],
    ['B', 'Baiyun Ore', 'enterprise'],
    ['F', 'Fuxing Bank', 'financial-institution'],
    ['S', 'Ministry of Finance', 'sovereign'],
    ['E', 'Emei Foods', 'enterprise'],
    ['M', 'Minor Tea', 'enterprise'],
  ];
  for (const [customerId, name, kind, creditCode] of customers) {
    await book.run({ type: 'RegisterCustomer', customerId, name, kind, ...(creditCode && { creditCode }) }, '2025-01-02');
  }
  await book.run({ type: 'RecordRelation', relationId: 'R-AB', from: 'A', to: 'B', relationType: 'economic-dependence' }, '2025-01-03');
  const draws: [string, string, string, string?][] = [
    ['A', '50000000.00', 'loan'],
    ['B', '40000000.00', 'acceptance', '10000000.00'],
    ['F', '90000000.00', 'interbank'],
    ['S', '30000000.00', 'bond'],
    ['E', '10000050.00', 'loan'],
    ['M', '5000000.00', 'loan'],
  ];
  for (const [customerId, amount, product, margin] of draws) {
    const granted = await book.grant(`L${customerId}`, customerId, amount, '2025-01-01', '2025-12-31', '2025-01-10');
    // Above the 66,000,000.00 escalation threshold a grant awaits an approver (F's 90,000,000.00).
    if (granted[0].type === 'LimitRequested') await book.run({ type: 'ApproveLimit', limitId: `L${customerId}` }, '2025-01-10', APPROVER);
    await book.draw(`D${customerId}`, `L${customerId}`, amount, product, '2025-01-10', margin);
  }
  return book;
}
