export { businessToday } from '@groupcap/domain';
