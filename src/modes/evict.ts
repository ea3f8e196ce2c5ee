/**
 * Least-recently-used eviction of unused tagged images, after the gated prune, while the disk
 * is still at or above `threshold`, down to `target`. One `docker image rm <id>` at a time (never
 * forced), the safety gates re-checked before each, the disk re-measured after each.
 */
import { evaluateGates } from '../gates/gates.js';
import { removeImageCommand } from '../execute/commands.js';
import { readUniqueBytes } from '../docker/unique-bytes.js';
import { formatBytes } from '../inputs/units.js';
import type { Ledger } from '../ledger/ledger.js';
import { planEviction } from '../plan/lru.js';
import type { RunReport } from '../report/types.js';
import { measureDisk } from '../snapshot/disk.js';
import { readServices } from '../snapshot/snapshot.js';
import type { Snapshot } from '../snapshot/types.js';
import { warn, type ModeContext } from './context.js';

export async function evictLeastRecentlyUsed(ctx: ModeContext, snap: Snapshot, ledger: Ledger, report: RunReport): Promise<void> {
  const { out, config } = ctx;
  if (!snap.disk || snap.disk.usedPercent < config.threshold) return;
  const uniqueBytes = await readUniqueBytes(ctx.docker);
  const plan = planEviction({
    images: snap.images, containers: snap.containers, services: snap.services ?? [], ledger, disk: snap.disk,
    uniqueBytes, config, nowMs: ctx.now(),
  });
  await out.group(`LRU eviction: ${snap.disk.usedPercent}% ≥ ${config.threshold}%, target ${config.target}%`, async () => {
    for (const p of plan.evict) out.info(`${config.dryRun ? 'would evict' : 'evict'} ${p.label} (${formatBytes(p.bytes)}): ${p.reason}`);
    const keptBy = new Map<string, number>();
    for (const k of plan.kept) keptBy.set(k.reason, (keptBy.get(k.reason) ?? 0) + 1);
    out.info(`kept: ${[...keptBy].map(([r, n]) => `${n} ${r}`).join(', ') || 'none'}`);
    if (config.dryRun) for (const k of plan.kept) out.info(`  keep ${k.label} (${formatBytes(k.bytes)}): ${k.reason}`);
  });
  report.planned.push(...plan.evict);
  report.kept = plan.kept;
  if (plan.shortfallBytes > 0) {
    const top = plan.topProtection ? `; the protection holding the most is ${plan.topProtection.reason} (${formatBytes(plan.topProtection.bytes)})` : '';
    warn(ctx, report, `the target ${config.target}% cannot be reached without touching protected images: ${formatBytes(plan.shortfallBytes)} short${top}`);
  }
  if (config.dryRun || plan.evict.length === 0) return;

  for (const p of plan.evict) {
    const services = await readServices(ctx.docker);
    const verdict = evaluateGates({ ...snap, services }, config, ctx.now(), ['stacks', 'converging']);
    if (!verdict.open) {
      const closed = verdict.gates.find((g) => !g.open)!;
      report.stopped = `stopped before evicting ${p.label}: gate ${closed.name} closed (${closed.detail})`;
      report.gate = closed.name;
      warn(ctx, report, report.stopped);
      return;
    }
    const r = await ctx.docker.destroy(removeImageCommand(p.id));
    if (r.exitCode !== 0) {
      // e.g. a job started a container from it a moment ago: docker refuses, and so do we
      warn(ctx, report, `kept ${p.label}: docker refused to remove it (${r.stderr.trim().split('\n').pop()})`);
      continue;
    }
    report.removed.push({ kind: 'evict', id: p.id, label: p.label, bytes: p.bytes });
    report.reclaimed.evicted += p.bytes;
    report.reclaimed.total += p.bytes;
    report.pruned = true;
    const disk = await measureDisk(snap.disk.path);
    out.info(`evicted ${p.label}: disk now ${disk.usedPercent}%`);
    if (disk.usedPercent <= config.target) return;
  }
}
