// Four tiers, selectable with --selectProjects: unit (in-process, fast; some use an in-memory or
// temporary SQLite file), integration (real stores, several processes, kill -9), e2e (the real server
// over HTTP), reliability (crash and retry runs under load). `npm test` builds first, because integration and e2e tiers start compiled processes from
// dist/, then type-checks everything including the tests (tsconfig.json).
const shared = {
  testEnvironment: 'node',
  // Type checking is done once by `npm test` (tsc on tsconfig.json); jest only transpiles (isolatedModules).
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
  moduleNameMapper: {
    '^@groupcap/domain$': '<rootDir>/libs/domain/src/index.ts',
    '^@groupcap/event-store$': '<rootDir>/libs/event-store/src/index.ts',
    '^@groupcap/projections$': '<rootDir>/libs/projections/src/index.ts',
    '^@groupcap/writer$': '<rootDir>/libs/writer/src/index.ts',
    '^@groupcap/platform$': '<rootDir>/libs/platform/src/index.ts',
    '^@groupcap/audit$': '<rootDir>/libs/audit/src/index.ts',
    '^@groupcap/threads$': '<rootDir>/libs/threads/src/index.ts',
  },
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/scripts'],
};
module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    { ...shared, displayName: 'integration', testMatch: ['**/*.int-spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['**/*.e2e-spec.ts'] },
    // Crash, fencing and retry runs under load (docs/reliability.md): a few rounds in `npm test`, the full
    // count in `npm run test:reliability` (RELIABILITY_KILLS=20).
    { ...shared, displayName: 'reliability', testMatch: ['**/*.reliability-spec.ts'] },
  ],
  // Integration and e2e tests start processes and servers; unit tests finish in milliseconds regardless.
  testTimeout: 60000,
};
