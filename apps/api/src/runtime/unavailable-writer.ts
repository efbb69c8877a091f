import { ProblemException } from '../problems/problem-details';
import { CommandWriter } from './command-writer.port';

/** Stands in for the writer on a reader instance: every command is 503, nothing is decided. */
export const unavailableWriter: CommandWriter = {
  submit: () =>
    Promise.reject(new ProblemException('WRITER_UNAVAILABLE', 'this server is a reader (SERVER_ROLE=reader); send commands to the writer')),
};
