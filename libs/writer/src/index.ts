export * from './command-submission';
export * from './book-writer';
export * from './snapshot';
export * from './thread/writer-thread';
