/**
 * `npm run bench`: whole-process timings of the bundle on a hermetic engine holding a CI-host
 * sized state. Prints a markdown table (median and p95 of N runs) with the machine and date.
 * The pre step sits on every CI job's critical path: this is where its cost is measured.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { startEngine } from './engine.js';
import { importImage, makeDangling, service, stoppedContainer, waitRunning } from './fixtures.js';
import { BUNDLE } from './paths.js';
import { cleanEnv } from './run.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const IMAGES = Number(process.env.BENCH_IMAGES ?? 60);

const e = startEngine(1024);
try {
  const state = mkdtempSync(join(e.dir, 'state-'));
  const env = { ...cleanEnv(e), CI_DOCKER_PRUNE_RUN_ID: 'bench' };
  process.stderr.write(`building state: ${IMAGES} images, ${IMAGES / 2} containers, 5 services …\n`);
  for (let i = 0; i < IMAGES; i++) importImage(e, `recipe${i % 20}:${i}`);
  for (let i = 0; i < 5; i++) makeDangling(e, `rebuilt:${i}`);
  for (let i = 0; i < IMAGES / 2; i++) stoppedContainer(e, `job${i}`, `recipe${i % 20}:${i}`);
  for (let i = 0; i < 5; i++) service(e, `infra_svc${i}`, 'recipe0:0');
  for (let i = 0; i < 5; i++) await waitRunning(e, `infra_svc${i}`);
  for (let i = 0; i < 10; i++) e.docker(['volume', 'create', `vol${i}`]);

  const time = (file: string, args: readonly string[]): number => {
    const t0 = performance.now();
    const r = spawnSync(file, args, { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${file} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return performance.now() - t0;
  };
  const tool = (...args: string[]) => [process.execPath, [BUNDLE, ...args, '--state-dir', state]] as const;
  const cases: [string, () => number][] = [
    ["node -e ''", () => time(process.execPath, ['-e', ''])],
    ['docker info', () => time('docker', ['info', '--format', '{{.ServerVersion}}'])],
    ['check', () => time(...tool('check'))],
    ['pre (no images)', () => time(...tool('pre'))],
    ['pre (8 images)', () => time(...tool('pre', ...Array.from({ length: 8 }, (_, i) => ['--images', `recipe${i}:${i}`]).flat()))],
    ['post (after a pre)', () => { time(...tool('pre')); return time(...tool('post')); }],
    ['prune, disk gate closed', () => time(...tool('prune'))],
    ['prune --dry-run, gates open', () => time(...tool('prune', '--threshold', '1', '--target', '0', '--dry-run'))],
  ];
  const stats = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return { median: s[Math.floor(s.length / 2)]!, p95: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]! };
  };
  const rows: string[] = [];
  for (const [name, fn] of cases) {
    fn(); // warm the page cache
    const { median, p95 } = stats(Array.from({ length: RUNS }, fn));
    rows.push(`| ${name} | ${median.toFixed(0)} | ${p95.toFixed(0)} |`);
  }
  const report = join(state, 'r.json');
  time(...tool('check', '--report-file', report));
  const calls = (JSON.parse(readFileSync(report, 'utf8')) as { dockerCalls: number }).dockerCalls;
  const server = e.docker(['version', '--format', '{{.Server.Version}} (API {{.Server.APIVersion}}), client {{.Client.Version}}']).trim();
  process.stdout.write([
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, Docker ${server}; ${new Date().toISOString().slice(0, 10)}`,
    `State: ${IMAGES + 6} images (5 dangling), ${IMAGES / 2 + 5} containers, 5 services, 10 volumes; ${RUNS} runs each; check makes ${calls} docker calls.`,
    '', '| command (whole process) | median ms | p95 ms |', '|---|---|---|', ...rows, '',
  ].join('\n'));
} finally {
  e.stop();
}
