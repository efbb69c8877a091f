import { createSecretKey, KeyObject } from 'node:crypto';

/**
 * The HS256 secret as a key object, made once at start. Handed a string, jsonwebtoken tries on every
 * verification to read it as a PEM public key (createPublicKey, which throws for a plain secret) before
 * falling back to createSecretKey(Buffer.from(secret)): 23% of the HTTP path in profiles. A KeyObject skips
 * both; its bytes are the same UTF-8 bytes, so every token verifies exactly as before.
 */
export function hs256Key(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}
