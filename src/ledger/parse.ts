/**
 * The ledger file's text → a Ledger we can trust, or a warning saying why it is rebuilt. Apart
 * from ledger.ts so that zod loads with the Docker answers' schemas, never before a run's first
 * request (#12).
 */
import * as z from 'zod/mini';
import { LEDGER_VERSION, type Ledger } from './ledger.js';

const Schema = z.pipe(z.object({
  version: z.literal(LEDGER_VERSION),
  images: z.record(z.string(), z.object({ firstSeenMs: z.number(), lastUsedMs: z.number() })),
  marks: z.optional(z.record(z.string(), z.object({ refs: z.array(z.string()), untilMs: z.number() }))),
  // the per-reference marks of 0.1.0 (no release): read as one mark each until they expire
  needed: z.optional(z.record(z.string(), z.number())),
}), z.transform(({ version, images, marks, needed }) => ({
  version, images,
  marks: { ...Object.fromEntries(Object.entries(needed ?? {}).map(([ref, untilMs]) => [`0.1.0:${ref}`, { refs: [ref], untilMs }])), ...marks },
})));

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
