/**
 * The nightly warm set (pure): which references tomorrow's jobs are likely to ask for, and in
 * which order they are worth their bytes. Kubelet and docuum only decide what to remove; this is
 * the other half of a cache, what to bring back. Each reference's value is how often and how
 * recently jobs asked for it (each ask counts half as much per `halfLifeMs` of age); what the
 * operator names (`warm-images`) comes first whatever its history. A reference one job asked for
 * once is left out: on the replayed weeks most such night pulls were never asked for again
 * (BENCHMARKS.md, 2026-12-07), and re-warming what no job needs is the waste the nightly must not add.
 */
import { findLocal, normalizeReference } from '../snapshot/references.js';
import { formatDuration } from '../inputs/units.js';
import type { ImageInfo } from '../model/host.js';

export interface WarmCandidate {
  ref: string;
  /** One line: why it is in the set. */
  why: string;
  /** Weighted asks (Infinity: named by the operator). */
  value: number;
  /** The local image the reference names now, if any. */
  localId: string | undefined;
}

/** Asks a reference needs (within the ledger's horizon) to be warmed without being named. */
export const WARM_MIN_ASKS = 2;

export interface WarmSetInput {
  /** The ledger's asks per reference (ledger.wanted). */
  wanted: Readonly<Record<string, readonly number[]>>;
  /** warm-images and the compose files' images. */
  named: readonly string[];
  images: readonly ImageInfo[];
  nowMs: number;
  halfLifeMs: number;
}

/** The set, most valuable first; `oneOffs`: the references left out as asked for fewer than WARM_MIN_ASKS times. */
export interface WarmSet { candidates: WarmCandidate[]; oneOffs: string[] }

/** What the operator names: `warm-images` and the images of `compose-files`. */
export const NAMED_WHY = 'named by the operator (warm-images, compose-files)';

export function warmSet(input: WarmSetInput): WarmSet {
  const { nowMs, halfLifeMs } = input;
  // one entry per image reference, however it was spelled (`redis`, `redis:latest`,
  // `docker.io/library/redis:latest`): one request, one pull, and the asks counted together
  // (recordWanted keys asks this way; a ledger written before it may hold several spellings)
  const out = new Map<string, WarmCandidate>();
  const oneOffs: string[] = [];
  for (const ref of input.named) {
    const key = normalizeReference(ref);
    if (!out.has(key)) out.set(key, { ref, why: NAMED_WHY, value: Number.POSITIVE_INFINITY, localId: findLocal(input.images, ref)?.id });
  }
  const asked = new Map<string, number[]>();
  for (const [spelled, t] of Object.entries(input.wanted)) {
    const key = normalizeReference(spelled);
    asked.set(key, [...(asked.get(key) ?? []), ...t]);
  }
  for (const [ref, times] of asked) {
    if (out.has(ref) || times.length === 0) continue;
    if (times.length < WARM_MIN_ASKS) { oneOffs.push(ref); continue; }
    const value = times.reduce((v, t) => v + 0.5 ** (Math.max(0, nowMs - t) / halfLifeMs), 0);
    const last = Math.max(...times);
    out.set(ref, { ref, why: `asked for by ${times.length} job(s), last ${formatDuration(nowMs - last)} ago`, value, localId: findLocal(input.images, ref)?.id });
  }
  return { candidates: [...out.values()].sort((a, b) => b.value - a.value || (a.ref < b.ref ? -1 : 1)), oneOffs: oneOffs.sort() };
}

/** A reference the registry was asked about, with what its pull would take on disk. */
export interface WarmOption extends WarmCandidate { bytes: number }

/**
 * The pulls within `budgetBytes`, most valuable per byte first (the named ones first of all);
 * `left` the ones the budget could not hold. `bytes` is what each takes on disk (its download
 * size times the expansion the caller estimates): a reference that does not fit is passed over
 * for smaller ones after it, never split.
 */
export function withinBudget<T extends WarmOption>(options: readonly T[], budgetBytes: number): { take: T[]; left: T[] } {
  const perByte = (o: T): number => (o.value === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : o.value / Math.max(o.bytes, 1));
  const ordered = [...options].sort((a, b) => perByte(b) - perByte(a) || b.value - a.value || (a.ref < b.ref ? -1 : 1));
  const take: T[] = [];
  const left: T[] = [];
  let room = budgetBytes;
  for (const o of ordered) {
    if (o.bytes <= room) { take.push(o); room -= o.bytes; } else left.push(o);
  }
  return { take, left };
}
