/**
 * Where the containerd a daemon stores its images in keeps them. With the containerd image store
 * (Docker 29's default) content and snapshots live under containerd's root, not DockerRootDir:
 * under `<DockerRootDir>/containerd/daemon` when dockerd runs its own containerd, under the system
 * containerd's root (`/var/lib/containerd`, often a disk of its own) when dockerd is pointed at it
 * with `--containerd`, as distribution packages do. Found from what the host states, never
 * guessed: the socket the daemon names (`/info` Containerd.Address, API 1.46+, else dockerd's own
 * `--containerd` flag or daemon.json), the containerd process serving that socket, and that
 * process's `--root` or config file. Process command lines are world-readable: this works for an
 * unprivileged runner user too, who may not connect to containerd's socket.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { readRegularFile, type FileRead } from '../runtime/safe-read.js';

export type ContainerdRoot =
  | { kind: 'found'; path: string; how: string }
  | { kind: 'unknown'; why: string };

/** What the daemon's `/info` says that leads to its containerd. */
export interface DaemonStorage { rootDir: string; containerdAddress: string | undefined }

interface Proc { pid: number; ppid: number; args: string[] }

const DEFAULT_ADDRESS = '/run/containerd/containerd.sock';
const DEFAULT_ROOT = '/var/lib/containerd';
const DEFAULT_CONFIG = '/etc/containerd/config.toml';
const DEFAULT_DOCKERD_CONFIG = '/etc/docker/daemon.json';
const DEFAULT_DATA_ROOT = '/var/lib/docker';

/** The value of `--name X`, `--name=X` or `-s X` in `args`, the last one winning (as flag parsers do). */
export function flagValue(args: readonly string[], names: readonly string[]): string | undefined {
  let value: string | undefined;
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    for (const n of names) {
      if (a === n && i + 1 < args.length) value = args[i + 1];
      else if (a.startsWith(`${n}=`)) value = a.slice(n.length + 1);
    }
  }
  return value;
}

/**
 * The few keys of a containerd config (TOML, versions 1 to 3) this needs: the top-level `root`
 * and the `[grpc]` table's `address`. Basic and literal strings; the rest of TOML is skipped.
 */
export function parseContainerdConfig(text: string): { root?: string; address?: string } {
  const out: { root?: string; address?: string } = {};
  let table = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) { table = header[1]!.replace(/["']/g, ''); continue; }
    const kv = /^([A-Za-z0-9_.-]+)\s*=\s*("(?:[^"\\]|\\.)*"|'[^']*')/.exec(line);
    if (!kv) continue;
    const key = table ? `${table}.${kv[1]}` : kv[1]!;
    const value = kv[2]!.startsWith("'") ? kv[2]!.slice(1, -1) : JSON.parse(kv[2]!) as string;
    if (key === 'root') out.root = value;
    if (key === 'grpc.address') out.address = value;
  }
  return out;
}

/**
 * Every process on the host whose program is `containerd` or `dockerd`. procfs reads never
 * block and cost microseconds each, so they are read in turn: through the thread pool the
 * whole probe took 28 ms for 83 processes on the development machine, read in turn 7 ms. It
 * runs beside the snapshot's requests, on the containerd store only.
 */
function storageProcs(proc: string): { containerd: Proc[]; dockerd: Proc[] } {
  const found = { containerd: [] as Proc[], dockerd: [] as Proc[] };
  let pids: string[];
  try { pids = readdirSync(proc).filter((p) => /^\d+$/.test(p)); } catch { return found; }
  const read = (p: string, f: string): string => { try { return readFileSync(join(proc, p, f), 'utf8'); } catch { return ''; } };
  for (const p of pids) {
    // `stat` names the program (its comm, 15 bytes) and the parent: one small read per process
    const m = /^\d+ \((containerd|dockerd)\) \S (\d+)/.exec(read(p, 'stat'));
    if (!m) continue;
    const args = read(p, 'cmdline').split('\0').filter(Boolean);
    if (args.length === 0 || basename(args[0]!) !== m[1]) continue;
    found[m[1] as 'containerd' | 'dockerd'].push({ pid: Number(p), ppid: Number(m[2]), args });
  }
  return found;
}

async function readJson(path: string): Promise<Record<string, unknown> | undefined> {
  const r = await readRegularFile(path, 1 << 20, true);
  if (r.kind !== 'ok') return undefined;
  try { return JSON.parse(r.text) as Record<string, unknown>; } catch { return undefined; }
}

/** The dockerds serving `rootDir` (by `--data-root` or daemon.json's), each with the containerd it was pointed at. */
async function dockerdsOf(dockerds: readonly Proc[], rootDir: string): Promise<{ proc: Proc; containerd: string | undefined }[]> {
  const found: { proc: Proc; containerd: string | undefined }[] = [];
  for (const d of dockerds) {
    const json = await readJson(flagValue(d.args, ['--config-file']) ?? DEFAULT_DOCKERD_CONFIG);
    const dataRoot = flagValue(d.args, ['--data-root', '-g']) ?? (typeof json?.['data-root'] === 'string' ? json['data-root'] : DEFAULT_DATA_ROOT);
    if (dataRoot.replace(/\/+$/, '') !== rootDir.replace(/\/+$/, '')) continue;
    found.push({ proc: d, containerd: flagValue(d.args, ['--containerd']) ?? (typeof json?.containerd === 'string' ? json.containerd : undefined) });
  }
  return found;
}

