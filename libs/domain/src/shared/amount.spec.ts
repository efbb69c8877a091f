import { amountOf } from './amount';
import { isRefusal } from './refusal';

describe('amountOf', () => {
  it('reads decimal strings as whole fen', () => {
    expect(amountOf('1500000', 'amount')).toBe(150_000_000n);
    expect(amountOf('0.01', 'amount')).toBe(1n);
    expect(amountOf('0.00', 'margin', true)).toBe(0n);
  });

  it.each(['-5', 'abc', '1e6', '1.001', ' 1', '', '01'])('refuses %p as VALIDATION_FAILED, naming the field', (value) => {
    const result = amountOf(value, 'amount');
    expect(isRefusal(result) && [result.code, result.details]).toEqual(['VALIDATION_FAILED', { amount: value }]);
  });

  it('refuses zero unless allowed: INVALID_AMOUNT', () => {
    const result = amountOf('0.00', 'amount');
    expect(isRefusal(result) && result.code).toBe('INVALID_AMOUNT');
  });
});
