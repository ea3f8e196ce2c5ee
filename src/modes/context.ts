/** What every mode gets: the config, the engine, the log, the clock and the run's Recorder. */
import type { Engine } from '../docker/engine.js';
import { withLock, type HostLocks } from '../execute/lock.js';
import type { GateRules } from '../gates/gates.js';
import type { Config } from '../inputs/config.js';
import type { Goal } from '../plan/goal.js';
import { inventoryOf } from '../report/inventory.js';
import type { Recorder } from '../report/recorder.js';
import type { RunReport } from '../report/types.js';
import type { Output } from '../runtime/output.js';
import type { RunnerName } from '../runtime/runner.js';
import { takeHostView, takeSnapshot, withPruneAges, type SnapshotOptions } from '../snapshot/snapshot.js';
import type { HostView, Snapshot } from '../snapshot/types.js';
import { describeDaemon, describeDisk, describeInventory } from '../report/text.js';

export interface ModeContext {
  config: Config;
  /** The engine, opened once in main (docker/engine.ts): reads, removals, the swarm's reader, the CLI. */
  engine: Engine;
  out: Output;
  /**
   * What this run's removals aim at (plan/goal.ts): the config's watermarks, or, for a pre step
   * whose job is short of space, the bytes it needs.
   */
  goal: Goal;
  /** Who called (runtime/runner.ts): where the job's state lives, how it is named. */
  runner: RunnerName;
  /** The process environment, read in `main` only and handed down (job ids, credentials, job state). */
  env: Readonly<Record<string, string | undefined>>;
  /** Injected clock, so gates and ages are testable. */
  now(): number;
  /** Names this daemon's host locks by its identity (see execute/lock.ts). */
  locks: HostLocks;
  /** The run's report: logged and recorded in one call; main publishes it whatever the outcome. */
  rec: Recorder;
}

export interface ModeResult {
  report: RunReport;
  exitCode: number;
}

/** The gates' rules for this run: its goal and the service rules. */
export function gateRules(ctx: Pick<ModeContext, 'config' | 'goal'>): GateRules {
  return { goal: ctx.goal, stackPattern: ctx.config.stackPattern, stuckAfterMs: ctx.config.stuckAfterMs };
}

/** The report as published: the requests made and the run's duration filled in. */
export function finish(ctx: Pick<ModeContext, 'rec' | 'engine' | 'now'>, exitCode?: number): ModeResult {
  const report = ctx.rec.finish(ctx.engine.calls(), ctx.now());
  return { report, exitCode: exitCode ?? (ctx.rec.failed ? 1 : 0) };
}

/** Takes a snapshot inside a titled log group and describes its disk and inventory. */
export function snapshotGroup(ctx: ModeContext, title: string, opts: SnapshotOptions = {}): Promise<Snapshot> {
  return lookGroup(ctx, title, () => takeSnapshot(ctx.engine, opts));
}

/**
 * `check`'s look: a snapshot with the build cache and the prune ages of dangling images, and a
 * line on the daemon first. Through lookGroup as every mode's, so the host locks learn the
 * daemon from this look's `/info` instead of asking it again.
 */
export function checkGroup(ctx: ModeContext, title: string): Promise<Snapshot> {
  return lookGroup(ctx, title, async () => withPruneAges(ctx.engine, await takeSnapshot(ctx.engine, { buildCache: true })), (s) => describeDaemon(s));
}

/** The same for a HostView: everything but the image list (see snapshot/types.ts). */
export function hostViewGroup(ctx: ModeContext, title: string): Promise<HostView> {
  return lookGroup(ctx, title, () => takeHostView(ctx.engine));
}

async function lookGroup<T extends Snapshot | HostView>(ctx: ModeContext, title: string, take: () => Promise<T>, headline?: (s: T) => string): Promise<T> {
  return ctx.out.group(title, async () => {
    const s = await take();
    ctx.locks.learn(identityOf(s));
    if (headline) ctx.out.info(headline(s));
    ctx.out.info(describeDisk(s.disk, s.diskError, s.disks));
    ctx.out.info(describeInventory(inventoryOf(s)));
    return s;
  });
}

/**
 * Runs `fn` under this engine's host step lock: every ledger update and every image removal.
 * Held only for a few Docker requests, each bounded by docker-timeout, so waiting 4 of them
 * covers a holder that is itself waiting on a slow daemon.
 */
export async function underStepLock<T>(ctx: Pick<ModeContext, 'locks' | 'engine'>, fn: () => Promise<T>, opts: { polite?: boolean } = {}): Promise<T> {
  return underLockNamed(ctx, await ctx.locks.name('step'), fn, opts);
}

/** The same under a step lock named already (see step-look.ts); `waitMs` 0: only if it is free now. */
export function underLockNamed<T>(ctx: Pick<ModeContext, 'engine'>, name: string, fn: () => Promise<T>, opts: { polite?: boolean; waitMs?: number } = {}): Promise<T> {
  const { timeoutMs, stop } = ctx.engine.limits;
  return withLock(name, opts.waitMs ?? 4 * timeoutMs, fn, () => stop.signal !== undefined, opts);
}

/** Who a look's daemon says it is: what its host locks are named by. */
export const identityOf = (s: Snapshot | HostView): { ID: string; DockerRootDir: string } => ({ ID: s.daemon.id, DockerRootDir: s.daemon.rootDir });
