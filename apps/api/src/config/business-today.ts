export { businessToday } from '@groupcap/platform';
