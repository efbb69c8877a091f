export { hs256Key } from '@groupcap/platform';
