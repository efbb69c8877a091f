/**
 * What JSON.parse cannot be asked about: how deep a text nests and whether an object repeats a key.
 * A body nested thousands of levels deep parses, but every recursive walk after it (class-transformer,
 * the request hash) can run out of stack: depth is bounded before anything parses. JSON.parse keeps
 * the last of two equal keys, so `{"amount":"1.00","amount":"9000000.00"}` would mean what a reviewer
 * reading the first key would not expect: a repeated key is refused instead.
 *
 * One pass over the text, no recursion, no values built. It reads well-formed JSON exactly; on text that
 * is not JSON it may stop early or report nothing, and JSON.parse then gives the syntax error.
 */

export type JsonShapeFinding =
  | { kind: 'too-deep'; maxDepth: number; path: string }
  | { kind: 'duplicate-key'; key: string; path: string };

/** One open object or array; `at` is the key (object) or index (array) currently being read. */
interface Frame {
  object: boolean;
  keys: Set<string> | undefined;
  at: string | number | undefined;
  expectKey: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The first finding, in text order: deeper nesting is refused as soon as it is seen, a duplicate when its second copy is. */
export function scanJsonShape(text: string, maxDepth: number): JsonShapeFinding | undefined {
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = closingQuote(text, i);
      if (end < 0) return undefined;
      const top = stack[stack.length - 1];
      if (top?.object && top.expectKey) {
        const key = decodeKey(text, i, end);
        if (key === undefined) return undefined;
        top.expectKey = false;
        top.keys ??= new Set();
        if (top.keys.has(key)) return { kind: 'duplicate-key', key, path: pathOf(stack, key) };
        top.keys.add(key);
        top.at = key;
      }
      i = end;
      continue;
    }
    switch (c) {
      case 0x7b: // {
      case 0x5b: {
        // [
        if (stack.length >= maxDepth) return { kind: 'too-deep', maxDepth, path: pathOf(stack) };
        const object = c === 0x7b;
        stack.push({ object, keys: undefined, at: object ? undefined : 0, expectKey: object });
        break;
      }
      case 0x7d: // }
      case 0x5d: // ]
        stack.pop();
        break;
      case 0x2c: {
        // ,
        const top = stack[stack.length - 1];
        if (top?.object) top.expectKey = true;
        else if (top) top.at = (top.at as number) + 1;
        break;
      }
      default:
        break;
    }
  }
  return undefined;
}

/** Index of the quote closing the string opened at `open`, or -1 when the text ends first. */
function closingQuote(text: string, open: number): number {
  for (let j = open + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === BACKSLASH) j++;
    else if (c === QUOTE) return j;
  }
  return -1;
}

/** The key as JSON.parse would make it: "a" and "\u0061" are the same key. Undefined for a malformed escape. */
function decodeKey(text: string, open: number, close: number): string | undefined {
  const raw = text.slice(open + 1, close);
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(text.slice(open, close + 1)) as string;
  } catch {
    return undefined;
  }
}

/** "limits[2].amount": where the finding is, in the notation VALIDATION_FAILED uses for fields. */
function pathOf(stack: readonly Frame[], last?: string): string {
  let path = '';
  const parts = stack.map((frame) => frame.at);
  if (last !== undefined) parts[parts.length - 1] = last;
  // The innermost frame's `at` is the key being repeated (or the nesting that is too deep), not yet a parent.
  parts.forEach((at, k) => {
    if (at === undefined) return;
    if (typeof at === 'number') path += `[${at}]`;
    else path += k === 0 || path === '' ? at : `.${at}`;
  });
  return path === '' ? '(body)' : path;
}
