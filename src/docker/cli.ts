/**
 * The one way this tool talks to Docker: the real `docker` CLI via @actions/exec, with argument
 * arrays (never a shell string), quiet, and errors that carry the command, exit code and stderr.
 * Callers that may expect failure read `exitCode`; `json`/`lines` throw DockerError.
 */
import { getExecOutput } from '@actions/exec';
import type { z } from 'zod';
import { assertAllowed, type DestructiveCommand } from '../execute/commands.js';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export class DockerError extends Error {
  override readonly name = 'DockerError';
  constructor(readonly args: readonly string[], readonly exitCode: number, readonly stderr: string) {
    super(`docker ${args.join(' ')} failed (exit ${exitCode}): ${firstLine(stderr) || 'no error output'}`);
  }
}

const firstLine = (s: string): string => s.trim().split('\n').filter(Boolean).slice(-1)[0] ?? '';

export class Docker {
  /** Number of docker processes run (the snapshot keeps this constant; tests check it). */
  calls = 0;
  private readonly env: Record<string, string>;

  constructor(host?: string, private readonly bin = 'docker') {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
    if (host) env.DOCKER_HOST = host;
    // Never let a CLI context silently redirect us to another engine than the one asked for.
    if (host) delete env.DOCKER_CONTEXT;
    this.env = env;
  }

  /** Runs a read-only docker command; never throws for a non-zero exit. */
  async exec(args: readonly string[], input?: string): Promise<ExecResult> {
    this.calls++;
    try {
      const r = await getExecOutput(this.bin, [...args], {
        silent: true,
        ignoreReturnCode: true,
        env: this.env,
        ...(input !== undefined ? { input: Buffer.from(input) } : {}),
      });
      return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      // The binary itself could not be started (not installed, not on PATH).
      return { exitCode: 127, stdout: '', stderr: `cannot run ${this.bin}: ${(e as Error).message}` };
    }
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
  async json<T>(args: readonly string[], schema: z.ZodType<T>): Promise<T> {
    const out = await this.run(args);
    return parseWith(schema, JSON.parse(out), args);
  }

  /** Parses stdout as JSON lines (`--format '{{json .}}'`) with a zod schema per line. */
  async jsonLines<T>(args: readonly string[], schema: z.ZodType<T>): Promise<T[]> {
    return (await this.lines(args)).map((l) => parseWith(schema, JSON.parse(l), args));
  }

  /**
   * Runs one destructive command. Only values made by `execute/commands.ts` are accepted, and
   * they are checked against its allowlist again here, so nothing else can remove anything.
   */
  async destroy(command: DestructiveCommand): Promise<ExecResult> {
    assertAllowed(command.args);
    return this.exec(command.args);
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, args: readonly string[]): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new DockerError(args, 0, `unexpected output shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return r.data;
}
