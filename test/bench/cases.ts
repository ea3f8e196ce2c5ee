/**
 * What `npm run bench` and `npm run bench:ab` time: a hermetic engine holding a small or a grown
 * CI host's state, and each case as a whole process (the floor, each mode's limit, the tool's
 * modes), so both benches time the same things the same way.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEngine, type Engine } from './engine.js';
import { importImage, makeDangling, service, stoppedContainer, waitRunning } from './fixtures.js';
import { REPO } from './paths.js';
import { cleanEnv } from './run.js';

export interface HostShape { images: number; containers: number; services: number; volumes: number; filesPerVolume: number; diskMb: number }
/** `small` (a fresh CI host) and `grown` (300 images, 40 containers, 10 services, 20 volumes of 1,500 files). */
const SHAPES: Record<string, HostShape> = {
  small: { images: 60, containers: 30, services: 5, volumes: 10, filesPerVolume: 0, diskMb: 1024 },
  grown: { images: 300, containers: 40, services: 10, volumes: 20, filesPerVolume: 1500, diskMb: 3072 },
};

export function hostShape(name: string): HostShape {
  const shape = SHAPES[name];
  if (!shape) throw new Error(`unknown host ${name} (${Object.keys(SHAPES).join(', ')})`);
  return shape;
}

export interface BenchHost {
  e: Engine;
  shape: HostShape;
  /** The tool's state directory (ledger, locks, job marks). */
  state: string;
  /** A shell's environment (the CLI path). */
  env: NodeJS.ProcessEnv;
  /** A GitHub runner's environment for the action's main step. */
  actionsEnv: NodeJS.ProcessEnv;
}

/** Starts an engine and fills it with the host's state; the caller stops `e`. */
export async function benchHost(name: string): Promise<BenchHost> {
  const shape = hostShape(name);
  const e = startEngine(shape.diskMb);
  try {
    process.stderr.write(`${name} host: ${shape.images} images, ${shape.containers} containers, ${shape.services} services, ${shape.volumes} volumes …\n`);
    for (let i = 0; i < shape.images; i++) importImage(e, `recipe${i % 20}:${i}`);
    for (let i = 0; i < 5; i++) makeDangling(e, `rebuilt:${i}`);
    for (let i = 0; i < shape.containers; i++) stoppedContainer(e, `job${i}`, `recipe${i % 20}:${i}`);
    for (let i = 0; i < shape.services; i++) service(e, `infra_svc${i}`, 'recipe0:0');
    for (let i = 0; i < shape.services; i++) await waitRunning(e, `infra_svc${i}`);
    for (let i = 0; i < shape.volumes; i++) {
      e.docker(['volume', 'create', `vol${i}`]);
      if (shape.filesPerVolume) e.sh(`d=$(docker volume inspect --format '{{.Mountpoint}}' vol${i}); for f in $(seq 1 ${shape.filesPerVolume}); do echo $f > "$d/f$f"; done`);
    }
    const state = mkdtempSync(join(e.dir, 'state-'));
    const env = { ...cleanEnv(e), CI_DOCKER_PRUNE_RUN_ID: 'bench' };
    const gh = (f: string): string => join(state, `github-${f}`);
    for (const f of ['output', 'state', 'summary']) writeFileSync(gh(f), ''); // the runner creates them
    const actionsEnv = { ...env, GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: gh('output'), GITHUB_STATE: gh('state'), GITHUB_STEP_SUMMARY: gh('summary'), 'INPUT_STATE-DIR': state };
    return { e, shape, state, env, actionsEnv };
  } catch (err) {
    e.stop();
    throw err;
  }
}

/** Milliseconds a whole process takes; throws with its stderr if it fails. */
export function timeProcess(file: string, args: readonly string[], env: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  const r = spawnSync(file, args, { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return performance.now() - t0;
}

export interface BenchCase {
  /** A short name to pick it by (`npm run bench:ab -- --cases pre,action`). */
  key: string;
  title: string;
  /** The key of the limit this case is judged against, if it is a mode with one. */
  limit?: string;
  run: () => number;
}

const LIMIT = join(REPO, 'test', 'bench', 'limit.mjs');

/**
 * The floor, each mode's limit (test/bench/limit.mjs: a minimal process making the same Engine
 * API requests in one wave) and the bundle's modes, under one Node binary.
 */
export function benchCases(h: BenchHost, node: string, bundle: string): BenchCase[] {
  const { e, state, env } = h;
  const api = e.docker(['version', '--format', '{{.Server.APIVersion}}']).trim();
  const [maj = 0, min = 0] = api.split('.').map(Number);
  const nightly = ['/info', '/containers/json?all=1', '/services?status=true', '/secrets', '/configs', '/volumes', '/networks'];
  const preReqs = [...nightly, '/images/json'];
  const checkReqs = [...preReqs, maj > 1 || min >= 42 ? '/system/df?type=build-cache' : '/system/df'];
  const socket = e.dockerHost.replace(/^unix:\/\//, '');
  const limit = (reqs: string[]) => () => timeProcess(node, [LIMIT, socket, ...reqs], env);
  const tool = (...args: string[]) => () => timeProcess(node, [bundle, ...args, '--state-dir', state], env);
  return [
    // the floor: what any tool that asks the daemon anything costs (an empty node start + one docker info)
    { key: 'floor', title: "floor: node -e '' + docker info", run: () => timeProcess(node, ['-e', ''], env) + timeProcess('docker', ['info', '--format', '{{.ServerVersion}}'], env) },
    { key: 'limit-nightly', title: "limit: the nightly no-op's requests", run: limit(nightly) },
    { key: 'limit-pre', title: "limit: pre's requests", run: limit(preReqs) },
    { key: 'limit-check', title: "limit: check's requests", run: limit(checkReqs) },
    { key: 'version', title: '--version (bundle load)', run: tool('--version') },
    { key: 'nightly', title: 'prune, disk gate closed (nightly no-op)', limit: 'limit-nightly', run: tool('prune') },
    { key: 'pre', title: 'pre (no images)', limit: 'limit-pre', run: tool('pre') },
    { key: 'pre8', title: 'pre (8 warm images)', run: tool('pre', ...Array.from({ length: 8 }, (_, i) => ['--images', `recipe${i}:${i}`]).flat()) },
    { key: 'post', title: 'post (after a pre)', run: () => { tool('pre')(); return tool('post')(); } },
    // the action's main step as a GitHub runner starts it: no arguments, inputs and files from the environment
    { key: 'action', title: "pre as the action's main step", limit: 'limit-pre', run: () => {
      const ms = timeProcess(node, [bundle], h.actionsEnv);
      // the job's post step would consume its state file: without one, each sample's would
      // pile up in jobs/ (a host's holds its live jobs only) and weigh on the next
      for (const f of readdirSync(join(state, 'jobs'))) if (/^bench-.+\.json$/.test(f)) rmSync(join(state, 'jobs', f));
      return ms;
    } },
    { key: 'check', title: 'check', limit: 'limit-check', run: tool('check') },
    { key: 'dry-run', title: 'prune --dry-run, gates open', run: tool('prune', '--threshold', '1', '--target', '0', '--dry-run') },
  ];
}

export const stats = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, p95: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]! };
};

/** The median of a/b taken round by round (the machine is noisy: a pair shares its moment). */
export const pairedRatio = (a: readonly number[], b: readonly number[]): number => stats(a.map((t, r) => t / b[r]!)).median;
