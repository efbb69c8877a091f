export * from './command-submission';
export * from './book-writer';
