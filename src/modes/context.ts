/** What every mode gets, and the report skeleton they all fill in. */
import type { Docker } from '../docker/cli.js';
import { lockName, withLock } from '../execute/lock.js';
import type { Config } from '../inputs/config.js';
import { inventoryOf } from '../report/inventory.js';
import { REPORT_VERSION, type RunReport } from '../report/types.js';
import type { Output } from '../runtime/output.js';
import { takeHostView, takeSnapshot, type SnapshotOptions } from '../snapshot/snapshot.js';
import type { HostView, Snapshot } from '../snapshot/types.js';
import { describeDisk, describeInventory } from '../report/text.js';

export interface ModeContext {
  config: Config;
  docker: Docker;
  out: Output;
  /** The process environment, read in `main` only and handed down (job ids, credentials, job state). */
  env: Readonly<Record<string, string | undefined>>;
  /** Injected clock, so gates and ages are testable. */
  now(): number;
  /** Names this engine's host locks (see execute/lock.ts). */
  lockKey: string;
  /** The report as far as the run got: main publishes it whatever the outcome. */
  progress: { report?: RunReport };
}

export interface ModeResult {
  report: RunReport;
  exitCode: number;
}

/** A report describing `before` with nothing done yet; it becomes the run's report in progress. */
export function startReport(ctx: ModeContext, before: Snapshot | HostView, startedMs: number): RunReport {
  const report = reportSkeleton(ctx.config, startedMs);
  report.daemon = {
    serverVersion: before.daemon.serverVersion,
    rootDir: before.daemon.rootDir,
    driver: before.daemon.driver,
    swarm: before.swarm.manager ? 'manager' : before.swarm.state === 'active' ? 'worker' : before.swarm.state,
    hostname: before.daemon.name,
    nodeId: before.swarm.nodeId,
    managerHost: before.swarm.managerHost,
  };
  report.disk.before = before.disk;
  report.inventory.before = inventoryOf(before);
  ctx.progress.report = report;
  return report;
}

/** A report with nothing known yet (the daemon never answered, or a run failed early). */
export function reportSkeleton(config: Pick<Config, 'mode' | 'dryRun'>, startedMs: number): RunReport {
  return {
    version: REPORT_VERSION,
    tool: 'ci-docker-prune',
    mode: config.mode,
    dryRun: config.dryRun,
    startedAt: new Date(startedMs).toISOString(),
    durationMs: 0,
    daemon: { serverVersion: 'unknown', rootDir: 'unknown', driver: 'unknown', swarm: 'unknown', hostname: 'unknown', nodeId: undefined, managerHost: undefined },
    disk: { before: undefined, after: undefined },
    inventory: { before: { images: 0, danglingImages: 0, imageBytes: 0, containers: 0, runningContainers: 0, services: undefined, volumes: 0, networks: 0, buildCacheBytes: undefined }, after: undefined },
    gate: 'not-evaluated',
    gates: [],
    planned: [],
    removed: [],
    kept: [],
    reclaimed: { containers: 0, images: 0, buildCache: 0, evicted: 0, total: 0 },
    pruned: false,
    stopped: undefined,
    warnings: [],
    errors: [],
    dockerCalls: 0,
    job: undefined,
  };
}

/** Takes a snapshot inside a titled log group and describes its disk and inventory. */
export function snapshotGroup(ctx: ModeContext, title: string, opts: SnapshotOptions = {}): Promise<Snapshot> {
  return lookGroup(ctx, title, () => takeSnapshot(ctx.docker, opts));
}

/** The same for a HostView: everything but the image list (see snapshot/types.ts). */
export function hostViewGroup(ctx: ModeContext, title: string): Promise<HostView> {
  return lookGroup(ctx, title, () => takeHostView(ctx.docker));
}

async function lookGroup<T extends Snapshot | HostView>(ctx: ModeContext, title: string, take: () => Promise<T>): Promise<T> {
  return ctx.out.group(title, async () => {
    const s = await take();
    ctx.out.info(describeDisk(s.disk, s.diskError));
    ctx.out.info(describeInventory(inventoryOf(s)));
    return s;
  });
}

/**
 * Runs `fn` under this engine's host step lock: every ledger update and every image removal.
 * Held only for a few Docker requests, each bounded by docker-timeout, so waiting 4 of them
 * covers a holder that is itself waiting on a slow daemon.
 */
export function underStepLock<T>(ctx: Pick<ModeContext, 'lockKey' | 'docker'>, fn: () => Promise<T>, opts: { polite?: boolean } = {}): Promise<T> {
  return withLock(lockName(ctx.lockKey, 'step'), 4 * ctx.docker.timeoutMs, fn, () => ctx.docker.stop.signal !== undefined, opts);
}

/**
 * A warning both in the log and in the report, in one call: what an operator reads in the log
 * is what the job summary and the report file say (modes never push to report.warnings).
 */
export function warn(ctx: Pick<ModeContext, 'out'>, report: RunReport, message: string): void {
  report.warnings.push(message);
  ctx.out.warn(message);
}

/** An error both in the log and in the report, in one call (the run then exits 1). */
export function fail(ctx: Pick<ModeContext, 'out'>, report: RunReport, message: string): void {
  report.errors.push(message);
  ctx.out.error(message);
}
