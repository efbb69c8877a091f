export { principalFromClaims } from '@groupcap/platform';
export type { Principal } from '@groupcap/platform';
