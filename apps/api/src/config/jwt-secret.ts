export { JWT_SECRET_FILE, resolveJwtSecret } from '@groupcap/platform';
export type { JwtSecretSource } from '@groupcap/platform';
