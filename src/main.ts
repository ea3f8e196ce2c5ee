/**
 * One entry for every caller: works out who called (Actions main/post step, Drone/Woodpecker
 * plugin, shell/systemd), parses the config before any Docker call, runs the mode, publishes
 * the report. Exit codes: 0 done or nothing to do, 1 failure, 2 bad input.
 */
import { Docker, DockerError } from './docker/cli.js';
import { InputError, parseConfig, type Config, type Mode } from './inputs/config.js';
import { readInvocation, type Invocation } from './inputs/sources.js';
import { helpText } from './inputs/help.js';
import type { ModeContext, ModeResult } from './modes/context.js';
import { publish } from './report/publish.js';
import { actionsOutput, shellOutput, type Output } from './runtime/output.js';
import { DaemonUnreachable } from './snapshot/snapshot.js';
import { STATE_IS_POST, STATE_PHASE } from './modes/job-state.js';

export const VERSION = '0.1.0';

export const EXIT = { ok: 0, failure: 1, badInput: 2 } as const;


export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let out: Output = shellOutput();
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
  if (caller === 'actions-main' || caller === 'actions-post') out = await actionsOutput();
  if (caller === 'actions-main') out.saveState(STATE_IS_POST, 'true');
  if (caller === 'actions-post' && env[`STATE_${STATE_PHASE}`] !== 'pre') {
    out.info('post step: the main step did not run the pre-job phase, nothing to do');
    return EXIT.ok;
  }
  const defaultMode: Mode = caller === 'actions-main' ? 'pre' : caller === 'actions-post' ? 'post' : 'check';
  let config: Config | undefined;
  try {
    const raw = caller === 'actions-post' ? { ...invocation.raw, mode: 'post' } : invocation.raw;
    config = parseConfig(raw, defaultMode);
    const ctx: ModeContext = { config, docker: new Docker(config.dockerHost), out, now: Date.now };
    const result = await runMode(ctx);
    await publish(result.report, config, out);
    return result.exitCode;
  } catch (e) {
    if (e instanceof InputError) { out.error(e.message); return EXIT.badInput; }
    if (e instanceof DaemonUnreachable || e instanceof DockerError) {
      // after the job, a Docker hiccup is reported, not turned into a failed job (unless asked)
      if (config?.mode === 'post' && !config.failOnEviction) { out.warn(`post step skipped: ${e.message}`); return EXIT.ok; }
      out.error(e.message);
      return EXIT.failure;
    }
    out.error(`unexpected failure: ${(e as Error).stack ?? String(e)}`);
    return EXIT.failure;
  }
}

/** Loads only the mode that runs (the pre-job step is on every job's critical path). */
async function runMode(ctx: ModeContext): Promise<ModeResult> {
  switch (ctx.config.mode) {
    case 'check': return (await import('./modes/check.js')).runCheck(ctx);
    case 'prune': return (await import('./modes/prune.js')).runPrune(ctx);
    case 'pre': return (await import('./modes/pre.js')).runPre(ctx);
    case 'post': return (await import('./modes/post.js')).runPost(ctx);
  }
}
