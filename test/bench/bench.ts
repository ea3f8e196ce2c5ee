/**
 * `npm run bench`: whole-process timings of the bundle on hermetic engines holding a small and a
 * grown CI host's state. Prints markdown tables (median and p95 of N runs, and the ratio to a
 * floor measured in the same run) with the machine and date. The pre step sits on every CI
 * job's critical path: this is where its cost is measured.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { startEngine } from './engine.js';
import { importImage, makeDangling, service, stoppedContainer, waitRunning } from './fixtures.js';
import { BUNDLE, REPO } from './paths.js';
import { cleanEnv } from './run.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
/** The Node binaries every case runs under (floor, limits and tool alike), each a table of its
 * own: the action runs on node24 (scripts/node.sh fetches it), the CLI on whatever the host has. */
const NODES = (process.env.BENCH_NODES ?? process.execPath).split(',').filter(Boolean);
const LIMIT = join(REPO, 'test', 'bench', 'limit.mjs');
/** `small` (a fresh CI host) and `grown` (300 images, 40 containers, 10 services, 20 volumes of 1,500 files). */
const HOSTS = (process.env.BENCH_HOSTS ?? 'small,grown').split(',');
const SHAPES: Record<string, { images: number; containers: number; services: number; volumes: number; filesPerVolume: number }> = {
  small: { images: 60, containers: 30, services: 5, volumes: 10, filesPerVolume: 0 },
  grown: { images: 300, containers: 40, services: 10, volumes: 20, filesPerVolume: 1500 },
};

const stats = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, p95: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]! };
};

const out: string[] = [];
for (const host of HOSTS) {
  const shape = SHAPES[host];
  if (!shape) throw new Error(`unknown BENCH_HOSTS entry ${host} (small, grown)`);
  const e = startEngine(host === 'grown' ? 3072 : 1024);
  try {
    const state = mkdtempSync(join(e.dir, 'state-'));
    const env = { ...cleanEnv(e), CI_DOCKER_PRUNE_RUN_ID: 'bench' };
    process.stderr.write(`${host} host: ${shape.images} images, ${shape.containers} containers, ${shape.services} services, ${shape.volumes} volumes …\n`);
    for (let i = 0; i < shape.images; i++) importImage(e, `recipe${i % 20}:${i}`);
    for (let i = 0; i < 5; i++) makeDangling(e, `rebuilt:${i}`);
    for (let i = 0; i < shape.containers; i++) stoppedContainer(e, `job${i}`, `recipe${i % 20}:${i}`);
    for (let i = 0; i < shape.services; i++) service(e, `infra_svc${i}`, 'recipe0:0');
    for (let i = 0; i < shape.services; i++) await waitRunning(e, `infra_svc${i}`);
    for (let i = 0; i < shape.volumes; i++) {
      e.docker(['volume', 'create', `vol${i}`]);
      if (shape.filesPerVolume) e.sh(`d=$(docker volume inspect --format '{{.Mountpoint}}' vol${i}); for f in $(seq 1 ${shape.filesPerVolume}); do echo $f > "$d/f$f"; done`);
    }

    const time = (file: string, args: readonly string[], runEnv: NodeJS.ProcessEnv = env): number => {
      const t0 = performance.now();
      const r = spawnSync(file, args, { env: runEnv, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${file} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
      return performance.now() - t0;
    };
    const gh = (name: string): string => join(state, `github-${name}`);
    for (const f of ['output', 'state', 'summary']) writeFileSync(gh(f), ''); // the runner creates them
    const actionsEnv = { ...env, GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: gh('output'), GITHUB_STATE: gh('state'), GITHUB_STEP_SUMMARY: gh('summary'), 'INPUT_STATE-DIR': state };
    // each mode's limit (test/bench/limit.mjs): a minimal process making the same Engine API requests in one wave
    const api = e.docker(['version', '--format', '{{.Server.APIVersion}}']).trim();
    const [maj = 0, min = 0] = api.split('.').map(Number);
    const nightly = ['/info', '/containers/json?all=1', '/services?status=true', '/secrets', '/configs', '/volumes', '/networks'];
    const preReqs = [...nightly, '/images/json'];
    const checkReqs = [...preReqs, maj > 1 || min >= 42 ? '/system/df?type=build-cache' : '/system/df'];
    const socket = e.dockerHost.replace(/^unix:\/\//, '');
    const table = (node: string): string[] => {
      const tool = (...args: string[]) => [node, [BUNDLE, ...args, '--state-dir', state]] as const;
      // the floor: what any tool that asks the daemon anything costs (an empty node start + one docker info)
      const floorCase = (): number => time(node, ['-e', '']) + time('docker', ['info', '--format', '{{.ServerVersion}}']);
      const limit = (reqs: string[]) => () => time(node, [LIMIT, socket, ...reqs]);
      const cases: [string, () => number][] = [
        ["floor: node -e '' + docker info", floorCase],
        ['limit: the nightly no-op\'s requests', limit(nightly)],
        ["limit: pre's requests", limit(preReqs)],
        ["limit: check's requests", limit(checkReqs)],
        ['--version (bundle load)', () => time(...tool('--version'))],
        ['prune, disk gate closed (nightly no-op)', () => time(...tool('prune'))],
        ['pre (no images)', () => time(...tool('pre'))],
        ['pre (8 warm images)', () => time(...tool('pre', ...Array.from({ length: 8 }, (_, i) => ['--images', `recipe${i}:${i}`]).flat()))],
        ['post (after a pre)', () => { time(...tool('pre')); return time(...tool('post')); }],
        // the action's main step as a GitHub runner starts it: no arguments, inputs and files from the environment
        ["pre as the action's main step", () => {
          const ms = time(node, [BUNDLE], actionsEnv);
          // the job's post step would consume its state file: without one, each sample's would
          // pile up in jobs/ (a host's holds its live jobs only) and weigh on the next
          for (const f of readdirSync(join(state, 'jobs'))) if (/^bench-.+\.json$/.test(f)) rmSync(join(state, 'jobs', f));
          return ms;
        }],
        ['check', () => time(...tool('check'))],
        ['prune --dry-run, gates open', () => time(...tool('prune', '--threshold', '1', '--target', '0', '--dry-run'))],
      ];
      // round robin: every case, the floor included, is sampled in each round, so a change in the
      // machine's load over the minutes a run takes weighs on all of them alike, not on one block
      for (const [, fn] of cases) fn(); // warm the page cache
      const samples = cases.map((): number[] => []);
      for (let r = 0; r < RUNS; r++) cases.forEach(([, fn], i) => samples[i]!.push(fn()));
      const floor = stats(samples[0]!).median;
      // each mode against its own limit, paired round by round (the machine is noisy: a pair shares its moment)
      const ownLimit: Record<string, string> = {
        'prune, disk gate closed (nightly no-op)': "limit: the nightly no-op's requests",
        'pre (no images)': "limit: pre's requests", "pre as the action's main step": "limit: pre's requests", 'check': "limit: check's requests",
      };
      const index = (name: string): number => cases.findIndex(([n]) => n === name);
      const rows = cases.map(([name], i) => {
        const { median, p95 } = stats(samples[i]!);
        const lim = ownLimit[name] ? index(ownLimit[name]!) : -1;
        const paired = lim === -1 ? '' : `${stats(samples[i]!.map((t, r) => t / samples[lim]![r]!)).median.toFixed(2)}×`;
        return `| ${name} | ${median.toFixed(0)} | ${p95.toFixed(0)} | ${(median / floor).toFixed(2)}× | ${paired} |`;
      });
      return rows;
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
