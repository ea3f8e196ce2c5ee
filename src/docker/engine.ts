/**
 * Opens the engine a run talks to: the docker CLI for pulls and the allowlisted destructive
 * requests, and a reader for everything the snapshot asks (the Engine API in-process where
 * this process can reach the daemon itself, else the CLI). The environment is passed in, never
 * read here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiEndpoint, EngineApi } from './api.js';
import { ApiReader } from './api-reader.js';
import { Docker, type DockerOptions } from './cli.js';
import { CliWriter } from './cli-writer.js';
import type { EngineReader } from './reader.js';

export interface EngineOptions extends DockerOptions {
  /** false: every read through the CLI too (the API is the default where it can be reached). */
  api?: boolean;
}

/**
 * The CLI context the docker CLI would use when neither a host nor DOCKER_HOST is given: its
 * config's `currentContext` (e.g. `rootless`, a remote engine). Reads would otherwise go to the
 * default socket while pulls and removals go where the context points.
 */
export function cliContext(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.DOCKER_CONTEXT) return env.DOCKER_CONTEXT;
  const dir = env.DOCKER_CONFIG ?? (env.HOME ? join(env.HOME, '.docker') : undefined);
  if (!dir) return undefined;
  try {
    const current = (JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { currentContext?: unknown }).currentContext;
    return typeof current === 'string' && current !== '' ? current : undefined;
  } catch { return undefined; } // no config (or none readable): the CLI's default context too
}

export function openEngine(opts: EngineOptions, env: Readonly<Record<string, string | undefined>>): Docker {
  const docker = new Docker(opts, env);
  const context = opts.host || env.DOCKER_HOST ? undefined : cliContext(env);
  const endpoint = opts.api === false ? undefined : apiEndpoint(opts.host, context ? { ...env, DOCKER_CONTEXT: context } : env);
  if (endpoint) docker.api = new EngineApi(endpoint, docker.timeoutMs, docker.stop);
  docker.reader = docker.api ? new ApiReader(docker.api) : cliReader(docker);
  docker.writer = new CliWriter(docker);
  return docker;
}

/** The CLI reader, loaded (with zod and its schemas) on first use: most runs read through the API. */
function cliReader(docker: Docker): EngineReader {
  let loaded: Promise<EngineReader> | undefined;
  const r = (): Promise<EngineReader> => (loaded ??= import('./cli-reader.js').then((m) => new m.CliReader(docker)));
  return {
    get target() { return docker.target; },
    info: () => r().then((x) => x.info()),
    images: () => r().then((x) => x.images()),
    imageExists: (id) => r().then((x) => x.imageExists(id)),
    lastTagTimes: (ids) => r().then((x) => x.lastTagTimes(ids)),
    containers: () => r().then((x) => x.containers()),
    swarm: () => r().then((x) => x.swarm()),
    services: () => r().then((x) => x.services()),
    volumes: () => r().then((x) => x.volumes()),
    networks: () => r().then((x) => x.networks()),
    buildCacheBytes: () => r().then((x) => x.buildCacheBytes()),
    uniqueImageBytes: () => r().then((x) => x.uniqueImageBytes()),
  };
}
