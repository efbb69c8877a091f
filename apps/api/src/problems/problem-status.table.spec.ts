import { statusOf } from './problem-status.table';

describe('problem status table', () => {
  it.each([
    ['VALIDATION_FAILED', 400],
    ['INVALID_CREDIT_CODE', 400],
    ['EQUITY_OVER_100', 400],
    ['EFFECTIVE_DATE_IN_FUTURE', 400],
    ['MARGIN_EXCEEDS_AMOUNT', 400],
    ['SELF_APPROVAL', 403],
    ['CUSTOMER_NOT_FOUND', 404],
    ['RELATION_NOT_FOUND', 404],
    ['LIMIT_NOT_FOUND', 404],
    ['DRAWDOWN_NOT_FOUND', 404],
    ['CUSTOMER_EXISTS', 409],
    ['NOT_PENDING', 409],
    ['LIMIT_HAS_OUTSTANDING', 409],
    ['RENEWAL_PENDING', 409],
    ['IDEMPOTENCY_KEY_REUSED', 409],
    ['COMMAND_ID_REUSED', 409],
    ['JSON_TOO_DEEP', 400],
    ['DUPLICATE_JSON_KEY', 400],
    ['NET_CAPITAL_NOT_DECLARED', 422],
    ['GROUP_CAP_EXCEEDED', 422],
    ['CUSTOMER_CAP_EXCEEDED', 422],
    ['LIMIT_NOT_ACTIVE', 422],
    ['GROUP_IN_BREACH', 422],
    ['LARGE_EXPOSURE_CAP_EXCEEDED', 422],
    ['REPAYMENT_EXCEEDS_OUTSTANDING', 422],
    ['UNAUTHENTICATED', 401],
    ['FORBIDDEN', 403],
    ['PAYLOAD_TOO_LARGE', 413],
    ['UNSUPPORTED_MEDIA_TYPE', 415],
    ['RATE_LIMITED', 429],
    ['READ_MODEL_BEHIND', 503],
    ['WRITER_UNAVAILABLE', 503],
    ['INTERNAL_ERROR', 500],
  ] as const)('%s is %i', (code, status) => {
    expect(statusOf(code)).toBe(status);
  });
});
