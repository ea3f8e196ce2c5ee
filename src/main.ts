/**
 * One entry for every caller: works out who called (Actions main/post step, Drone/Woodpecker
 * plugin, shell/systemd), parses the config before any Docker call, runs the mode, publishes
 * the report. Exit codes: 0 done or nothing to do, 1 failure, 2 bad input.
 */
import pkg from '../package.json' with { type: 'json' };
import { DaemonUnreachable, DockerError, Stopped, type StopFlag } from './docker/errors.js';
import { missingContext, openEngine } from './docker/engine.js';
import { watermarks } from './plan/goal.js';
import { engineKey, HostLocks, LockTimeout } from './execute/lock.js';
import { usableStateDir } from './runtime/state-dir.js';
import { writableProblem } from './runtime/atomic-file.js';
import { dockerHostProblem, InputError, parseConfig, type Config } from './inputs/config.js';
import { RUNNERS } from './runtime/runner.js';
import { readInvocation, type Invocation } from './inputs/sources.js';
import { helpText } from './inputs/help.js';
import type { ModeContext, ModeResult } from './modes/context.js';
import { Recorder } from './report/recorder.js';
import type { RunReport } from './report/types.js';
import { publish } from './report/publish.js';
import { actionsOutput, shellOutput, type Output } from './runtime/output.js';
import { STATE_IS_POST, STATE_PHASE } from './modes/job-state.js';

/** One source: package.json's version, bundled in. */
export const VERSION: string = pkg.version;

export const EXIT = { ok: 0, failure: 1, badInput: 2 } as const;


export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const said: { out: Output } = { out: shellOutput() };
  // whichever way the run ends, what it said is written before the process exits
  let code: number;
  try { code = await run(argv, env, said); } catch (e) { await said.out.flush().catch(() => undefined); throw e; }
  try { await said.out.flush(); } catch (e) {
    process.stderr.write(`error: the runner's step files could not be written: ${(e as Error).message}\n`);
    return EXIT.failure;
  }
  return code;
}

async function run(argv: readonly string[], env: NodeJS.ProcessEnv, said: { out: Output }): Promise<number> {
  let out = said.out;
  let invocation: Invocation;
  try {
    invocation = readInvocation(argv, env);
  } catch (e) {
    out.error((e as Error).message);
    return EXIT.badInput;
  }
  if (invocation.help) { process.stdout.write(helpText()); return EXIT.ok; }
  if (invocation.version) { process.stdout.write(`ci-docker-prune ${VERSION}\n`); return EXIT.ok; }
  const { caller } = invocation;
  const runner = RUNNERS[caller];
  if (runner.output === 'actions') out = said.out = actionsOutput(env);
  if (caller === 'actions-main') out.saveState(STATE_IS_POST, 'true');
  if (caller === 'actions-post' && env[`STATE_${STATE_PHASE}`] !== 'pre') {
    out.info('post step: the main step did not run the pre-job phase, nothing to do');
    return EXIT.ok;
  }
  let config: Config;
  try {
    const raw = 'forced' in runner && runner.forced ? { ...invocation.raw, mode: runner.defaultMode } : invocation.raw;
    config = parseConfig(raw, runner.defaultMode);
  } catch (e) {
    for (const w of invocation.warnings) out.warn(w);
    if (e instanceof InputError) { out.error(e.message); return EXIT.badInput; }
    throw e;
  }
  // the environment's Docker settings are inputs too: a bad one is exit 2, named, before any request
  const envProblem = dockerEnvProblem(config, env);
  if (envProblem) { for (const w of invocation.warnings) out.warn(w); out.error(envProblem); return EXIT.badInput; }
  const started = Date.now();
  const rec = new Recorder(out, config, started);
  // an input that names nothing is the operator's to see in the report too, not only the log
  for (const w of invocation.warnings) rec.warn(w);
  // where the report and metrics go is checked before any request: never a prune it cannot report
  for (const [input, path] of [['report-file', config.reportFile], ['metrics-file', config.metricsFile]] as const) {
    const problem = path ? await writableProblem(path) : undefined;
    if (problem) { out.error(`invalid input '${input}': ${problem}`); return EXIT.badInput; }
  }
  const state = await usableStateDir(config.stateDir, env);
  if (state.kind === 'unusable') { out.error(state.why); return EXIT.badInput; }
  if (state.note) out.info(state.note);
  config = { ...config, stateDir: state.dir };
  const stop: StopFlag = { signal: undefined, onStop: new Set() };
  const engine = openEngine({ host: config.dockerHost, managerHost: config.managerHost, storePaths: config.storePaths, timeoutMs: config.dockerTimeoutMs, pullTimeoutMs: config.pullTimeoutMs, stop }, env);
  const ctx: ModeContext = { config, engine, goal: watermarks(config), out, env, runner: caller, now: Date.now, locks: new HostLocks(() => engine.read.info(), engineKey(config.dockerHost, env)), rec };
  // the report is published once: by the run's end, or by a stop that could not wait for it
  // (one promise, awaited by both paths: neither exits while the other is still writing)
  let publishing: Promise<void> | undefined;
  const publishOnce = (report: RunReport): Promise<void> => (publishing ??= publish(report, config, out));
  watchSignals(stop, rec, async (sig) => {
    rec.fail(`stopped by ${sig} while a Docker request was still in flight; the report has every removal Docker had confirmed`);
    const report = rec.finish(engine.calls(), Date.now());
    try { await publishOnce(report); } catch (p) { out.warn(`could not publish the report: ${(p as Error).message}`); }
    await out.flush();
  });
  let exitCode: number;
  try {
    const result = await runMode(ctx);
    await publishOnce(result.report);
    return result.exitCode;
  } catch (e) {
    if (e instanceof InputError) { out.error(e.message); return EXIT.badInput; }
    // Whatever stopped the run, the report says what was already done (removals included).
    const hiccup = e instanceof DaemonUnreachable || e instanceof DockerError || e instanceof Stopped || e instanceof LockTimeout;
    const message = hiccup ? (e as Error).message : `unexpected failure: ${(e as Error).stack ?? String(e)}`;
    // after the job, a Docker hiccup is reported, not turned into a failed job (unless asked)
    if (hiccup && config.mode === 'post' && !config.failOnEviction) {
      rec.warn(`post step skipped: ${message}`);
      exitCode = EXIT.ok;
    } else {
      rec.fail(message);
      exitCode = EXIT.failure;
    }
    const report = rec.finish(engine.calls(), Date.now());
    if (report.removed.length) out.info(`removed before it stopped: ${report.removed.map((r) => `${r.kind} ${r.label}`).join(', ')}`);
    try { await publishOnce(report); } catch (p) { out.warn(`could not publish the report: ${(p as Error).message}`); }
    return exitCode;
  }
}

