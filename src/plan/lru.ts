/**
 * Least-recently-used eviction plan (pure), as kubelet's image GC and docuum do it, but aware of
 * a swarm CI host: unused tagged images go oldest-use first until the predicted disk usage is at
 * or below the target. Protected, never planned: images used by any container (any state),
 * named by a service spec or its previous spec, matching `keep`, arrived less than `min-age` ago
 * (arrival, not Created), or used within `keep-warm`. O(n log n).
 */
import type { Config } from '../inputs/config.js';
import { formatDuration } from '../inputs/units.js';
import type { Ledger } from '../ledger/ledger.js';
import { imagesInUse, neededIds } from '../ledger/ledger.js';
import type { ContainerInfo, Disk, ImageInfo, ServiceInfo } from '../snapshot/types.js';
import type { PlannedRemoval } from './prune-plan.js';

export type Protection = 'in-use' | 'job' | 'keep' | 'min-age' | 'keep-warm';

export interface KeptImage { id: string; label: string; bytes: number; reason: Protection }

export interface EvictionPlan {
  /** Disk at or above the threshold. */
  needed: boolean;
  /** Bytes to free to reach the target (0 when already there). */
  targetBytes: number;
  /** Ordered: least recently used first. */
  evict: PlannedRemoval[];
  kept: KeptImage[];
  predictedPercent: number;
  /** Bytes still missing after every candidate (0 when the target is reachable). */
  shortfallBytes: number;
  /** When short: the protection holding the most bytes. */
  topProtection: { reason: Protection; bytes: number } | undefined;
}

export interface EvictionInput {
  images: ImageInfo[];
  containers: ContainerInfo[];
  services: ServiceInfo[];
  ledger: Ledger;
  disk: Pick<Disk, 'usedBytes' | 'availBytes' | 'bytesPercent'> & Partial<Pick<Disk, 'inodesPercent'>>;
  /** Unique bytes per image id (shared layers not counted); sizeBytes is the fallback. */
  uniqueBytes: Map<string, number>;
  config: Pick<Config, 'threshold' | 'target' | 'keep' | 'minAgeMs' | 'keepWarmMs' | 'goalFreeBytes'>;
  nowMs: number;
}

const isKept = (img: ImageInfo, keep: readonly RegExp[]): boolean => img.tags.some((t) => keep.some((re) => re.test(t)));

/** What protects images right now, re-read right before each removal. */
export interface ProtectionView {
  images: ImageInfo[];
  containers: ContainerInfo[];
  services: ServiceInfo[];
  ledger: Pick<Ledger, 'needed'>;
  keep: readonly RegExp[];
  nowMs: number;
}

/**
 * Why image `id` must not be removed now whatever the disk says (a container in any state uses
 * it, a service spec or previous spec names it, a job marked it needed, `keep` matches), or
 * undefined. The same rules as the plan's hard protections, on fresh state.
 */
export function hardProtection(id: string, view: ProtectionView): Exclude<Protection, 'min-age' | 'keep-warm'> | undefined {
  const img = view.images.find((i) => i.id === id);
  if (imagesInUse(view).has(id)) return 'in-use'; // containers in any state, service specs
  if (neededIds(view.ledger, view.images, view.nowMs).has(id)) return 'job';
  if (img && isKept(img, view.keep)) return 'keep';
  return undefined;
}

const percentOf = (used: number, capacity: number): number => (capacity > 0 ? Math.round((used / capacity) * 1000) / 10 : 0);

export function planEviction(input: EvictionInput): EvictionPlan {
  const { disk, config, ledger, nowMs } = input;
  const capacity = disk.usedBytes + disk.availBytes;
  const inodes = disk.inodesPercent ?? 0;
  const goal = config.goalFreeBytes;
  // one measure everywhere: the gate's (the higher of bytes and inodes), or a job's bytes free
  const needed = goal !== undefined ? disk.availBytes < goal : Math.max(disk.bytesPercent, inodes) >= config.threshold;
  // Docker does not say how many inodes an image holds: when inodes bind, every candidate is
  // listed in LRU order and the executor stops by the measured usage, not a byte prediction
  const inodesBind = goal === undefined && inodes > disk.bytesPercent && inodes >= config.threshold;
  const targetUsed = Math.floor((capacity * config.target) / 100);
  const targetBytes = goal !== undefined ? Math.max(0, goal - disk.availBytes)
    : inodesBind ? Number.POSITIVE_INFINITY : Math.max(0, disk.usedBytes - targetUsed);
  const inUse = imagesInUse(input);
  const jobNeeds = neededIds(ledger, input.images, nowMs);
  const kept: KeptImage[] = [];
  const candidates: { img: ImageInfo; lastUsedMs: number; firstSeenMs: number; bytes: number; exact: boolean }[] = [];

  for (const img of input.images) {
    if (img.dangling) continue; // dangling images belong to the dangling prune
    const label = img.tags[0]!;
    const unique = input.uniqueBytes.get(img.id);
    const bytes = unique ?? img.sizeBytes;
    // unknown to the ledger = used now (the caller updates the ledger first; this is the guard)
    const entry = ledger.images[img.id] ?? { firstSeenMs: nowMs, lastUsedMs: nowMs };
    const reason: Protection | undefined = inUse.has(img.id) ? 'in-use'
      : jobNeeds.has(img.id) ? 'job'
        : isKept(img, config.keep) ? 'keep'
          : nowMs - entry.firstSeenMs < config.minAgeMs ? 'min-age'
            : nowMs - entry.lastUsedMs < config.keepWarmMs ? 'keep-warm'
              : undefined;
    if (reason) kept.push({ id: img.id, label, bytes, reason });
    else candidates.push({ img, lastUsedMs: entry.lastUsedMs, firstSeenMs: entry.firstSeenMs, bytes, exact: unique !== undefined });
  }
  candidates.sort((a, b) => a.lastUsedMs - b.lastUsedMs || a.firstSeenMs - b.firstSeenMs || (a.img.id < b.img.id ? -1 : 1));

  const evict: PlannedRemoval[] = [];
  let freed = 0;
  if (needed) {
    for (const c of candidates) {
      if (freed >= targetBytes) break;
      freed += c.bytes;
      const age = formatDuration(nowMs - c.lastUsedMs);
      evict.push({
        kind: 'evict', id: c.img.id, label: c.img.tags.join(', '), bytes: c.bytes,
        reason: `last used ${age} ago (${new Date(c.lastUsedMs).toISOString()})${c.exact ? '' : '; size, shared layers unknown'}`,
      });
    }
  }
  const shortfallBytes = needed && !inodesBind ? Math.max(0, targetBytes - freed) : 0;
  let topProtection: EvictionPlan['topProtection'];
  if (shortfallBytes > 0) {
    const byReason = new Map<Protection, number>();
    for (const k of kept) byReason.set(k.reason, (byReason.get(k.reason) ?? 0) + k.bytes);
    const top = [...byReason].sort((a, b) => b[1] - a[1])[0];
    topProtection = top ? { reason: top[0], bytes: top[1] } : undefined;
  }
  return { needed, targetBytes, evict, kept, predictedPercent: percentOf(disk.usedBytes - freed, capacity), shortfallBytes, topProtection };
}
