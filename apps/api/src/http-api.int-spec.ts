import { request as httpRequest } from 'node:http';
import { Logger } from '@nestjs/common';
import { InvalidCursorError } from '@groupcap/projections';
import type { CustomerReadModel, GroupReadModel, LogEntry } from '@groupcap/projections';
import type { RecordedEvent } from '@groupcap/event-store';
import { BookCommand, BookState, CommandContext, decide, decideAndEvolve, initialBookState, isRefusal, refuse } from '@groupcap/domain';
import { requestHash } from './commands/request-hash';
import { FakeEventStore, FakeReadModels, FakeWriter, fakeRuntime, FakeRuntime } from './testing/fake-runtime';
import { startTestApp, TestApp } from './testing/test-app';

/** The HTTP surface in-process over a fake writer, read models and store: status codes, auth, problems, mapping. */
describe('HTTP API', () => {
  let writer: FakeWriter;
  let readModels: FakeReadModels;
  let store: FakeEventStore;
  let runtime: FakeRuntime;
  let api: TestApp;
  let officer: string;

  beforeAll(async () => {
    writer = new FakeWriter();
    readModels = new FakeReadModels();
    // Position 9 is back-dated: recorded last, in effect before position 5.
    store = new FakeEventStore([recorded(3n, 'CustomerRegistered', '2025-01-01'), recorded(5n, 'LimitGranted', '2025-03-01'), recorded(9n, 'DrawdownBooked', '2025-01-15')]);
    runtime = fakeRuntime({ writer, readModels, store });
    api = await startTestApp(runtime);
    officer = api.token('olivia', 'officer');
  });
  afterAll(() => api.close());
  beforeEach(() => {
    writer.submissions.length = 0;
    readModels.calls.length = 0;
    writer.answer = () => ({ status: 'accepted', position: 7n, events: [], pendingApproval: false, replayed: false });
    runtime.ready = true;
  });

  const call = (method: string, path: string, options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}) =>
    fetch(api.url + path, {
      method,
      headers: {
        ...(options.token && { authorization: `Bearer ${options.token}` }),
        ...((options.body !== undefined || options.raw !== undefined) && { 'content-type': 'application/json' }),
        ...options.headers,
      },
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });

  async function expectProblem(response: Response, status: number, code: string): Promise<Record<string, unknown>> {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({ status, code, type: `https://groupcap.dev/problems/${code.toLowerCase().replace(/_/g, '-')}` });
    expect(typeof problem.title).toBe('string');
    expect(typeof problem.detail).toBe('string');
    return problem;
  }

  const grant = { limitId: 'L-1', customerId: 'C-1', amount: '50000000.00', validFrom: '2025-01-01', validTo: '2025-12-31' };

  describe('commands', () => {
    it('maps a grant to the domain command with the token user as actor, and answers 201 with the flattened events', async () => {
      writer.answer = () => ({
        status: 'accepted',
        position: 12n,
        events: [{ type: 'LimitGranted', version: 1, data: { ...grant, riskClass: 'standard', branch: null } }],
        pendingApproval: false,
        replayed: false,
      });
      const response = await call('POST', '/api/v1/limits', { token: officer, body: { ...grant, effectiveDate: '2025-01-02' } });
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ position: '12', events: [{ type: 'LimitGranted', ...grant, riskClass: 'standard', branch: null }] });
      expect(writer.submissions).toEqual([
        // Every request gets a correlation id (the access records carry the same): a new one when the client sent none.
        { command: { type: 'GrantLimit', ...grant }, actor: { userId: 'olivia', roles: ['officer'] }, effectiveDate: '2025-01-02', correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
      ]);
    });

    it('answers 202 when the grant only created a request awaiting approval', async () => {
      writer.answer = () => ({ status: 'accepted', position: 13n, events: [{ type: 'LimitRequested', version: 1, data: { limitId: 'L-1' } }], pendingApproval: true, replayed: false });
      const response = await call('POST', '/api/v1/limits', { token: officer, body: grant });
      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({ position: '13', events: [{ type: 'LimitRequested', limitId: 'L-1' }] });
    });

    it.each([
      ['PUT', '/api/v1/capital', 'admin', { asOf: '2024-12-31', netCapital: '1000000000.00' }, { type: 'DeclareNetCapital', asOf: '2024-12-31', netCapital: '1000000000.00' }],
      ['PUT', '/api/v1/policy', 'admin', { groupCapRatio: '0.12' }, { type: 'ChangePolicy', groupCapRatio: '0.12' }],
      // The 2018 large-exposure regime (domain.md section 8).
      ['PUT', '/api/v1/capital', 'admin', { asOf: '2024-12-31', netCapital: '1000000000.00', tier1NetCapital: '800000000.00' }, { type: 'DeclareNetCapital', asOf: '2024-12-31', netCapital: '1000000000.00', tier1NetCapital: '800000000.00' }],
      [
        'PUT',
        '/api/v1/policy',
        'admin',
        { regimes: ['nfra-2018'], tier1SingleClientRatio: '0.15', singleClientLoanRatio: '0.10', tier1ConnectedGroupRatio: '0.20', tier1InterbankRatio: '0.25', largeExposureRatio: '0.025', ccf: [{ product: 'loan-commitment', factor: '0.2' }] },
        { type: 'ChangePolicy', regimes: ['nfra-2018'], tier1SingleClientRatio: '0.15', singleClientLoanRatio: '0.10', tier1ConnectedGroupRatio: '0.20', tier1InterbankRatio: '0.25', largeExposureRatio: '0.025', ccf: [{ product: 'loan-commitment', factor: '0.2' }] },
      ],
      ['POST', '/api/v1/customers', 'officer', { customerId: 'PBOC', name: 'People\'s Bank of China', kind: 'sovereign' }, { type: 'RegisterCustomer', customerId: 'PBOC', name: 'People\'s Bank of China', kind: 'sovereign' }],
      ['POST', '/api/v1/relations', 'officer', { relationId: 'R-2', from: 'C-1', to: 'C-2', type: 'economic-dependence' }, { type: 'RecordRelation', relationId: 'R-2', from: 'C-1', to: 'C-2', relationType: 'economic-dependence' }],
      ['POST', '/api/v1/customers', 'officer', { customerId: 'C-1', name: 'Huaxin', kind: 'enterprise' }, { type: 'RegisterCustomer', customerId: 'C-1', name: 'Huaxin', kind: 'enterprise' }],
      ['POST', '/api/v1/relations', 'officer', { relationId: 'R-1', from: 'C-1', to: 'C-2', type: 'equity', share: '0.6' }, { type: 'RecordRelation', relationId: 'R-1', from: 'C-1', to: 'C-2', relationType: 'equity', share: '0.6' }],
      ['DELETE', '/api/v1/relations/R-1', 'officer', undefined, { type: 'RemoveRelation', relationId: 'R-1' }],
      ['POST', '/api/v1/limits/L-1/approve', 'approver', {}, { type: 'ApproveLimit', limitId: 'L-1' }],
      ['POST', '/api/v1/limits/L-1/reject', 'approver', { reason: 'too concentrated' }, { type: 'RejectLimit', limitId: 'L-1', reason: 'too concentrated' }],
      ['POST', '/api/v1/limits/L-1/renewal', 'officer', { amount: '60000000.00', validTo: '2026-12-31' }, { type: 'RenewLimit', limitId: 'L-1', amount: '60000000.00', validTo: '2026-12-31' }],
      ['POST', '/api/v1/limits/L-1/cancel', 'officer', undefined, { type: 'CancelLimit', limitId: 'L-1' }],
      ['POST', '/api/v1/limits/L-1/drawdowns', 'officer', { drawdownId: 'D-1', amount: '1000.00', product: 'acceptance', margin: '500.00' }, { type: 'BookDrawdown', drawdownId: 'D-1', limitId: 'L-1', amount: '1000.00', product: 'acceptance', margin: '500.00' }],
      ['POST', '/api/v1/drawdowns/D-1/repayments', 'officer', { amount: '100.00' }, { type: 'BookRepayment', drawdownId: 'D-1', amount: '100.00' }],
    ] as const)('%s %s (%s) submits %p', async (method, path, role, body, command) => {
      const response = await call(method, path, { token: api.token('u1', role), body });
      expect(response.status).toBe(201);
      expect(writer.submissions.map((s) => s.command)).toStrictEqual([command]);
    });

    it('renders a domain refusal as problem+json with its figures', async () => {
      writer.answer = () => ({
        status: 'refused',
        refusal: refuse('GROUP_CAP_EXCEEDED', 'the group would exceed its cap', { cap: '150000000.00', current: '140000000.00', requested: '20000000.00' }),
      });
      const problem = await expectProblem(await call('POST', '/api/v1/limits', { token: officer, body: grant }), 422, 'GROUP_CAP_EXCEEDED');
      expect(problem).toMatchObject({ instance: '/api/v1/limits', cap: '150000000.00', current: '140000000.00', requested: '20000000.00' });
    });

    it('renders a 2018 cap refusal as 422 LARGE_EXPOSURE_CAP_EXCEEDED with its basis and figures', async () => {
      writer.answer = () => ({
        status: 'refused',
        refusal: refuse('LARGE_EXPOSURE_CAP_EXCEEDED', 'connected group A: 2018 exposure would be 65000000.00', {
          regime: 'nfra-2018', basis: 'tier1-connected-group', cap: '60000000.00', current: '40000000.00', requested: '25000000.00', members: ['A', 'B'],
        }),
      });
      const body = { drawdownId: 'D-1', amount: '25000000.00', product: 'loan' };
      const problem = await expectProblem(await call('POST', '/api/v1/limits/L-1/drawdowns', { token: officer, body }), 422, 'LARGE_EXPOSURE_CAP_EXCEEDED');
      expect(problem).toMatchObject({ basis: 'tier1-connected-group', cap: '60000000.00', current: '40000000.00', requested: '25000000.00', members: ['A', 'B'], regime: 'nfra-2018' });
    });

    it.each([
      ['a tier-1 figure as a JSON number', '/api/v1/capital', { asOf: '2024-12-31', netCapital: '1000000000.00', tier1NetCapital: 800000000 }, 'tier1NetCapital'],
      ['regimes as one string', '/api/v1/policy', { regimes: 'nfra-2018' }, 'regimes'],
      ['a ccf table keyed by product', '/api/v1/policy', { ccf: { guarantee: '0.5' } }, 'ccf'],
      ['a ccf factor as a JSON number', '/api/v1/policy', { ccf: [{ product: 'guarantee', factor: 0.5 }] }, 'ccf'],
      ['a ccf entry with another field', '/api/v1/policy', { ccf: [{ product: 'guarantee', factor: '0.5', note: 'x' }] }, 'ccf'],
      ['a 2018 ratio as a JSON number', '/api/v1/policy', { largeExposureRatio: 0.025 }, 'largeExposureRatio'],
    ])('refuses %s with 400 VALIDATION_FAILED and submits nothing', async (_label, path, body, field) => {
      const problem = await expectProblem(await call('PUT', path, { token: api.token('a1', 'admin'), body }), 400, 'VALIDATION_FAILED');
      expect((problem.errors as Array<{ field: string }>).map((e) => e.field)).toEqual([field]);
      expect(writer.submissions).toHaveLength(0);
    });

    it('answers 403 SELF_APPROVAL when the domain refuses an approval by its requester', async () => {
      writer.answer = () => ({ status: 'refused', refusal: refuse('SELF_APPROVAL', 'u1 requested this grant and cannot approve it') });
      await expectProblem(await call('POST', '/api/v1/limits/L-1/approve', { token: api.token('u1', 'approver'), body: {} }), 403, 'SELF_APPROVAL');
    });

    it('refuses a malformed body with 400 VALIDATION_FAILED listing each field, and submits nothing', async () => {
      const response = await call('POST', '/api/v1/limits', { token: officer, body: { ...grant, amount: 50000000, validTo: '2025-13-01', extra: true } });
      const problem = await expectProblem(response, 400, 'VALIDATION_FAILED');
      expect((problem.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(['amount', 'extra', 'validTo']);
      expect(writer.submissions).toHaveLength(0);
    });

    it('refuses invalid JSON with 400 VALIDATION_FAILED naming the body and the parser\'s complaint', async () => {
      const problem = await expectProblem(await call('POST', '/api/v1/limits', { token: officer, raw: '{bad json' }), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([{ field: '(body)', message: expect.stringMatching(/^the body is not valid JSON: \S/) }]);
      expect(writer.submissions).toHaveLength(0);
    });

    it('refuses a body that is not JSON with 415 UNSUPPORTED_MEDIA_TYPE instead of reporting every field missing', async () => {
      const response = await fetch(`${api.url}/api/v1/customers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${officer}`, 'content-type': 'text/plain' },
        body: JSON.stringify({ customerId: 'C-1', name: 'Huaxin', kind: 'enterprise' }),
      });
      const problem = await expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(problem.detail).toBe('the request body must be application/json, not text/plain');
      expect(writer.submissions).toHaveLength(0);
    });

    it('says which required fields are missing, and keeps the format rule for a malformed one', async () => {
      const missing = await expectProblem(await call('PUT', '/api/v1/capital', { token: api.token('a', 'admin'), body: { asOf: '2024-12-31' } }), 400, 'VALIDATION_FAILED');
      expect(missing.errors).toEqual([{ field: 'netCapital', message: 'is required' }]);
      const body = { customerId: 'C-1', name: '', kind: 'enterprise' };
      const malformed = await expectProblem(await call('POST', '/api/v1/customers', { token: officer, body }), 400, 'VALIDATION_FAILED');
      expect(malformed.errors).toEqual([{ field: 'name', message: 'must be longer than or equal to 1 characters' }]);
      expect(writer.submissions).toHaveLength(0);
    });

    it('leaves the share range to the domain: a share of 1.5 is 400 INVALID_SHARE, a JSON number VALIDATION_FAILED', async () => {
      writer.answer = decidingOver([
        { type: 'RegisterCustomer', customerId: 'C-1', name: 'Holding', kind: 'enterprise' },
        { type: 'RegisterCustomer', customerId: 'C-2', name: 'Subsidiary', kind: 'enterprise' },
      ]);
      const relation = { relationId: 'R-1', from: 'C-1', to: 'C-2', type: 'equity' };
      await expectProblem(await call('POST', '/api/v1/relations', { token: officer, body: { ...relation, share: '1.5' } }), 400, 'INVALID_SHARE');
      await expectProblem(await call('POST', '/api/v1/relations', { token: officer, body: { ...relation, share: '0.1234567' } }), 400, 'INVALID_SHARE');
      const number = await expectProblem(await call('POST', '/api/v1/relations', { token: officer, body: { ...relation, share: 0.6 } }), 400, 'VALIDATION_FAILED');
      expect(number.errors).toEqual([{ field: 'share', message: expect.stringContaining('decimal string') }]);
      expect((await call('POST', '/api/v1/relations', { token: officer, body: { ...relation, share: '0.6' } })).status).toBe(201);
    });

    it('refuses a path id that is not an id', async () => {
      const problem = await expectProblem(await call('POST', `/api/v1/limits/${'x'.repeat(65)}/cancel`, { token: officer }), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([{ field: 'limitId', message: expect.any(String) }]);
    });

    it('refuses a body over 1 MB with 413 PAYLOAD_TOO_LARGE', async () => {
      const response = await call('POST', '/api/v1/customers', { token: officer, body: { customerId: 'C-1', name: 'x'.repeat(1_100_000), kind: 'enterprise' } });
      await expectProblem(response, 413, 'PAYLOAD_TOO_LARGE');
      expect(writer.submissions).toHaveLength(0);
    });

    it('passes Idempotency-Key with the hash of the request, and the trace ids, to the writer', async () => {
      const body = { customerId: 'C-1', name: 'Huaxin', kind: 'enterprise' };
      await call('POST', '/api/v1/customers', { token: officer, body, headers: { 'Idempotency-Key': 'key-1', 'X-Command-Id': 'cmd-1', 'X-Correlation-Id': 'corr-1' } });
      expect(writer.submissions[0]).toMatchObject({
        idempotency: { key: 'key-1', requestHash: requestHash('POST', '/api/v1/customers', body) },
        commandId: 'cmd-1',
        correlationId: 'corr-1',
      });
    });

    it('answers a replayed key with the first response again', async () => {
      writer.answer = () => ({ status: 'accepted', position: 4n, events: [{ type: 'CustomerRegistered', version: 1, data: { customerId: 'C-1' } }], pendingApproval: false, replayed: true });
      const response = await call('POST', '/api/v1/customers', { token: officer, body: { customerId: 'C-1', name: 'H', kind: 'enterprise' }, headers: { 'Idempotency-Key': 'key-1' } });
      expect(response.status).toBe(201);
      expect(response.headers.get('idempotent-replayed')).toBe('true');
      expect(await response.json()).toEqual({ position: '4', events: [{ type: 'CustomerRegistered', customerId: 'C-1' }] });
    });

    it('answers 409 IDEMPOTENCY_KEY_REUSED when the writer says the key came with another request', async () => {
      writer.answer = () => ({ status: 'idempotency-key-reused', key: 'key-1' });
      const response = await call('POST', '/api/v1/customers', { token: officer, body: { customerId: 'C-2', name: 'H', kind: 'enterprise' }, headers: { 'Idempotency-Key': 'key-1' } });
      await expectProblem(response, 409, 'IDEMPOTENCY_KEY_REUSED');
    });

    it('binds X-Command-Id to the request: the writer gets its hash, and a reuse for another command is 409 COMMAND_ID_REUSED', async () => {
      const body = { customerId: 'C-1', name: 'Huaxin', kind: 'enterprise' };
      await call('POST', '/api/v1/customers', { token: officer, body, headers: { 'X-Command-Id': 'cmd-7' } });
      expect(writer.submissions[0]).toMatchObject({ commandId: 'cmd-7', requestHash: requestHash('POST', '/api/v1/customers', body) });
      expect(writer.submissions[0].idempotency).toBeUndefined();
      writer.answer = () => ({ status: 'command-id-reused', commandId: 'cmd-7' });
      const response = await call('POST', '/api/v1/limits/L-1/cancel', { token: officer, headers: { 'X-Command-Id': 'cmd-7' } });
      expect(await expectProblem(response, 409, 'COMMAND_ID_REUSED')).toMatchObject({ commandId: 'cmd-7' });
    });

    it('refuses an Idempotency-Key over 128 characters', async () => {
      const response = await call('POST', '/api/v1/limits/L-1/cancel', { token: officer, headers: { 'Idempotency-Key': 'k'.repeat(129) } });
      await expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(writer.submissions).toHaveLength(0);
    });

    it('refuses an Idempotency-Key sent twice with 400 VALIDATION_FAILED, and submits nothing', async () => {
      const response = await rawPost(`${api.url}/api/v1/limits/L-1/cancel`, { authorization: `Bearer ${officer}`, 'idempotency-key': ['kx', 'ky'] });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'Idempotency-Key', message: 'must be sent once' }] });
      expect(writer.submissions).toHaveLength(0);
    });

    it('answers 500 problem+json without internals when the writer fails unexpectedly', async () => {
      writer.answer = () => {
        throw new Error('SQLITE_CORRUPT at /secret/path/events.db');
      };
      const problem = await expectProblem(await call('POST', '/api/v1/limits/L-1/cancel', { token: officer }), 500, 'INTERNAL_ERROR');
      expect(JSON.stringify(problem)).not.toMatch(/SQLITE|secret|at /);
    });
  });

  describe('auth', () => {
    it('answers 401 UNAUTHENTICATED without a token, or with a bad one', async () => {
      const response = await call('POST', '/api/v1/limits', { body: grant });
      await expectProblem(response, 401, 'UNAUTHENTICATED');
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      await expectProblem(await call('GET', '/api/v1/breaches', { token: 'a.b.c' }), 401, 'UNAUTHENTICATED');
      expect(writer.submissions).toHaveLength(0);
    });

    it.each([
      ['an officer approving', 'POST', '/api/v1/limits/L-1/approve', 'officer'],
      ['an approver granting', 'POST', '/api/v1/limits', 'approver'],
      ['an officer declaring capital', 'PUT', '/api/v1/capital', 'officer'],
      ['a regulator reading a customer', 'GET', '/api/v1/customers/C-1', 'regulator'],
      ['an officer reading the event log', 'GET', '/api/v1/events', 'officer'],
      ['an officer reading history', 'GET', '/api/v1/customers/C-1/history', 'officer'],
    ] as const)('answers 403 FORBIDDEN for %s', async (_, method, path, role) => {
      await expectProblem(await call(method, path, { token: api.token('u1', role), body: method === 'GET' ? undefined : {} }), 403, 'FORBIDDEN');
      expect(writer.submissions).toHaveLength(0);
    });

    it('lets a regulator read breaches and risk read the event log', async () => {
      expect((await call('GET', '/api/v1/breaches', { token: api.token('r', 'regulator') })).status).toBe(200);
      expect((await call('GET', '/api/v1/events', { token: api.token('k', 'risk') })).status).toBe(200);
    });
  });

  describe('reads', () => {
    const customer: CustomerReadModel = {
      customerId: 'C-1', name: 'Huaxin', kind: 'enterprise', creditCode: null, groupId: null, limits: [], comprehensiveLimit: '0.00', outstanding: '0.00', exposure: '0.00',
    };
    const group: GroupReadModel = {
      groupId: 'G-1', name: 'Huaxin group', members: ['C-1', 'C-2'], comprehensiveLimit: '90000000.00', onBalance: '0.00', offBalance: '0.00', outstanding: '0.00',
      exposure: '0.00', cap: '150000000.00', headroom: '60000000.00', capUtilization: '0.6000', inBreach: false, leadBranch: null, groupLimits: [],
    };
    const history: LogEntry[] = [
      { position: '3', type: 'CustomerRegistered', version: 1, streamId: 'book', data: { customerId: 'C-1' }, metadata: { effectiveDate: '2025-01-01' } },
      { position: '5', type: 'LimitGranted', version: 1, streamId: 'book', data: { limitId: 'L-1' }, metadata: { effectiveDate: '2025-03-01' } },
      { position: '9', type: 'DrawdownBooked', version: 1, streamId: 'book', data: { drawdownId: 'D-1' }, metadata: { effectiveDate: '2025-01-15' } },
    ];
    beforeAll(() => {
      readModels.customersById.set('C-1', customer);
      readModels.groupsById.set('G-1', group);
      readModels.histories.set('C-1', history);
    });

    it('serves a customer as of a date', async () => {
      const response = await call('GET', '/api/v1/customers/C-1?asOf=2025-03-31', { token: officer });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(customer);
      expect(readModels.calls).toContainEqual({ method: 'customer', args: ['C-1', '2025-03-31'] });
    });

    it('answers 404 CUSTOMER_NOT_FOUND and GROUP_NOT_FOUND', async () => {
      await expectProblem(await call('GET', '/api/v1/customers/C-9', { token: officer }), 404, 'CUSTOMER_NOT_FOUND');
      await expectProblem(await call('GET', '/api/v1/groups/G-9', { token: officer }), 404, 'GROUP_NOT_FOUND');
    });

    it('lists groups by cap utilisation, 50 a page unless asked otherwise, with the cursor of the next page', async () => {
      const response = await call('GET', '/api/v1/groups', { token: officer });
      expect(await response.json()).toEqual({ items: [group], next: null });
      expect(readModels.calls).toContainEqual({ method: 'groupsPage', args: [{ sort: 'capUtilization', limit: 50, asOf: undefined, cursor: undefined }] });
      await call('GET', '/api/v1/groups?sort=exposure&limit=500&cursor=abc', { token: officer });
      expect(readModels.calls).toContainEqual({ method: 'groupsPage', args: [{ sort: 'exposure', limit: 500, asOf: undefined, cursor: 'abc' }] });
      await expectProblem(await call('GET', '/api/v1/groups?limit=501', { token: officer }), 400, 'VALIDATION_FAILED');
    });

    it('answers 400 INVALID_CURSOR for a cursor the list did not give out, never a 5xx', async () => {
      const original = readModels.limits.bind(readModels);
      readModels.limits = () => {
        throw new InvalidCursorError('bogus');
      };
      try {
        const problem = await expectProblem(await call('GET', '/api/v1/limits?cursor=bogus', { token: officer }), 400, 'INVALID_CURSOR');
        expect(problem).toMatchObject({ cursor: 'bogus' });
      } finally {
        readModels.limits = original;
      }
      await expectProblem(await call('GET', `/api/v1/limits?cursor=${'x'.repeat(2049)}`, { token: officer }), 400, 'VALIDATION_FAILED');
    });

    it("maps the limits, policy, capital and customer-search queries, with each endpoint's roles", async () => {
      const approver = api.token('ann', 'approver');
      expect((await call('GET', '/api/v1/limits?status=pending&customerId=C-1&limit=10&asOf=2025-03-31', { token: approver })).status).toBe(200);
      expect(readModels.calls).toContainEqual({ method: 'limits', args: [{ status: 'pending', customerId: 'C-1', cursor: undefined, limit: 10, asOf: '2025-03-31' }] });
      await expectProblem(await call('GET', '/api/v1/limits?status=open', { token: approver }), 400, 'VALIDATION_FAILED');
      await expectProblem(await call('GET', '/api/v1/limits/L-9', { token: officer }), 404, 'LIMIT_NOT_FOUND');
      // Least exposure: an unknown limit is not revealed to an approver; outside their queue they list nothing.
      await expectProblem(await call('GET', '/api/v1/limits/L-9', { token: approver }), 403, 'FORBIDDEN');
      await expectProblem(await call('GET', '/api/v1/limits', { token: approver }), 403, 'FORBIDDEN');
      await expectProblem(await call('GET', '/api/v1/limits?customerId=C-1', { token: approver }), 403, 'FORBIDDEN');

      expect(await (await call('GET', '/api/v1/policy?asOf=2025-03-31', { token: approver })).json()).toMatchObject({ asOf: '2025-03-31', groupCapRatio: '0.15' });
      await expectProblem(await call('GET', '/api/v1/capital', { token: approver }), 403, 'FORBIDDEN');
      expect(await (await call('GET', '/api/v1/capital', { token: api.token('ad', 'admin') })).json()).toMatchObject({ inForce: { netCapital: '1000000000.00' } });
      await expectProblem(await call('GET', '/api/v1/policy', { token: api.token('r', 'regulator') }), 403, 'FORBIDDEN');

      const found = await (await call('GET', '/api/v1/customers?q=Huax&limit=5', { token: officer })).json();
      expect(found).toEqual({ items: [expect.objectContaining({ customerId: 'C-1' })], next: null });
      expect(readModels.calls).toContainEqual({ method: 'customers', args: [{ q: 'Huax', cursor: undefined, limit: 5, asOf: undefined }] });
      await expectProblem(await call('GET', '/api/v1/customers?q=x', { token: approver }), 403, 'FORBIDDEN');
    });

    it('lets an approver read a customer or group only while it has a request awaiting their decision', async () => {
      const approver = api.token('ann', 'approver');
      const denied = await expectProblem(await call('GET', '/api/v1/customers/C-1', { token: approver }), 403, 'FORBIDDEN');
      expect(denied.detail).toContain('awaiting their decision');
      await expectProblem(await call('GET', '/api/v1/groups/G-1', { token: approver }), 403, 'FORBIDDEN');
      // An unknown id is 403 too: an approver cannot probe which customers exist.
      await expectProblem(await call('GET', '/api/v1/customers/C-9', { token: approver }), 403, 'FORBIDDEN');
      await expectProblem(await call('GET', '/api/v1/groups', { token: approver }), 403, 'FORBIDDEN');
      const active = { limitId: 'L-7', customerId: 'C-1', status: 'active', requestedBy: null, pendingRenewal: null, drawdowns: [] } as never;
      readModels.limitsById.set('L-7', active);
      try {
        // A limit shows its customer's figures: read while the customer has a request awaiting the approver.
        await expectProblem(await call('GET', '/api/v1/limits/L-7', { token: approver }), 403, 'FORBIDDEN');
        expect((await call('GET', '/api/v1/limits/L-7', { token: officer })).status).toBe(200);
        readModels.awaitingDecision.add('C-1').add('G-1');
        expect((await call('GET', '/api/v1/customers/C-1', { token: approver })).status).toBe(200);
        expect((await call('GET', '/api/v1/groups/G-1', { token: approver })).status).toBe(200);
        expect((await call('GET', '/api/v1/limits/L-7', { token: approver })).status).toBe(200);
        expect((await call('GET', '/api/v1/limits?customerId=C-1', { token: approver })).status).toBe(200);
        expect(readModels.calls).toContainEqual({ method: 'awaitsDecisionOf', args: [{ customerId: 'C-1' }, 'ann'] });
        readModels.awaitingDecision.clear();
        // A pending request is itself awaiting a decision: an approver reads it, but not their own request.
        readModels.limitsById.set('L-7', { ...(active as object), status: 'pending', requestedBy: 'olga' } as never);
        expect((await call('GET', '/api/v1/limits/L-7', { token: approver })).status).toBe(200);
        await expectProblem(await call('GET', '/api/v1/limits/L-7', { token: api.token('olga', 'approver') }), 403, 'FORBIDDEN');
        // An unknown group limit is not revealed either.
        await expectProblem(await call('GET', '/api/v1/group-limits/GL-9', { token: approver }), 403, 'FORBIDDEN');
        await expectProblem(await call('GET', '/api/v1/group-limits/GL-9', { token: officer }), 404, 'GROUP_LIMIT_NOT_FOUND');
      } finally {
        readModels.awaitingDecision.clear();
        readModels.limitsById.delete('L-7');
      }
      // An approver who is also an officer reads as an officer.
      expect((await call('GET', '/api/v1/customers/C-1', { token: api.token('oa', 'officer', 'approver') })).status).toBe(200);
    });

    it('refuses a malformed asOf', async () => {
      await expectProblem(await call('GET', '/api/v1/breaches?asOf=31/03/2025', { token: officer }), 400, 'VALIDATION_FAILED');
    });

    it('waits for ?minPosition and answers once the read side has it', async () => {
      const response = await call('GET', '/api/v1/groups/G-1?minPosition=10', { token: officer });
      expect(response.status).toBe(200);
      expect(readModels.calls).toContainEqual({ method: 'waitFor', args: [10n] });
    });

    it('answers 503 READ_MODEL_BEHIND when the read side does not reach ?minPosition in time', async () => {
      const problem = await expectProblem(await call('GET', '/api/v1/groups/G-1?minPosition=11', { token: officer }), 503, 'READ_MODEL_BEHIND');
      expect(problem).toMatchObject({ minPosition: '11', position: '10' });
    });

    it('pages the event log after an exclusive position, positions as strings', async () => {
      const first = (await (await call('GET', '/api/v1/events?limit=2', { token: api.token('k', 'risk') })).json()) as EventsPage;
      expect(first.items.map((e) => [e.position, e.type])).toEqual([['3', 'CustomerRegistered'], ['5', 'LimitGranted']]);
      expect(first.next).toBe('5');
      const second = (await (await call('GET', `/api/v1/events?after=${first.next}&limit=2`, { token: api.token('k', 'risk') })).json()) as EventsPage;
      expect(second.items.map((e) => e.position)).toEqual(['9']);
      expect(second.items[0]).toMatchObject({ streamId: 'book', data: { n: 9 }, metadata: { commandId: 'c9' } });
      const end = await (await call('GET', '/api/v1/events?after=9', { token: api.token('k', 'risk') })).json();
      expect(end).toEqual({ items: [], next: null });
    });

    it('refuses an event page over 1000', async () => {
      await expectProblem(await call('GET', '/api/v1/events?limit=1001', { token: api.token('k', 'risk') }), 400, 'VALIDATION_FAILED');
    });

    it('serves a customer history to risk', async () => {
      const response = await call('GET', '/api/v1/customers/C-1/history', { token: api.token('k', 'risk') });
      expect(await response.json()).toEqual({ customerId: 'C-1', items: history });
    });

    it('serves a customer history as of a date: the events in effect by then, back-dated ones included', async () => {
      const response = await call('GET', '/api/v1/customers/C-1/history?asOf=2025-01-31', { token: api.token('k', 'risk') });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { items: LogEntry[] };
      expect(body.items.map((e) => e.position)).toEqual(['3', '9']);
      const before = await call('GET', '/api/v1/customers/C-1/history?asOf=2024-12-31', { token: api.token('k', 'risk') });
      expect(await before.json()).toEqual({ customerId: 'C-1', items: [] });
      await expectProblem(await call('GET', '/api/v1/customers/C-1/history?asOf=2025-02-30', { token: api.token('k', 'risk') }), 400, 'VALIDATION_FAILED');
    });

    it('pages the event log as of a date, skipping events in effect later and keeping back-dated ones', async () => {
      const risk = api.token('k', 'risk');
      const page = async (query: string) => (await (await call('GET', `/api/v1/events?${query}`, { token: risk })).json()) as EventsPage;
      const all = await page('asOf=2025-01-31');
      expect([all.items.map((e) => e.position), all.next]).toEqual([['3', '9'], '9']);
      const first = await page('asOf=2025-01-31&limit=1');
      expect([first.items.map((e) => e.position), first.next]).toEqual([['3'], '3']);
      const second = await page(`asOf=2025-01-31&limit=1&after=${first.next}`);
      expect([second.items.map((e) => e.position), second.next]).toEqual([['9'], '9']);
      expect(await page('asOf=2025-01-31&after=9')).toEqual({ items: [], next: null });
      expect(await page('asOf=2024-12-31')).toEqual({ items: [], next: null });
      await expectProblem(await call('GET', '/api/v1/events?asOf=2025-1-31', { token: risk }), 400, 'VALIDATION_FAILED');
    });

    it('writes one audit line, with who and what, for each successful read by a person, and none for refused reads or commands', async () => {
      const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
      try {
        const before = Date.now();
        expect((await call('GET', '/api/v1/customers/C-1?asOf=2025-03-31', { token: officer })).status).toBe(200);
        await call('GET', '/api/v1/customers/C-9', { token: officer });
        await call('GET', '/api/v1/customers/C-1', { token: api.token('r', 'regulator') });
        await call('POST', '/api/v1/limits/L-1/cancel', { token: officer });
        await call('GET', '/health');
        const lines = log.mock.calls.map(([message]) => JSON.parse(String(message)) as Record<string, unknown>).filter((l) => l.event === 'api-read');
        expect(lines).toEqual([
          {
            event: 'api-read',
            at: expect.any(String),
            userId: 'olivia',
            roles: ['officer'],
            method: 'GET',
            path: '/api/v1/customers/C-1?asOf=2025-03-31',
            status: 200,
            durationMs: expect.any(Number),
          },
        ]);
        expect(Date.parse(lines[0].at as string)).toBeGreaterThanOrEqual(before - 1000);
      } finally {
        log.mockRestore();
      }
    });
  });

  describe('health, docs and unknown routes', () => {
    it('answers health without a token: ok with the position once ready, 503 starting before', async () => {
      const ok = await call('GET', '/health');
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ status: 'ok', role: 'all', position: '10' });
      runtime.ready = false;
      const starting = await call('GET', '/health');
      expect(starting.status).toBe(503);
      expect(await starting.json()).toMatchObject({ status: 'starting' });
    });

    it('serves the OpenAPI document with bearer auth and every command path', async () => {
      const response = await call('GET', '/docs-json');
      expect(response.status).toBe(200);
      const document = (await response.json()) as { components: { securitySchemes: Record<string, unknown> }; paths: Record<string, unknown> };
      expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(['/api/v1/capital', '/api/v1/policy', '/api/v1/limits/{limitId}/drawdowns', '/api/v1/drawdowns/{drawdownId}/repayments', '/api/v1/events']),
      );
      expect((await call('GET', '/docs')).status).toBe(200);
    });

    it("documents every endpoint's roles and the problem codes it answers, under their statuses", async () => {
      const document = (await (await call('GET', '/docs-json')).json()) as {
        paths: Record<string, Record<string, { description?: string; 'x-roles'?: string[]; responses: Record<string, { description: string; content?: Record<string, unknown> }> }>>;
      };
      const op = (method: string, path: string) => document.paths[path][method];
      for (const [path, item] of Object.entries(document.paths)) {
        if (!path.startsWith('/api/v1')) continue;
        for (const [method, operation] of Object.entries(item)) {
          expect([method, path, operation['x-roles']?.length]).toEqual([method, path, expect.any(Number)]);
          expect(operation.description).toMatch(/^Roles?: /);
        }
      }
      expect(op('get', '/api/v1/limits').description).toMatch(/^Roles: officer, approver, risk\./);
      expect(op('get', '/api/v1/limits').responses['400'].description).toMatch(/^codes: .*INVALID_CURSOR/);
      // api.md's cap codes, the back-dating refusal, and those of an allocation under a group limit (Extensions).
      expect(op('post', '/api/v1/limits').responses['422'].description).toMatch(
        /^codes: GROUP_CAP_EXCEEDED, CUSTOMER_CAP_EXCEEDED, NET_CAPITAL_NOT_DECLARED, EFFECTIVE_DATE_TOO_EARLY, GROUP_LIMIT_EXCEEDED, NOT_IN_GROUP, LIMIT_NOT_ACTIVE\. refused by a cap or state rule$/,
      );
      // Each status once: no description repeated.
      expect(op('post', '/api/v1/limits').responses['409'].description).toBe('codes: IDEMPOTENCY_KEY_REUSED, COMMAND_ID_REUSED, LIMIT_EXISTS. conflict with recorded state, IDEMPOTENCY_KEY_REUSED or COMMAND_ID_REUSED');
      expect(op('post', '/api/v1/limits').responses['409'].description).toMatch(/IDEMPOTENCY_KEY_REUSED, COMMAND_ID_REUSED, LIMIT_EXISTS/);
      expect(op('post', '/api/v1/limits/{limitId}/approve').responses['403'].description).toContain('SELF_APPROVAL');
      expect(op('get', '/api/v1/groups/{groupId}').responses['404'].description).toMatch(/^codes: GROUP_NOT_FOUND\. /);
      expect(op('post', '/api/v1/reports/large-credit/filings').responses['409'].description).toContain('REPORT_ALREADY_FILED');
      // Every format of the report has its schema.
      const report = op('get', '/api/v1/reports/large-credit').responses['200'].content as Record<string, { schema: unknown }>;
      expect(report['application/json'].schema).toEqual({ $ref: '#/components/schemas/LargeCreditReportSchema' });
      expect(report['text/csv'].schema).toEqual({ type: 'string' });
      expect(report['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'].schema).toEqual({ type: 'string', format: 'binary' });
      // The G14 report likewise (domain.md section 8).
      const g14 = op('get', '/api/v1/reports/large-exposure');
      expect(g14.description).toMatch(/^Roles: regulator, risk\./);
      const g14Content = g14.responses['200'].content as Record<string, { schema: unknown }>;
      expect(g14Content['application/json'].schema).toEqual({ $ref: '#/components/schemas/G14ReportSchema' });
      expect(g14Content['text/csv'].schema).toEqual({ type: 'string' });
      expect(op('post', '/api/v1/reports/large-exposure/filings').description).toMatch(/^Roles: admin, risk\./);
      expect(op('post', '/api/v1/reports/large-exposure/filings').responses['409'].description).toContain('REPORT_ALREADY_FILED');
      expect(op('post', '/api/v1/reports/large-exposure/filings').responses['422'].description).toContain('TIER1_NET_CAPITAL_NOT_DECLARED');
    });

    it('documents the read answers, the command headers and the problems every command can give', async () => {
      const document = (await (await call('GET', '/docs-json')).json()) as OpenApi;
      const ok = (path: string) => document.paths[path].get.responses['200'].content['application/json'].schema;
      expect(ok('/api/v1/customers/{id}')).toEqual({ $ref: '#/components/schemas/CustomerSchema' });
      expect(ok('/api/v1/customers/{id}/history')).toEqual({ $ref: '#/components/schemas/CustomerHistorySchema' });
      expect(ok('/api/v1/groups/{groupId}')).toEqual({ $ref: '#/components/schemas/GroupSchema' });
      expect(ok('/api/v1/groups')).toEqual({ $ref: '#/components/schemas/GroupListSchema' });
      expect(ok('/api/v1/breaches')).toEqual({ $ref: '#/components/schemas/BreachListSchema' });
      expect(ok('/api/v1/events')).toEqual({ $ref: '#/components/schemas/EventsPageSchema' });
      expect(ok('/health')).toEqual({ $ref: '#/components/schemas/HealthSchema' });
      const properties = (name: string) => Object.keys(document.components.schemas[name].properties).sort();
      expect(properties('CustomerSchema')).toEqual(Object.keys(customerShape).sort());
      expect(properties('GroupSchema')).toEqual(Object.keys(groupShape).sort());
      expect(properties('BreachSchema')).toEqual(['basis', 'cap', 'connectedGroupId', 'customerId', 'groupId', 'measure', 'members', 'regime', 'since']);
      expect(properties('LimitSchema')).toEqual(
        ['available', 'amount', 'branch', 'customerId', 'exposure', 'groupLimitId', 'limitId', 'outstanding', 'pendingRenewal', 'requestedBy', 'riskClass', 'status', 'validFrom', 'validTo'].sort(),
      );

      const grant = document.paths['/api/v1/limits'].post;
      expect(grant.parameters.filter((p) => p.in === 'header').map((p) => p.name).sort()).toEqual(['Idempotency-Key', 'X-Command-Id', 'X-Correlation-Id']);
      expect(Object.keys(grant.responses).sort()).toEqual(['201', '202', '400', '401', '403', '404', '409', '413', '415', '422', '429', '503']);
      expect(Object.keys(grant.responses['201'].headers ?? {})).toEqual(['Idempotent-Replayed']);
      expect(Object.keys(grant.responses['202'].headers ?? {})).toEqual(['Idempotent-Replayed']);
      const cancel = document.paths['/api/v1/limits/{limitId}/cancel'].post;
      expect(Object.keys(cancel.responses)).toEqual(expect.arrayContaining(['201', '413', '503']));
      expect(cancel.responses['503'].content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/ProblemSchema' });
    });

    it('answers an unknown route with 404 problem+json', async () => {
      await expectProblem(await call('GET', '/api/v1/nothing-here', { token: officer }), 404, 'NOT_FOUND');
    });
  });
});

