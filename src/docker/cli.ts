/**
 * The docker CLI, for what must go through it (pulls, the allowlisted destructive requests, and
 * reads where the Engine API cannot be reached: docker/engine.ts): via @actions/exec, with argument
 * arrays (never a shell string), quiet, and errors that carry the command, exit code and stderr.
 * Callers that may expect failure read `exitCode`; `json`/`lines` throw DockerError.
 *
 * Every request is bounded: it runs under coreutils `timeout`, which puts the docker process in
 * a process group of its own and kills that whole group (credential helpers too) on expiry. A
 * request that times out throws DockerTimeout, naming it. A stop request (SIGTERM/SIGINT) is
 * honoured between requests: the one in flight finishes, the next one throws Stopped.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { ZodMiniType } from 'zod/mini';
import { assertAllowed, type DestructiveCommand } from './commands.js';
import { DEFAULT_SOCKET } from './client-config.js';
import { DockerError, DockerTimeout, Stopped, type StopFlag } from './errors.js';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface DockerOptions {
  /** DOCKER_HOST for every request; undefined = the environment's. */
  host?: string | undefined;
  /** Bound for every request except pulls. */
  timeoutMs?: number;
  /** Bound for each pull. */
  pullTimeoutMs?: number;
  stop?: StopFlag;
  bin?: string;
}

/**
 * `name`'s absolute path on PATH, looked up once and quietly (@actions/exec's own lookup stats
 * every PATH entry on every call and logs each one it may not read, e.g. as a runner user).
 */
const resolved = new Map<string, string | undefined>();
export function findOnPath(name: string, path = ''): string | undefined {
  const key = `${name}\0${path}`;
  if (!resolved.has(key)) {
    let hit: string | undefined;
    for (const dir of path.split(delimiter).filter(Boolean)) {
      try { accessSync(join(dir, name), constants.X_OK); hit = join(dir, name); break; } catch { /* next entry */ }
    }
    resolved.set(key, hit);
  }
  return resolved.get(key);
}

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_PULL_TIMEOUT_MS = 900_000;

/** The docker CLI runner: one bounded process per request (opened once a run, in engine.ts). */
export class DockerCli {
  /** Number of docker processes run (the snapshot keeps this constant; tests check it). */
  calls = 0;
  readonly host: string | undefined;
  readonly timeoutMs: number;
  readonly pullTimeoutMs: number;
  readonly stop: StopFlag;
  private readonly bin: string;
  private readonly env: Record<string, string>;

  constructor(opts: DockerOptions, processEnv: Readonly<Record<string, string | undefined>>) {
    this.host = opts.host;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.pullTimeoutMs = opts.pullTimeoutMs ?? DEFAULT_PULL_TIMEOUT_MS;
    this.stop = opts.stop ?? { signal: undefined };
    this.bin = opts.bin ?? 'docker';
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(processEnv)) if (v !== undefined) env[k] = v;
    if (opts.host) env.DOCKER_HOST = opts.host;
    // Never let a CLI context silently redirect us to another engine than the one asked for.
    if (opts.host) delete env.DOCKER_CONTEXT;
    this.env = env;
  }

  /** Where requests go, for messages: the given host, DOCKER_HOST, or the default socket. */
  get target(): string {
    const host = this.host ?? this.env.DOCKER_HOST;
    if (host && host !== 'unix://') return host;
    // a CLI context goes where it points, not to the default socket
    return !host && this.env.DOCKER_CONTEXT && this.env.DOCKER_CONTEXT !== 'default' ? `context ${this.env.DOCKER_CONTEXT}` : DEFAULT_SOCKET;
  }

  /**
   * Runs a docker command; never throws for a non-zero exit. Throws DockerTimeout when the
   * request outlives its bound and Stopped when a stop was requested before it started.
   */
  async exec(args: readonly string[], opts: { input?: string; pull?: boolean } = {}): Promise<ExecResult> {
    if (this.stop.signal) throw new Stopped(this.stop.signal);
    this.calls++;
    const timeoutMs = opts.pull ? this.pullTimeoutMs : this.timeoutMs;
    const timeoutBin = findOnPath('timeout', this.env.PATH);
    if (!timeoutBin) return { exitCode: 127, stdout: '', stderr: 'cannot run timeout (coreutils): not found on PATH' };
    // loaded on the first command, not with every step: it brings node:child_process, and most
    // steps run no docker command at all (BENCHMARKS.md)
    const { getExecOutput } = await import('@actions/exec');
    const t0 = performance.now();
    let r: ExecResult;
    try {
      r = await getExecOutput(timeoutBin, ['--kill-after=5s', `${timeoutMs / 1000}s`, this.bin, ...args], {
        silent: true,
        ignoreReturnCode: true,
        env: this.env,
        ...(opts.input !== undefined ? { input: Buffer.from(opts.input) } : {}),
      });
    } catch (e) {
      // `timeout` itself could not be started (no coreutils on PATH).
      return { exitCode: 127, stdout: '', stderr: `cannot run timeout (coreutils) for ${this.bin}: ${(e as Error).message}` };
    }
    // 124: timed out and TERM sufficed; 137: it had to be killed. Only after the bound, so a
    // command exiting 124 by itself is not mistaken for a timeout.
    if ((r.exitCode === 124 || r.exitCode === 137) && performance.now() - t0 >= timeoutMs - 50) {
      throw new DockerTimeout(args, timeoutMs, opts.pull ? 'pull-timeout' : 'docker-timeout');
    }
    if (r.exitCode === 127 && /timeout: failed to run command/.test(r.stderr)) {
      return { exitCode: 127, stdout: '', stderr: `cannot run ${this.bin}: not installed or not on PATH` };
    }
    return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
  }

  /** Runs a command and throws DockerError when it fails. */
  async run(args: readonly string[]): Promise<string> {
    const r = await this.exec(args);
    if (r.exitCode !== 0) throw new DockerError(args, r.exitCode, r.stderr);
    return r.stdout;
  }

  /** Output lines of a successful command (blank lines dropped). */
  async lines(args: readonly string[]): Promise<string[]> {
    return (await this.run(args)).split('\n').map((l) => l.trim()).filter(Boolean);
  }

  /** Parses stdout as one JSON document (e.g. `inspect`) with a zod schema. */
  async json<T>(args: readonly string[], schema: ZodMiniType<T>): Promise<T> {
    return parseJson(schema, await this.run(args), args);
  }

  /** Parses stdout as JSON lines (`--format '{{json .}}'`) with a zod schema per line. */
  async jsonLines<T>(args: readonly string[], schema: ZodMiniType<T>): Promise<T[]> {
    return (await this.lines(args)).map((l) => parseJson(schema, l, args));
  }

  /**
   * Runs one destructive command for the CLI writer (cli-writer.ts). Only values made by the
   * allowlist (commands.ts) are accepted, and they are checked against it again here, so nothing
   * else can remove anything.
   */
  async destroy(command: DestructiveCommand): Promise<ExecResult> {
    assertAllowed(command.args);
    return this.exec(command.args);
  }
}

/**
 * Docker's output as JSON checked by a schema. Anything else (garbage, a truncated answer, an
 * unexpected shape) is a DockerError naming the request, never a SyntaxError.
 */
export function parseJson<T>(schema: ZodMiniType<T>, text: string, args: readonly string[]): T {
  let value: unknown;
  try { value = JSON.parse(text); } catch (e) {
    throw new DockerError(args, 0, `output is not JSON (${(e as Error).message.slice(0, 80)})`);
  }
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new DockerError(args, 0, `unexpected output shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return r.data;
}
