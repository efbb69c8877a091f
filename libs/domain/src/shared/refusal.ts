/**
 * Why a command was refused. `code` values are part of the API contract (api.md) and never change;
 * `details` carries the figures behind the refusal (cap, current, requested...) as strings.
 */
export type RefusalCode =
  | 'VALIDATION_FAILED'
  | 'EFFECTIVE_DATE_IN_FUTURE'
  | 'EFFECTIVE_DATE_TOO_EARLY'
  | 'CUSTOMER_EXISTS'
  | 'CREDIT_CODE_EXISTS'
  | 'CUSTOMER_NOT_FOUND'
  | 'INVALID_CREDIT_CODE'
  | 'SELF_RELATION'
  | 'INVALID_SHARE'
  | 'INVALID_RELATION'
  | 'EQUITY_OVER_100'
  | 'RELATION_EXISTS'
  | 'RELATION_NOT_FOUND'
  | 'NET_CAPITAL_NOT_DECLARED'
  | 'INVALID_AMOUNT'
  | 'INVALID_PERIOD'
  | 'INVALID_POLICY'
  | 'LIMIT_EXISTS'
  | 'LIMIT_NOT_FOUND'
  | 'GROUP_CAP_EXCEEDED'
  | 'CUSTOMER_CAP_EXCEEDED'
  | 'SELF_APPROVAL'
  | 'NOT_PENDING'
  | 'LIMIT_HAS_OUTSTANDING'
  | 'LIMIT_NOT_ACTIVE'
  | 'RENEWAL_PENDING'
  | 'LIMIT_EXCEEDED'
  | 'GROUP_IN_BREACH'
  | 'CUSTOMER_IN_BREACH'
  // The 2018 large-exposure regime (domain.md section 8).
  | 'LARGE_EXPOSURE_CAP_EXCEEDED'
  | 'TIER1_NET_CAPITAL_NOT_DECLARED'
  | 'MARGIN_EXCEEDS_AMOUNT'
  | 'LOW_RISK_NOT_COVERED'
  | 'DRAWDOWN_EXISTS'
  | 'DRAWDOWN_NOT_FOUND'
  | 'REPAYMENT_EXCEEDS_OUTSTANDING'
  | 'REPORT_ALREADY_FILED'
  // Group unified credit (domain.md section 2).
  | 'GROUP_NOT_FOUND'
  | 'GROUP_LIMIT_EXISTS'
  | 'GROUP_LIMIT_NOT_FOUND'
  | 'GROUP_LIMIT_EXCEEDED'
  | 'NOT_IN_GROUP'
  | 'NOT_AN_ALLOCATION';

export interface Refusal {
  readonly refused: true;
  readonly code: RefusalCode;
  readonly message: string;
  readonly details?: Readonly<Record<string, string | string[] | null>>;
}

export function refuse(code: RefusalCode, message: string, details?: Refusal['details']): Refusal {
  return details ? { refused: true, code, message, details } : { refused: true, code, message };
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && (value as Refusal).refused === true;
}