describe('HTTP API on a reader', () => {
  it('answers commands with 503 WRITER_UNAVAILABLE and still serves reads', async () => {
    const api = await startTestApp(fakeRuntime({ role: 'reader', writer: null }));
    try {
      const officer = api.token('o', 'officer');
      const response = await fetch(`${api.url}/api/v1/limits/L-1/cancel`, { method: 'POST', headers: { authorization: `Bearer ${officer}` } });
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({ code: 'WRITER_UNAVAILABLE' });
      expect((await fetch(`${api.url}/api/v1/breaches`, { headers: { authorization: `Bearer ${officer}` } })).status).toBe(200);
    } finally {
      await api.close();
    }
  });

  it('stops the runtime when the app closes', async () => {
    const runtime = fakeRuntime();
    const api = await startTestApp(runtime);
    await api.close();
    expect(runtime.stopped).toBe(true);
  });
});

interface EventsPage {
  items: Array<{ position: string; type: string; streamId: string; data: unknown; metadata: unknown }>;
  next: string | null;
}

interface OpenApiOperation {
  parameters: Array<{ name: string; in: string }>;
  responses: Record<string, { headers?: Record<string, unknown>; content: Record<string, { schema: unknown }> }>;
}
interface OpenApi {
  paths: Record<string, Record<'get' | 'post', OpenApiOperation>>;
  components: { schemas: Record<string, { properties: Record<string, unknown> }> };
}

