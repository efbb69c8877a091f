import { BookDrawdownDto } from '../drawdowns/book-drawdown.dto';
import { ListGroupsQuery } from '../groups/list-groups.query';
import { GrantLimitDto } from '../limits/grant-limit.dto';
import { ProblemException } from '../problems/problem-details';
import { RecordRelationDto } from '../relations/record-relation.dto';
import { DtoValidationPipe } from './dto-validation.pipe';
import { FieldError } from './field-error';

const pipe = new DtoValidationPipe();
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

  it('checks enums and ratios against the domain lists', () => {
    const errors = errorsOf(body(RecordRelationDto, { relationId: 'R1', from: 'A', to: 'B', type: 'friendship', share: '1.5' }));
    expect(errors.map((e) => e.field).sort()).toEqual(['share', 'type']);
    expect(pipe.transform({ relationId: 'R1', from: 'A', to: 'B', type: 'equity', share: '0.6' }, { type: 'body', metatype: RecordRelationDto })).toMatchObject({ type: 'equity', share: '0.6' });
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
