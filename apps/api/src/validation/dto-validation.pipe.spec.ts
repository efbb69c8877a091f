import fc from 'fast-check';
import { DeclareNetCapitalDto } from '../capital/declare-net-capital.dto';
import { RegisterCustomerDto } from '../customers/register-customer.dto';
import { BookDrawdownDto } from '../drawdowns/book-drawdown.dto';
import { ListGroupsQuery } from '../groups/list-groups.query';
import { GrantLimitDto } from '../limits/grant-limit.dto';
import { ChangePolicyDto } from '../policy/change-policy.dto';
import { ProblemException } from '../problems/problem-details';
import { RecordRelationDto } from '../relations/record-relation.dto';
import { DtoValidationPipe } from './dto-validation.pipe';
import { FieldError } from './field-error';

const pipe = new DtoValidationPipe();
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
const validGrant = { limitId: 'L-1', customerId: 'C-1', amount: '50000000.00', validFrom: '2025-01-01', validTo: '2025-12-31' };

function errorsOf(run: () => unknown): FieldError[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ProblemException);
    expect((error as ProblemException).code).toBe('VALIDATION_FAILED');
    expect((error as ProblemException).status).toBe(400);
    return (error as ProblemException).extensions.errors as FieldError[];
  }
  throw new Error('expected VALIDATION_FAILED');
}

const body = (metatype: new () => object, value: unknown) => () => pipe.transform(value, { type: 'body', metatype });

