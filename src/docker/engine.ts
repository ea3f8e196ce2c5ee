/**
 * Opens the engine a run talks to: the docker CLI for pulls and the allowlisted destructive
 * requests, and a reader for everything the snapshot asks (the Engine API in-process where
 * this process can reach the daemon itself, else the CLI). The environment is passed in, never
 * read here.
 */
import { apiEndpoint, EngineApi } from './api.js';
import { ApiReader } from './api-reader.js';
import { CliReader } from './cli-reader.js';
import { Docker, type DockerOptions } from './cli.js';

export interface EngineOptions extends DockerOptions {
  /** false: every read through the CLI too (the API is the default where it can be reached). */
  api?: boolean;
}

export function openEngine(opts: EngineOptions, env: Readonly<Record<string, string | undefined>>): Docker {
  const docker = new Docker(opts, env);
  const endpoint = opts.api === false ? undefined : apiEndpoint(opts.host, env);
  if (endpoint) docker.api = new EngineApi(endpoint, docker.timeoutMs, docker.stop);
  docker.reader = docker.api ? new ApiReader(docker.api) : new CliReader(docker);
  return docker;
}
