import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client, ServerProcess, startServer, tokenFor } from '../testing/server-process';

/**
 * Least exposure (domain.md section 7): an approver reads a customer or a group only while a request on it awaits
 * their decision (reads/least-exposure.ts over ReadModels.awaitsDecisionOf). Net capital 1,000,000,000.00: escalation above 66,000,000.00, so a grant of 70,000,000.00 is a request.
 */
describe('an approver reads only what awaits a decision', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'groupcap-scope-e2e-'));
  let server: ServerProcess;
  let officer: ReturnType<typeof client>;
  let approver: ReturnType<typeof client>;
  let position = '0';
  const at = (path: string) => `${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`;
  const done = (response: { status: number; body: { position: string } }, status = 201) => {
    expect(response.status).toBe(status);
    position = response.body.position;
  };

  beforeAll(async () => {
    server = await startServer({ DATA_DIR: dataDir, BUSINESS_DATE: '2026-03-31' });
    officer = client(server.baseUrl, tokenFor('wang', ['officer']));
    approver = client(server.baseUrl, tokenFor('zhao', ['approver']));
    const admin = client(server.baseUrl, tokenFor('admin', ['admin']));
    done(await admin.put('/api/v1/capital', { asOf: '2025-12-31', netCapital: '1000000000.00' }));
    for (const id of ['A', 'B', 'Q']) done(await officer.post('/api/v1/customers', { customerId: id, name: `Company ${id}`, kind: 'enterprise' }));
    done(await officer.post('/api/v1/relations', { relationId: 'r1', from: 'A', to: 'B', type: 'equity', share: '0.6' }));
    done(await officer.post('/api/v1/limits', { limitId: 'LB', customerId: 'B', amount: '70000000.00', validFrom: '2026-01-01', validTo: '2026-12-31' }), 202);
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reads the customer and the group of a pending request, and nothing else', async () => {
    expect((await approver.get(at('/api/v1/customers/B'))).status).toBe(200);
    expect((await approver.get(at('/api/v1/groups/G000001'))).body.members.sort()).toEqual(['A', 'B']);
    // A is in B's group, but has no request of its own; Q has none; an unknown id is not revealed either.
    for (const id of ['A', 'Q', 'NOBODY']) expect((await approver.get(at(`/api/v1/customers/${id}`))).body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    // The list of groups is not an approver's read at all (officer, risk).
    expect((await approver.get(at('/api/v1/groups'))).body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    // The queue says what approving LB would make of its group's total: A has no limit and LB counts nothing while
    // pending, so 0.00 now; approved, 70,000,000.00 against the group cap of 15% x 1,000,000,000.00 = 150,000,000.00,
    // 70 / 150 = 0.46666... -> "0.4667".
    expect((await approver.get(at('/api/v1/limits?status=pending'))).body.items).toEqual([
      expect.objectContaining({
        limitId: 'LB',
        requestedBy: 'wang',
        ifApproved: {
          subjectType: 'group',
          groupId: 'G000001',
          customerId: null,
          comprehensiveLimit: '0.00',
          comprehensiveLimitIfApproved: '70000000.00',
          cap: '150000000.00',
          capUtilizationIfApproved: '0.4667',
          overCapIfApproved: false,
        },
      }),
    ]);
    // The officer reads as before.
    expect((await officer.get(at('/api/v1/customers/Q'))).status).toBe(200);
  });

  it('loses sight of them once the request is decided', async () => {
    done(await approver.post('/api/v1/limits/LB/approve'));
    expect((await approver.get(at('/api/v1/customers/B'))).status).toBe(403);
    expect((await approver.get(at('/api/v1/groups/G000001'))).status).toBe(403);
  });
});
