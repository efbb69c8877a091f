import { durationOption, rolesOption } from './token-options';

describe('token options', () => {
  it.each([
    ['3600', 3600],
    ['90s', 90],
    ['15m', 900],
    ['1h', 3600],
    ['7d', 604800],
  ])('reads a lifetime of %s as %i seconds', (value, seconds) => {
    expect(durationOption(value)).toBe(seconds);
  });

  it.each(['0', '1y', '-5m', '1.5h', 'h', ''])('refuses a lifetime of "%s"', (value) => {
    expect(() => durationOption(value)).toThrow('expected a duration such as 3600, 15m, 1h or 7d.');
  });

  it('reads roles the API knows, once each', () => {
    expect(rolesOption('officer,approver')).toEqual(['officer', 'approver']);
    expect(rolesOption(' risk , risk,regulator')).toEqual(['risk', 'regulator']);
    expect(() => rolesOption('officer,root')).toThrow('unknown role "root"');
    expect(() => rolesOption(',')).toThrow('name at least one role');
  });
});
