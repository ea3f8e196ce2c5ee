/**
 * `post` (the action's post step, after the recipe job, even a failed one): prove nothing warm
 * was evicted, report teardown leaks (never remove them), then the gated prune. A Docker
 * hiccup here is reported, not turned into a failed job, unless `fail-on-eviction` asks.
 */
import type { Snapshot } from '../snapshot/types.js';
import { finish, snapshotGroup, underStepLock, type ModeContext, type ModeResult } from './context.js';
import { jobStateStore, type JobState } from './job-state.js';
import { gatedPrune } from './prune.js';
import { recordUsage } from './record-usage.js';

/**
 * A tagged image the job had before it and lost during it: its id is gone and none of its tags
 * still exist, whoever removed it (this tool's eviction on another job's behalf, a job's own
 * `docker rmi`, an operator's manual clean-up). The report and the outputs call it "evicted during
 * the job"; `reclaimed.evicted` and `removed` kind `evict` are this tool's own LRU removals.
 */
export interface GoneImage { id: string; tags: string[] }

export function findGoneDuringJob(before: JobState, now: Pick<Snapshot, 'images'>): GoneImage[] {
  const ids = new Set(now.images.map((i) => i.id));
  const tags = new Set(now.images.flatMap((i) => i.tags));
  return before.images
    .filter(([id, ...t]) => t.length > 0 && !ids.has(id) && !t.some((x) => tags.has(x)))
    .map(([id, ...t]) => ({ id, tags: t }));
}

/** Swarm objects and volumes created during the job that still exist. */
export function findLeaks(before: JobState, now: Snapshot): Record<string, string[]> {
  const diff = (was: string[], is: string[] | undefined): string[] => {
    const old = new Set(was);
    return (is ?? []).filter((n) => !old.has(n));
  };
  const leaks: Record<string, string[]> = {
    services: diff(before.services, now.services?.map((s) => s.name)),
    networks: diff(before.networks, now.networks),
    volumes: diff(before.volumes, now.volumes),
    secrets: diff(before.secrets, now.secrets),
    configs: diff(before.configs, now.configs),
  };
  return Object.fromEntries(Object.entries(leaks).filter(([, v]) => v.length > 0));
}

export async function runPost(ctx: ModeContext): Promise<ModeResult> {
  const { out, config } = ctx;
  // the pre step's state is read while the engine is asked (both only read)
  const [before, now] = await Promise.all([jobStateStore(ctx).load(), snapshotGroup(ctx, 'Docker host after the job')]);
  ctx.rec.before(now);
  // the job has ended: its images no longer need the pre step's mark (they stay warm by use)
  const ledger = await underStepLock(ctx, () => recordUsage(ctx, now, { release: before?.markId }));
  let exitCode = 0;
  if (!before) {
    ctx.rec.warn('no pre-job snapshot found (did the pre step run?): eviction check skipped');
  } else {
    const evicted = findGoneDuringJob(before, now);
    out.setOutput('evicted-images', evicted.map((e) => e.tags[0]).join(','));
    if (evicted.length === 0) out.info(`no eviction: all ${before.images.filter((i) => i.length > 1).length} tagged images from before the job are still here`);
    for (const e of evicted) {
      const msg = `evicted during the job: ${e.tags.join(', ')} (${e.id.slice(7, 19)}) was present before the job and is gone`;
      if (config.failOnEviction) ctx.rec.fail(msg); else ctx.rec.warn(msg);
    }
    if (config.failOnEviction && evicted.length) exitCode = 1;
    const leaks = findLeaks(before, now);
    ctx.rec.job({ images: [], cold: [], registries: [], mirrors: now.daemon.mirrors, evicted, leaks });
    // in the log as warnings; in the report and the summary once, under job.leaks
    for (const [kind, names] of Object.entries(leaks)) out.warn(`teardown leak: ${names.length} ${kind} created during the job still exist: ${names.join(', ')}`);
  }
  await gatedPrune(ctx, now, ledger);
  // after the job, only an eviction fails the step, and only when asked (fail-on-eviction)
  return finish(ctx, exitCode || (ctx.rec.failed && config.failOnEviction ? 1 : 0));
}
