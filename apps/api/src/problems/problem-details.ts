import { ProblemCode } from './problem-code';
import { statusOf } from './problem-status.table';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const PROBLEM_BASE_URI = 'https://groupcap.dev/problems/';

/** RFC 9457 problem details, plus the stable `code` and any figures behind the problem. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance: string;
  [extension: string]: unknown;
}

const RESERVED_MEMBERS = new Set(['type', 'title', 'status', 'code', 'detail', 'instance']);

/** GROUP_CAP_EXCEEDED -> https://groupcap.dev/problems/group-cap-exceeded */
export function problemTypeUri(code: string): string {
  return PROBLEM_BASE_URI + code.toLowerCase().replace(/_/g, '-');
}

/** GROUP_CAP_EXCEEDED -> "Group cap exceeded" */
export function problemTitle(code: string): string {
  const words = code.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A problem raised anywhere in the shell; the global filter renders it. Extensions that would
 * shadow an RFC 9457 member (a refusal's `status` is a limit's status, not the HTTP one) are
 * renamed with a `refusal` prefix rather than dropped.
 */
export class ProblemException extends Error {
  readonly status: number;
  readonly extensions: Record<string, unknown>;

  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    extensions: Record<string, unknown> = {},
    /** Only for codes outside the tables (framework HTTP errors). */
    status?: number,
  ) {
    super(detail);
    this.name = 'ProblemException';
    this.status = status ?? statusOf(code);
    this.extensions = renameReserved(extensions);
  }

  toProblem(instance: string): ProblemDetails {
    return {
      type: problemTypeUri(this.code),
      title: problemTitle(this.code),
      status: this.status,
      code: this.code,
      detail: this.detail,
      instance,
      ...this.extensions,
    };
  }
}

function renameReserved(extensions: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(extensions)) {
    const name = RESERVED_MEMBERS.has(key) ? `refusal${key.charAt(0).toUpperCase()}${key.slice(1)}` : key;
    out[name] = value;
  }
  return out;
}
