/**
 * `pre` (the action's main step, before the recipe job): snapshot for the post step, warmth of
 * the images the job needs (pulling them when asked), and free space: prune now (gated) when
 * the job would run short, and fail before the job wastes its time if it still is.
 */
import { formatBytes } from '../inputs/units.js';
import type { Snapshot } from '../snapshot/types.js';
import type { Disk } from '../model/host.js';
import type { Config } from '../inputs/config.js';
import { finish, snapshotGroup, type ModeContext, type ModeResult } from './context.js';
import { underStepLockLooking } from './step-look.js';
import { findLocal } from '../snapshot/references.js';
import { jobStateOf, jobStateStore } from './job-state.js';
import { gatedPrune } from './prune.js';
import { assessWarmth, coldDownloadBytes, neededImages, pullImages } from './warmth.js';
import { recordUsage } from './record-usage.js';
import { freeBytes, minFreeBytes } from '../plan/goal.js';
import { randomUuid } from '../runtime/random.js';

export async function runPre(ctx: ModeContext): Promise<ModeResult> {
  const { out, config } = ctx;
  const refs = await neededImages(config, ctx.env); // input errors before any docker call
  const markId = randomUuid(); // this job's mark; its post step releases it
  // Under the host step lock: the snapshot, then the marks on what the job needs. An eviction
  // removes images only under the same lock, after re-reading the marks, so an image this
  // snapshot shows (reported warm below) cannot be evicted by a run already in flight. The
  // lock is the daemon's, named by what it says of itself (whichever socket reaches it): see
  // step-look.ts for how its `/info` stays in the snapshot's wave.
  const { snap, ledger } = await underStepLockLooking(ctx, (info) => snapshotGroup(ctx, 'Docker host before the job', { info }), async (s) => {
    ctx.rec.before(s);
    // the job deploys and tears down its stack between pre and post: no snapshot of ours may
    // ever see its images in use, so the images it needs count as used now
    const alsoUsed = refs.flatMap((ref) => findLocal(s.images, ref)?.id ?? []);
    return { snap: s, ledger: await recordUsage(ctx, s, { alsoUsed, needed: refs, markId }) };
  });
  const assessed = refs.length ? await assessWarmth(ctx.engine.cli, out, config, snap, refs, ctx.env) : undefined;
  const job = assessed?.job;
  for (const w of assessed?.warnings ?? []) ctx.rec.warn(w);
  if (job) {
    ctx.rec.job(job);
    out.setOutput('cold-images', job.cold.join(','));
  }

  // room before the pulls: the job's min-free, and space for what its cold images will extract to
  const need = spaceNeeded(snap.disk, config, job ? coldDownloadBytes(job) : 0);
  let baseline = snap;
  if (need && snap.disk && snap.disk.availBytes < need.bytes) {
    ctx.rec.warn(`only ${formatBytes(snap.disk.availBytes)} free on ${snap.disk.path}, the job needs ${formatBytes(need.bytes)} (${need.why}): running the gated prune now`);
    // The goal is the job's free space, not the watermarks: dangling prunes first, then
    // evictions only until it is met (warm images yield, least recently used first); the
    // safety gates still hold.
    // its own last look is the host after it: never a second full snapshot
    const after = await gatedPrune({ ...ctx, goal: freeBytes(need.bytes) }, snap, ledger);
    ctx.rec.after(after);
    baseline = after; // what pre itself removed is not "evicted during the job"
    const free = after.disk?.availBytes;
    // min-free is the operator's requirement: the job does not start; the cold-image room is an estimate
    if (free !== undefined && free < need.minFree) {
      const msg = `not enough free space for the job: ${formatBytes(free)} free on ${after.disk!.path} after the gated prune, ${formatBytes(need.minFree - free)} short`;
      ctx.rec.fail(msg);
    } else if (free !== undefined && free < need.bytes) {
      ctx.rec.warn(`${formatBytes(free)} free on ${after.disk!.path} after the gated prune, ${formatBytes(need.bytes - free)} less than the room for the cold images: their pulls may run out of space`);
    }
  }

  if (job) {
    const { errors, after, job: pulled } = await pullImages(ctx.engine, out, config, job, baseline);
    ctx.rec.job(pulled);
    baseline = after; // what the pre step pulled is warm cache the job relies on too
    for (const e of errors) ctx.rec.fail(e);
  }
  await keepForPost(ctx, baseline, refs.length ? markId : undefined);

  return finish(ctx);
}

/**
 * Free bytes the job needs before it starts, and why: `min-free` (required), and room for its
 * cold images, `cold-headroom` × their download bytes (an estimate: layers grow when extracted,
 * layers already present are not downloaded). Undefined when nothing is asked.
 */
export function spaceNeeded(disk: Disk | undefined, config: Pick<Config, 'minFree' | 'coldHeadroom'>, coldBytes: number):
  { bytes: number; minFree: number; why: string } | undefined {
  if (!disk) return undefined;
  const minFree = minFreeBytes(config.minFree, disk);
  const room = Math.ceil(coldBytes * config.coldHeadroom);
  if (minFree === 0 && room === 0) return undefined;
  const parts = [minFree ? `min-free ${formatBytes(minFree)}` : '', room ? `room for the cold images: ${config.coldHeadroom} × ${formatBytes(coldBytes)}` : ''];
  return { bytes: Math.max(minFree, room), minFree, why: parts.filter(Boolean).join(', ') };
}

/** Never a stack trace: a state that cannot be kept is one error naming where (the post step then has no baseline). */
async function keepForPost(ctx: ModeContext, snap: Snapshot, markId: string | undefined): Promise<void> {
  try {
    await jobStateStore(ctx).save(jobStateOf(snap, markId));
  } catch (e) {
    ctx.rec.fail(`could not keep the job's state for the post step in ${ctx.config.stateDir}: ${(e as Error).message}`);
  }
}
