/**
 * `prune`: the operators' gated prune. All gates open → container, dangling-image and
 * build-cache prunes older than `until`, each preceded by a fresh gate re-check, under a
 * host-wide lock. Any gate closed → `keeping local image cache, nothing to do`, exit 0, decided
 * before the daemon is asked for its image list.
 */
import { evaluateGates, type GateVerdict } from '../gates/gates.js';
import { formatBytes } from '../inputs/units.js';
import { acquireLock, RUN_LOCK_WAIT_MS } from '../execute/lock.js';
import { executePrune, type PruneHooks, type PruneStepResult } from '../execute/prune.js';
import { PRUNE_KINDS } from '../docker/writer.js';
import { planPrune } from '../plan/prune-plan.js';
import { inventoryOf } from '../report/inventory.js';
import { describeGates, describeImages, describePlan } from '../report/text.js';
import type { Recorder } from '../report/recorder.js';
import { listImages, readBuildCache, takeSnapshot, withPruneAges } from '../snapshot/snapshot.js';
import type { Snapshot } from '../snapshot/types.js';
import { finish, gateRules, hostViewGroup, snapshotGroup, underStepLock, type ModeContext, type ModeResult } from './context.js';
import { measureFullest } from '../snapshot/store-disks.js';
import { evictLeastRecentlyUsed } from './evict.js';
import { needsRoom } from '../plan/goal.js';
import { recordInUse, recordUsage } from './record-usage.js';
import { updateLedger, type Ledger } from '../ledger/ledger.js';

export const NOTHING_TO_DO = 'keeping local image cache, nothing to do';

export interface PruneOptions {
  /** Test seam: runs before each destructive step's gate re-check. */
  beforeStep?: PruneHooks['beforeStep'];
  /** Ask the build cache's size once the gates are open (the nightly prune's report shows it). */
  measureBuildCache?: boolean;
}

export async function runPrune(ctx: ModeContext, opts: PruneOptions = {}): Promise<ModeResult> {
  // Neither the build cache's size (`system df` walks every volume) nor the image list yet: the
  // gates need neither, and a closed gate, the nightly run's usual answer, ends the run here.
  const view = await hostViewGroup(ctx, 'Docker host before');
  const verdict = evaluateGates(view, gateRules(ctx), ctx.now());
  if (!verdict.open) {
    ctx.rec.before(view);
    await underStepLock(ctx, () => recordInUse(ctx, view));
    await showGates(ctx, verdict);
  } else {
    const before = await listImages(ctx.engine, view);
    ctx.out.info(`gates open: listed ${describeImages(inventoryOf(before))}`);
    ctx.rec.before(before);
    const ledger = await underStepLock(ctx, () => recordUsage(ctx, before));
    await gatedPrune(ctx, before, ledger, { ...opts, measureBuildCache: true });
  }
  return finish(ctx);
}

/** The gates into the report and the log; a closed one says there is nothing to do. */
async function showGates(ctx: ModeContext, verdict: GateVerdict): Promise<void> {
  const { out } = ctx;
  ctx.rec.gates(verdict);
  await out.group(`Gates (${verdict.open ? 'all open' : `closed: ${verdict.gate}`})`, async () => {
    for (const l of describeGates(verdict.gates)) out.info(l);
  });
  for (const s of verdict.stuck) ctx.rec.warn(`service ${s.name} looks stuck (${s.running}/${s.desired} running, unchanged since ${new Date(s.updatedMs).toISOString()}); it does not hold the prune`);
  if (!verdict.open) out.info(`gate ${verdict.gate} closed: ${NOTHING_TO_DO}`);
}

/**
 * The gated prune on its own, so pre/post steps can run it too. Records into ctx.rec. Returns
 * the host as its last look found it (`snap` when it removed nothing), so no caller needs a
 * look of its own after it.
 */
