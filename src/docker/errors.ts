/**
 * The errors a Docker request can end in, whichever adapter made it (the docker CLI in cli.ts,
 * the Engine API in api.ts): one file both import, so neither imports the other. main.ts tells
 * a Docker hiccup (reported, and in a post step not a failed job) from a defect by these types.
 */
import { formatDuration } from '../inputs/units.js';

/** `docker image inspect id1 id2 …` → `docker image inspect id1 …`: one readable line. */
export function describeArgs(args: readonly string[]): string {
  const shown = args.length > 6 ? [...args.slice(0, 4), '…'] : args;
  return `docker ${shown.map((a) => (a.length > 80 ? `${a.slice(0, 77)}…` : a)).join(' ')}`;
}

export class DockerError extends Error {
  override readonly name: string = 'DockerError';
  constructor(readonly args: readonly string[], readonly exitCode: number, readonly stderr: string) {
    super(`${describeArgs(args)} failed (exit ${exitCode}): ${lastLine(stderr) || 'no error output'}`);
  }
}

/** A request that did not answer within its bound (`docker-timeout` / `pull-timeout`). */
export class DockerTimeout extends DockerError {
  override readonly name = 'DockerTimeout';
  constructor(args: readonly string[], readonly timeoutMs: number, input: string) {
    super(args, 124, '');
    this.message = `${describeArgs(args)} timed out after ${formatDuration(timeoutMs)} (${input})`;
  }
}

/**
 * The run was asked to stop (SIGTERM/SIGINT): raised before the next request starts, or by a
 * read abandoned in flight (`abandoned`: what it was; a read is always safe to abandon).
 */
export class Stopped extends Error {
  override readonly name = 'Stopped';
  constructor(readonly signal: string, abandoned?: string) {
    super(abandoned ? `stopped by ${signal}: the read ${abandoned} in flight was abandoned` : `stopped by ${signal} before the next Docker request`);
  }
}

/**
 * Shared between the signal handlers and every Docker request. `onStop`: what a request in
 * flight does the moment a stop arrives (a read abandons itself; a removal runs to its end).
 */
export interface StopFlag { signal: string | undefined; readonly onStop?: Set<(signal: string) => void> }

/** The last non-blank line (docker prints its error last). */
export const lastLine = (s: string): string => s.trim().split('\n').filter(Boolean).slice(-1)[0] ?? '';

/** The daemon could not be reached at all: one clear line, exit 1. */
export class DaemonUnreachable extends Error {
  override readonly name = 'DaemonUnreachable';
}

/**
 * A request that failed: an HTTP error with the daemon's own message (e.g. "This node is not a
 * swarm manager"), an answer that is no JSON of the expected shape, or (status 0) no answer.
 */
export class ApiError extends DockerError {
  override readonly name = 'ApiError';
  constructor(readonly path: string, readonly status: number, message: string) {
    super(['GET', path], status, message);
    this.message = status === 0 ? message : `GET ${path} failed (HTTP ${status}): ${message}`;
  }
}
