/**
 * What a run's removals aim at, said once (as kubelet's ImageGCPolicy names its band and
 * `freeSpace(bytesToFree)` takes the goal as an argument). The gate, the planner and the
 * executor ask these functions; none of them decides "bytes or watermarks?" by itself.
 * - `watermarks`: the nightly bound. Room is needed at or above `threshold`; unprotected images
 *   go down to `target`, warm ones yield only as far as strictly under the threshold.
 * - `free-bytes`: a job's need (`min-free`, room for its cold images): bytes free, no band.
 */
import { formatBytes, type FreeSpec } from '../inputs/units.js';
import type { Disk } from '../model/host.js';

export interface Watermarks { kind: 'watermarks'; threshold: number; target: number }
export interface FreeBytes { kind: 'free-bytes'; bytes: number }
export type Goal = Watermarks | FreeBytes;

/** What the stop rules read of a measured disk. */
export type DiskFacts = Pick<Disk, 'availBytes' | 'usedPercent'>;
/** What the planner's byte arithmetic reads of one (inodes where known). */
export type DiskBytes = Pick<Disk, 'usedBytes' | 'availBytes' | 'bytesPercent'> & Partial<Pick<Disk, 'inodesPercent'>>;

/** A planned removal as the stop rule sees it: whether it is a warm image yielding to the bound. */
export interface NextRemoval { yields?: string | undefined }

export const watermarks = (c: { threshold: number; target: number }): Watermarks => ({ kind: 'watermarks', threshold: c.threshold, target: c.target });
export const freeBytes = (bytes: number): FreeBytes => ({ kind: 'free-bytes', bytes });

/** Whether the disk needs room now: short of the bytes, or at/over the threshold. */
export function needsRoom(d: DiskFacts, g: Goal): boolean {
  return g.kind === 'free-bytes' ? d.availBytes < g.bytes : d.usedPercent >= g.threshold;
}

/**
 * Whether the removals may stop before `next`, by what was measured: the bytes are free; else
 * under the threshold when `next` is a warm image (warmth yields only as far as the bound
 * needs); else at or below the target.
 */
export function reached(d: DiskFacts, g: Goal, next?: NextRemoval): boolean {
  if (g.kind === 'free-bytes') return d.availBytes >= g.bytes;
  return next?.yields ? d.usedPercent < g.threshold : d.usedPercent <= g.target;
}

/** What the planner must free, in bytes, from one measured disk. */
export interface BytesToFree {
  needed: boolean;
  /** For unprotected images: down to the target (or the job's bytes). */
  target: number;
  /** For warm images, which yield only to the bound: strictly under the threshold (or the job's bytes). */
  bound: number;
  /**
   * Inodes, not bytes, hold the disk over the threshold. Docker does not say how many inodes an
   * image holds: every candidate is listed in LRU order and the executor stops by the measure.
   */
  inodesBind: boolean;
}

export function bytesToFree(d: DiskBytes, g: Goal): BytesToFree {
  if (g.kind === 'free-bytes') {
    const short = Math.max(0, g.bytes - d.availBytes);
    return { needed: d.availBytes < g.bytes, target: short, bound: short, inodesBind: false };
  }
  const capacity = d.usedBytes + d.availBytes;
  const inodes = d.inodesPercent ?? 0;
  // one measure everywhere: the gate's, the higher of bytes and inodes
  const needed = Math.max(d.bytesPercent, inodes) >= g.threshold;
  const inodesBind = inodes > d.bytesPercent && inodes >= g.threshold;
  if (inodesBind) return { needed, target: Number.POSITIVE_INFINITY, bound: Number.POSITIVE_INFINITY, inodesBind };
  const targetUsed = Math.floor((capacity * g.target) / 100);
  // strictly under the threshold, by the 0.1 % the measure rounds to, so the next run does not
  // find it at the threshold again
  const boundUsed = Math.floor((capacity * (g.threshold - 0.1)) / 100);
  return { needed, target: Math.max(0, d.usedBytes - targetUsed), bound: Math.max(0, d.usedBytes - boundUsed), inodesBind };
}

/** The goal against a measured disk, for a log group's title: `need 2 GB free, have 1 GB` or `85% ≥ 80%, target 70%`. */
export function describeGoal(d: DiskFacts, g: Goal): string {
  return g.kind === 'free-bytes' ? `need ${formatBytes(g.bytes)} free, have ${formatBytes(d.availBytes)}`
    : `${d.usedPercent}% ≥ ${g.threshold}%, target ${g.target}%`;
}

/** What the goal promises, in a few words: `the disk under 80%` or `2 GB free`. */
export function describeBound(g: Goal): string {
  return g.kind === 'free-bytes' ? `${formatBytes(g.bytes)} free` : `the disk under ${g.threshold}%`;
}

/** `min-free` in bytes on a measured disk (a percent is of its capacity); 0 when not set. */
export function minFreeBytes(spec: FreeSpec | undefined, d: Pick<Disk, 'usedBytes' | 'availBytes'>): number {
  if (!spec) return 0;
  return spec.kind === 'bytes' ? spec.bytes : Math.ceil(((d.usedBytes + d.availBytes) * spec.percent) / 100);
}

/**
 * The warm run's budget (a third kind of goal, read off the same disk): the bytes that may be
 * added before the disk reaches the target watermark or eats into min-free, whichever comes
 * first. Warming never pushes the disk to where the next job, or the next prune, must evict.
 */
export function roomUnderTarget(d: Pick<Disk, 'usedBytes' | 'availBytes' | 'usedPercent' | 'bytesPercent'>, target: number, minFree: number): number {
  const capacity = d.usedBytes + d.availBytes;
  // inodes over the target leave no room either, whatever the bytes say
  if (d.usedPercent > d.bytesPercent && d.usedPercent >= target) return 0;
  return Math.max(0, Math.min(Math.floor((capacity * target) / 100) - d.usedBytes, d.availBytes - minFree));
}
