/** Raw input strings → one typed, validated Config (zod), before any Docker call. */
import { z } from 'zod';
import { INPUTS, type InputName } from './definitions.js';
import { parseDuration, parseFreeSpec, type FreeSpec } from './units.js';

export const MODES = ['check', 'prune', 'pre', 'post'] as const;
export type Mode = (typeof MODES)[number];
export const PULL_POLICIES = ['none', 'cold', 'all'] as const;

export type RawInputs = Partial<Record<InputName, string>>;

/** Thrown for bad input: names the input, the value and what is allowed. Exit code 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

const lines = (s: string): string[] => s.split(/\r?\n|,/).map((l) => l.trim()).filter(Boolean);
// Images and globs may not contain commas; regexes may ({1,4}), so `keep` splits on newlines only.
const newlineList = (s: string): string[] => s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

const percent = z.string().trim().regex(/^\d+(\.\d+)?$/, 'a number from 1 to 100').transform(Number)
  .pipe(z.number().min(1, 'a number from 1 to 100').max(100, 'a number from 1 to 100'));

const duration = z.string().transform((s, ctx) => {
  const ms = parseDuration(s);
  if (ms === undefined) { ctx.addIssue({ code: 'custom', message: 'a duration like 90s, 30m, 24h or 7d' }); return z.NEVER; }
  return ms;
});

const bool = z.string().trim().toLowerCase().refine((s) => ['true', 'false', ''].includes(s), 'true or false')
  .transform((s) => s === 'true');

const regex = z.string().transform((s, ctx) => {
  try { return new RegExp(s); } catch (e) {
    ctx.addIssue({ code: 'custom', message: `a valid regular expression (${(e as Error).message})` });
    return z.NEVER;
  }
});

const regexList = z.string().transform((s, ctx) => newlineList(s).map((r) => {
  try { return new RegExp(r); } catch (e) {
    ctx.addIssue({ code: 'custom', message: `valid regular expressions, one per line (${(e as Error).message})` });
    return /$^/;
  }
}));

const freeSpec = z.string().transform((s, ctx): FreeSpec | undefined => {
  if (s.trim() === '') return undefined;
  const spec = parseFreeSpec(s);
  if (!spec) { ctx.addIssue({ code: 'custom', message: 'a size like 5GiB or 500MB, or a percent like 10%' }); return z.NEVER; }
  return spec;
});

const optionalPath = z.string().trim().transform((s) => (s === '' ? undefined : s));

const schema = z.object({
  mode: z.enum(MODES, { message: `one of ${MODES.join(', ')}` }),
  threshold: percent,
  target: z.string().trim(),
  until: duration,
  'stack-pattern': regex,
  'stuck-after': duration,
  'dry-run': bool,
  images: z.string().transform(lines),
  'compose-files': z.string().transform(lines),
  pull: z.enum(PULL_POLICIES, { message: `one of ${PULL_POLICIES.join(', ')}` }),
  keep: regexList,
  'min-age': duration,
  'keep-warm': duration,
  'state-dir': z.string().trim().min(1, 'a directory path'),
  'fail-on-eviction': bool,
  'min-free': freeSpec,
  'report-file': optionalPath,
  'metrics-file': optionalPath,
  'docker-host': optionalPath,
});

export interface Config {
  mode: Mode;
  /** High watermark, percent. */
  threshold: number;
  /** Low watermark, percent (≤ threshold). */
  target: number;
  untilMs: number;
  stackPattern: RegExp;
  stuckAfterMs: number;
  dryRun: boolean;
  images: string[];
  composeFiles: string[];
  pull: (typeof PULL_POLICIES)[number];
  keep: RegExp[];
  minAgeMs: number;
  keepWarmMs: number;
  stateDir: string;
  failOnEviction: boolean;
  minFree: FreeSpec | undefined;
  reportFile: string | undefined;
  metricsFile: string | undefined;
  dockerHost: string | undefined;
}

/** Raw strings (unset or '' = default) → Config; throws InputError naming the first bad input. */
export function parseConfig(raw: RawInputs, defaultMode: Mode): Config {
  const withDefaults: Record<string, string> = {};
  for (const def of INPUTS) {
    const given = raw[def.name];
    withDefaults[def.name] = given !== undefined && given.trim() !== '' ? given : def.default;
  }
  if (withDefaults.mode === '') withDefaults.mode = defaultMode;
  const parsed = schema.safeParse(withDefaults);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    throw new InputError(`invalid input '${name}': got ${JSON.stringify(withDefaults[name])}, expected ${issue.message}`);
  }
  const v = parsed.data;
  let target = v.threshold - 10;
  if (v.target !== '') {
    const t = percent.safeParse(v.target);
    if (!t.success || t.data > v.threshold) {
      throw new InputError(`invalid input 'target': got ${JSON.stringify(v.target)}, expected a number from 1 to the threshold (${v.threshold})`);
    }
    target = t.data;
  }
  return {
    mode: v.mode,
    threshold: v.threshold,
    target: Math.max(target, 0),
    untilMs: v.until,
    stackPattern: v['stack-pattern'],
    stuckAfterMs: v['stuck-after'],
    dryRun: v['dry-run'],
    images: v.images,
    composeFiles: v['compose-files'],
    pull: v.pull,
    keep: v.keep,
    minAgeMs: v['min-age'],
    keepWarmMs: v['keep-warm'],
    stateDir: v['state-dir'],
    failOnEviction: v['fail-on-eviction'],
    minFree: v['min-free'],
    reportFile: v['report-file'],
    metricsFile: v['metrics-file'],
    dockerHost: v['docker-host'],
  };
}
