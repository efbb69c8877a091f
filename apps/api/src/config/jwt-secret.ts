export { JWT_SECRET_FILE, MIN_SECRET_BYTES, resolveJwtSecret } from '@groupcap/platform';
export type { JwtSecretSource } from '@groupcap/platform';
