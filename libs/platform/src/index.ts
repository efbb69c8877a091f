/**
 * Configuration and identity shared by the API and the CLI: one reading of the environment, one HS256 secret
 * rule, one token format. Neither app imports the other's internals.
 */
export * from './config/platform-config';
export * from './config/business-today';
export * from './identity/principal';
export * from './identity/hs256-key';
export * from './identity/access-token';
export * from './identity/jwt-secret';
