/**
 * writer: decides commands, serves no reads from projections; reader: serves reads, refuses
 * commands with 503; all: both (the default single-process deployment).
 */
export type ServerRole = 'writer' | 'reader' | 'all';
export const SERVER_ROLES: readonly ServerRole[] = ['writer', 'reader', 'all'];

export const runsWriter = (role: ServerRole): boolean => role !== 'reader';
export const runsReadSide = (role: ServerRole): boolean => role !== 'writer';
