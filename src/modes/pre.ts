/**
 * `pre` (the action's main step, before the recipe job): snapshot for the post step, warmth of
 * the images the job needs (pulling them when asked), and free space: prune now (gated) when
 * the job would run short, and fail before the job wastes its time if it still is.
 */
import { formatBytes } from '../inputs/units.js';
import { inventoryOf } from '../report/inventory.js';
import { takeSnapshot } from '../snapshot/snapshot.js';
import type { Disk, Snapshot } from '../snapshot/types.js';
import type { Config } from '../inputs/config.js';
import { snapshotGroup, startReport, underStepLock, type ModeContext, type ModeResult } from './context.js';
import { findLocal } from '../plan/references.js';
import { JOB_STATE_KEY, STATE_PHASE, jobStateOf, runId, saveJobStateFile } from './job-state.js';
import { gatedPrune } from './prune.js';
import { checkWarmth, neededImages } from './warmth.js';
import { observe } from './observe.js';

export async function runPre(ctx: ModeContext): Promise<ModeResult> {
  const { out, config } = ctx;
  const started = ctx.now();
  const refs = neededImages(config, process.env); // input errors before any docker call
  // Under the host step lock: the snapshot, then the marks on what the job needs. An eviction
  // removes images only under the same lock, after re-reading the marks, so an image this
  // snapshot shows (reported warm below) cannot be evicted by a run already in flight.
  const { snap, report, ledger } = await underStepLock(ctx, async () => {
    const s = await snapshotGroup(ctx, 'Docker host before the job');
    const r = startReport(ctx, s, started);
    // the job deploys and tears down its stack between pre and post: no snapshot of ours may
    // ever see its images in use, so the images it needs count as used now
    const alsoUsed = refs.flatMap((ref) => findLocal(s.images, ref)?.id ?? []);
    return { snap: s, report: r, ledger: await observe(ctx, s, r, { alsoUsed, needed: refs }) };
  });
  let baseline = snap;
  if (refs.length) {
    // its own log groups, one after the other: runners do not nest groups
    const { job, errors, after } = await checkWarmth(ctx.docker, out, config, snap, refs);
    baseline = after; // what the pre step pulled is warm cache the job relies on too
    report.job = job;
    out.setOutput('cold-images', job.cold.join(','));
    for (const e of errors) { report.errors.push(e); out.error(e); }
  }

  await keepForPost(ctx, baseline);

  const short = shortfall(snap.disk, config);
  if (short !== undefined) {
    out.warn(`only ${formatBytes(snap.disk!.availBytes)} free on ${snap.disk!.path}, the job needs ${formatBytes(short + snap.disk!.availBytes)}: running the gated prune now`);
    // The goal is the job's free space, not the watermarks: dangling prunes first, then
    // evictions only until it is met; the safety gates still hold.
    await gatedPrune({ ...ctx, config: { ...config, goalFreeBytes: short + snap.disk!.availBytes } }, snap, report, ledger);
    const after = await takeSnapshot(ctx.docker);
    report.disk.after = after.disk;
    report.inventory.after = inventoryOf(after);
    const still = shortfall(after.disk, config);
    if (still !== undefined) {
      report.errors.push(`not enough free space for the job: ${formatBytes(after.disk!.availBytes)} free on ${after.disk!.path} after the gated prune, ${formatBytes(still)} short`);
      out.error(report.errors[report.errors.length - 1]!);
    }
  }
  report.dockerCalls = ctx.docker.allCalls;
  report.durationMs = ctx.now() - started;
  return { report, exitCode: report.errors.length ? 1 : 0 };
}

/** Bytes missing to satisfy `min-free`, or undefined when there is enough (or no requirement). */
export function shortfall(disk: Disk | undefined, config: Pick<Config, 'minFree'>): number | undefined {
  if (!config.minFree || !disk) return undefined;
  const need = config.minFree.kind === 'bytes' ? config.minFree.bytes
    : Math.ceil(((disk.usedBytes + disk.availBytes) * config.minFree.percent) / 100);
  return disk.availBytes < need ? need - disk.availBytes : undefined;
}

async function keepForPost(ctx: ModeContext, snap: Snapshot): Promise<void> {
  const state = jobStateOf(snap);
  if (ctx.out.kind === 'actions') {
    ctx.out.saveState(JOB_STATE_KEY, JSON.stringify(state));
    ctx.out.saveState(STATE_PHASE, 'pre');
  } else {
    await saveJobStateFile(ctx.config.stateDir, runId(process.env), state);
  }
}
