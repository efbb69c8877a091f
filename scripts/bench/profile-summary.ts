import { readFileSync } from 'node:fs';

/**
 * Summarises V8 .cpuprofile files (from `node --cpu-prof`) as the top frames by self time, grouped by
 * function and file, with garbage collection, SQLite (better-sqlite3 native calls) and idle shown apart.
 * Usage: node dist/scripts/bench/profile-summary.js <file.cpuprofile>... [--top 15]
 */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const args = process.argv.slice(2);
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 15;
const files = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--top');

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const groups = new Map<string, number>();
  for (const [id, us] of self) {
    const frame = byId.get(id)!.callFrame;
    const where = frame.url.replace(/^.*\/(node_modules\/[^/]+|dist\/[^/]+\/[^/]+)\//, '$1/').replace(/^file:\/\//, '');
    const key = `${frame.functionName || '(anonymous)'} ${where ? `(${where})` : ''}`.trim();
    groups.set(key, (groups.get(key) ?? 0) + us);
  }
  const idle = groups.get('(idle)') ?? 0;
  console.log(`\n${file}: ${(total / 1e6).toFixed(1)} s sampled, ${((100 * idle) / total).toFixed(0)}% idle`);
  const busy = total - idle;
  for (const [key, us] of [...groups].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${((100 * us) / busy).toFixed(1).padStart(5)}% of busy  ${key}`);
  }
}
