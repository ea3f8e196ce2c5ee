/**
 * Where the docker client looks, as the docker CLI itself decides it: the one place for the
 * default socket and the client's config directory (contexts, credentials, TLS files), so the
 * reads, the pulls, the credentials check and the lock all agree on what they reach.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where requests go when neither a host, DOCKER_HOST nor a context says otherwise. */
export const DEFAULT_SOCKET_PATH = '/var/run/docker.sock';
export const DEFAULT_SOCKET = `unix://${DEFAULT_SOCKET_PATH}`;

/** `DOCKER_CONFIG`, else `~/.docker` (the user's home from the password database when HOME is unset, as the CLI). */
export function clientConfigDir(env: Readonly<Record<string, string | undefined>>): string {
  return env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
}
