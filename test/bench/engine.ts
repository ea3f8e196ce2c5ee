/**
 * A hermetic Docker engine for one test suite (see engine.sh): own dockerd, socket, loop-mounted
 * ext4, swarm, and loopback registries. Tests talk only to it: DOCKER_HOST always points at its
 * socket, DOCKER_CONFIG at its own client dir. Torn down by pid/mount, also on process exit.
 */
import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINE_SCRIPT as SCRIPT, ENGINES_DIR } from './paths.js';

const live = new Set<string>();

function downSync(dir: string): void {
  if (!live.delete(dir)) return;
  try { execFileSync('bash', [SCRIPT, 'down', dir], { stdio: 'ignore', timeout: 60_000 }); } catch { /* best effort */ }
  rmSync(dir, { recursive: true, force: true });
}
// A crashed or interrupted test run still stops its daemons and unmounts.
process.on('exit', () => { for (const d of [...live]) downSync(d); });
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => { for (const d of [...live]) downSync(d); process.exit(130); });

export interface Engine {
  dir: string;
  /** Environment for anything that must talk to this engine (and only to it). */
  env: NodeJS.ProcessEnv;
  dockerHost: string;
  dataRoot: string;
  mount: string;
  /** The external containerd's root (on its own filesystem), when the engine has one. */
  containerdRoot: string | undefined;
  registry: string;
  registryProxy: string;
  registryUser: string;
  registryPassword: string;
  /** The same daemon over TCP with TLS (--tlsverify), and the client's DOCKER_CERT_PATH for it. */
  tlsHost: string;
  tlsCertPath: string;
  /**
   * The image store the engine runs: `containerd` (the containerd snapshotter, Docker 29's
   * default) or `classic` (graph drivers). Read from the engine, not from ENGINE_STORE.
   */
  store: 'classic' | 'containerd';
  /** Runs `docker …` against this engine; throws with stderr on failure. */
  docker(args: string[], opts?: { input?: string | Buffer; allowFail?: boolean }): string;
  /** Runs a shell command line with this engine's environment. */
  sh(command: string): string;
  stop(): void;
}

/**
 * Runs `engine.sh up` in a fresh directory. The ports it picks are free when picked, but another
 * engine started side by side can take one before dockerd binds it; that one failure, and only
 * it, is retried in a new directory with new ports.
 */
function bringUp(sizeMb: number, opts: EngineOptions): { dir: string; kv: Record<string, string> } {
  for (let attempt = 1; ; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), 'cdp-engine-'));
    live.add(dir);
    try {
      const env: NodeJS.ProcessEnv = { ...process.env };
      if (opts.workerOf) env.JOIN_MANAGER = opts.workerOf.dir;
      if (opts.hubMirror) env.ENGINE_MIRROR = '1';
      if (opts.containerd === 'external') Object.assign(env, { ENGINE_CONTAINERD: 'external', ENGINE_BIN: opts.bin ?? env.ENGINE_BIN, CONTAINERD_SIZE_MB: String(opts.containerdSizeMb ?? sizeMb) });
      const out = execFileSync('bash', [SCRIPT, 'up', dir, String(sizeMb)], { env, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] });
      return { dir, kv: Object.fromEntries(out.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])) };
    } catch (e) {
      downSync(dir);
      const err = e as { stderr?: string; message: string };
      const why = err.stderr || err.message;
      if (attempt < 3 && why.includes('address already in use')) continue;
      throw new Error(`could not start the hermetic Docker engine: ${why}`);
    }
  }
}

export interface EngineOptions {
  /** Join that engine's swarm as a worker (no registries of its own). */
  workerOf?: Engine;
  /**
   * `external`: the host a distribution's Docker 29 makes, dockerd on a containerd the test
   * started (`--containerd`), its root on a second filesystem of `containerdSizeMb`, the
   * containerd image store on (test/integration/system-containerd.test.ts).
   */
  containerd?: 'external';
  containerdSizeMb?: number;
  /** The engine binaries (scripts/engines.sh), instead of ENGINE_BIN. */
  bin?: string;
  /** The daemon pulls Docker Hub images through the engine's pull-through registry (`--registry-mirror`). */
  hubMirror?: boolean;
}

/** The newest engine in Debian (scripts/engines.sh sid, which scripts/setup.sh runs); throws naming the fix when absent. */
export function sidEngine(): string {
  const bin = join(ENGINES_DIR, 'sid', 'bin');
  if (!existsSync(join(bin, 'dockerd')) || !existsSync(join(bin, 'containerd'))) {
    throw new Error(`this test runs on Debian sid's Docker and containerd 2, which are not in ${bin}: run bash scripts/engines.sh sid (bash scripts/setup.sh does)`);
  }
  return bin;
}

/**
 * Starts an engine on a fresh `sizeMb` filesystem. Fails loudly if it cannot start. With
 * `workerOf`, the engine joins that engine's swarm as a worker (and has no registries).
 */
export function startEngine(sizeMb = 1024, opts: EngineOptions = {}): Engine {
  if (process.getuid?.() !== 0) throw new Error('the hermetic engine needs root (dockerd, mount)');
  const { dir, kv } = bringUp(sizeMb, opts);
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: kv.DOCKER_HOST, DOCKER_CONFIG: kv.DOCKER_CONFIG };
  delete env.DOCKER_CONTEXT;
  const run = (file: string, args: string[], opts: { input?: string | Buffer; allowFail?: boolean } = {}): string => {
    const o: ExecFileSyncOptions = { env, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 64 << 20, timeout: 120_000 };
    if (opts.input !== undefined) o.input = opts.input;
    try {
      return execFileSync(file, args, o) as unknown as string;
    } catch (e) {
      if (opts.allowFail) return '';
      const err = e as { stderr?: Buffer | string; status?: number };
      throw new Error(`${file} ${args.join(' ')} failed (${err.status}): ${String(err.stderr ?? '')}`);
    }
  };
  const driverStatus = run('docker', ['info', '--format', '{{json .DriverStatus}}']);
  const store = /io\.containerd\.snapshotter/.test(driverStatus) ? 'containerd' : 'classic';
  // a leg that asked for the containerd store must never pass quietly on the classic one
  const asked = opts.containerd === 'external' ? 'containerd' : process.env.ENGINE_STORE ?? 'classic';
  if (asked !== store) {
    downSync(dir);
    throw new Error(`ENGINE_STORE=${process.env.ENGINE_STORE} asked for, but the engine runs the ${store} image store (${driverStatus.trim()})`);
  }
  return {
    dir,
    env,
    store,
    dockerHost: kv.DOCKER_HOST!,
    dataRoot: kv.DATA_ROOT!,
    mount: kv.MOUNT!,
    containerdRoot: kv.CONTAINERD_ROOT || undefined,
    registry: kv.AUTH_REGISTRY!,
    registryProxy: kv.PROXY_REGISTRY!,
    registryUser: kv.AUTH_REGISTRY_USER!,
    registryPassword: readFileSync(join(dir, 'registry-password'), 'utf8').trim(),
    tlsHost: kv.TLS_HOST!,
    tlsCertPath: kv.TLS_CERT_PATH!,
    docker: (args, opts) => run('docker', args, opts),
    sh: (command) => run('bash', ['-c', command]),
    stop: () => downSync(dir),
  };
}