/** Why DOCKER_HOST or DOCKER_CONTEXT cannot be used (when no docker-host input overrides them), or undefined. */
function dockerEnvProblem(config: Pick<Config, 'dockerHost'>, env: NodeJS.ProcessEnv): string | undefined {
  if (config.dockerHost) return undefined;
  if (env.DOCKER_HOST) {
    const why = dockerHostProblem(env.DOCKER_HOST);
    // never a credential in a message: user:password@ is masked
    const shown = env.DOCKER_HOST.slice(0, 120).replace(/\/\/[^/@]*@/, '//***@');
    return why && `invalid environment variable DOCKER_HOST: got ${JSON.stringify(shown)}, expected ${why}`;
  }
  return missingContext(env);
}

/** How long a stop waits for a removal in flight before the report is written without it. */
const STOP_GRACE_MS = 4_000;

/**
 * SIGTERM/SIGINT (systemd stopping the unit, a cancelled job, Ctrl-C): a read in flight is
 * abandoned at once, a removal in flight may finish, the next request is not started, and the
 * run ends with its report. A run still busy after STOP_GRACE_MS (a removal the daemon is slow
 * to finish), or a second signal, publishes the report as it stands and exits: GitHub's cancel
 * sends SIGINT, SIGTERM 7.5 s later and SIGKILL 2.5 s after that, so the report is written
 * within 5 s of the first signal. The locks go with the process.
 */
function watchSignals(stop: StopFlag, rec: Pick<Recorder, 'warn'>, giveUp: (sig: string) => Promise<void>): void {
  let leaving = false;
  const leave = (sig: string): void => {
    if (leaving) return;
    leaving = true;
    const code = 128 + (sig === 'SIGINT' ? 2 : 15);
    // whatever the process is blocked on, it ends: a last resort if exit itself cannot proceed
    setTimeout(() => process.kill(process.pid, 'SIGKILL'), 3_000).unref();
    void giveUp(sig).finally(() => process.exit(code));
  };
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    process.on(sig, () => {
      if (stop.signal) { leave(sig); return; }
      stop.signal = sig;
      // in the report too: a run that stopped early says why
      rec.warn(`${sig}: stopping after the current Docker request (a read in flight is abandoned, the report is written within 5 s)`);
      for (const abandon of stop.onStop ?? []) abandon(sig);
      setTimeout(() => leave(sig), STOP_GRACE_MS).unref();
    });
  }
}

/** Loads only the mode that runs (the pre-job step is on every job's critical path). */
async function runMode(ctx: ModeContext): Promise<ModeResult> {
  switch (ctx.config.mode) {
    case 'check': return (await import('./modes/check.js')).runCheck(ctx);
    case 'prune': return (await import('./modes/prune.js')).runPrune(ctx);
    case 'pre': return (await import('./modes/pre.js')).runPre(ctx);
    case 'post': return (await import('./modes/post.js')).runPost(ctx);
    case 'setup': return (await import('./modes/setup.js')).runSetup(ctx);
    case 'warm': return (await import('./modes/warm.js')).runWarm(ctx);
  }
}
