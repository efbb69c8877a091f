import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { Role, ROLES } from '@groupcap/domain';
import { openRuntime, StartableRuntime } from '../runtime/open-runtime';
import { startTestApp, TestApp } from '../testing/test-app';

/**
 * Who may call what, from the contract: shared/spec/api.md's tables (and their Extensions), with its rule of least
 * exposure: an approver reads GET /customers/{id}, GET /groups/{id}, GET /limits/{id} and GET /group-limits/{id}
 * only while it has a request awaiting their decision (none in this book: 403); GET /limits?status=pending is their queue. `public`: no token needed. Every route the server has must be here (last test).
 */
const PUBLIC = 'public' as const;
interface Endpoint {
  route: string;
  path: string;
  body?: unknown;
  allowed: readonly Role[] | typeof PUBLIC;
  /** Approvers read it only while it has a request awaiting their decision (api.md): none here, so 403. */
  approverWhileAwaiting?: true;
}
const limit = { limitId: 'L-1', customerId: 'C-1', amount: '1000000.00', validFrom: '2025-01-01', validTo: '2025-12-31' };
const MATRIX: Endpoint[] = [
  { route: 'PUT /api/v1/capital', path: '/api/v1/capital', body: { asOf: '2025-01-01', netCapital: '1000000000.00' }, allowed: ['admin'] },
  { route: 'PUT /api/v1/policy', path: '/api/v1/policy', body: { groupCapRatio: '0.15' }, allowed: ['admin'] },
  { route: 'POST /api/v1/customers', path: '/api/v1/customers', body: { customerId: 'C-1', name: '甲公司', kind: 'enterprise' }, allowed: ['officer'] },
  { route: 'POST /api/v1/relations', path: '/api/v1/relations', body: { relationId: 'R-1', from: 'C-1', to: 'C-2', type: 'equity', share: '0.6' }, allowed: ['officer'] },
  { route: 'DELETE /api/v1/relations/:relationId', path: '/api/v1/relations/R-1', allowed: ['officer'] },
  { route: 'POST /api/v1/limits', path: '/api/v1/limits', body: limit, allowed: ['officer'] },
  { route: 'POST /api/v1/limits/:limitId/approve', path: '/api/v1/limits/L-1/approve', body: {}, allowed: ['approver'] },
  { route: 'POST /api/v1/limits/:limitId/reject', path: '/api/v1/limits/L-1/reject', body: { reason: 'too much' }, allowed: ['approver'] },
  { route: 'POST /api/v1/limits/:limitId/renewal', path: '/api/v1/limits/L-1/renewal', body: { amount: '1000000.00', validTo: '2026-12-31' }, allowed: ['officer'] },
  { route: 'POST /api/v1/limits/:limitId/cancel', path: '/api/v1/limits/L-1/cancel', body: {}, allowed: ['officer'] },
  { route: 'POST /api/v1/limits/:limitId/drawdowns', path: '/api/v1/limits/L-1/drawdowns', body: { drawdownId: 'D-1', amount: '100.00', product: 'loan' }, allowed: ['officer'] },
  { route: 'POST /api/v1/drawdowns/:drawdownId/repayments', path: '/api/v1/drawdowns/D-1/repayments', body: { amount: '1.00' }, allowed: ['officer'] },
  { route: 'GET /api/v1/customers/:id', path: '/api/v1/customers/C-1', allowed: ['officer', 'risk'], approverWhileAwaiting: true },
  { route: 'GET /api/v1/groups/:groupId', path: '/api/v1/groups/G-1', allowed: ['officer', 'risk'], approverWhileAwaiting: true },
  { route: 'GET /api/v1/groups', path: '/api/v1/groups?sort=capUtilization&limit=50', allowed: ['officer', 'risk'] },
  { route: 'GET /api/v1/customers', path: '/api/v1/customers?q=C', allowed: ['officer', 'risk'] },
  { route: 'GET /api/v1/limits', path: '/api/v1/limits?status=pending', allowed: ['officer', 'approver', 'risk'] },
  { route: 'GET /api/v1/limits/:limitId', path: '/api/v1/limits/L-1', allowed: ['officer', 'risk'], approverWhileAwaiting: true },
  { route: 'GET /api/v1/policy', path: '/api/v1/policy', allowed: ['admin', 'officer', 'approver', 'risk'] },
  { route: 'GET /api/v1/capital', path: '/api/v1/capital', allowed: ['admin', 'officer', 'risk'] },
  { route: 'GET /api/v1/breaches', path: '/api/v1/breaches', allowed: ['officer', 'risk', 'regulator'] },
  { route: 'GET /api/v1/reports/large-credit', path: '/api/v1/reports/large-credit?asOf=2025-06-30', allowed: ['regulator', 'risk'] },
  { route: 'POST /api/v1/reports/large-credit/filings', path: '/api/v1/reports/large-credit/filings', body: { asOf: '2025-06-30' }, allowed: ['admin', 'risk'] },
  // The G14 large-exposure report (api.md Extensions; filing as for the large-credit report).
  { route: 'GET /api/v1/reports/large-exposure', path: '/api/v1/reports/large-exposure?asOf=2025-06-30', allowed: ['regulator', 'risk'] },
  { route: 'POST /api/v1/reports/large-exposure/filings', path: '/api/v1/reports/large-exposure/filings', body: { asOf: '2025-06-30' }, allowed: ['admin', 'risk'] },
  { route: 'GET /api/v1/events', path: '/api/v1/events?after=0&limit=10', allowed: ['risk'] },
  { route: 'GET /api/v1/customers/:id/history', path: '/api/v1/customers/C-1/history', allowed: ['risk'] },
  // Group unified credit (api.md Extensions; renewal and cancel "as for customer limits").
  { route: 'POST /api/v1/groups/:groupId/limits', path: '/api/v1/groups/G-1/limits', body: { groupLimitId: 'GL-1', amount: '1000000.00', validFrom: '2025-01-01', validTo: '2025-12-31' }, allowed: ['officer'] },
  { route: 'POST /api/v1/group-limits/:groupLimitId/approve', path: '/api/v1/group-limits/GL-1/approve', body: {}, allowed: ['approver'] },
  { route: 'POST /api/v1/group-limits/:groupLimitId/reject', path: '/api/v1/group-limits/GL-1/reject', body: { reason: 'too much' }, allowed: ['approver'] },
  { route: 'POST /api/v1/group-limits/:groupLimitId/renewal', path: '/api/v1/group-limits/GL-1/renewal', body: { amount: '1000000.00', validTo: '2026-12-31' }, allowed: ['officer'] },
  { route: 'POST /api/v1/group-limits/:groupLimitId/cancel', path: '/api/v1/group-limits/GL-1/cancel', body: {}, allowed: ['officer'] },
  { route: 'POST /api/v1/group-limits/:groupLimitId/reallocations', path: '/api/v1/group-limits/GL-1/reallocations', body: { fromLimitId: 'L-1', toLimitId: 'L-2', amount: '1.00' }, allowed: ['officer'] },
  { route: 'GET /api/v1/group-limits', path: '/api/v1/group-limits?status=pending', allowed: ['officer', 'approver', 'risk'] },
  { route: 'GET /api/v1/group-limits/:groupLimitId', path: '/api/v1/group-limits/GL-1', allowed: ['officer', 'risk'], approverWhileAwaiting: true },
  // Access and refusal records (libs/audit): risk only.
  { route: 'GET /api/v1/audit', path: '/api/v1/audit', allowed: ['risk'] },
  { route: 'GET /health', path: '/health', allowed: PUBLIC },
  // Public in development and test (METRICS=public); its production setting is covered in http-hardening.int-spec.
  { route: 'GET /metrics', path: '/metrics', allowed: PUBLIC },
];

