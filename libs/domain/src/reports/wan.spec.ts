import { parseMoney } from '../shared/money';
import { fenToWan } from './wan';

describe('fenToWan: 万元 to 2 decimals, half-up', () => {
  it.each([
    // yuan              wan exact      rounded
    ['0.00', '0.00'], // 0
    ['49.99', '0.00'], // 0.004999 -> 0.00
    ['50.00', '0.01'], // 0.005 exactly: the half rounds up
    ['149.99', '0.01'], // 0.014999 -> 0.01
    ['150.00', '0.02'], // 0.015 -> 0.02
    ['250.00', '0.03'], // 0.025 -> 0.03 (half-even would give 0.02)
    ['12345.67', '1.23'], // 1.234567 -> 1.23
    ['15000.00', '1.50'], // 1.5 -> 1.50
    ['65000000.00', '6500.00'], // 6,500 wan
    ['7000000.05', '700.00'], // 700.000005 -> 700.00
    ['1234567890.12', '123456.79'], // 123,456.789012 -> 123,456.79
    ['9999999999999999.99', '1000000000000.00'], // 999,999,999,999.999999: the carry runs through every digit
  ])('%s yuan -> %s wan', (yuan, wan) => {
    expect(fenToWan(parseMoney(yuan))).toBe(wan);
  });

  it('rounds a negative half away from zero, as half-up does on the forms', () => {
    // -50.00 yuan = -0.005 wan -> -0.01; -49.99 yuan -> 0.00 (never "-0.00").
    expect(fenToWan(-5000n)).toBe('-0.01');
    expect(fenToWan(-4999n)).toBe('0.00');
  });
});
