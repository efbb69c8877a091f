import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client, ServerProcess, startServer, tokenFor } from './testing/server-process';

/**
 * Group unified credit end to end over HTTP against the real server and the embedded store: a group limit
 * requested and approved, three members allocated, a drawdown refused by its member limit while the group limit
 * has room, a reallocation that makes it fit, a member leaving. Net capital 1,000,000,000.00: group cap
 * 150,000,000.00. Today is 2026-03-31; the set-up is back-dated so that as-of reads see its steps.
 */
describe('a group limit over HTTP', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'groupcap-glimit-e2e-'));
  let server: ServerProcess;
  let officer: ReturnType<typeof client>;
  let officerApprover: ReturnType<typeof client>;
  let approver: ReturnType<typeof client>;
  let admin: ReturnType<typeof client>;
  let risk: ReturnType<typeof client>;
  let position = '0';

  const ok = <T extends { status: number; body: { position?: string } }>(response: T, status = 201): T => {
    expect({ status: response.status, body: response.body }).toMatchObject({ status });
    position = response.body.position as string;
    return response;
  };
  const types = (response: { body: { events: { type: string }[] } }) => response.body.events.map((e) => e.type);
  const allocate = (limitId: string, customerId: string, amount: string) =>
    officer.post('/api/v1/limits', { limitId, customerId, amount, validFrom: '2026-01-01', validTo: '2026-12-31', groupLimitId: 'GL1', effectiveDate: '2026-01-15' });

  beforeAll(async () => {
    server = await startServer({ DATA_DIR: dataDir, BUSINESS_DATE: '2026-03-31' });
    officer = client(server.baseUrl, tokenFor('wang', ['officer']));
    officerApprover = client(server.baseUrl, tokenFor('li', ['officer', 'approver']));
    approver = client(server.baseUrl, tokenFor('zhao', ['approver']));
    admin = client(server.baseUrl, tokenFor('admin', ['admin']));
    risk = client(server.baseUrl, tokenFor('chen', ['risk']));
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('forms the group: A holds 60% of B and of C', async () => {
    ok(await admin.put('/api/v1/capital', { asOf: '2025-12-31', netCapital: '1000000000.00' }));
    for (const id of ['A', 'B', 'C']) ok(await officer.post('/api/v1/customers', { customerId: id, name: `${id} 有限公司`, kind: 'enterprise', effectiveDate: '2026-01-02' }));
    ok(await officer.post('/api/v1/relations', { relationId: 'A-B', from: 'A', to: 'B', type: 'equity', share: '0.6', effectiveDate: '2026-01-02' }));
    ok(await officer.post('/api/v1/relations', { relationId: 'A-C', from: 'A', to: 'C', type: 'equity', share: '0.6', effectiveDate: '2026-01-02' }));
    expect([...(await officer.get(`/api/v1/groups/G000001?minPosition=${position}`)).body.members].sort()).toEqual(['A', 'B', 'C']);
  });

  it('requests a group limit (always 202), which only someone other than the requester approves', async () => {
    const body = { groupLimitId: 'GL1', amount: '100000000.00', validFrom: '2026-01-01', validTo: '2026-12-31', effectiveDate: '2026-01-05' };
    expect((await officer.post('/api/v1/groups/G000009/limits', body)).body).toMatchObject({ status: 404, code: 'GROUP_NOT_FOUND' });
    expect(types(ok(await officerApprover.post('/api/v1/groups/G000001/limits', body), 202))).toEqual(['GroupLimitRequested']);
    expect((await officerApprover.post('/api/v1/groups/G000001/limits', body)).body).toMatchObject({ status: 409, code: 'GROUP_LIMIT_EXISTS' });
    expect((await officerApprover.post('/api/v1/group-limits/GL1/approve', { effectiveDate: '2026-01-10' })).body).toMatchObject({ status: 403, code: 'SELF_APPROVAL' });
    expect(types(ok(await approver.post('/api/v1/group-limits/GL1/approve', { effectiveDate: '2026-01-10' })))).toEqual(['GroupLimitApproved']);
  });

  it('allocates it to three members, at once, never past the group limit', async () => {
    // 40,000,000.00 + 30,000,000.00 + 30,000,000.00 = 100,000,000.00 = the group limit; 0.01 more passes it.
    expect(types(ok(await allocate('LA1', 'A', '40000000.00')))).toEqual(['LimitGranted']);
    ok(await allocate('LB1', 'B', '30000000.00'));
    ok(await allocate('LC1', 'C', '30000000.00'));
    expect((await allocate('LA2', 'A', '0.01')).body).toMatchObject({
      status: 422,
      code: 'GROUP_LIMIT_EXCEEDED',
      groupLimit: '100000000.00',
      allocated: '100000000.00',
      requested: '0.01',
    });
    // The group reports the group limit once, not 100,000,000.00 more for its allocations.
    const group = (await officer.get(`/api/v1/groups/G000001?minPosition=${position}`)).body;
    expect(group).toMatchObject({ comprehensiveLimit: '100000000.00', headroom: '50000000.00' });
    expect(group.groupLimits).toEqual([{ groupLimitId: 'GL1', amount: '100000000.00', validFrom: '2026-01-01', validTo: '2026-12-31', status: 'active', pendingRenewal: null }]);
  });

  it('refuses a drawdown its member limit cannot take while the group limit has room, until a reallocation makes it fit', async () => {
    // LB1 is 30,000,000.00: 35,000,000.00 does not fit, though GL1 has nothing drawn.
    const refused = await officer.post('/api/v1/limits/LB1/drawdowns', { drawdownId: 'DB1', amount: '35000000.00', product: 'loan' });
    expect(refused.body).toMatchObject({ status: 422, code: 'LIMIT_EXCEEDED', available: '30000000.00', requested: '35000000.00' });
    // Move 5,000,000.00 of A's unused room to B: LA1 35,000,000.00, LB1 35,000,000.00.
    const moved = ok(await officer.post('/api/v1/group-limits/GL1/reallocations', { fromLimitId: 'LA1', toLimitId: 'LB1', amount: '5000000.00' }));
    expect(moved.body.events[0]).toMatchObject({ type: 'GroupLimitReallocated', fromAmountAfter: '35000000.00', toAmountAfter: '35000000.00' });
    ok(await officer.post('/api/v1/limits/LB1/drawdowns', { drawdownId: 'DB1', amount: '35000000.00', product: 'loan' }));
    // LB1 now has nothing unused: it cannot give any of it back.
    expect((await officer.post('/api/v1/group-limits/GL1/reallocations', { fromLimitId: 'LB1', toLimitId: 'LC1', amount: '0.01' })).body).toMatchObject({ status: 422, code: 'LIMIT_EXCEEDED' });

    const view = (await risk.get(`/api/v1/group-limits/GL1?minPosition=${position}`)).body;
    // 100,000,000.00 allocated; 35,000,000.00 used; 100 - 35 = 65,000,000.00 unused.
    expect(view).toMatchObject({ groupId: 'G000001', status: 'active', allocated: '100000000.00', unallocated: '0.00', used: '35000000.00', unused: '65000000.00' });
    expect(view.allocations).toEqual([
      { limitId: 'LA1', customerId: 'A', amount: '35000000.00', status: 'active', outstanding: '0.00', unused: '35000000.00', inGroupLimit: true },
      { limitId: 'LB1', customerId: 'B', amount: '35000000.00', status: 'active', outstanding: '35000000.00', unused: '0.00', inGroupLimit: true },
      { limitId: 'LC1', customerId: 'C', amount: '30000000.00', status: 'active', outstanding: '0.00', unused: '30000000.00', inGroupLimit: true },
    ]);
  });

  it('lets a member leave with its allocation as its own limit, freeing the room', async () => {
    const left = ok(await officer.delete('/api/v1/relations/A-C'));
    expect(types(left)).toEqual(['RelationRemoved', 'GroupMemberLeft']);
    const view = (await officer.get(`/api/v1/group-limits/GL1?minPosition=${position}`)).body;
    // 35 + 35 = 70,000,000.00 allocated to members; LC1's 30,000,000.00 is C's own now.
    expect(view).toMatchObject({ allocated: '70000000.00', unallocated: '30000000.00' });
    expect(view.allocations[2]).toMatchObject({ limitId: 'LC1', inGroupLimit: false });
    expect((await officer.get('/api/v1/customers/C')).body).toMatchObject({ groupId: null, comprehensiveLimit: '30000000.00' });
    expect((await officer.get('/api/v1/groups/G000001')).body).toMatchObject({ members: ['A', 'B'], comprehensiveLimit: '100000000.00' });
    // The room C left can be allocated again.
    ok(await officer.post('/api/v1/limits', { limitId: 'LA2', customerId: 'A', amount: '30000000.00', validFrom: '2026-01-01', validTo: '2026-12-31', groupLimitId: 'GL1' }));
  });

  it('answers as of earlier dates: pending before its approval, nothing allocated before the allocations', async () => {
    expect((await risk.get('/api/v1/group-limits/GL1?asOf=2026-01-04')).body).toMatchObject({ status: 404, code: 'GROUP_LIMIT_NOT_FOUND' });
    expect((await risk.get('/api/v1/group-limits/GL1?asOf=2026-01-07')).body).toMatchObject({ status: 'pending', allocated: '0.00' });
    expect((await risk.get('/api/v1/group-limits/GL1?asOf=2026-01-12')).body).toMatchObject({ status: 'active', allocated: '0.00', allocations: [] });
    expect((await officer.get('/api/v1/groups/G000001?asOf=2026-01-07')).body).toMatchObject({ comprehensiveLimit: '0.00' });
    expect((await officer.get('/api/v1/groups/G000001?asOf=2026-01-20')).body).toMatchObject({ comprehensiveLimit: '100000000.00', members: ['A', 'B', 'C'] });
    const report = (await risk.get('/api/v1/reports/large-credit?asOf=2026-01-20')).body;
    expect(report.rows.map((r: { groupId: string; comprehensiveLimit: string }) => [r.groupId, r.comprehensiveLimit])).toEqual([['G000001', '100000000.00']]);
  });
});
