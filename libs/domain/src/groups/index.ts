export * from './group-graph';
export * from './group-changes';
export { applyGroupChange } from './apply-group-change';
