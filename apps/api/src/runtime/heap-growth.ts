import { setFlagsFromString } from 'node:v8';

/**
 * Sets how far V8 lets the old generation grow past what its last full collection kept (HEAP_GROWING_PERCENT), for
 * this process and its worker threads; 0 leaves V8's own rule. That rule lets a heap as small as this server's
 * grow to 4 times before collecting it whole, and what scavenges promote fills that reserve however little it is:
 * in 10-minute soaks the server's RSS followed 4 to 5 times its live heap (+43% and +85% first to last third),
 * against about 2.4 times and +18% to +27% at 50 (docs/reliability.md, Soak). V8 reads the flag at every full
 * collection, so it takes effect from the next one.
 */
export function applyHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
