import { creditCodeCheckCharacter, isValidCreditCode } from './credit-code';

/**
 * GB 32100-2015: alphabet 0-9 A-H J-N P-R T U W-Y (31 characters, values 0..30), weights 3^i mod 31,
 * check = (31 - sum mod 31) mod 31. Worked by hand for 91350100M000100Y43 (M = 21, Y = 30):
 *   9*1 + 1*3 + 3*9 + 5*27 + 0*19 + 1*26 + 0*16 + 0*17 + 21*20 + 0*29 + 0*25 + 0*13 + 1*8 + 0*24 + 0*10 + 30*30 + 4*28
 *   = 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640;  1640 mod 31 = 28 (31 x 52 = 1612);  31 - 28 = 3  -> "3".
 */
const PUBLISHED = ['91350100M000100Y43', '91440300708461136T', '91330000142916567N'];

describe('unified social credit code (GB 32100)', () => {
  it.each(PUBLISHED)('accepts the published code %s', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('computes the check character of the first 17 characters', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckCharacter('91440300708461136')).toBe('T');
    expect(creditCodeCheckCharacter('91330000142916567')).toBe('N');
  });

  it.each([
    ['91350100M000100Y44', 'last character changed (3 -> 4)'],
    ['91440300708461136U', 'last character changed (T -> U)'],
    ['91330000142916567P', 'last character changed (N -> P)'],
    ['91350100M000100Y4', '17 characters'],
    ['91350100M000100Y433', '19 characters'],
    ['', 'empty'],
    ['91350100I000100Y43', 'forbidden letter I'],
    ['91350100O000100Y43', 'forbidden letter O'],
    ['91350100S000100Y43', 'forbidden letter S'],
    ['91350100V000100Y43', 'forbidden letter V'],
    ['91350100Z000100Y43', 'forbidden letter Z'],
    ['91350100M000100Y4I', 'forbidden letter as the check character'],
  ])('refuses %s (%s)', (code) => {
    expect(isValidCreditCode(code)).toBe(false);
  });

  it('has no check character when the first 17 contain a forbidden letter', () => {
    expect(creditCodeCheckCharacter('91350100Z000100Y4')).toBeUndefined();
  });
});
