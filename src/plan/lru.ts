/**
 * Least-recently-used eviction plan (pure), as kubelet's image GC and docuum do it, but aware of
 * a swarm CI host. Two tiers of protection:
 * - hard, never planned: images used by any container (any state), named by a service spec or
 *   its previous spec, marked by a running job, or matching `keep`;
 * - soft, a preference that yields: images that arrived less than `min-age` ago (arrival, not
 *   Created), or were used within `keep-warm`.
 * Unprotected images go oldest-use first until the predicted usage is at or below the target.
 * When that still leaves the disk at or above the threshold (the bound is the promise, warmth
 * is a preference), soft-protected images yield, least recently used first, until the disk is
 * predicted under the threshold (or a job's free bytes are met). O(n log n).
 */
import type { Config } from '../inputs/config.js';
import { formatDuration } from '../inputs/units.js';
import type { Ledger } from '../ledger/ledger.js';
import { neededIds } from '../ledger/ledger.js';
import { imagesInUse } from '../snapshot/references.js';
import type { ContainerInfo, ImageInfo, ServiceInfo } from '../model/host.js';
import { bytesToFree, type DiskBytes, type Goal } from './goal.js';
import type { PlannedRemoval } from './prune-plan.js';

export type HardProtection = 'in-use' | 'job' | 'keep';
export type SoftProtection = 'min-age' | 'keep-warm';
export type Protection = HardProtection | SoftProtection;

export interface KeptImage { id: string; label: string; bytes: number; reason: Protection }

export interface EvictionPlan {
  /** Disk at or above the threshold. */
  needed: boolean;
  /** Bytes to free to reach the target (0 when already there). */
  targetBytes: number;
  /** Ordered: unprotected images least recently used first, then those whose soft protection yields. */
  evict: PlannedRemoval[];
  kept: KeptImage[];
  predictedPercent: number;
  /** Bytes the unprotected images leave missing to the target (0 when it is reachable without warm images). */
  shortfallBytes: number;
  /** When short: the protection holding the most bytes. */
  topProtection: { reason: Protection; bytes: number } | undefined;
  /** Bytes still missing to get under the threshold (or the job's free bytes) after every soft protection yielded: hard protections hold them. */
  overBoundBytes: number;
}

export interface EvictionInput {
  images: ImageInfo[];
  containers: ContainerInfo[];
  services: ServiceInfo[];
  ledger: Ledger;
  disk: DiskBytes;
  /** Unique bytes per image id (shared layers not counted); sizeBytes is the fallback. */
  uniqueBytes: Map<string, number>;
  config: Pick<Config, 'keep' | 'minAgeMs' | 'keepWarmMs'>;
  /** What the removals aim at (plan/goal.ts). */
  goal: Goal;
  nowMs: number;
}

const isKept = (img: ImageInfo, keep: readonly RegExp[]): boolean => img.tags.some((t) => keep.some((re) => re.test(t)));

/** What protects images right now, re-read right before each removal. */
export interface ProtectionView {
  images: ImageInfo[];
  containers: ContainerInfo[];
  services: ServiceInfo[];
  ledger: Pick<Ledger, 'marks'>;
  keep: readonly RegExp[];
  nowMs: number;
}

/**
 * Why image `id` must not be removed now whatever the disk says (a container in any state uses
 * it, a service spec or previous spec names it, a job marked it needed, `keep` matches), or
 * undefined. The same rules as the plan's hard protections, on fresh state.
 */
export function hardProtection(id: string, view: ProtectionView): HardProtection | undefined {
  const img = view.images.find((i) => i.id === id);
  if (imagesInUse(view).has(id)) return 'in-use'; // containers in any state, service specs
  if (neededIds(view.ledger, view.images, view.nowMs).has(id)) return 'job';
  if (img && isKept(img, view.keep)) return 'keep';
  return undefined;
}

const percentOf = (used: number, capacity: number): number => (capacity > 0 ? Math.round((used / capacity) * 1000) / 10 : 0);

interface Candidate { img: ImageInfo; lastUsedMs: number; firstSeenMs: number; bytes: number; exact: boolean; soft?: SoftProtection }

// ties (a fresh ledger knows no use: every image "used now") go by what the daemon knows of
// the image's arrival (last tag time, else Created), oldest first, then by id: deterministic
const arrivalHint = (img: ImageInfo): number => (Number.isFinite(img.lastTagMs) ? img.lastTagMs! : Number.isFinite(img.createdMs) ? img.createdMs : 0);
const byLeastRecentUse = (a: Candidate, b: Candidate): number =>
  a.lastUsedMs - b.lastUsedMs || a.firstSeenMs - b.firstSeenMs || arrivalHint(a.img) - arrivalHint(b.img) || (a.img.id < b.img.id ? -1 : 1);

