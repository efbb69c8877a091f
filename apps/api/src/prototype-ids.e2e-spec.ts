import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client, startServer, tokenFor } from './testing/server-process';

/**
 * Customer ids that are names of Object.prototype members are ids like any other (the id pattern allows
 * them): they must be registered, grouped, capped and reported exactly as 'A' and 'B' would be.
 *
 * Figures by hand (domain.md sections 1, 2, 4, 5). Net capital 400,000,000.00 declared as of 2025-12-31, so
 * the group cap is 15% = 60,000,000.00, the single-customer cap 10% = 40,000,000.00, and the escalation
 * threshold stays at its default 66,000,000.00 (no grant below needs approval).
 * - `holder` holds 0.6 of `sub`: 0.6 > 0.5, so holder controls sub and the two legal persons form the
 *   first group, G000001, members [holder, sub] (sorted), named after holder, its head (controlled by no one).
 * - L1: 35,000,000.00 to holder: group total 35,000,000.00 <= 60,000,000.00, granted (201).
 * - L2: 30,000,000.00 to sub: group total 65,000,000.00 > 60,000,000.00, refused 422 GROUP_CAP_EXCEEDED.
 *   Were sub standalone, 30,000,000.00 <= 40,000,000.00 would pass: the refusal is the proof of grouping.
 * - L2: 25,000,000.00 to sub: group total 60,000,000.00 = cap, within it (only "more than" breaks), granted.
 * - Report as of 2026-03-31: one row, the group: memberCount 2, comprehensive limit 60,000,000.00, nothing
 *   drawn (on/off balance, outstanding, exposure 0.00), ratio 60,000,000.00 / 400,000,000.00 = 0.1500, no breach.
 */
async function groupCapStory(holder: string, sub: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'groupcap-proto-ids-'));
  const server = await startServer({ DATA_DIR: dataDir, BUSINESS_DATE: '2026-03-31' });
  try {
    const officer = client(server.baseUrl, tokenFor('wang', ['officer']));
    const admin = client(server.baseUrl, tokenFor('admin', ['admin']));
    const regulator = client(server.baseUrl, tokenFor('cbirc', ['regulator']));
    const created = (response: { status: number; body: { position: string } }) => {
      expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
      return response.body.position;
    };

    created(await admin.put('/api/v1/capital', { asOf: '2025-12-31', netCapital: '400000000.00' }));
    created(await officer.post('/api/v1/customers', { customerId: holder, name: `Holding ${holder}`, kind: 'enterprise' }));
    created(await officer.post('/api/v1/customers', { customerId: sub, name: `Subsidiary ${sub}`, kind: 'enterprise' }));
    const link = await officer.post('/api/v1/relations', { relationId: 'R-1', from: holder, to: sub, type: 'equity', share: '0.6' });
    created(link);
    expect(link.body.events).toEqual([
      expect.objectContaining({ type: 'RelationRecorded', from: holder, to: sub }),
      { type: 'GroupFormed', groupId: 'G000001', name: `Holding ${holder}`, members: [holder, sub].sort() },
    ]);

    created(await officer.post('/api/v1/limits', { limitId: 'L1', customerId: holder, amount: '35000000.00', validFrom: '2026-01-01', validTo: '2026-12-31' }));
    const over = await officer.post('/api/v1/limits', { limitId: 'L2', customerId: sub, amount: '30000000.00', validFrom: '2026-01-01', validTo: '2026-12-31' });
    expect(over.body).toMatchObject({ status: 422, code: 'GROUP_CAP_EXCEEDED' });
    const last = created(await officer.post('/api/v1/limits', { limitId: 'L2', customerId: sub, amount: '25000000.00', validFrom: '2026-01-01', validTo: '2026-12-31' }));

    const customer = await officer.get(`/api/v1/customers/${holder}?minPosition=${last}`);
    expect(customer.body).toMatchObject({ customerId: holder, groupId: 'G000001', comprehensiveLimit: '35000000.00' });
    const group = await officer.get(`/api/v1/groups/G000001?minPosition=${last}`);
    expect(group.body).toMatchObject({ members: [holder, sub].sort(), comprehensiveLimit: '60000000.00', cap: '60000000.00', headroom: '0.00', inBreach: false });

    const report = await regulator.get(`/api/v1/reports/large-credit?asOf=2026-03-31&minPosition=${last}`);
    expect(report.body).toMatchObject({ asOf: '2026-03-31', netCapital: '400000000.00' });
    expect(report.body.rows).toEqual([
      expect.objectContaining({
        rank: 1, subjectType: 'group', groupId: 'G000001', memberCount: 2, comprehensiveLimit: '60000000.00', onBalance: '0.00', offBalance: '0.00',
        outstanding: '0.00', exposure: '0.00', ratio: '0.1500', carriedForward: false, inBreach: false,
      }),
    ]);
  } finally {
    await server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('customer ids named like prototype members, over HTTP', () => {
  // '__proto__' and 'constructor' included: libs/domain writes its keyed indexes with set() (book/id-map.ts),
  // since Immutable's Map#update silently ignores these two keys.
  it.each([
    ['toString', 'valueOf'],
    ['hasOwnProperty', 'toString'],
    ['__proto__', 'constructor'],
    ['constructor', '__proto__'],
  ])('%s holding %s: registered, grouped, capped and reported like any id', groupCapStory);
});
