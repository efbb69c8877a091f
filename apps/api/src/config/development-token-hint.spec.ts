import { developmentTokenHint, shellWord } from './development-token-hint';

describe('the start-up hint to mint tokens', () => {
  const hint = (fields: Partial<Parameters<typeof developmentTokenHint>[0]> = {}) =>
    developmentTokenHint({ token: 'eyJ.x.y', secretFile: 'demo-data/jwt-secret', created: false, dataDir: './demo-data', port: 3000, ...fields });

  it("names the server's DATA_DIR and keeps npm's banner out of the token (npm run -s)", () => {
    expect(hint()).toContain('  T=$(DATA_DIR=./demo-data npm run -s cli -- token --sub alice --roles officer,risk)');
    expect(hint()).toContain('  curl -H "Authorization: Bearer $T" http://localhost:3000/api/v1/breaches');
    expect(hint()).toContain('The web dashboard: http://localhost:3000/');
  });

  it("carries the server's BUSINESS_DATE, and quotes a directory with spaces", () => {
    expect(hint({ businessDate: '2025-12-31', dataDir: '/srv/my data', port: 8080 })).toContain(
      "  T=$(DATA_DIR='/srv/my data' BUSINESS_DATE=2025-12-31 npm run -s cli -- token --sub alice --roles officer,risk)",
    );
  });

  it('quotes only what needs quoting', () => {
    expect(shellWord('./data')).toBe('./data');
    expect(shellWord("it's here")).toBe(`'it'\\''s here'`);
  });
});
