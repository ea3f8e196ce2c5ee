/**
 * `npm run bench`: whole-process timings of the bundle on hermetic engines holding a small and a
 * grown CI host's state. Prints markdown tables (median and p95 of N runs, and the ratio to a
 * floor measured in the same run) with the machine and date. The pre step sits on every CI
 * job's critical path: this is where its cost is measured.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { benchCases, benchHost, pairedRatio, stats } from './cases.js';
import { BUNDLE } from './paths.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
/** The Node binaries every case runs under (floor, limits and tool alike), each a table of its
 * own: the action runs on node24 (scripts/node.sh fetches it), the CLI on whatever the host has. */
const NODES = (process.env.BENCH_NODES ?? process.execPath).split(',').filter(Boolean);
const HOSTS = (process.env.BENCH_HOSTS ?? 'small,grown').split(',');

const out: string[] = [];
for (const host of HOSTS) {
  const h = await benchHost(host);
  const { e, shape, state, env } = h;
  try {
    const table = (node: string): string[] => {
      const cases = benchCases(h, node, BUNDLE);
      // round robin: every case, the floor included, is sampled in each round, so a change in the
      // machine's load over the minutes a run takes weighs on all of them alike, not on one block
      for (const c of cases) c.run(); // warm the page cache
      const samples = cases.map((): number[] => []);
      for (let r = 0; r < RUNS; r++) cases.forEach((c, i) => samples[i]!.push(c.run()));
      const floor = stats(samples[0]!).median;
      const index = (key: string): number => cases.findIndex((c) => c.key === key);
      return cases.map((c, i) => {
        const { median, p95 } = stats(samples[i]!);
        // each mode against its own limit, paired round by round
        const paired = c.limit ? `${pairedRatio(samples[i]!, samples[index(c.limit)]!).toFixed(2)}×` : '';
        return `| ${c.title} | ${median.toFixed(0)} | ${p95.toFixed(0)} | ${(median / floor).toFixed(2)}× | ${paired} |`;
      });
    };
    const calls = (args: string[]): number => {
      const report = join(state, 'r.json');
      const r = spawnSync(process.execPath, [BUNDLE, ...args, '--state-dir', state, '--report-file', report], { env });
      if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
      return (JSON.parse(readFileSync(report, 'utf8')) as { dockerCalls: number }).dockerCalls;
    };
    const server = e.docker(['version', '--format', '{{.Server.Version}} (API {{.Server.APIVersion}}), client {{.Client.Version}}']).trim();
    out.push(
      `### ${host} host`, '',
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Docker ${server}; ${new Date().toISOString().slice(0, 10)}; load ${loadavg()[0]!.toFixed(1)} at the start`,
      `State: ${shape.images + 5} images (5 dangling), ${shape.containers + shape.services} containers, ${shape.services} services, ${shape.volumes} volumes${shape.filesPerVolume ? ` of ${shape.filesPerVolume} files` : ''}; ${RUNS} runs each.`,
      `Docker requests per run (API requests + CLI processes): nightly no-op ${calls(['prune'])}, pre ${calls(['pre'])}, check ${calls(['check'])}.`,
    );
    for (const node of NODES) {
      const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
      const rows = table(node);
      out.push('', `Node ${version} (load ${loadavg()[0]!.toFixed(1)} after its rounds):`, '',
        '| command (whole process) | median ms | p95 ms | × floor | × its own limit (paired) |', '|---|---|---|---|---|', ...rows, '');
    }
  } finally {
    e.stop();
  }
}
process.stdout.write(out.join('\n'));