/** A containerd process's config file, read once: its address and its root both come from it. */
type Config = Promise<{ path: string; read: FileRead }>;
const configOf = (c: Proc): Config => {
  const path = flagValue(c.args, ['--config', '-c']) ?? DEFAULT_CONFIG;
  return readRegularFile(path, 1 << 20, true).then((read) => ({ path, read }));
};

/** Whether two socket paths are one socket: the same inode where both can be looked at, else the same path. */
async function sameSocket(a: string, b: string): Promise<boolean> {
  const strip = (s: string): string => s.replace(/^unix:\/\//, '');
  const [sa, sb] = await Promise.all([stat(strip(a)).catch(() => undefined), stat(strip(b)).catch(() => undefined)]);
  if (sa && sb) return sa.dev === sb.dev && sa.ino === sb.ino;
  return strip(a) === strip(b);
}

/**
 * The root of the containerd process `c`: its `--root`, else its config's `root`, else the
 * default. A containerd dockerd started itself (`managedBy` its data root) keeps its root where
 * moby's supervisor puts it, `<data root>/containerd/daemon`, also when its config (0600) cannot
 * be read.
 */
async function rootOf(c: Proc, config: Config, managedBy: string | undefined): Promise<ContainerdRoot> {
  const flag = flagValue(c.args, ['--root']);
  if (flag) return { kind: 'found', path: flag, how: `--root of containerd (pid ${c.pid})` };
  const { path: configPath, read: conf } = await config;
  if (conf.kind === 'ok') {
    const root = parseContainerdConfig(conf.text).root;
    return { kind: 'found', path: root ?? DEFAULT_ROOT, how: `${root ? 'root' : 'the default root'} in ${configPath} of containerd (pid ${c.pid})` };
  }
  if (managedBy) return { kind: 'found', path: join(managedBy, 'containerd', 'daemon'), how: `dockerd's own containerd (pid ${c.pid})` };
  if (conf.kind === 'missing' && configPath === DEFAULT_CONFIG) return { kind: 'found', path: DEFAULT_ROOT, how: `the default root of containerd (pid ${c.pid}, no config file)` };
  return { kind: 'unknown', why: `the config of containerd (pid ${c.pid}) cannot be read: ${conf.kind === 'refused' ? conf.detail : `${configPath} is missing`}` };
}

/**
 * The address a containerd process listens on: its `--address`, else its config's, else the
 * default. dockerd's own containerd has its socket beside its config (moby's supervisor writes
 * both into one state dir), which tells it when the config is not ours to read.
 */
async function addressOf(c: Proc, config: Config, managed: boolean): Promise<string | undefined> {
  const flag = flagValue(c.args, ['--address', '-a']);
  if (flag) return flag;
  const { path: configPath, read: conf } = await config;
  if (conf.kind === 'ok') return parseContainerdConfig(conf.text).address ?? DEFAULT_ADDRESS;
  if (managed && basename(configPath) === 'containerd.toml') return join(dirname(configPath), 'containerd.sock');
  return conf.kind === 'missing' ? DEFAULT_ADDRESS : undefined;
}

/** Where the daemon's containerd keeps image content and snapshots, or why that cannot be told. */
export async function findContainerdRoot(d: DaemonStorage, proc = '/proc'): Promise<ContainerdRoot> {
  const { containerd, dockerd } = storageProcs(proc);
  const daemons = await dockerdsOf(dockerd, d.rootDir);
  const parentOf = (c: Proc) => daemons.find((x) => x.proc.pid === c.ppid);
  let address = d.containerdAddress;
  if (!address) {
    // API before 1.46: what the dockerds serving this data root were told (all must agree)
    const told = new Set(daemons.map((x) => x.containerd ?? ''));
    if (daemons.length === 0) return { kind: 'unknown', why: `the daemon does not name its containerd (API before 1.46) and no dockerd serving ${d.rootDir} is visible from here` };
    if (told.size > 1) return { kind: 'unknown', why: `${daemons.length} dockerds serve ${d.rootDir} with different containerds` };
    address = [...told][0] || undefined;
    if (!address) {
      // no --containerd: dockerd runs its own, as its child
      const own = containerd.filter((c) => parentOf(c));
      if (own.length === 1) return rootOf(own[0]!, configOf(own[0]!), d.rootDir);
      return { kind: 'unknown', why: `dockerd (pid ${daemons[0]!.proc.pid}) names no containerd and ${own.length} containerd processes are its children` };
    }
  }
  for (const c of containerd) {
    const managed = parentOf(c) !== undefined;
    const config = configOf(c);
    const listens = await addressOf(c, config, managed);
    if (listens && await sameSocket(listens, address)) return rootOf(c, config, managed ? d.rootDir : undefined);
  }
  return { kind: 'unknown', why: `no containerd process serving ${address} is visible from here (${containerd.length} containerd processes seen: in a container, or /proc mounted with hidepid?)` };
}
