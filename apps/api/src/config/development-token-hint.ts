/** A value as one shell word, quoted only when it needs to be. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:=,@%+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * What to paste to get a token and use it, as printed. The CLI must find the same secret (DATA_DIR, the
 * BUSINESS_DATE of this server) and `npm run -s` keeps npm's banner out of the token.
 */
export function developmentTokenHint(options: { token: string; hours?: number; secretFile: string; created: boolean; dataDir: string; port: number; businessDate?: string }): string {
  const env = [`DATA_DIR=${shellWord(options.dataDir)}`, ...(options.businessDate ? [`BUSINESS_DATE=${options.businessDate}`] : [])].join(' ');
  return [
    '',
    `AUTH_JWT_SECRET is not set: using the development secret in ${options.secretFile}${options.created ? ' (just generated)' : ''}.`,
    `A token for user "dev" with roles officer, approver, admin, valid ${options.hours ?? 12} hours:`,
    '',
    `  ${options.token}`,
    '',
    'Mint one for any user and roles, and use it (paste as it is, in this directory):',
    '',
    `  T=$(${env} npm run -s cli -- token --sub alice --roles officer,risk)`,
    `  curl -H "Authorization: Bearer $T" http://localhost:${options.port}/api/v1/breaches`,
    '',
    `The web dashboard: http://localhost:${options.port}/ (paste a token on its sign-in page; risk staff see every page).`,
    '',
  ].join('\n');
}