function removal(c: Candidate, nowMs: number): PlannedRemoval {
  const age = `last used ${formatDuration(nowMs - c.lastUsedMs)} ago (${new Date(c.lastUsedMs).toISOString()})${c.exact ? '' : '; size, shared layers unknown'}`;
  return {
    kind: 'evict', id: c.img.id, label: c.img.tags.join(', '), bytes: c.bytes,
    reason: c.soft ? `${c.soft} yields to keep the disk bounded; ${age}` : age,
    ...(c.soft ? { yields: c.soft } : {}),
  };
}

export function planEviction(input: EvictionInput): EvictionPlan {
  const { disk, config, ledger, nowMs, goal } = input;
  const capacity = disk.usedBytes + disk.availBytes;
  const { needed, target: targetBytes, bound: boundBytes, inodesBind } = bytesToFree(disk, goal);
  const inUse = imagesInUse(input);
  const jobNeeds = neededIds(ledger, input.images, nowMs);
  const kept: KeptImage[] = [];
  const free: Candidate[] = [];
  const soft: Candidate[] = [];

  for (const img of input.images) {
    if (img.dangling) continue; // dangling images belong to the dangling prune
    const label = img.tags[0]!;
    const unique = input.uniqueBytes.get(img.id);
    const bytes = unique ?? img.sizeBytes;
    // unknown to the ledger = used now (the caller updates the ledger first; this is the guard)
    const entry = ledger.images[img.id] ?? { firstSeenMs: nowMs, lastUsedMs: nowMs };
    const hard: HardProtection | undefined = inUse.has(img.id) ? 'in-use' : jobNeeds.has(img.id) ? 'job' : isKept(img, config.keep) ? 'keep' : undefined;
    const pref: SoftProtection | undefined = nowMs - entry.firstSeenMs < config.minAgeMs ? 'min-age'
      : nowMs - entry.lastUsedMs < config.keepWarmMs ? 'keep-warm' : undefined;
    const c: Candidate = { img, lastUsedMs: entry.lastUsedMs, firstSeenMs: entry.firstSeenMs, bytes, exact: unique !== undefined };
    if (hard) kept.push({ id: img.id, label, bytes, reason: hard });
    else if (pref) soft.push({ ...c, soft: pref });
    else free.push(c);
  }
  free.sort(byLeastRecentUse);
  soft.sort(byLeastRecentUse);

  const evict: PlannedRemoval[] = [];
  let freed = 0;
  if (needed) {
    for (const c of free) {
      if (freed >= targetBytes) break;
      freed += c.bytes;
      evict.push(removal(c, nowMs));
    }
  }
  const shortfallBytes = needed && !inodesBind ? Math.max(0, targetBytes - freed) : 0;
  let topProtection: EvictionPlan['topProtection'];
  if (shortfallBytes > 0) {
    const byReason = new Map<Protection, number>();
    for (const k of [...kept, ...soft.map((c) => ({ reason: c.soft!, bytes: c.bytes }))]) byReason.set(k.reason, (byReason.get(k.reason) ?? 0) + k.bytes);
    const top = [...byReason].sort((a, b) => b[1] - a[1])[0];
    topProtection = top ? { reason: top[0], bytes: top[1] } : undefined;
  }
  // the disk bound over warmth: soft protections yield while it would otherwise not hold
  for (const c of soft) {
    if (needed && freed < boundBytes) {
      freed += c.bytes;
      evict.push(removal(c, nowMs));
    } else kept.push({ id: c.img.id, label: c.img.tags[0]!, bytes: c.bytes, reason: c.soft! });
  }
  let overBoundBytes = needed && !inodesBind ? Math.max(0, boundBytes - freed) : 0;
  // unique bytes understate what goes when images sharing layers all go: only when even their
  // whole sizes (an upper bound) cannot reach the bound is it truly out of reach; otherwise the
  // executor stops by the measured disk
  const sizeOf = overBoundBytes > 0 ? new Map(input.images.map((i) => [i.id, i.sizeBytes])) : undefined;
  const upperBytes = sizeOf ? evict.reduce((n, p) => n + Math.max(p.bytes, sizeOf.get(p.id) ?? 0), 0) : 0;
  if (overBoundBytes > 0 && upperBytes < boundBytes) {
    // the goal out of reach even with the warm cache gone (what never yields, or files outside
    // Docker, hold the disk): the cache stays, as evicting it would cost every later job its
    // pulls and still not bound the disk. A job's min-free fails the job anyway; the room for
    // cold images is an estimate, said in a warning.
    const firstWarm = evict.findIndex((x) => x.yields);
    if (firstWarm !== -1) {
      for (const p of evict.splice(firstWarm)) { freed -= p.bytes; kept.push({ id: p.id, label: p.label.split(', ')[0]!, bytes: p.bytes, reason: p.yields! }); }
      overBoundBytes = boundBytes - freed;
    }
  }
  return {
    needed, targetBytes, evict, kept, predictedPercent: percentOf(disk.usedBytes - freed, capacity), shortfallBytes, topProtection, overBoundBytes,
  };
}
