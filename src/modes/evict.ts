/**
 * Least-recently-used eviction of unused tagged images, after the gated prune, while the disk
 * is still at or above `threshold`, down to `target` (warm images yield only as far as the
 * threshold needs): the plan here, the removals (one at a time, each re-checked under the host
 * step lock) in execute/evict.ts.
 */
import { executeEviction } from '../execute/evict.js';
import { unseenMarks } from '../execute/mark-access.js';
import { formatBytes } from '../inputs/units.js';
import type { Ledger } from '../ledger/ledger.js';
import { planEviction } from '../plan/lru.js';
import type { Snapshot } from '../snapshot/types.js';
import { gateRules, underStepLock, type ModeContext } from './context.js';
import { describeBound, describeGoal, needsRoom } from '../plan/goal.js';
import { describeSkip, skipReason } from '../report/text.js';

const sum = (xs: readonly { bytes: number }[]): number => xs.reduce((n, x) => n + x.bytes, 0);

export async function evictLeastRecentlyUsed(ctx: ModeContext, snap: Snapshot, ledger: Ledger): Promise<void> {
  const { out, config, rec, goal } = ctx;
  if (!snap.disk || !needsRoom(snap.disk, goal)) return;
  // fail closed while some runner user's marks cannot be seen (execute/mark-access.ts)
  const blind = await unseenMarks(ctx.engine.read.target, config.stateDir);
  if (blind) { rec.warn(blind); return; }
  const uniqueBytes = await ctx.engine.read.uniqueImageBytes();
  const plan = planEviction({
    images: snap.images, containers: snap.containers, services: snap.services ?? [], ledger, disk: snap.disk,
    uniqueBytes, config, goal, nowMs: ctx.now(),
  });
  await out.group(`LRU eviction: ${describeGoal(snap.disk, goal)}`, async () => {
    for (const p of plan.evict) out.info(`${config.dryRun ? 'would evict' : 'evict'} ${p.label} (${formatBytes(p.bytes)}): ${p.reason}`);
    const keptBy = new Map<string, number>();
    for (const k of plan.kept) keptBy.set(k.reason, (keptBy.get(k.reason) ?? 0) + 1);
    out.info(`kept: ${[...keptBy].map(([r, n]) => `${n} ${r}`).join(', ') || 'none'}`);
    if (config.dryRun) for (const k of plan.kept) out.info(`  keep ${k.label} (${formatBytes(k.bytes)}): ${k.reason}`);
  });
  rec.planned(plan.evict);
  rec.kept(plan.kept);
  const yielding = plan.evict.filter((p) => p.yields);
  if (plan.shortfallBytes > 0 && goal.kind === 'watermarks') {
    const top = plan.topProtection ? `; the protection holding the most is ${plan.topProtection.reason} (${formatBytes(plan.topProtection.bytes)})` : '';
    const yielded = yielding.length ? `; ${yielding.length} warm image(s) (${formatBytes(sum(yielding))}) yield to keep ${describeBound(goal)}` : '';
    rec.warn(`the target ${goal.target}% cannot be reached without evicting warm images: ${formatBytes(plan.shortfallBytes)} short${top}${yielded}`);
  } else if (yielding.length && goal.kind === 'free-bytes') {
    out.info(`${yielding.length} warm image(s) (${formatBytes(sum(yielding))}) yield to free ${formatBytes(goal.bytes)}: the job's free space comes before warmth`);
  }
  if (plan.overBoundBytes > 0) {
    // what holds the disk: the images that never yield, the warm ones, and what is no image at all
    const held = plan.kept.filter((k) => k.reason === 'in-use' || k.reason === 'job' || k.reason === 'keep');
    const warm = plan.kept.filter((k) => k.reason === 'min-age' || k.reason === 'keep-warm');
    const images = sum(plan.kept) + sum(plan.evict);
    const other = Math.max(0, snap.disk.usedBytes - images);
    rec.warn(`${describeBound(goal)} cannot be had even with every warm image evicted: ${formatBytes(plan.overBoundBytes)} short; images in use, marked by a running job or kept hold ${formatBytes(sum(held))}, `
      + `and ${formatBytes(other)} of the ${formatBytes(snap.disk.usedBytes)} used on ${snap.disk.path} is no image (volumes, containers, build cache, files outside Docker): `
      + `keeping the ${warm.length} warm image(s) (${formatBytes(sum(warm))}), which would not bound the disk`);
  }
  if (config.dryRun || plan.evict.length === 0) return;

  await executeEviction(plan.evict, {
    engine: ctx.engine, config, rules: gateRules(ctx), ledger, snap, now: ctx.now,
    // polite: a pre step waiting to mark its images goes between two removals
    underStepLock: (fn) => underStepLock(ctx, fn, { polite: true }),
    onEvent(e) {
      if (e.kind === 'removed') {
        rec.removed({
          kind: 'evict', id: e.item.id, label: e.item.label, bytes: e.item.bytes, reason: `least recently used: ${e.item.reason}`,
          ...(e.item.yields ? { yielded: e.item.yields } : {}),
        });
        rec.reclaimed('evicted', e.item.bytes);
        out.info(`evicted ${e.item.label}${e.item.yields ? ` (${e.item.yields} yielded)` : ''}${e.diskPercent === undefined ? '' : `: disk now ${e.diskPercent}%`}`);
      } else if (e.kind === 'skipped') {
        rec.warn(`kept ${e.item.label}: ${describeSkip(e.skip)}`);
        // kept after all: listed with the others the eviction kept, with the reason
        rec.kept([{ id: e.item.id, label: e.item.label, bytes: e.item.bytes, reason: skipReason(e.skip) }]);
      } else {
        rec.stopped(`stopped before evicting ${e.item.label}: ${e.why}`, e.gate);
      }
    },
  });
}
