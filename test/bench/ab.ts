/**
 * `npm run bench:ab -- [options] <bundle A> <bundle B> [<bundle C> …]`: is a change to the
 * bundle faster or slower? Times the same cases as `npm run bench` for each bundle on one
 * hermetic host, interleaved round by round (the bundles' order turning each round, each mode's
 * limit beside them), and prints for each the median of the paired ratios to its limit and to
 * bundle A. A difference of a percent is real only if it holds across two runs of this.
 *
 *   cp -r dist /tmp/before && <change src/> && npm run bundle
 *   npm run bench:ab -- --cases action,pre,check /tmp/before/index.js dist/index.js
 *
 * Options: --host small|grown (grown), --cases KEY,… (action,pre,check,nightly; the keys are in
 * test/bench/cases.ts), --rounds N (41), --node PATH (Node 24 from scripts/node.sh).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { benchCases, benchHost, pairedRatio, stats } from './cases.js';
import { REPO } from './paths.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { host: { type: 'string', default: 'grown' }, cases: { type: 'string', default: 'action,pre,check,nightly' }, rounds: { type: 'string', default: '41' }, node: { type: 'string' } },
});
const bundles = positionals.map((p) => resolve(p));
if (bundles.length < 2) throw new Error('usage: npm run bench:ab -- [--host H] [--cases K,…] [--rounds N] [--node PATH] <bundle A> <bundle B> [<bundle C> …]');
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 3) throw new Error(`--rounds ${values.rounds}: a whole number of at least 3`);
const node = values.node ?? execFileSync('bash', [resolve(REPO, 'scripts', 'node.sh'), '24'], { encoding: 'utf8' }).trim();

const h = await benchHost(values.host);
try {
  const perBundle = bundles.map((b) => benchCases(h, node, b));
  const keys = values.cases.split(',');
  const pick = (cases: ReturnType<typeof benchCases>, key: string) => {
    const c = cases.find((x) => x.key === key);
    if (!c) throw new Error(`--cases: no case ${key} (${cases.map((x) => x.key).join(', ')})`);
    return c;
  };
  const limits = [...new Set(keys.map((k) => pick(perBundle[0]!, k).limit).filter((l): l is string => l !== undefined))];
  const samples = new Map<string, number[]>(); // "key@bundle index" or a limit's key
  const add = (id: string, ms: number) => samples.set(id, [...(samples.get(id) ?? []), ms]);
  const round = (r: number) => {
    for (const l of limits) add(l, pick(perBundle[0]!, l).run());
    for (const key of keys) {
      for (let j = 0; j < bundles.length; j++) {
        const b = (j + r) % bundles.length; // each bundle goes first in turn
        add(`${key}@${b}`, pick(perBundle[b]!, key).run());
      }
    }
  };
  round(0); // warm the page cache
  samples.clear();
  for (let r = 0; r < rounds; r++) round(r);

  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const server = h.e.docker(['version', '--format', '{{.Server.Version}}']).trim();
  const out = [
    `${values.host} host, Docker ${server}, Node ${version}; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; ${new Date().toISOString().slice(0, 10)}; ${rounds} rounds; load ${loadavg()[0]!.toFixed(1)} after them`,
    ...bundles.map((b, i) => `${String.fromCharCode(65 + i)}: ${b}`), '',
    '| case | bundle | median ms | × its own limit (paired) | × A (paired) |', '|---|---|---|---|---|',
  ];
  for (const key of keys) {
    const limit = pick(perBundle[0]!, key).limit;
    bundles.forEach((_, b) => {
      const xs = samples.get(`${key}@${b}`)!;
      const own = limit ? `${pairedRatio(xs, samples.get(limit)!).toFixed(3)}×` : '';
      const vsA = b === 0 ? '' : pairedRatio(xs, samples.get(`${key}@0`)!).toFixed(3);
      out.push(`| ${key} | ${String.fromCharCode(65 + b)} | ${stats(xs).median.toFixed(0)} | ${own} | ${vsA} |`);
    });
  }
  process.stdout.write(`${out.join('\n')}\n`);
} finally {
  h.e.stop();
}
