/**
 * What `docker <kind> prune --filter until=…` will remove, predicted from a Snapshot (pure).
 * Mirrors Docker's own rules: stopped containers created before the cut-off; dangling images
 * older than the cut-off and used by no container; build cache older than the cut-off.
 *
 * An image's age is not the same on both image stores. The classic store compares the image's
 * `Created` (when it was built). The containerd store compares when its image record was made,
 * which it reports as `LastTagTime`: for a dangling image, the moment its tag moved to a newer
 * image. So an image built weeks ago and re-pulled over a minute ago is old on the one and
 * young on the other (seen on Docker 26.1: `image prune --filter until=24h` kept it).
 */
import type { Snapshot } from '../snapshot/types.js';
import type { ImageInfo } from '../model/host.js';
import type { PruneKind } from '../docker/writer.js';

export interface PlannedRemoval {
  kind: PruneKind | 'evict';
  id: string;
  /** A name a person recognises (container name, image tag, …). */
  label: string;
  /** Bytes this removal is expected to free (0 when Docker does not tell us up front). */
  bytes: number;
  reason: string;
  /** An eviction only: the soft protection (min-age, keep-warm) that yields to the disk bound. */
  yields?: 'min-age' | 'keep-warm';
}

/** Container states `docker container prune` removes (everything not running or paused). */
const PRUNABLE_CONTAINER_STATES = new Set(['created', 'exited', 'dead']);

type PrunePlanInput = Pick<Snapshot, 'containers' | 'images' | 'buildCacheBytes'> & { daemon?: Pick<Snapshot['daemon'], 'imageStore'> };

/**
 * The daemon's cut-off for `until=<duration>`: now minus the duration, truncated to a whole
 * second (Docker turns it into a Unix timestamp in seconds), compared with "before". So an
 * object is pruned once it is older than `until` plus up to 1 s, never earlier.
 */
export function pruneCutoffMs(untilMs: number, nowMs: number): number {
  return Math.floor((nowMs - untilMs) / 1000) * 1000;
}

export function planPrune(snap: PrunePlanInput, untilMs: number, nowMs: number): PlannedRemoval[] {
  const cutoff = pruneCutoffMs(untilMs, nowMs);
  const containerdStore = snap.daemon?.imageStore === 'containerd';
  // NaN (unknown) is never before the cut-off: no plan picks an image of unknown age
  const ageFromMs = (i: ImageInfo): number => (containerdStore ? i.lastTagMs ?? Number.NaN : i.createdMs);
  const plan: PlannedRemoval[] = [];
  const removedContainers = new Set<string>();
  for (const c of snap.containers) {
    if (PRUNABLE_CONTAINER_STATES.has(c.state) && c.createdMs < cutoff) {
      removedContainers.add(c.id);
      plan.push({ kind: 'container', id: c.id, label: c.name, bytes: 0, reason: `${c.state}, created before the cut-off` });
    }
  }
  // Images still used by a container that survives the container prune stay.
  const usedImages = new Set(snap.containers.filter((c) => !removedContainers.has(c.id)).map((c) => c.imageId));
  for (const i of snap.images) {
    if (i.dangling && ageFromMs(i) < cutoff && !usedImages.has(i.id)) {
      const since = containerdStore ? 'untagged before the cut-off' : 'created before the cut-off';
      plan.push({ kind: 'image', id: i.id, label: i.digests[0] ?? i.id.slice(7, 19), bytes: i.sizeBytes, reason: `dangling (untagged), ${since}` });
    }
  }
  if (snap.buildCacheBytes) {
    plan.push({ kind: 'builder', id: 'build-cache', label: 'build cache', bytes: 0, reason: `entries unused for longer than the cut-off (of ${snap.buildCacheBytes} bytes in all)` });
  }
  return plan;
}
