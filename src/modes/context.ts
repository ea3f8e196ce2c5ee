/** What every mode gets, and the report skeleton they all fill in. */
import type { Docker } from '../docker/cli.js';
import type { Config } from '../inputs/config.js';
import { inventoryOf } from '../report/inventory.js';
import { REPORT_VERSION, type RunReport } from '../report/types.js';
import type { Output } from '../runtime/output.js';
import { takeSnapshot, type SnapshotOptions } from '../snapshot/snapshot.js';
import type { Snapshot } from '../snapshot/types.js';
import { describeDisk, describeInventory } from '../report/text.js';

export interface ModeContext {
  config: Config;
  docker: Docker;
  out: Output;
  /** Injected clock, so gates and ages are testable. */
  now(): number;
}

export interface ModeResult {
  report: RunReport;
  exitCode: number;
}

/** A report describing `before` with nothing done yet. */
export function startReport(ctx: ModeContext, before: Snapshot, startedMs: number): RunReport {
  return {
    version: REPORT_VERSION,
    tool: 'ci-docker-prune',
    mode: ctx.config.mode,
    dryRun: ctx.config.dryRun,
    startedAt: new Date(startedMs).toISOString(),
    durationMs: 0,
    daemon: {
      serverVersion: before.daemon.serverVersion,
      rootDir: before.daemon.rootDir,
      driver: before.daemon.driver,
      swarm: before.swarm.manager ? 'manager' : before.swarm.state,
    },
    disk: { before: before.disk, after: undefined },
    inventory: { before: inventoryOf(before), after: undefined },
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
export async function snapshotGroup(ctx: ModeContext, title: string, opts: SnapshotOptions = {}): Promise<Snapshot> {
  return ctx.out.group(title, async () => {
    const s = await takeSnapshot(ctx.docker, opts);
    ctx.out.info(describeDisk(s.disk, s.diskError));
    ctx.out.info(describeInventory(inventoryOf(s)));
    return s;
  });
}

/** A warning both in the log and in the report. */
export function warn(ctx: ModeContext, report: RunReport, message: string): void {
  report.warnings.push(message);
  ctx.out.warn(message);
}
