/**
 * The ledger file's text → a Ledger we can trust, or why it is rebuilt. Apart
 * from ledger.ts so that zod loads with the Docker answers' schemas, never before a run's first
 * request (#12).
 */
import * as z from 'zod/mini';
import { LEDGER_VERSION, NEEDED_HOLD_MS, WANTED_REFS, WANTED_TIMES, type Ledger } from './ledger.js';

const Schema = z.pipe(z.object({
  version: z.literal(LEDGER_VERSION),
  images: z.record(z.string(), z.object({ firstSeenMs: z.number(), lastUsedMs: z.number() })),
  marks: z.optional(z.record(z.string(), z.object({ refs: z.array(z.string()), untilMs: z.number() }))),
  wanted: z.optional(z.record(z.string(), z.array(z.number()))),
  // the per-reference marks of 0.1.0 (no release): read as one mark each until they expire
  needed: z.optional(z.record(z.string(), z.number())),
}), z.transform(({ version, images, marks, needed, wanted }) => ({
  version, images, wanted: wanted ?? {},
  marks: { ...Object.fromEntries(Object.entries(needed ?? {}).map(([ref, untilMs]) => [`0.1.0:${ref}`, { refs: [ref], untilMs }])), ...marks },
})));

/** The earliest time a ledger can hold (the tool did not exist before it): older is a bad value. */
export const MIN_TIME_MS = Date.UTC(2020, 0, 1);
/** How far ahead of this host's clock a time may be (another host's clock, NTP steps). */
export const CLOCK_SKEW_MS = 5 * 60_000;

export type ParsedLedger =
  | { kind: 'ok'; ledger: Ledger; dropped: { images: number; marks: number } | undefined }
  | { kind: 'rebuilt'; why: 'not-json' | 'bad-shape'; detail: string };

/**
 * Parses stored text: a ledger we can trust, or why it is rebuilt. Every time in it is checked
 * against `nowMs` (finite, not before 2020, not in the future beyond a small skew; a mark not
 * further ahead than the longest hold a pre step writes): one bad entry is dropped, never
 * trusted, and never able to crash a plan or protect an image for ever.
 */
export function parseLedger(text: string, nowMs: number): ParsedLedger {
  let doc: unknown;
  try { doc = JSON.parse(text); } catch { return { kind: 'rebuilt', why: 'not-json', detail: 'not JSON' }; }
  const r = Schema.safeParse(doc);
  if (!r.success) {
    const v = (doc as { version?: unknown } | null)?.version;
    return { kind: 'rebuilt', why: 'bad-shape', detail: v !== LEDGER_VERSION ? `version ${JSON.stringify(v)}, expected ${LEDGER_VERSION}` : 'unexpected shape' };
  }
  const sane = (t: number, latest: number): boolean => Number.isFinite(t) && t >= MIN_TIME_MS && t <= latest;
  const images = Object.entries(r.data.images).filter(([, e]) => sane(e.firstSeenMs, nowMs + CLOCK_SKEW_MS) && sane(e.lastUsedMs, nowMs + CLOCK_SKEW_MS));
  const marks = Object.entries(r.data.marks).filter(([, m]) => sane(m.untilMs, nowMs + NEEDED_HOLD_MS + CLOCK_SKEW_MS));
  const dropped = { images: Object.keys(r.data.images).length - images.length, marks: Object.keys(r.data.marks).length - marks.length };
  // a wanted time out of range is dropped alone (it only weighs a warm pull); so are references beyond the bound
  const wanted = Object.entries(r.data.wanted).slice(0, WANTED_REFS)
    .map(([ref, times]) => [ref, times.filter((t) => sane(t, nowMs + CLOCK_SKEW_MS)).slice(-WANTED_TIMES)] as const).filter(([, t]) => t.length > 0);
  const ledger: Ledger = { version: r.data.version, images: Object.fromEntries(images), marks: Object.fromEntries(marks), ...(wanted.length ? { wanted: Object.fromEntries(wanted) } : {}) };
  return { kind: 'ok', ledger, dropped: dropped.images || dropped.marks ? dropped : undefined };
}
