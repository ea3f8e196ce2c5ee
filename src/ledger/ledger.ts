/**
 * The usage ledger (pure). Docker records no "last used" time, so every run of every mode
 * writes down, per image id, when we first saw it and when we last saw it in use (by any
 * container, or named in a service spec or its previous spec). A missing or corrupt ledger is
 * rebuilt with every image "used now": never evict what we know nothing about.
 */
import { z } from 'zod';
import { indexImages, resolveIds } from '../plan/references.js';
import type { Snapshot } from '../snapshot/types.js';

export const LEDGER_VERSION = 1;

export interface LedgerEntry { firstSeenMs: number; lastUsedMs: number }
export interface Ledger {
  version: typeof LEDGER_VERSION;
  images: Record<string, LedgerEntry>;
  /**
   * Image references a job about to run (or running) needs, with the time the mark expires:
   * written by `pre` under the host step lock, read by every eviction right before each
   * removal. An image a mark names is never evicted while the mark holds.
   */
  needed?: Record<string, number>;
}

/** How long a pre step's mark holds: the longest a GitHub job may run (6 h). */
export const NEEDED_HOLD_MS = 6 * 3_600_000;

const Schema = z.object({
  version: z.literal(LEDGER_VERSION),
  images: z.record(z.string(), z.object({ firstSeenMs: z.number(), lastUsedMs: z.number() })),
  needed: z.record(z.string(), z.number()).optional().transform((n) => n ?? {}),
});

/** Parses stored text; undefined with a warning when it is not a ledger we can trust. */
export function parseLedger(text: string): { ledger: Ledger | undefined; warning: string | undefined } {
  let doc: unknown;
  try { doc = JSON.parse(text); } catch { return { ledger: undefined, warning: 'the usage ledger is corrupt (not JSON): rebuilt, every image counts as used now' }; }
  const r = Schema.safeParse(doc);
  if (!r.success) {
    const v = (doc as { version?: unknown } | null)?.version;
    const why = v !== LEDGER_VERSION ? `version ${JSON.stringify(v)}, expected ${LEDGER_VERSION}` : 'unexpected shape';
    return { ledger: undefined, warning: `the usage ledger is unreadable (${why}): rebuilt, every image counts as used now` };
  }
  return { ledger: r.data as Ledger, warning: undefined };
}

/** Ids of images in use now: by any container in any state, or named by a service (current or previous spec). */
export function imagesInUse(snap: Pick<Snapshot, 'images' | 'containers' | 'services'>): Set<string> {
  const used = new Set(snap.containers.map((c) => c.imageId));
  const index = indexImages(snap.images);
  for (const s of snap.services ?? []) {
    for (const ref of [s.image, s.previousImage]) if (ref) for (const id of resolveIds(index, ref)) used.add(id);
  }
  return used;
}

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
  const needed = Object.fromEntries(Object.entries(prev?.needed ?? {}).filter(([, until]) => until > nowMs));
  return { version: LEDGER_VERSION, images, needed };
}

/** The ledger with `refs` marked as needed by a job until `untilMs`. */
export function markNeeded(ledger: Ledger, refs: readonly string[], untilMs: number): Ledger {
  const needed = { ...ledger.needed };
  for (const r of refs) needed[r] = Math.max(needed[r] ?? 0, untilMs);
  return { ...ledger, needed };
}

/** Ids of local images that an unexpired job mark names. */
export function neededIds(ledger: Pick<Ledger, 'needed'>, images: Snapshot['images'], nowMs: number): Set<string> {
  const ids = new Set<string>();
  const live = Object.entries(ledger.needed ?? {}).filter(([, until]) => until > nowMs);
  if (live.length === 0) return ids; // the usual case: no index over every image for nothing
  const index = indexImages(images);
  for (const [ref] of live) for (const id of resolveIds(index, ref)) ids.add(id);
  return ids;
}
