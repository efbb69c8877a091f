export { mintAccessToken } from '@groupcap/platform';
