/**
 * The engine a run talks to, opened once in main and handed down as one frozen value (as
 * kubelet hands its image GC a runtime): the reader for everything a snapshot asks (the Engine
 * API in-process where this process can reach the daemon itself, else the CLI), the writer for
 * the only removals there are, the swarm reader (a manager's on a worker), and the CLI for what
 * only it can do (pulls, manifests). The environment is passed in, never read here. A test's
 * fake engine is a plain object of the same shape.
 */
import { join } from 'node:path';
import { apiEndpoint, EngineApi } from './api.js';
import { ApiReader } from './api-reader.js';
import { DockerCli, type DockerOptions } from './cli.js';
import { CliWriter } from './cli-writer.js';
import { clientConfigDir } from './client-config.js';
import { readRegularFileSync } from '../runtime/safe-read.js';
import { sha256Hex } from '../runtime/sha256.js';
import type { StopFlag } from './errors.js';
import type { EngineReader } from './reader.js';
import type { EngineWriter } from './writer.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface Engine {
  /** The snapshot's questions, in domain terms. */
  readonly read: EngineReader;
  /** The only removals there are. */
  readonly write: EngineWriter;
  /** Where swarm objects are read: the manager's reader on a worker (`manager-host`), else `read`. */
  readonly swarm: EngineReader;
  /** Set when `swarm` is a manager given with `manager-host`, not this engine. */
  readonly managerHost: string | undefined;
  /** Pulls and manifests: what only the CLI can do. */
  readonly cli: DockerCli;
  /**
   * Filesystems the operator says hold this engine's images besides DockerRootDir (input
   * `store-paths`): measured instead of probing for containerd's root.
   */
  readonly storePaths: readonly string[];
  /** Every request's bound, and the stop signal every request honours. */
  readonly limits: { readonly timeoutMs: number; readonly stop: StopFlag };
  /** Requests made so far, here and on the manager: CLI processes and API requests. */
  calls(): number;
}

export interface EngineOptions extends DockerOptions {
  /** false: every read through the CLI too (the API is the default where it can be reached). */
  api?: boolean;
  /** A swarm manager to read services from (on a worker); opened with the same bounds. */
  managerHost?: string | undefined;
  /** See Engine.storePaths. */
  storePaths?: readonly string[] | undefined;
}

/**
 * The CLI context the docker CLI would use when neither a host nor DOCKER_HOST is given: its
 * config's `currentContext` (e.g. `rootless`, a remote engine). Reads would otherwise go to the
 * default socket while pulls and removals go where the context points.
 */
export function cliContext(env: Env): string | undefined {
  if (env.DOCKER_CONTEXT) return env.DOCKER_CONTEXT;
  // read before the first request, so synchronously; never a FIFO's blocking open
  const read = readRegularFileSync(join(clientConfigDir(env), 'config.json'), 1 << 20, true);
  if (read.kind !== 'ok') return undefined; // no config (or none readable): the CLI's default context too
  try {
    const current = (JSON.parse(read.text) as { currentContext?: unknown }).currentContext;
    return typeof current === 'string' && current !== '' ? current : undefined;
  } catch { return undefined; }
}

/**
 * Why the CLI context the client would use does not exist, or undefined: `DOCKER_CONTEXT` (or
 * the config's currentContext) naming a context with no metadata in the client's config dir.
 * Said as such, not as an unreachable default socket.
 */
export function missingContext(env: Env): string | undefined {
  const name = cliContext(env);
  if (!name || name === 'default') return undefined;
  const meta = join(clientConfigDir(env), 'contexts', 'meta', sha256Hex(name), 'meta.json');
  if (readRegularFileSync(meta, 1 << 20, true).kind === 'ok') return undefined;
  const from = env.DOCKER_CONTEXT ? 'environment variable DOCKER_CONTEXT' : `the currentContext of ${join(clientConfigDir(env), 'config.json')}`;
  return `${from} names the Docker context ${JSON.stringify(name.slice(0, 80))}, which this docker client does not have (no ${meta}); create it (docker context create) or unset it`;
}

export function openEngine(opts: EngineOptions, env: Env): Engine {
  const context = opts.host || env.DOCKER_HOST ? undefined : cliContext(env);
  // the CLI would take the config's context by itself; said explicitly, its messages name it
  const cli = new DockerCli(opts, context ? { ...env, DOCKER_CONTEXT: context } : env);
  const endpoint = opts.api === false ? undefined : apiEndpoint(opts.host, context ? { ...env, DOCKER_CONTEXT: context } : env);
  const api = endpoint ? new EngineApi(endpoint, cli.timeoutMs, cli.stop) : undefined;
  const apiReader = api ? new ApiReader(api) : undefined;
  const read = apiReader ?? cliReader(cli);
  // a removal makes any disk-usage walk the reader kept stale
  const write = new CliWriter(cli, { onRemoved: () => apiReader?.forgetDiskUsage() });
  const { managerHost, storePaths, ...local } = opts;
  const manager = managerHost ? openEngine({ ...local, host: managerHost, stop: cli.stop }, env) : undefined;
  return Object.freeze({
    read, write, cli,
    storePaths: Object.freeze([...storePaths ?? []]),
    swarm: manager?.read ?? read,
    managerHost: manager?.read.target,
    limits: Object.freeze({ timeoutMs: cli.timeoutMs, stop: cli.stop }),
    calls: () => cli.calls + (api?.calls ?? 0) + (manager?.calls() ?? 0),
  });
}

/** The CLI reader, loaded (with zod and its schemas) on first use: most runs read through the API. */
function cliReader(cli: DockerCli): EngineReader {
  let loaded: Promise<EngineReader> | undefined;
  const r = (): Promise<EngineReader> => (loaded ??= import('./cli-reader.js').then((m) => new m.CliReader(cli)));
  return {
    get target() { return cli.target; },
    info: () => r().then((x) => x.info()),
    images: () => r().then((x) => x.images()),
    imageExists: (id) => r().then((x) => x.imageExists(id)),
    imageIdOf: (ref) => r().then((x) => x.imageIdOf(ref)),
    lastTagTimes: (ids) => r().then((x) => x.lastTagTimes(ids)),
    containers: () => r().then((x) => x.containers()),
    swarm: () => r().then((x) => x.swarm()),
    services: () => r().then((x) => x.services()),
    knowsNode: (id) => r().then((x) => x.knowsNode(id)),
    volumes: () => r().then((x) => x.volumes()),
    networks: () => r().then((x) => x.networks()),
    buildCacheBytes: () => r().then((x) => x.buildCacheBytes()),
    uniqueImageBytes: () => r().then((x) => x.uniqueImageBytes()),
  };
}
