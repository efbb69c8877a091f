import fc from 'fast-check';
import { Role } from '@groupcap/domain';
import { MAX_JSON_DEPTH } from './http/json-body.middleware';
import { FakeWriter, fakeRuntime } from './testing/fake-runtime';
import { startTestApp, TestApp } from './testing/test-app';

/**
 * Input that is not what the contract says is refused at the edge: a 4xx problem+json with a stable code,
 * never a 5xx, and the writer is never asked to record anything (the fake writer counts every submission;
 * the e2e tier checks the real log's length the same way).
 */
describe('HTTP API refusing malformed input', () => {
  let writer: FakeWriter;
  let api: TestApp;

  beforeAll(async () => {
    writer = new FakeWriter();
    api = await startTestApp(fakeRuntime({ writer }));
  });
  afterAll(() => api.close());
  beforeEach(() => {
    writer.submissions.length = 0;
  });

  /** Every command endpoint, a body it accepts, and a role allowed to send it. */
  const COMMANDS: ReadonlyArray<{ method: string; path: string; role: Role; body: Record<string, string> }> = [
    { method: 'PUT', path: '/api/v1/capital', role: 'admin', body: { asOf: '2024-12-31', netCapital: '1000000000.00' } },
    { method: 'PUT', path: '/api/v1/policy', role: 'admin', body: { groupCapRatio: '0.12' } },
    { method: 'POST', path: '/api/v1/customers', role: 'officer', body: { customerId: 'C-1', name: 'Huaxin', kind: 'enterprise' } },
    { method: 'POST', path: '/api/v1/relations', role: 'officer', body: { relationId: 'R-1', from: 'C-1', to: 'C-2', type: 'equity', share: '0.6' } },
    { method: 'DELETE', path: '/api/v1/relations/R-1', role: 'officer', body: {} },
    { method: 'POST', path: '/api/v1/limits', role: 'officer', body: { limitId: 'L-1', customerId: 'C-1', amount: '1.00', validFrom: '2025-01-01', validTo: '2025-12-31' } },
    { method: 'POST', path: '/api/v1/limits/L-1/approve', role: 'approver', body: {} },
    { method: 'POST', path: '/api/v1/limits/L-1/reject', role: 'approver', body: { reason: 'too concentrated' } },
    { method: 'POST', path: '/api/v1/limits/L-1/renewal', role: 'officer', body: { amount: '2.00', validTo: '2026-12-31' } },
    { method: 'POST', path: '/api/v1/limits/L-1/cancel', role: 'officer', body: {} },
    { method: 'POST', path: '/api/v1/limits/L-1/drawdowns', role: 'officer', body: { drawdownId: 'D-1', amount: '1.00', product: 'loan' } },
    { method: 'POST', path: '/api/v1/drawdowns/D-1/repayments', role: 'officer', body: { amount: '1.00' } },
    { method: 'POST', path: '/api/v1/reports/large-credit/filings', role: 'admin', body: { asOf: '2025-03-31' } },
  ];

  const send = (command: (typeof COMMANDS)[number], raw: string) =>
    fetch(api.url + command.path, {
      method: command.method,
      headers: { authorization: `Bearer ${api.token('u1', command.role)}`, 'content-type': 'application/json' },
      body: raw,
    });

  /** A 4xx problem+json with the code; returns the problem. */
  async function refused(response: Response, status: number, code: string): Promise<Record<string, unknown>> {
    const text = await response.text();
    expect({ status: response.status, code: (JSON.parse(text) as { code?: string }).code }).toEqual({ status, code });
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return JSON.parse(text) as Record<string, unknown>;
  }

  it('accepts each valid body as it is (the table is right)', async () => {
    for (const command of COMMANDS.filter((c) => !c.path.includes('filings'))) {
      expect((await send(command, JSON.stringify(command.body))).status).toBe(201);
    }
  });

  describe.each(COMMANDS.map((c) => [`${c.method} ${c.path}`, c] as const))('%s', (_, command) => {
    it('refuses JSON nested 3,000 levels deep with 400 JSON_TOO_DEEP, naming the bound', async () => {
      const deep = `{"effectiveDate":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`;
      const problem = await refused(await send(command, deep), 400, 'JSON_TOO_DEEP');
      // Level 1 is the body, levels 2..64 the first 63 objects under effectiveDate.a...; the 64th `.a` would open level 65.
      expect(problem).toMatchObject({ maxDepth: MAX_JSON_DEPTH, path: `effectiveDate${'.a'.repeat(MAX_JSON_DEPTH - 1)}` });
      expect(writer.submissions).toHaveLength(0);
    });

    it('refuses a key given twice with 400 DUPLICATE_JSON_KEY naming it', async () => {
      const text = JSON.stringify(command.body);
      const raw = `${text.slice(0, -1)}${text === '{}' ? '' : ','}"effectiveDate":"2025-01-01","effectiveDate":"2025-01-02"}`;
      expect(await refused(await send(command, raw), 400, 'DUPLICATE_JSON_KEY')).toMatchObject({ key: 'effectiveDate', path: 'effectiveDate' });
      expect(writer.submissions).toHaveLength(0);
    });

    it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])('refuses the unknown key %p with 400 VALIDATION_FAILED naming it', async (key) => {
      const text = JSON.stringify(command.body);
      const raw = `${text.slice(0, -1)}${text === '{}' ? '' : ','}"${key}":{"polluted":true}}`;
      const problem = await refused(await send(command, raw), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([{ field: key, message: 'is not a known field' }]);
      expect(writer.submissions).toHaveLength(0);
    });

    it('refuses null for the optional effectiveDate, as for every field', async () => {
      const problem = await refused(await send(command, JSON.stringify({ ...command.body, effectiveDate: null })), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([{ field: 'effectiveDate', message: 'must not be null: leave an optional field out instead' }]);
      expect(writer.submissions).toHaveLength(0);
    });
  });

  it('refuses null for every other optional field too', async () => {
    const cases: Array<[number, Record<string, unknown>, string]> = [
      [2, { customerId: 'C-1', name: 'Huaxin', kind: 'enterprise', creditCode: null }, 'creditCode'],
      [3, { relationId: 'R-1', from: 'C-1', to: 'C-2', type: 'voting', share: null }, 'share'],
      [5, { ...COMMANDS[5].body, riskClass: null }, 'riskClass'],
      [5, { ...COMMANDS[5].body, branch: null }, 'branch'],
      [10, { ...COMMANDS[10].body, margin: null }, 'margin'],
      [1, { groupCapRatio: null }, 'groupCapRatio'],
    ];
    for (const [index, body, field] of cases) {
      const problem = await refused(await send(COMMANDS[index], JSON.stringify(body)), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([{ field, message: 'must not be null: leave an optional field out instead' }]);
    }
    expect(writer.submissions).toHaveLength(0);
  });

  /** One way of spoiling a valid body; each must be refused whatever the endpoint and the values. */
  const spoiled = (body: Record<string, string>): fc.Arbitrary<{ how: string; raw: string }> => {
    const text = JSON.stringify(body);
    const open = (extra: string) => `${text.slice(0, -1)}${text === '{}' ? '' : ','}${extra}}`;
    const keys = Object.keys(body).concat('effectiveDate');
    return fc.oneof(
      fc.integer({ min: MAX_JSON_DEPTH, max: 5000 }).map((depth) => ({ how: `nested ${depth}`, raw: open(`"effectiveDate":${'['.repeat(depth)}${']'.repeat(depth)}`) })),
      fc.tuple(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 2 })).map(([key, value]) => ({
        how: `duplicate ${key}`,
        raw: open(`${JSON.stringify(key)}:${JSON.stringify(value)},${JSON.stringify(key)}:${JSON.stringify(value)}`),
      })),
      fc.tuple(fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'), fc.jsonValue({ maxDepth: 2 })).map(([key, value]) => ({
        how: `prototype key ${key}`,
        raw: open(`${JSON.stringify(key)}:${JSON.stringify(value)}`),
      })),
      fc.constantFrom(...keys).map((key) => ({ how: `null ${key}`, raw: JSON.stringify({ ...body, [key]: null }) })),
      fc.string({ minLength: 1 }).filter((key) => !keys.includes(key)).map((key) => ({ how: `unknown ${key}`, raw: JSON.stringify({ ...body, [key]: 'x' }) })),
      fc.jsonValue({ maxDepth: 2 }).filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)).map((v) => ({ how: 'not an object', raw: JSON.stringify(v) })),
      fc.string({ minLength: 1 }).filter((s) => !isJson(s)).map((s) => ({ how: 'not JSON', raw: s })),
    );
  };

  it('answers any spoiled body on any endpoint with a 4xx problem+json, never a 5xx, and records nothing', async () => {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...COMMANDS).chain((command) => spoiled(command.body).map((spoil) => ({ command, spoil }))),
        async ({ command, spoil }) => {
          const response = await send(command, spoil.raw);
          const problem = (await response.json()) as { code?: unknown; status?: unknown };
          statuses.add(response.status);
          // `how` in the failure message says which spoiling got through.
          expect({ how: spoil.how, status: response.status, clientError: response.status >= 400 && response.status < 500 }).toMatchObject({ clientError: true });
          expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect(typeof problem.code).toBe('string');
          expect(problem.status).toBe(response.status);
          expect(writer.submissions).toHaveLength(0);
        },
      ),
      { numRuns: 150 },
    );
    expect([...statuses].every((s) => s === 400)).toBe(true);
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
