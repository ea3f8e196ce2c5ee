/**
 * A job state file's text → the JobState it holds, or undefined when it is not one: checked by
 * a schema, as the ledger is. Apart from job-state.ts so that zod loads only where a post step
 * reads its baseline.
 */
import * as z from 'zod/mini';
import type { JobState } from './job-state.js';

const names = z.array(z.string());
const Schema = z.object({
  takenAtMs: z.number(),
  images: z.array(z.tuple([z.string()], z.string())),
  services: names,
  networks: names,
  volumes: names,
  secrets: names,
  configs: names,
  markId: z.optional(z.string()),
});

export function parseJobState(text: string): JobState | undefined {
  let doc: unknown;
  try { doc = JSON.parse(text); } catch { return undefined; }
  const r = Schema.safeParse(doc);
  return r.success ? (r.data as JobState) : undefined;
}