/** The read models' field names, so the documentation is checked against the port, not against itself. */
const customerShape: Record<keyof CustomerReadModel, true> = {
  customerId: true, name: true, kind: true, creditCode: true, groupId: true, limits: true, comprehensiveLimit: true, outstanding: true, exposure: true,
};
const groupShape: Record<keyof GroupReadModel, true> = {
  groupId: true, name: true, members: true, comprehensiveLimit: true, onBalance: true, offBalance: true, outstanding: true, exposure: true,
  cap: true, headroom: true, capUtilization: true, inBreach: true, leadBranch: true, groupLimits: true,
};

/** A writer answer that runs the real domain over the book the commands given lead to. */
function decidingOver(setup: BookCommand[]): FakeWriter['answer'] {
  const context: CommandContext = { actor: { userId: 'olivia', roles: ['officer'] }, effectiveDate: '2025-01-01', today: '2025-01-01' };
  let state: BookState = initialBookState;
  for (const command of setup) {
    const decided = decideAndEvolve(command, state, context);
    if (isRefusal(decided)) throw new Error(`setup refused: ${decided.message}`);
    state = decided.state;
  }
  return (submission) => {
    const decision = decide(submission.command, state, context);
    return isRefusal(decision)
      ? { status: 'refused', refusal: decision }
      : { status: 'accepted', position: 20n, events: decision.map((e) => ({ type: e.type, version: 1, data: e.data })), pendingApproval: false, replayed: false };
  };
}

/** Node's client, which can send a header twice on separate lines (fetch joins them into one). */
function rawPost(url: string, headers: Record<string, string | string[]>): Promise<{ status: number; body: unknown }> {
  return new Promise((done, fail) => {
    const req = httpRequest(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', fail);
    req.end();
  });
}

function recorded(position: bigint, type: string, effectiveDate: string): RecordedEvent {
  return {
    id: `e${position}`,
    streamId: 'book',
    revision: position,
    position,
    type,
    version: 1,
    data: { n: Number(position) },
    metadata: {
      commandId: `c${position}`,
      correlationId: `c${position}`,
      causationId: `c${position}`,
      actor: { userId: 'u', roles: ['officer'] },
      recordedAt: '2025-03-01T00:00:00.000Z',
      effectiveDate,
    },
  };
}