export async function gatedPrune(ctx: ModeContext, snap: Snapshot, ledger: Ledger, opts: PruneOptions = {}): Promise<Snapshot> {
  let before = snap;
  const { out, config } = ctx;
  const verdict = evaluateGates(before, gateRules(ctx), ctx.now());
  await showGates(ctx, verdict);
  if (!verdict.open) return snap;
  before = await withPruneAges(ctx.engine, before);
  if (opts.measureBuildCache && before.buildCacheBytes === undefined) {
    before = { ...before, buildCacheBytes: await readBuildCache(ctx.engine) };
    ctx.rec.buildCacheBefore(before.buildCacheBytes);
  }
  const plan = planPrune(before, config.untilMs, ctx.now());
  ctx.rec.planned(plan);
  if (config.dryRun) {
    await out.group('Dry run: would remove', async () => { for (const l of describePlan(plan)) out.info(l); });
    // the LRU plan as it stands now, before the dangling prune would have freed anything
    await evictLeastRecentlyUsed(ctx, before, ledger);
    out.info('dry run: nothing removed');
    return snap;
  }
  const runLock = await ctx.locks.name('run');
  const lock = await acquireLock(runLock, RUN_LOCK_WAIT_MS, () => ctx.engine.limits.stop.signal !== undefined);
  if (!lock) {
    ctx.rec.closedLater({ name: 'lock', open: false, detail: `another prune is running on this engine (host lock ${runLock})` });
    out.info(`another prune is running: ${NOTHING_TO_DO}`);
    return snap;
  }
  try {
    const safety = { facts: before, rules: gateRules(ctx), now: ctx.now };
    const exec = await out.group('Pruning', () => executePrune(ctx.engine, config.untilMs, safety, {
      beforeStep: opts.beforeStep,
      // recorded the moment docker answers: if the daemon dies next, the report still has it
      onStep(s) {
        const objects = recordRemovals(ctx.rec, before, s);
        const noun = { container: 'containers', image: 'dangling images', builder: 'build cache records' }[s.kind];
        const done = `${objects} ${noun} removed, ${formatBytes(s.reclaimedBytes)} reclaimed`;
        if (!s.error) { out.info(`${s.kind} prune: ${done} (${s.durationMs} ms)`); return; }
        ctx.rec.fail(`${s.kind} prune failed: ${s.error}`);
        // what the run still does after it, and why: the prunes do not depend on each other
        const rest = PRUNE_KINDS.slice(PRUNE_KINDS.indexOf(s.kind) + 1);
        const next = rest.length ? `; the ${rest.join(' and ')} prune${rest.length > 1 ? 's' : ''} still run${rest.length > 1 ? '' : 's'} (each prune stands alone, the gates re-checked before it)` : '';
        out.info(`${s.kind} prune FAILED after ${s.durationMs} ms (before it failed: ${done})${next}`);
      },
    }));
    if (exec.stoppedBy) {
      const closed = exec.stoppedBy;
      ctx.rec.stopped(`stopped before the ${exec.stoppedBefore} prune: gate ${closed.name} closed (${closed.detail})`, closed.name);
      out.info(NOTHING_TO_DO);
    } else if (before.disk && needsRoom((await measureFullest(before.disks)) ?? before.disk, ctx.goal)) {
      // still over the high watermark after the prunes: least-recently-used eviction
      const failed = exec.steps.filter((x) => x.error).map((x) => x.kind);
      if (failed.length) out.info(`after the failed ${failed.join(' and ')} prune, the disk still needs room: the LRU eviction runs (the bound does not wait for a prune)`);
      const mid = await takeSnapshot(ctx.engine);
      await evictLeastRecentlyUsed(ctx, mid, updateLedger(ledger, mid, ctx.now()));
    }
  } finally {
    await lock.release();
  }
  const after = await snapshotGroup(ctx, 'Docker host after', { buildCache: opts.measureBuildCache === true });
  ctx.rec.after(after);
  return after;
}

/** Records one prune step's removals; returns how many objects it removed. */
function recordRemovals(rec: Recorder, before: Snapshot, s: PruneStepResult): number {
  const containers = new Map(before.containers.map((c) => [c.id, c]));
  const images = new Map(before.images.map((i) => [i.id, i]));
  let n = 0;
  for (const id of s.deleted) {
    const c = containers.get(id);
    const i = images.get(id);
    if (s.kind === 'container') { rec.removed({ kind: 'container', id, label: c?.name ?? id.slice(0, 12), bytes: 0, reason: `stopped (${c?.state ?? 'not running'}), older than until` }); n++; }
    // docker lists the deleted layers as well: only image ids it knew are images
    if (s.kind === 'image' && i) { rec.removed({ kind: 'image', id, label: i.digests[0] ?? id.slice(7, 19), bytes: i.sizeBytes, reason: 'dangling (untagged), older than until' }); n++; }
  }
  if (s.kind === 'builder' && s.reclaimedBytes > 0) rec.removed({ kind: 'builder', id: 'build-cache', label: `${s.deleted.length} build cache records`, bytes: s.reclaimedBytes, reason: 'build cache unused for longer than until' });
  rec.reclaimed(s.kind === 'container' ? 'containers' : s.kind === 'image' ? 'images' : 'buildCache', s.reclaimedBytes);
  return s.kind === 'builder' ? s.deleted.length : n;
}
