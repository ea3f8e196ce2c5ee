/** Runs the real bundle (`node dist/index.js …`) as a child process against a hermetic engine. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Engine } from './engine.js';
import { BUNDLE } from './paths.js';

export { BUNDLE };

export interface ToolRun { code: number; stdout: string; stderr: string; ms: number }

/** The engine's environment without any CI variables, so the bundle takes the shell path. */
export function cleanEnv(e: Engine): NodeJS.ProcessEnv {
  const env = { ...e.env };
  for (const k of Object.keys(env)) if (/^(GITHUB_|INPUT_|STATE_|PLUGIN_|RUNNER_|DRONE|CI_)/.test(k)) delete env[k];
  return env;
}

/**
 * A run that names no state dir keeps its state in its engine's directory (gone with the
 * engine), never in the machine's default (/var/lib/ci-docker-prune): a test writes nothing it
 * did not make; .ci/run checks it. Given as INPUT_STATE-DIR, which every caller reads after its
 * flags; a test's own flag or setting wins (none is added then).
 */
function withOwnStateDir(e: Engine, args: readonly string[], env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (args.includes('--state-dir') || env['INPUT_STATE-DIR'] !== undefined || env.PLUGIN_STATE_DIR !== undefined) return env;
  return { ...env, 'INPUT_STATE-DIR': join(e.dir, 'default-state') };
}

export function runTool(e: Engine, args: string[], given: NodeJS.ProcessEnv = cleanEnv(e)): ToolRun {
  const t0 = performance.now();
  const env = withOwnStateDir(e, args, given);
  const r = spawnSync(process.execPath, [BUNDLE, ...args], { env, encoding: 'utf8', timeout: 180_000 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, ms: Math.round(performance.now() - t0) };
}

export interface RunningTool { child: ChildProcess; done: Promise<ToolRun> }

/** Starts the bundle without waiting (to kill it, or to run several at once). */
export function startTool(args: string[], env: NodeJS.ProcessEnv, opts: { uid?: number; gid?: number } = {}): RunningTool {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BUNDLE, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => { stdout += d; });
  child.stderr!.on('data', (d) => { stderr += d; });
  const done = new Promise<ToolRun>((resolve) => child.on('close', (code, signal) => resolve({
    code: code ?? (signal ? 128 + (signal === 'SIGKILL' ? 9 : 15) : -1), stdout, stderr, ms: Math.round(performance.now() - t0),
  })));
  return { child, done };
}
