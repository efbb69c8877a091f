import { leadBranch } from './lead-branch';

const balances = (entries: Record<string, bigint>) => new Map(Object.entries(entries));

describe('leadBranch (domain.md section 6)', () => {
  it('is the branch with the largest balance at the end of the previous quarter', () => {
    // Quarter end: Shanghai 50, Beijing 80 -> Beijing leads.
    expect(leadBranch(balances({ SH: 50n, BJ: 80n }), balances({ SH: 50n, BJ: 80n }))).toBe('BJ');
  });

  it('stays lead when its balance falls below another branch, as long as it has some left', () => {
    // Beijing led with 80; it fell to 1 while Shanghai grew to 500: Beijing still leads.
    expect(leadBranch(balances({ SH: 50n, BJ: 80n }), balances({ SH: 500n, BJ: 1n }))).toBe('BJ');
  });

  it('hands over to the next largest of the quarter-end ranking once its balance is gone', () => {
    // Ranking at quarter end: BJ 80, SH 50, GZ 10. BJ repaid everything; SH (50) is next, not GZ although GZ is larger now.
    expect(leadBranch(balances({ SH: 50n, BJ: 80n, GZ: 10n }), balances({ SH: 5n, BJ: 0n, GZ: 900n }))).toBe('SH');
  });

  it('breaks a tie at quarter end by the smaller branch name', () => {
    expect(leadBranch(balances({ SZ: 70n, BJ: 70n }), balances({ SZ: 70n, BJ: 70n }))).toBe('BJ');
  });

  it('takes the largest balance now when no quarter-end branch has a balance left (credit newer than the quarter)', () => {
    expect(leadBranch(balances({}), balances({ SH: 10n, BJ: 30n }))).toBe('BJ');
    expect(leadBranch(balances({ GZ: 40n }), balances({ GZ: 0n, SH: 10n }))).toBe('SH');
  });

  it('is null without any balance', () => {
    expect(leadBranch(balances({}), balances({}))).toBeNull();
  });
});
