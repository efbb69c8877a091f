'use strict';
// Shared by the child processes of sqlite.event-store.int-spec.ts. Plain CommonJS on purpose: it
// runs under bare node against the compiled adapter in dist/ (build first with `npm run build`).
const { randomUUID } = require('node:crypto');
const path = require('node:path');

const distIndex = path.resolve(__dirname, '../../../../dist/libs/event-store/src/index.js');
const eventStore = require(distIndex);

function childEvent(data) {
  return {
    id: randomUUID(),
    type: 'ChildAppended',
    version: 1,
    data,
    metadata: {
      commandId: randomUUID(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: { userId: 'child-process', roles: [] },
      recordedAt: '2025-03-01T09:30:00.000Z',
      effectiveDate: '2025-03-01',
    },
  };
}

function fail(error) {
  process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`);
  process.exit(1);
}

module.exports = { eventStore, childEvent, fail };
