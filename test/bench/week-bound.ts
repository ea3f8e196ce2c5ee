/**
 * What the week's jobs must download on the replay's disk under an eviction order, computed
 * from the trace alone (no engine): the images as a store of versions (a re-push is a new
 * version of its tag), each the size of its own bytes plus its base's, the base counted once
 * while any image on it is present. Each job's images are pulled and held together; when the
 * store is over its room, other images are evicted in the order's sequence. The clairvoyant
 * order (farthest next use first, which knows the whole week) says whether a disk this size
 * can hold the week at the limit's downloads at all; least recently used is the tool's order
 * (after the old content of a re-pushed tag, which the store keeps dangling and the tool's
 * dangling prune removes first).
 * A model, not a replay: no builds, no containers, no transient room a pull needs beyond
 * `headroom`; what the disk holds besides images is left out of the room by the caller
 * (boundTable: what the filesystem held before the first pull).
 */
import { WANTED_TIMES } from '../../src/ledger/ledger.js';
import { WARM_MIN_ASKS } from '../../src/plan/warm-plan.js';
import type { Trace, UpstreamEvent } from './week-trace.js';

export type Order = 'clairvoyant' | 'lru';

/** Bytes the registry served (night pulls included), and the pulls that fetched on a job's path. */
export interface BoundResult { bytes: number; downloads: number; nightBytes: number; nightPulls: number }

/**
 * The nightly warm run, following the tool's plan (src/plan/warm-plan.ts): after each day's last
 * job, what jobs asked for (at least WARM_MIN_ASKS times) that is not present at the version its
 * tag names, valued by its last asks, each halving per `halfLifeDays`, pulled most valuable per byte first while its whole image
 * × `expansion` fits in the room under `targetBytes` (the target watermark's room for images). It
 * never evicts; a night pull counts as used when it arrives. Unlike the tool's budget, the room
 * counts image bytes only (no builds, containers, build cache): the model's budget is at least
 * the tool's.
 */
export interface WarmModel { targetBytes: number; expansion: number; halfLifeDays: number }

/** One content of a tag: `key` names the content (`repo:staged tag`), `ref` the tag jobs ask for. */
interface Version { key: string; ref: string; bytes: number; base: string }

/**
 * The version `ref` names before the job in `slot` of `day` (Infinity: at that day's night): from
 * a re-push on, the tag names the staged content.
 */
function versionOn(t: Trace, ref: string, day: number, slot: number): Version {
  const at = ref.lastIndexOf(':');
  const [repo, tag] = [ref.slice(0, at), ref.slice(at + 1)];
  const landed = (e: UpstreamEvent & { kind: 'repush' }): boolean => e.day < day || (e.day === day && (e.after ?? 0) <= slot);
  const repushed = t.events.filter((e): e is Extract<UpstreamEvent, { kind: 'repush' }> => e.kind === 'repush' && e.repo === repo && e.tag === tag && landed(e));
  const content = repushed.at(-1)?.staged ?? tag;
  const s = t.images.find((i) => i.repo === repo && i.tag === content);
  if (!s) throw new Error(`the trace has no image ${repo}:${content}`);
  return { key: `${repo}:${content}`, ref, bytes: s.bytes, base: s.base };
}

/** Each job's images, as the versions its refs named on its day. */
export function jobVersions(t: Trace): Version[][] {
  return t.jobs.map((j) => j.refs.map((ref) => versionOn(t, ref, j.day, j.slot)));
}

/**
 * Downloads (bytes, and images fetched) of the week with `roomBytes` for images under `order`
 * (the threshold: restored after each job). `room.headroom`: room made before a job's pulls, as
 * a multiple of its cold images' bytes, on the whole filesystem (`room.fullBytes`, by default
 * `roomBytes`), evicting in the same order: the tool's `cold-headroom`, which counts free space.
 */