describe('DTO validation', () => {
  it('accepts a valid grant and gives back a DTO with the same fields', () => {
    const dto = pipe.transform({ ...validGrant, riskClass: 'low-risk', effectiveDate: '2025-01-01' }, { type: 'body', metatype: GrantLimitDto });
    expect(dto).toBeInstanceOf(GrantLimitDto);
    expect(dto).toMatchObject({ ...validGrant, riskClass: 'low-risk', effectiveDate: '2025-01-01' });
  });

  it('refuses money given as a JSON number, saying money is a decimal string', () => {
    expect(errorsOf(body(GrantLimitDto, { ...validGrant, amount: 50000000 }))).toEqual([
      { field: 'amount', message: expect.stringContaining('money is a decimal string') },
    ]);
  });

  it.each(['100.001', '1e6', '-5.00', '1,000.00', ' 100', '01.00', ''])('refuses the money string %p', (amount) => {
    expect(errorsOf(body(BookDrawdownDto, { drawdownId: 'D-1', amount, product: 'loan' })).map((e) => e.field)).toEqual(['amount']);
  });

  it('accepts whole yuan and one or two decimals', () => {
    for (const amount of ['0', '100', '100.5', '100.50']) {
      expect(pipe.transform({ drawdownId: 'D-1', amount, product: 'loan' }, { type: 'body', metatype: BookDrawdownDto })).toMatchObject({ amount });
    }
  });

  it('refuses an unknown field rather than dropping it', () => {
    expect(errorsOf(body(GrantLimitDto, { ...validGrant, currency: 'USD' }))).toEqual([{ field: 'currency', message: 'is not a known field' }]);
  });

  it('lists every offending field at once', () => {
    const errors = errorsOf(body(GrantLimitDto, { limitId: 'bad id!', amount: 5, validFrom: '2025-02-30', validTo: '2025-12-31', riskClass: 'junk', effectiveDate: '2025/01/01' }));
    expect(errors.map((e) => e.field).sort()).toEqual(['amount', 'customerId', 'effectiveDate', 'limitId', 'riskClass', 'validFrom']);
  });

  it('checks enums against the domain lists', () => {
    const errors = errorsOf(body(RecordRelationDto, { relationId: 'R1', from: 'A', to: 'B', type: 'friendship' }));
    expect(errors).toEqual([{ field: 'type', message: expect.stringContaining('must be one of') }]);
    expect(pipe.transform({ relationId: 'R1', from: 'A', to: 'B', type: 'equity', share: '0.6' }, { type: 'body', metatype: RecordRelationDto })).toMatchObject({ type: 'equity', share: '0.6' });
  });

  // Range and precision of a ratio are the domain's rule (INVALID_SHARE, INVALID_POLICY): the edge passes them on.
  it.each(['1.5', '0', '-0.2', '0.1234567', '0.12345678901234567890', '2'])('lets the decimal string %p through to the domain', (share) => {
    const relation = { relationId: 'R1', from: 'A', to: 'B', type: 'equity', share };
    expect(pipe.transform(relation, { type: 'body', metatype: RecordRelationDto })).toMatchObject({ share });
    expect(pipe.transform({ groupCapRatio: share }, { type: 'body', metatype: ChangePolicyDto })).toMatchObject({ groupCapRatio: share });
  });

  it('refuses a ratio given as a JSON number, saying it is a decimal string', () => {
    expect(errorsOf(body(RecordRelationDto, { relationId: 'R1', from: 'A', to: 'B', type: 'equity', share: 0.6 }))).toEqual([
      { field: 'share', message: expect.stringContaining('never a JSON number') },
    ]);
  });

  it.each(['sixty percent', '6e-1', '.6', '0,6', ' 0.6', '0.6%', ''])('refuses the non-decimal ratio %p', (ratio) => {
    expect(errorsOf(body(ChangePolicyDto, { equityControlThreshold: ratio }))).toEqual([
      { field: 'equityControlThreshold', message: expect.stringContaining('must be a decimal string') },
    ]);
  });

  it('says a missing required field is required, and a malformed one what its format is', () => {
    expect(errorsOf(body(DeclareNetCapitalDto, { asOf: '2024-12-31' }))).toEqual([{ field: 'netCapital', message: 'is required' }]);
    expect(errorsOf(body(DeclareNetCapitalDto, { asOf: '2024-12-31', netCapital: '1.005' }))).toEqual([
      { field: 'netCapital', message: expect.stringContaining('at most 2 decimals') },
    ]);
    expect(errorsOf(body(RegisterCustomerDto, { customerId: 'C-1', kind: 'enterprise' }))).toEqual([{ field: 'name', message: 'is required' }]);
    expect(errorsOf(body(RegisterCustomerDto, { customerId: 'C-1', name: '', kind: 'enterprise' }))).toEqual([
      { field: 'name', message: 'must be longer than or equal to 1 characters' },
    ]);
    expect(errorsOf(body(GrantLimitDto, {}))).toEqual(
      ['limitId', 'customerId', 'amount', 'validFrom', 'validTo'].map((field) => ({ field, message: 'is required' })),
    );
  });

  it('treats null as present and refused, not as missing, for a required field', () => {
    expect(errorsOf(body(DeclareNetCapitalDto, { asOf: '2024-12-31', netCapital: null }))).toEqual([
      { field: 'netCapital', message: 'must not be null: leave an optional field out instead' },
    ]);
  });

  // One rule on every endpoint (docs/api.md): null is refused, an optional field is left out.
  it.each([
    [GrantLimitDto, { ...validGrant, riskClass: null }, 'riskClass'],
    [GrantLimitDto, { ...validGrant, branch: null }, 'branch'],
    [GrantLimitDto, { ...validGrant, effectiveDate: null }, 'effectiveDate'],
    [RegisterCustomerDto, { customerId: 'C-1', name: 'H', kind: 'enterprise', creditCode: null }, 'creditCode'],
    [RecordRelationDto, { relationId: 'R1', from: 'A', to: 'B', type: 'voting', share: null }, 'share'],
    [ChangePolicyDto, { groupCapRatio: null }, 'groupCapRatio'],
    [BookDrawdownDto, { drawdownId: 'D-1', amount: '1.00', product: 'loan', margin: null }, 'margin'],
  ] as const)('refuses null for the optional field of %p (%#)', (dto, value, field) => {
    expect(errorsOf(body(dto, value))).toEqual([{ field, message: 'must not be null: leave an optional field out instead' }]);
  });

  // JSON.parse makes `__proto__` an own key; class-transformer would drop it (and `constructor`) without a word.
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'])(
    'refuses the unknown key %p like any other, naming it',
    (key) => {
      const value = JSON.parse(`{"limitId":"L-1","customerId":"C-1","amount":"1.00","validFrom":"2025-01-01","validTo":"2025-12-31","${key}":{"polluted":true}}`) as object;
      expect(Object.keys(value)).toContain(key);
      expect(errorsOf(body(GrantLimitDto, value))).toEqual([{ field: key, message: 'is not a known field' }]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it('lists unknown, null and malformed fields together', () => {
    const value = JSON.parse('{"__proto__":1,"limitId":"bad id!","customerId":null,"amount":"1.00","validFrom":"2025-01-01","validTo":"2025-12-31"}') as object;
    expect(errorsOf(body(GrantLimitDto, value)).map((e) => e.field).sort()).toEqual(['__proto__', 'customerId', 'limitId']);
  });

  it('gives back a DTO whose prototype is its class, whatever the keys were', () => {
    const dto = pipe.transform({ ...validGrant }, { type: 'body', metatype: GrantLimitDto });
    expect(Object.getPrototypeOf(dto)).toBe(GrantLimitDto.prototype);
  });

  it('never throws anything but VALIDATION_FAILED for any object of any keys and JSON values', () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    const key = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS, 'limitId', 'customerId', 'amount', 'riskClass', 'effectiveDate'), fc.string());
    fc.assert(
      fc.property(fc.dictionary(key, json, { maxKeys: 8 }), fc.constantFrom(GrantLimitDto, RegisterCustomerDto, RecordRelationDto, ChangePolicyDto, BookDrawdownDto), (value, dto) => {
        try {
          const result = pipe.transform(value, { type: 'body', metatype: dto });
          // Accepted only when every key is a field of the DTO and none is null.
          expect(Object.keys(value).every((k) => (value as Record<string, unknown>)[k] !== null && !PROTOTYPE_KEYS.includes(k))).toBe(true);
          expect(result).toBeInstanceOf(dto);
        } catch (error) {
          expect(error).toBeInstanceOf(ProblemException);
          expect((error as ProblemException).code).toBe('VALIDATION_FAILED');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses ids longer than 64 characters', () => {
    expect(errorsOf(body(GrantLimitDto, { ...validGrant, limitId: 'L'.repeat(65) })).map((e) => e.field)).toEqual(['limitId']);
  });

  it('refuses a body that is not an object', () => {
    expect(errorsOf(body(GrantLimitDto, [validGrant]))).toEqual([{ field: '(body)', message: 'must be a JSON object' }]);
  });

  it('validates query strings without coercion, bounds included', () => {
    const query = (value: unknown) => () => pipe.transform(value, { type: 'query', metatype: ListGroupsQuery });
    expect(pipe.transform({ sort: 'exposure', limit: '500', asOf: '2025-03-31' }, { type: 'query', metatype: ListGroupsQuery })).toMatchObject({ limit: '500' });
    expect(errorsOf(query({ limit: '501' })).map((e) => e.field)).toEqual(['limit']);
    expect(errorsOf(query({ limit: '0' })).map((e) => e.field)).toEqual(['limit']);
    expect(errorsOf(query({ minPosition: '-1', sort: 'name' })).map((e) => e.field).sort()).toEqual(['minPosition', 'sort']);
  });

  it('leaves plain parameters alone', () => {
    expect(pipe.transform('anything', { type: 'param', metatype: String })).toBe('anything');
  });
});
