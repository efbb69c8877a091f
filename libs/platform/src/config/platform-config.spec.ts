import { ConfigError, readPlatformConfig } from './platform-config';

describe('shared configuration', () => {
  it('defaults to ./data, no fixed date, development, no secret', () => {
    expect(readPlatformConfig({})).toEqual({ dataDir: './data', readModelDir: './data', businessDate: undefined, production: false, jwtSecret: undefined });
  });

  it('reads the settings the API and the CLI share, READ_MODEL_DIR defaulting to DATA_DIR', () => {
    expect(readPlatformConfig({ DATA_DIR: ' /srv/g ', BUSINESS_DATE: '2025-03-31', NODE_ENV: 'production', AUTH_JWT_SECRET: 's' })).toEqual({
      dataDir: '/srv/g',
      readModelDir: '/srv/g',
      businessDate: '2025-03-31',
      production: true,
      jwtSecret: 's',
    });
  });

  it('refuses a BUSINESS_DATE that is not a calendar date', () => {
    expect(() => readPlatformConfig({ BUSINESS_DATE: '2025-02-29' })).toThrow(ConfigError);
  });
});
