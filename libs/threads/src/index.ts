/** Where a library's worker thread finds its compiled script; kept apart so a thread loads nothing else with it. */
export * from './compiled-worker';
