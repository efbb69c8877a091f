import { ctx, given } from '../testing/book.spec-dsl';
import { customerRegistered } from '../testing/book.fixtures';

describe('RegisterCustomer', () => {
  it('registers a customer with its unified social credit code', () => {
    given()
      .when({ type: 'RegisterCustomer', customerId: 'C1', name: 'Fujian Example Co', kind: 'enterprise', creditCode: '91350100M000100Y43' })
      .then([{ type: 'CustomerRegistered', data: { customerId: 'C1', name: 'Fujian Example Co', kind: 'enterprise', creditCode: '91350100M000100Y43' } }]);
  });

  it('registers a customer without a credit code (natural persons have none)', () => {
    given()
      .when({ type: 'RegisterCustomer', customerId: 'P1', name: 'Zhang San', kind: 'individual' })
      .then([{ type: 'CustomerRegistered', data: { customerId: 'P1', name: 'Zhang San', kind: 'individual', creditCode: null } }]);
  });

  it.each(['enterprise', 'financial-institution', 'individual', 'state-asset-regulator', 'sovereign'] as const)('registers a customer of kind %s', (kind) => {
    given()
      .when({ type: 'RegisterCustomer', customerId: 'K', name: 'K', kind })
      .then([{ type: 'CustomerRegistered', data: { customerId: 'K', name: 'K', kind, creditCode: null } }]);
  });

  it('refuses a customer id already registered: CUSTOMER_EXISTS', () => {
    given(customerRegistered('C1'))
      .when({ type: 'RegisterCustomer', customerId: 'C1', name: 'Another', kind: 'enterprise' })
      .thenRefused('CUSTOMER_EXISTS', { customerId: 'C1' });
  });

  it.each(['91440300708461136T', '91330000142916567N'])('accepts the published code %s', (creditCode) => {
    const { decision } = given().when({ type: 'RegisterCustomer', customerId: 'C1', name: 'X', kind: 'enterprise', creditCode });
    expect(decision).toEqual([{ type: 'CustomerRegistered', data: { customerId: 'C1', name: 'X', kind: 'enterprise', creditCode } }]);
  });

  it.each([
    ['91350100M000100Y44', 'wrong check character'],
    ['91440300708461136A', 'wrong check character'],
    ['91350100M000100Y4', 'too short'],
    ['91350100M000100Y433', 'too long'],
    ['91350100I000100Y43', 'forbidden letter I'],
    ['91350100O000100Y43', 'forbidden letter O'],
    ['91350100S000100Y43', 'forbidden letter S'],
    ['91350100V000100Y43', 'forbidden letter V'],
    ['91350100Z000100Y43', 'forbidden letter Z'],
  ])('refuses credit code %s (%s): INVALID_CREDIT_CODE', (creditCode) => {
    given().when({ type: 'RegisterCustomer', customerId: 'C1', name: 'X', kind: 'enterprise', creditCode }).thenRefused('INVALID_CREDIT_CODE', { creditCode });
  });

  it('is refused for a future effective date like any command', () => {
    given()
      .when({ type: 'RegisterCustomer', customerId: 'C1', name: 'X', kind: 'enterprise' }, ctx({ effectiveDate: '2026-04-01' }))
      .thenRefused('EFFECTIVE_DATE_IN_FUTURE');
  });
});
