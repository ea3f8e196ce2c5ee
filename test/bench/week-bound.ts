/**
 * What the week's jobs must download on the replay's disk under an eviction order, computed
 * from the trace alone (no engine): the images as a store of versions (a re-push is a new
 * version of its tag), each the size of its own bytes plus its base's, the base counted once
 * while any image on it is present. Each job's images are pulled and held together; when the
 * store is over its room, other images are evicted in the order's sequence. The clairvoyant
 * order (farthest next use first, which knows the whole week) says whether a disk this size
 * can hold the week at the limit's downloads at all; least recently used is the tool's order.
 * A model, not a replay: no builds, no containers, no transient room a pull needs beyond
 * `headroom`; what the disk holds besides images is left out of the room by the caller
 * (boundTable: what the filesystem held before the first pull).
 */
import type { Trace, UpstreamEvent } from './week-trace.js';

export type Order = 'clairvoyant' | 'lru';

export interface BoundResult { bytes: number; downloads: number }

interface Version { key: string; bytes: number; base: string }

/** Each job's images, as the versions its refs named on its day. */
export function jobVersions(t: Trace): Version[][] {
  const repushes = t.events.filter((e): e is Extract<UpstreamEvent, { kind: 'repush' }> => e.kind === 'repush');
  return t.jobs.map((j) => j.refs.map((ref) => {
    const at = ref.lastIndexOf(':');
    const [repo, tag] = [ref.slice(0, at), ref.slice(at + 1)];
    // from a re-push's day on, the tag names the staged content
    const content = repushes.filter((e) => e.repo === repo && e.tag === tag && e.day <= j.day).at(-1)?.staged ?? tag;
    const s = t.images.find((i) => i.repo === repo && i.tag === content);
    if (!s) throw new Error(`the trace has no image ${repo}:${content}`);
    return { key: `${repo}:${content}`, bytes: s.bytes, base: s.base };
  }));
}

/**
 * Downloads (bytes, and images fetched) of the week with `roomBytes` for images under `order`
 * (the threshold: restored after each job). `room.headroom`: room made before a job's pulls, as
 * a multiple of its cold images' bytes, on the whole filesystem (`room.fullBytes`, by default
 * `roomBytes`), evicting in the same order: the tool's `cold-headroom`, which counts free space.
 */
export function weekUnder(t: Trace, roomBytes: number, order: Order, room: { headroom?: number; fullBytes?: number } = {}): BoundResult {
  const { headroom = 0, fullBytes = roomBytes } = room;
  const jobs = jobVersions(t);
  const baseBytes = new Map(t.bases.map((b) => [b.name, b.bytes]));
  const have = new Map<string, Version>();
  const used = (): number => {
    const bases = new Set([...have.values()].map((v) => v.base));
    return [...have.values()].reduce((n, v) => n + v.bytes, 0) + [...bases].reduce((n, b) => n + (baseBytes.get(b) ?? 0), 0);
  };
  const uses = (key: string, j: number): boolean => jobs[j]!.some((v) => v.key === key);
  // clairvoyant: the version needed again last (or never) goes first; lru: the one used longest ago
  const rank = (key: string, i: number): number => {
    if (order === 'clairvoyant') { for (let j = i + 1; j < jobs.length; j++) if (uses(key, j)) return -j; return -Infinity; }
    for (let j = i; j >= 0; j--) if (uses(key, j)) return j;
    return -1;
  };
  const evictUntil = (fits: () => boolean, i: number, keep: Set<string>): void => {
    while (!fits()) {
      const victims = [...have.keys()].filter((k) => !keep.has(k));
      if (!victims.length) return;
      victims.sort((a, b) => rank(a, i) - rank(b, i));
      have.delete(victims[0]!);
    }
  };
  let bytes = 0;
  let downloads = 0;
  jobs.forEach((need, i) => {
    const keep = new Set(need.map((v) => v.key));
    const cold = need.filter((v) => !have.has(v.key));
    const coldBytes = cold.reduce((n, v) => n + v.bytes, 0);
    if (headroom) evictUntil(() => used() + headroom * coldBytes <= fullBytes, i - 1, keep);
    for (const v of cold) {
      const basePresent = [...have.values()].some((h) => h.base === v.base);
      bytes += v.bytes + (basePresent ? 0 : baseBytes.get(v.base) ?? 0);
      downloads++;
      have.set(v.key, v);
    }
    evictUntil(() => used() <= roomBytes, i, keep);
  });
  return { bytes, downloads };
}

/**
 * The bound as the replay prints it: the room the trace's disk leaves for images (the threshold
 * less what the filesystem held before the first pull, measured by the replay), and what each
 * order downloads there beside the limit's.
 */
export function boundTable(t: Trace, capacityBytes: number, thresholdPercent: number, emptyPercent: number, coldHeadroom: number): string[] {
  const MB = 1_000_000;
  const room = capacityBytes * (thresholdPercent - emptyPercent) / 100;
  const made = { headroom: coldHeadroom, fullBytes: capacityBytes * (100 - emptyPercent) / 100 };
  const limit = weekUnder(t, Infinity, 'lru');
  const row = (label: string, r: BoundResult): string =>
    `| ${label} | ${(r.bytes / MB).toFixed(0)} | ${(r.bytes / limit.bytes).toFixed(2)} | ${r.downloads} |`;
  return [
    `**The bound** (test/bench/week-bound.ts, a model from the trace alone): ${(room / MB).toFixed(0)} MB of room for images under the ${thresholdPercent} % threshold and ${(made.fullBytes / MB).toFixed(0)} MB in all (the filesystem held ${emptyPercent} % before the first pull)`,
    '',
    '| eviction order | MB downloaded | × the limit | downloads |',
    '|---|---|---|---|',
    row('a disk that never fills (the limit)', limit),
    row('clairvoyant: needed last first (knows the week)', weekUnder(t, room, 'clairvoyant')),
    row(`clairvoyant, room made for cold images (${coldHeadroom} ×)`, weekUnder(t, room, 'clairvoyant', made)),
    row('least recently used', weekUnder(t, room, 'lru')),
    row(`least recently used, room made for cold images (${coldHeadroom} ×): the tool's defaults`, weekUnder(t, room, 'lru', made)),
  ];
}
