import { APPROVER, TestBook } from './test-book';

/**
 * The book behind the report tests (domain.md section 5). Net capital 1,000,000,000.00 as of 2024-12-31.
 *
 * Credit codes: C-HP 91110000MA0000001L, C-HA 91310000MA00000025, C-M 91440000MA0000003B; the others have none.
 *
 * Group G000001 "Huaxia Holdings": C-HP holds 80% of C-HA and 51% of C-HB.
 *   LHP C-HP 40,000,000 BJ; DHP1 loan 15,000,000 (01-20)
 *   LHA C-HA 20,000,000 SH; DHA1 letter of credit 6,000,000, margin 1,000,000 (01-21)
 *   LHB C-HB  5,000,000 SH valid to 2025-03-15; DHB1 trade finance 2,000,000 (02-01);
 *       renewal to 8,000,000 asked 03-10 (group total 68,000,000 > 66,000,000: pending), approved 04-03
 * C-K "Kunlun Tech": LK 30,000,000 GZ valid to 2025-02-28, no renewal; DK1 loan 7,000,000 (01-10) still out
 * C-M "Minjiang Shipping": LM 50,000,000 BJ; DM1 acceptance 10,000,000, margin 4,000,000 (02-05); DM2 loan 5,000,000 (02-06)
 * C-N "Nanhai Foods": LN 50,000,000 BJ, nothing drawn
 * C-V "Vanguard Logistics": LV 9,000,000 SZ (valid from 03-01) granted with effective date 04-02; DV1 acceptance
 *       6,000,000, margin 2,500,000, back-dated to 03-20 (a recorded fact): on 03-31 it has credit but no comprehensive limit
 * C-W "Wuyi Tea Co., Ltd.": LW 2,000,000 HZ low-risk; DW1 acceptance 2,000,000 fully margined (exposure 0)
 * C-X "Xiangjiang Trading": LX 3,000,000 BJ valid to 2025-02-28; DX1 loan 1,000,000 (01-15) repaid 02-20: a real exit
 */
export async function buildReportBook(book = new TestBook()): Promise<TestBook> {
  await book.declareCapital('2024-12-31', '1000000000.00', '2025-01-02');
  const customers: [string, string][] = [
    ['C-HP', 'Huaxia Holdings'],
    ['C-HA', 'Huaxia Steel'],
    ['C-HB', 'Huaxia Trade'],
    ['C-K', 'Kunlun Tech'],
    ['C-M', 'Minjiang Shipping'],
    ['C-N', 'Nanhai Foods'],
    ['C-V', 'Vanguard Logistics'],
    ['C-W', 'Wuyi Tea Co., Ltd.'],
    ['C-X', 'Xiangjiang Trading'],
  ];
  const creditCodes = new Map([
    ['C-HP', '91110000MA0000001L'],
    ['C-HA', '91310000MA00000025'],
    ['C-M', '91440000MA0000003B'],
  ]);
  for (const [id, name] of customers) await book.register(id, name, '2025-01-02', 'enterprise', creditCodes.get(id));
  await book.holds('R-HA', 'C-HP', 'C-HA', '0.8', '2025-01-03');
  await book.holds('R-HB', 'C-HP', 'C-HB', '0.51', '2025-01-03');

  const yearEnd = '2025-12-31';
  await book.grant('LHP', 'C-HP', '40000000', '2025-01-01', yearEnd, '2025-01-05', { branch: 'BJ' });
  await book.grant('LHA', 'C-HA', '20000000', '2025-01-01', yearEnd, '2025-01-05', { branch: 'SH' });
  await book.grant('LHB', 'C-HB', '5000000', '2025-01-01', '2025-03-15', '2025-01-05', { branch: 'SH' });
  await book.grant('LK', 'C-K', '30000000', '2025-01-01', '2025-02-28', '2025-01-05', { branch: 'GZ' });
  await book.grant('LM', 'C-M', '50000000', '2025-01-01', yearEnd, '2025-01-05', { branch: 'BJ' });
  await book.grant('LN', 'C-N', '50000000', '2025-01-01', yearEnd, '2025-01-05', { branch: 'BJ' });
  await book.grant('LW', 'C-W', '2000000', '2025-01-01', yearEnd, '2025-01-05', { branch: 'HZ', riskClass: 'low-risk' });
  await book.grant('LX', 'C-X', '3000000', '2025-01-01', '2025-02-28', '2025-01-05', { branch: 'BJ' });

  await book.draw('DK1', 'LK', '7000000', 'loan', '2025-01-10');
  await book.draw('DX1', 'LX', '1000000', 'loan', '2025-01-15');
  await book.draw('DHP1', 'LHP', '15000000', 'loan', '2025-01-20');
  await book.draw('DHA1', 'LHA', '6000000', 'letter-of-credit', '2025-01-21', '1000000');
  await book.draw('DHB1', 'LHB', '2000000', 'trade-finance', '2025-02-01');
  await book.draw('DM1', 'LM', '10000000', 'acceptance', '2025-02-05', '4000000');
  await book.draw('DM2', 'LM', '5000000', 'loan', '2025-02-06');
  await book.draw('DW1', 'LW', '2000000', 'acceptance', '2025-02-07', '2000000');
  await book.repay('DX1', '1000000', '2025-02-20');

  const renewal = await book.run({ type: 'RenewLimit', limitId: 'LHB', amount: '8000000', validTo: yearEnd }, '2025-03-10');
  if (renewal[0].type !== 'LimitRenewalRequested') throw new Error(`expected a pending renewal, got ${renewal[0].type}`);

  await book.grant('LV', 'C-V', '9000000', '2025-03-01', yearEnd, '2025-04-02', { branch: 'SZ' });
  // The writer now refuses a drawdown effective before its limit (EFFECTIVE_DATE_TOO_EARLY), but logs written
  // before that rule hold such credit and the report must still read it: DV1 is appended as it was recorded.
  await book.append(
    [
      {
        type: 'DrawdownBooked',
        data: { drawdownId: 'DV1', limitId: 'LV', customerId: 'C-V', product: 'acceptance', amount: '6000000.00', margin: '2500000.00', exposure: '3500000.00' },
      },
    ],
    '2025-03-20',
  );
  await book.run({ type: 'ApproveLimit', limitId: 'LHB' }, '2025-04-03', APPROVER);
  return book;
}
