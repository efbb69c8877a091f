import { AppendTooLargeError } from '../event-store.errors';
import { appendChunks } from './eventstoredb.append-chunks';

const sized = (...bytes: number[]) => bytes.map((size, index) => ({ index, bytes: size }));
const indexes = (chunks: { index: number }[][]) => chunks.map((chunk) => chunk.map((event) => event.index));

describe('appendChunks', () => {
  it('keeps a batch within the limit whole, up to exactly the limit', () => {
    expect(indexes(appendChunks(sized(400, 600), 1000))).toEqual([[0, 1]]);
  });

  it('starts a new chunk when the next event would pass the limit, keeping order', () => {
    // 400 + 400 = 800 fits; + 400 = 1200 does not; 400 + 300 = 700 fits; + 500 = 1200 does not.
    expect(indexes(appendChunks(sized(400, 400, 400, 300, 500), 1000))).toEqual([[0, 1], [2, 3], [4]]);
  });

  it('refuses an event larger than the limit on its own, naming its size', () => {
    expect(() => appendChunks(sized(10, 1001), 1000)).toThrow(AppendTooLargeError);
    expect(() => appendChunks(sized(10, 1001), 1000)).toThrow(expect.objectContaining({ bytes: 1001, maxBytes: 1000 }));
  });

  it('gives no chunk for no events', () => {
    expect(appendChunks([], 1000)).toEqual([]);
  });
});