export function weekUnder(t: Trace, roomBytes: number, order: Order, room: { headroom?: number; fullBytes?: number; warm?: WarmModel } = {}): BoundResult {
  const { headroom = 0, fullBytes = roomBytes, warm } = room;
  const jobs = jobVersions(t);
  const baseBytes = new Map(t.bases.map((b) => [b.name, b.bytes]));
  const have = new Map<string, Version>();
  const used = (): number => {
    const bases = new Set([...have.values()].map((v) => v.base));
    return [...have.values()].reduce((n, v) => n + v.bytes, 0) + [...bases].reduce((n, b) => n + (baseBytes.get(b) ?? 0), 0);
  };
  const uses = (key: string, j: number): boolean => jobs[j]!.some((v) => v.key === key);
  // a night pull counts as used when it arrives (the tool's ledger takes its tag time): after job `pulledAfter`
  const pulledAfter = new Map<string, number>();
  // the old content of a re-pushed tag, once the new one is pulled under its name: dangling, as
  // in the store, where the tool's dangling prune removes it before any eviction
  const dangling = new Set<string>();
  // clairvoyant: the version needed again last (or never) goes first; lru: dangling content, then
  // the one used longest ago
  const rank = (key: string, i: number): number => {
    if (order === 'clairvoyant') { for (let j = i + 1; j < jobs.length; j++) if (uses(key, j)) return -j; return -Infinity; }
    if (dangling.has(key)) return -Infinity;
    const night = (pulledAfter.get(key) ?? -Infinity) + 0.5;
    for (let j = i; j >= 0; j--) if (uses(key, j)) return Math.max(j, night);
    return Math.max(-1, night);
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
  let nightBytes = 0;
  let nightPulls = 0;
  const pullIn = (v: Version): number => {
    const basePresent = [...have.values()].some((h) => h.base === v.base);
    for (const h of have.values()) if (h.ref === v.ref && h.key !== v.key) dangling.add(h.key);
    dangling.delete(v.key);
    have.set(v.key, v);
    return v.bytes + (basePresent ? 0 : baseBytes.get(v.base) ?? 0);
  };
  const night = (w: WarmModel, last: number): void => {
    const day = t.jobs[last]!.day;
    // each ref asked for so far (its last WANTED_TIMES asks, as the ledger keeps), at the version
    // its tag names tonight (every re-push of the day has landed)
    const times = new Map<string, number[]>();
    for (const j of t.jobs.slice(0, last + 1)) for (const ref of j.refs) times.set(ref, [...(times.get(ref) ?? []), j.day + j.slot / t.jobsPerDay]);
    // a reference asked for fewer than WARM_MIN_ASKS times is a one-off, left out as the tool does
    const asks = new Map([...times].filter(([, ts]) => ts.length >= WARM_MIN_ASKS)
      .map(([ref, ts]) => [ref, ts.slice(-WANTED_TIMES).reduce((v, at) => v + 0.5 ** ((day + 1 - at) / w.halfLifeDays), 0)]));
    const cost = (v: Version): number => (v.bytes + (baseBytes.get(v.base) ?? 0)) * w.expansion;
    const options = [...asks].map(([ref, value]) => ({ v: versionOn(t, ref, day, Infinity), value }))
      .filter((a) => !have.has(a.v.key)).sort((a, b) => b.value / cost(b.v) - a.value / cost(a.v));
    let budget = Math.max(0, w.targetBytes - used());
    for (const { v } of options) {
      if (cost(v) > budget) continue;
      budget -= cost(v);
      pulledAfter.set(v.key, last);
      nightBytes += pullIn(v);
      nightPulls++;
    }
  };
  jobs.forEach((need, i) => {
    const keep = new Set(need.map((v) => v.key));
    const cold = need.filter((v) => !have.has(v.key));
    const coldBytes = cold.reduce((n, v) => n + v.bytes, 0);
    if (headroom) evictUntil(() => used() + headroom * coldBytes <= fullBytes, i - 1, keep);
    for (const v of cold) {
      bytes += pullIn(v);
      downloads++;
    }
    evictUntil(() => used() <= roomBytes, i, keep);
    if (warm && (i === jobs.length - 1 || t.jobs[i + 1]!.day !== t.jobs[i]!.day)) night(warm, i);
  });
  return { bytes: bytes + nightBytes, downloads, nightBytes, nightPulls };
}

/** The tool's settings the model follows: watermarks in percent, `cold-headroom`, warm's half-life in days. */
export interface ToolModel { threshold: number; target: number; coldHeadroom: number; halfLifeDays: number }

/** A filesystem as the model sees it: its size, and what it held before the first pull. */
interface ModelDisk { capacityBytes: number; emptyBytes: number }

/** The room for images under `percent` of the filesystem, and on all of it (the free space pre counts). */
const roomUnder = (d: ModelDisk, percent: number): number => Math.max(0, (d.capacityBytes * percent) / 100 - d.emptyBytes);
const roomInAll = (d: ModelDisk): number => d.capacityBytes - d.emptyBytes;

/** The tool's defaults on a disk: LRU, the room made for cold images, with or without the nightly warm. */
function toolOn(t: Trace, d: ModelDisk, m: ToolModel, withWarm: boolean): BoundResult {
  const warm = withWarm ? { targetBytes: roomUnder(d, m.target), expansion: Math.max(1, m.coldHeadroom), halfLifeDays: m.halfLifeDays } : undefined;
  return weekUnder(t, roomUnder(d, m.threshold), 'lru', { headroom: m.coldHeadroom, fullBytes: roomInAll(d), warm });
}

const MB = 1_000_000;
const cells = (r: BoundResult, limit: BoundResult): string =>
  `${(r.bytes / MB).toFixed(0)}${r.nightPulls ? ` (${(r.nightBytes / MB).toFixed(0)})` : ''} | ${(r.bytes / limit.bytes).toFixed(2)} | ${r.downloads}`;

/**
 * The bound as the replay prints it: the room the trace's disk leaves for images (the threshold
 * less what the filesystem held before the first pull, measured by the replay), and what each
 * order downloads there beside the limit's.
 */
export function boundTable(t: Trace, capacityBytes: number, emptyPercent: number, m: ToolModel): string[] {
  const d = { capacityBytes, emptyBytes: (capacityBytes * emptyPercent) / 100 };
  const room = roomUnder(d, m.threshold);
  const made = { headroom: m.coldHeadroom, fullBytes: roomInAll(d) };
  const limit = weekUnder(t, Infinity, 'lru');
  const row = (label: string, r: BoundResult): string => `| ${label} | ${cells(r, limit)} |`;
  return [
    `**The bound** (test/bench/week-bound.ts, a model from the trace alone): ${(room / MB).toFixed(0)} MB of room for images under the ${m.threshold} % threshold and ${(made.fullBytes / MB).toFixed(0)} MB in all (the filesystem held ${emptyPercent} % before the first pull)`,
    '',
    '| eviction order | MB served (night) | × the limit | downloads on the jobs\' path |',
    '|---|---|---|---|',
    row('a disk that never fills (the limit)', limit),
    row('clairvoyant: needed last first (knows the week)', weekUnder(t, room, 'clairvoyant')),
    row(`clairvoyant, room made for cold images (${m.coldHeadroom} ×)`, weekUnder(t, room, 'clairvoyant', made)),
    row('least recently used', weekUnder(t, room, 'lru')),
    row(`least recently used, room made for cold images (${m.coldHeadroom} ×): the tool's defaults`, toolOn(t, d, m, false)),
    row('the tool\'s defaults, then the nightly warm', toolOn(t, d, m, true)),
  ];
}

/**
 * The room the targets need: the same week on disks whose room under the threshold holds a
 * share of what the limit downloads, for the clairvoyant order and the tool's defaults with and
 * without warm. #22's targets: downloads on the jobs' path no more than the limit's, bytes served
 * at most 1.10× the limit's.
 */
export function roomTable(t: Trace, emptyBytes: number, m: ToolModel, shares: readonly number[] = [0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.2]): string[] {
  const limit = weekUnder(t, Infinity, 'lru');
  const rows = shares.map((share) => {
    const room = share * limit.bytes;
    const d = { capacityBytes: ((room + emptyBytes) * 100) / m.threshold, emptyBytes };
    const best = weekUnder(t, room, 'clairvoyant', { headroom: m.coldHeadroom, fullBytes: roomInAll(d) });
    return `| ${Math.round(share * 100)} % (${(room / MB).toFixed(0)} MB; a ${(d.capacityBytes / MB).toFixed(0)} MB filesystem) | ${cells(best, limit)} | ${cells(toolOn(t, d, m, false), limit)} | ${cells(toolOn(t, d, m, true), limit)} |`;
  });
  return [
    `**The room the targets need** (test/bench/week-bound.ts): the limit downloads ${(limit.bytes / MB).toFixed(0)} MB in ${limit.downloads} pulls; the filesystem holds ${(emptyBytes / MB).toFixed(0)} MB before the first pull. Each order: MB served (night), × the limit, downloads on the jobs' path`,
    '',
    `| room under the ${m.threshold} % threshold (share of the limit's bytes) | clairvoyant: MB | × limit | on jobs' path | the tool's defaults: MB | × limit | on jobs' path | with the nightly warm: MB (night) | × limit | on jobs' path |`,
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ];
}

/** One trace at the replay's own disk, for seedTable: its seed and shape, and that disk as the model sees it. */
export interface SeedDisk { label: string; trace: Trace; capacityBytes: number }

/**
 * #22's targets at the replay's own disk, one row per trace (seeds, shapes): what the limit
 * downloads, the room that disk leaves it, and each order's bytes, × the limit and downloads on
 * the jobs' path. Says whether a target is out of reach of any order there (the clairvoyant's
 * miss) or of the tool's (its own). The last columns: the nightly warm on the limit's own disk,
 * which never fills, where its budget never binds (what it pulls that no job needs shows there).
 */
export function seedTable(rows: readonly SeedDisk[], emptyBytes: number, m: ToolModel): string[] {
  const meets = (r: BoundResult, limit: BoundResult): boolean => r.bytes <= 1.1 * limit.bytes && r.downloads <= limit.downloads;
  let best = 0;
  let tool = 0;
  let warmRoomy = 0;
  const lines = rows.map(({ label, trace, capacityBytes }) => {
    const d = { capacityBytes, emptyBytes };
    const limit = weekUnder(trace, Infinity, 'lru');
    const clairvoyant = weekUnder(trace, roomUnder(d, m.threshold), 'clairvoyant', { headroom: m.coldHeadroom, fullBytes: roomInAll(d) });
    const defaults = toolOn(trace, d, m, true);
    const roomy = weekUnder(trace, Infinity, 'lru', { warm: { targetBytes: Infinity, expansion: Math.max(1, m.coldHeadroom), halfLifeDays: m.halfLifeDays } });
    if (meets(clairvoyant, limit)) best++;
    if (meets(defaults, limit)) tool++;
    if (meets(roomy, limit)) warmRoomy++;
    const share = Math.round((roomUnder(d, m.threshold) / limit.bytes) * 100);
    return `| ${label} | ${(capacityBytes / MB).toFixed(0)} MB (${share} %) | ${(limit.bytes / MB).toFixed(0)} | ${limit.downloads} | ${cells(clairvoyant, limit)} | ${cells(defaults, limit)} | ${cells(roomy, limit)} |`;
  });
  return [
    `**#22's targets on the replay's own disk** (test/bench/week-bound.ts; bytes at most 1.10× the limit's, downloads on the jobs' path no more than its): met by the clairvoyant order on ${best} of ${rows.length} weeks, by the tool's defaults with the nightly warm on ${tool}; on a disk that never fills, by the nightly warm on ${warmRoomy}`,
    '',
    `| week | filesystem (room under ${m.threshold} %, of the limit's bytes) | the limit: MB | downloads | clairvoyant: MB | × limit | on jobs' path | the tool, with warm: MB (night) | × limit | on jobs' path | never fills, with warm: MB (night) | × limit | on jobs' path |`,
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...lines,
  ];
}