type Caller = Role | 'no token';
const CALLERS: readonly Caller[] = [...ROLES, 'no token'];

describe('authorization matrix: every endpoint x every role and no token, as api.md says', () => {
  let dir: string;
  let runtime: StartableRuntime;
  let api: TestApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'groupcap-authz-'));
    // The real writer and read side, so allowed calls get their real answers (2xx, or a domain 4xx).
    // The writer on its thread (WRITER_THREAD=worker): every command of the matrix crosses to it and back.
    runtime = openRuntime({ dataDir: dir, readModelDir: dir, serverRole: 'all', idempotencyRetentionDays: 7, businessDate: '2025-06-30', writerThread: 'worker' });
    await runtime.start();
    api = await startTestApp(runtime);
  });
  afterAll(async () => {
    await api.close();
    await runtime.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the five roles of api.md', () => {
    expect([...ROLES].sort()).toEqual(['admin', 'approver', 'officer', 'regulator', 'risk']);
  });

  const cases = MATRIX.flatMap((endpoint) => CALLERS.map((caller) => [endpoint.route, caller, endpoint] as const));
  it.each(cases)('%s as %s', async (_route, caller, endpoint) => {
    const method = endpoint.route.split(' ')[0];
    const response = await fetch(api.url + endpoint.path, {
      method,
      headers: {
        ...(caller !== 'no token' && { authorization: `Bearer ${api.token(`user-${caller}`, caller)}` }),
        ...(endpoint.body !== undefined && { 'content-type': 'application/json' }),
      },
      body: endpoint.body === undefined ? undefined : JSON.stringify(endpoint.body),
    });
    const text = await response.text();
    const code = response.headers.get('content-type')?.includes('problem+json') ? (JSON.parse(text) as { code: string }).code : undefined;
    const outcome = `${response.status}${code ? ` ${code}` : ''}`;
    if (endpoint.allowed === PUBLIC) {
      expect(outcome).toBe('200');
    } else if (caller === 'no token') {
      expect(outcome).toBe('401 UNAUTHENTICATED');
    } else if (caller === 'approver' && endpoint.approverWhileAwaiting) {
      expect(response.status).toBe(403);
    } else if (endpoint.allowed.includes(caller)) {
      // Past the guards: whatever the call itself answers (2xx, or a refusal such as 404 or 422), never a role refusal or a failure.
      expect([outcome, response.status >= 200 && response.status < 500 && response.status !== 401 && response.status !== 403]).toEqual([outcome, true]);
    } else {
      expect(outcome).toBe('403 FORBIDDEN');
    }
  });

  it('covers every route the server has (a new endpoint must be added to the matrix)', () => {
    const routes: string[] = [];
    for (const module of api.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const controller = wrapper.metatype as { prototype: Record<string, unknown> } | undefined;
        if (!controller) continue;
        const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
        for (const name of Object.getOwnPropertyNames(controller.prototype)) {
          const handler = controller.prototype[name];
          if (name === 'constructor' || typeof handler !== 'function') continue;
          const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
          if (path === undefined) continue;
          const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
          const full = `/${[base, path].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
          routes.push(`${method} ${full}`);
        }
      }
    }
    expect(routes.sort()).toEqual(MATRIX.map((e) => e.route).sort());
  });
});
