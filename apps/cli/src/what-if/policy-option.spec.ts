import { InvalidArgumentError } from 'commander';
import { policyOption } from './policy-option';

describe('--policy', () => {
  it('reads one or both cap ratios', () => {
    expect(policyOption('groupCapRatio=0.12')).toEqual({ groupCapRatio: '0.12' });
    expect(policyOption('groupCapRatio=0.12, singleCustomerCapRatio=0.08')).toEqual({ groupCapRatio: '0.12', singleCustomerCapRatio: '0.08' });
  });

  it.each([
    ['', 'name at least one of groupCapRatio, singleCustomerCapRatio.'],
    ['groupCapRatio', '"groupCapRatio" is not setting=value.'],
    ['groupCapRatio=0.12,groupCapRatio=0.1', 'groupCapRatio is given twice.'],
    ['escalationThreshold=1000', '"escalationThreshold" cannot be replayed; the settings are groupCapRatio, singleCustomerCapRatio.'],
  ])('refuses "%s"', (value, message) => {
    expect(() => policyOption(value)).toThrow(new InvalidArgumentError(message));
  });
});
