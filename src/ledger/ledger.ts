/**
 * The usage ledger (pure). Docker records no "last used" time, so every run of every mode
 * writes down, per image id, when we first saw it and when we last saw it in use (by any
 * container, or named in a service spec or its previous spec). A missing or corrupt ledger is
 * rebuilt with every image "used now": what we know nothing about is warm, and yields only to
 * the disk bound.
 */
import { imagesInUse, indexImages, normalizeReference, resolveIds } from '../snapshot/references.js';
import type { Snapshot } from '../snapshot/types.js';
import type { ContainerInfo } from '../model/host.js';

export const LEDGER_VERSION = 1;

export interface LedgerEntry { firstSeenMs: number; lastUsedMs: number }
/** One job's mark: the references it needs, until the job's post step releases it or it expires. */
export interface JobMark { refs: string[]; untilMs: number }
export interface Ledger {
  version: typeof LEDGER_VERSION;
  images: Record<string, LedgerEntry>;
  /**
   * Per job (keyed by the mark id its pre step chose): the image references a job about to run
   * (or running) needs. Written by `pre` under the host step lock, released by that job's `post`,
   * read by every eviction right before each removal. An image a mark names is never evicted
   * while the mark holds; a job that never reaches its post step loses its mark at `untilMs`.
   */
  marks?: Record<string, JobMark>;
  /**
   * Per image reference: when jobs asked for it (their pre steps), newest last. What the nightly
   * `warm` mode re-warms, weighted by how often and how recently (plan/warm-plan.ts). Bounded:
   * WANTED_TIMES per reference, WANTED_REFS references, none older than WANTED_HORIZON_MS.
   */
  wanted?: Record<string, number[]>;
}

export const WANTED_TIMES = 8;
export const WANTED_REFS = 256;
export const WANTED_HORIZON_MS = 30 * 86_400_000;

/** How long a pre step's mark holds when no post step releases it: the longest a GitHub job may run (6 h). */
export const NEEDED_HOLD_MS = 6 * 3_600_000;

/**
 * The ledger after observing `snap` at `nowMs`. With no previous ledger, every image is "used
 * now". A new image arrived at its LastTagTime (pull/tag/load) when the daemon reports it, else
 * now; images in use, and `alsoUsed` (the images a job about to run needs), are used now;
 * images that are gone are dropped.
 */
export function updateLedger(prev: Ledger | undefined, snap: Pick<Snapshot, 'images' | 'containers' | 'services'>, nowMs: number,
  alsoUsed: Iterable<string> = []): Ledger {
  const inUse = imagesInUse(snap);
  for (const id of alsoUsed) inUse.add(id);
  const images: Record<string, LedgerEntry> = {};
  for (const img of snap.images) {
    const old = prev?.images[img.id];
    const arrived = prev ? Math.min(img.lastTagMs ?? nowMs, nowMs) : nowMs;
    const entry = old ?? { firstSeenMs: arrived, lastUsedMs: arrived };
    images[img.id] = inUse.has(img.id) ? { firstSeenMs: entry.firstSeenMs, lastUsedMs: nowMs } : entry;
  }
  return { version: LEDGER_VERSION, images, marks: liveMarks(prev, nowMs), ...keptWanted(prev, nowMs) };
}

/** The wanted references still within the horizon (none: no field). */
function keptWanted(ledger: Pick<Ledger, 'wanted'> | undefined, nowMs: number): Pick<Ledger, 'wanted'> {
  const kept = Object.entries(ledger?.wanted ?? {}).map(([ref, times]) => [ref, times.filter((t) => t > nowMs - WANTED_HORIZON_MS)] as const).filter(([, t]) => t.length > 0);
  return kept.length ? { wanted: Object.fromEntries(kept) } : {};
}

/**
 * The ledger with `refs` asked for by a job at `nowMs`, each image once however the job spelled
 * it (`redis`, `docker.io/library/redis:latest`). Over WANTED_REFS references, the ones asked for
 * least recently go.
 */
export function recordWanted(ledger: Ledger, refs: readonly string[], nowMs: number): Ledger {
  const wanted: Record<string, number[]> = { ...keptWanted(ledger, nowMs).wanted };
  for (const ref of new Set(refs.map(normalizeReference))) wanted[ref] = [...(wanted[ref] ?? []), nowMs].slice(-WANTED_TIMES);
  const newest = Object.entries(wanted).sort(([, a], [, b]) => b.at(-1)! - a.at(-1)!).slice(0, WANTED_REFS);
  return { ...ledger, wanted: Object.fromEntries(newest) };
}

/**
 * The ledger after a look that counted the images but did not list them (a run whose gates
 * stayed closed): the images its containers use are used now, expired marks go; no image is
 * added or dropped, as the look cannot tell which exist (the next listing look does both; an
 * image first seen then counts as arriving then, which errs warm). Undefined when unchanged.
 */
export function touchUsed(prev: Ledger, containers: readonly Pick<ContainerInfo, 'imageId'>[], nowMs: number): Ledger | undefined {
  let changed = false;
  const images = { ...prev.images };
  for (const { imageId } of containers) {
    const entry = images[imageId];
    if (entry && entry.lastUsedMs !== nowMs) { images[imageId] = { ...entry, lastUsedMs: nowMs }; changed = true; }
  }
  const marks = liveMarks(prev, nowMs);
  if (Object.keys(marks).length !== Object.keys(prev.marks ?? {}).length) changed = true;
  return changed ? { version: LEDGER_VERSION, images, marks, ...keptWanted(prev, nowMs) } : undefined;
}

/** The marks that still hold at `nowMs` (a job that never reached its post step loses its mark). */
export function liveMarks(ledger: Pick<Ledger, 'marks'> | undefined, nowMs: number): Record<string, JobMark> {
  return Object.fromEntries(Object.entries(ledger?.marks ?? {}).filter(([, m]) => m.untilMs > nowMs));
}

/** The ledger with job `markId`'s mark on `refs` until `untilMs`. */
export function markNeeded(ledger: Ledger, markId: string, refs: readonly string[], untilMs: number): Ledger {
  return { ...ledger, marks: { ...ledger.marks, [markId]: { refs: [...refs], untilMs } } };
}

/** The ledger without job `markId`'s mark (its post step ran: the job no longer needs them). */
export function releaseMark(ledger: Ledger, markId: string): Ledger {
  const { [markId]: _released, ...marks } = ledger.marks ?? {};
  return { ...ledger, marks };
}

/** Every mark of both ledgers (the one on disk and the one a run holds): a mark in either holds. */
export function allMarks(a: Pick<Ledger, 'marks'> | undefined, b: Pick<Ledger, 'marks'>): Record<string, JobMark> {
  return { ...a?.marks, ...b.marks };
}

/** Ids of local images that an unexpired job mark names. */
export function neededIds(ledger: Pick<Ledger, 'marks'>, images: Snapshot['images'], nowMs: number): Set<string> {
  const ids = new Set<string>();
  const live = Object.values(liveMarks(ledger, nowMs));
  if (live.length === 0) return ids; // the usual case: no index over every image for nothing
  const index = indexImages(images);
  for (const m of live) for (const ref of m.refs) for (const id of resolveIds(index, ref)) ids.add(id);
  return ids;
}
