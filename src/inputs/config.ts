/**
 * Raw input strings → one typed, validated Config, before any Docker call. Hand-written field
 * parsers, not zod: the config is read on every run before anything else, and loading zod
 * first was a measurable share of a job step (BENCHMARKS.md, #12); zod loads with the Docker
 * answers' schemas instead, while the first requests are in flight.
 */
import { INPUTS, type InputName } from './definitions.js';
import { compileSafeRegex } from './safe-regex.js';
import { parseDuration, parseFreeSpec, type FreeSpec } from './units.js';
import { checkReference, MAX_NEEDED_IMAGES } from './reference.js';

export const MODES = ['check', 'prune', 'pre', 'post', 'setup', 'warm'] as const;
export type Mode = (typeof MODES)[number];
export const PULL_POLICIES = ['none', 'cold', 'all'] as const;

export type RawInputs = Partial<Record<InputName, string>>;

/** Thrown for bad input: names the input, the value and what is allowed. Exit code 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** A field parser's refusal: what the input should have been (the caller names the input). */
class Expected extends Error {}

const lines = (s: string): string[] => s.split(/\r?\n|,/).map((l) => l.trim()).filter(Boolean);
// Images and globs may not contain commas; regexes may ({1,4}), so `keep` splits on newlines only.
const newlineList = (s: string): string[] => s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

const oneOf = <T extends string>(values: readonly T[]) => (s: string): T => {
  if (!(values as readonly string[]).includes(s)) throw new Expected(`one of ${values.join(', ')}`);
  return s as T;
};

const percent = (s: string): number => {
  const n = /^\d+(\.\d+)?$/.test(s.trim()) ? Number(s.trim()) : NaN;
  if (!(n >= 1 && n <= 100)) throw new Expected('a number from 1 to 100');
  return n;
};

const duration = (s: string): number => {
  const ms = parseDuration(s);
  if (ms === undefined) throw new Expected('a duration like 90s, 30m, 24h or 7d, at most 3650d');
  return ms;
};

/** A bound on waiting: 0 would mean "never wait", so at least a second, at most a day. */
const timeout = (s: string): number => {
  const ms = duration(s);
  if (ms < 1000 || ms > 86_400_000) throw new Expected('a duration from 1s to 1d, like 90s, 2m or 15m');
  return ms;
};

const bool = (s: string): boolean => {
  const v = s.trim().toLowerCase();
  if (!['true', 'false', ''].includes(v)) throw new Expected('true or false');
  return v === 'true';
};

const regex = (s: string): RegExp => {
  try { return compileSafeRegex(s); } catch (e) {
    throw new Expected(`a safe, valid regular expression (refused: ${(e as Error).message})`);
  }
};

const regexList = (s: string): RegExp[] => newlineList(s).map((r) => {
  try { return compileSafeRegex(r); } catch (e) {
    throw new Expected(`safe, valid regular expressions, one per line (refused ${JSON.stringify(r.slice(0, 60))}: ${(e as Error).message})`);
  }
});

/** Image references: each checked (no option-like `-x`, no control characters, sane length). */
const refList = (s: string): string[] => {
  const refs = lines(s);
  for (const r of refs) {
    const why = checkReference(r);
    if (why) throw new Expected(`image references, one per line (${JSON.stringify(r.slice(0, 80))} ${why})`);
  }
  if (refs.length > MAX_NEEDED_IMAGES) throw new Expected(`at most ${MAX_NEEDED_IMAGES} images (got ${refs.length})`);
  return refs;
};

const freeSpec = (s: string): FreeSpec | undefined => {
  if (s.trim() === '') return undefined;
  const spec = parseFreeSpec(s);
  if (!spec) throw new Expected('a size like 5GiB or 500MB, or a percent like 10%');
  return spec;
};

// a newline or another control character in a path is a mistake or an attack (log lines, units)
const CONTROL = /[\u0000-\u001f\u007f]/;

const optionalPath = (s: string): string | undefined => {
  const p = s.trim();
  if (CONTROL.test(p)) throw new Expected('a path without control characters (newlines, tabs, escapes)');
  return p === '' ? undefined : p;
};

/**
 * Why `h` is no Docker host the tool and the CLI would both reach, or undefined. `unix://` with
 * no path is the default socket, as the CLI reads it.
 */
export function dockerHostProblem(h: string): string | undefined {
  if (!/^(unix|tcp|ssh|fd|npipe):\/\/[^\s]*$/.test(h)) return 'a Docker host like unix:///var/run/docker.sock, tcp://host:2376 or ssh://user@host';
  if (!h.startsWith('tcp://') && !h.startsWith('ssh://')) return undefined;
  let u: URL;
  try { u = new URL(h.startsWith('tcp://') ? `http://${h.slice(6)}` : h); } catch { return 'a host and port that parse (tcp://host:2376, tcp://[::1]:2375, ssh://user@host)'; }
  if (u.hostname === '') return 'a host name or address after the scheme';
  return undefined;
}

const dockerHost = (s: string): string | undefined => {
  const h = optionalPath(s);
  const why = h === undefined ? undefined : dockerHostProblem(h);
  if (why) throw new Expected(why);
  return h;
};

const stateDir = (s: string): string => {
  const d = s.trim();
  if (d === '') throw new Expected('a directory path');
  if (d.length > 4096) throw new Expected('a directory path of at most 4096 characters');
  if (CONTROL.test(d)) throw new Expected('a directory path without control characters (newlines, tabs, escapes)');
  return d;
};

const coldHeadroom = (s: string): number => {
  const t = s.trim();
  const n = /^\d{1,2}(\.\d{1,2})?$/.test(t) ? Number(t) : NaN;
  if (!(n <= 10)) throw new Expected('a number from 0 to 10 (a multiple of the download size)');
  return n;
};

/** Every input's parser, in the order they are checked (the first bad one is reported). */
const FIELDS = {
  mode: oneOf(MODES),
  threshold: percent,
  target: (s: string) => s.trim(),
  until: duration,
  'stack-pattern': regex,
  'stuck-after': duration,
  'dry-run': bool,
  images: refList,
  'warm-images': refList,
  'compose-files': lines,
  pull: oneOf(PULL_POLICIES),
  keep: regexList,
  'min-age': duration,
  'keep-warm': duration,
  'state-dir': stateDir,
  'fail-on-eviction': bool,
  'min-free': freeSpec,
  'check-upstream': bool,
  'cold-headroom': coldHeadroom,
  'report-file': optionalPath,
  'metrics-file': optionalPath,
  'docker-host': dockerHost,
  'manager-host': dockerHost,
  'runner-group': (s: string) => {
    const g = s.trim();
    if (g !== '' && !/^[a-z_][a-z0-9_-]{0,31}\$?$|^\d{1,10}$/i.test(g)) throw new Expected('a group name or number, like docker or 998');
    return g === '' ? undefined : g;
  },
  'store-paths': (s: string) => lines(s).map((p) => {
    if (!p.startsWith('/') || CONTROL.test(p) || p.length > 4096) throw new Expected('absolute paths (one per line), like /var/lib/containerd');
    return p;
  }),
  'docker-timeout': timeout,
  'pull-timeout': timeout,
} satisfies Record<InputName, (s: string) => unknown>;

type Parsed = { [K in keyof typeof FIELDS]: ReturnType<(typeof FIELDS)[K]> };

/** No input has a reason to be longer (a compose-file list, a keep list): bigger is a mistake or an attack. */
export const MAX_INPUT_LENGTH = 65_536;

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
  /** warm: references always in the warm set, whatever the jobs asked for. */
  warmImages: string[];
  composeFiles: string[];
  pull: (typeof PULL_POLICIES)[number];
  keep: RegExp[];
  minAgeMs: number;
  keepWarmMs: number;
  stateDir: string;
  failOnEviction: boolean;
  minFree: FreeSpec | undefined;
  /** pre: ask the registry whether each warm image's tag still points at the local copy. */
  checkUpstream: boolean;
  /** pre: free space kept for the cold images, as a multiple of their download bytes (0 = off). */
  coldHeadroom: number;
  reportFile: string | undefined;
  metricsFile: string | undefined;
  dockerHost: string | undefined;
  /** A swarm manager to read services from (on a worker); undefined = the local engine. */
  managerHost: string | undefined;
  /** setup: the group of the CI runner users who share the state dir; undefined = the Docker socket's. */
  runnerGroup: string | undefined;
  /** Filesystems holding the image store besides DockerRootDir, named by the operator ([] = found). */
  storePaths: string[];
  /** Bound on every Docker request except pulls. */
  dockerTimeoutMs: number;
  /** Bound on each pull. */
  pullTimeoutMs: number;
}

/** Raw strings (unset or '' = default) → Config; throws InputError naming the first bad input. */
export function parseConfig(raw: RawInputs, defaultMode: Mode): Config {
  const withDefaults: Record<string, string> = {};
  for (const def of INPUTS) {
    const given = raw[def.name];
    withDefaults[def.name] = given !== undefined && given.trim() !== '' ? given : def.default;
  }
  if (withDefaults.mode === '') withDefaults.mode = defaultMode;
  for (const [name, value] of Object.entries(withDefaults)) {
    if (value.length > MAX_INPUT_LENGTH) throw new InputError(`invalid input '${name}': ${value.length} characters, expected at most ${MAX_INPUT_LENGTH}`);
    if (value.includes('\0')) throw new InputError(`invalid input '${name}': contains a NUL character`);
  }
  const v = {} as Record<string, unknown>;
  for (const [name, parse] of Object.entries(FIELDS) as [InputName, (s: string) => unknown][]) {
    const got = withDefaults[name] ?? '';
    try { v[name] = parse(got); } catch (e) {
      if (!(e instanceof Expected)) throw e;
      throw new InputError(`invalid input '${name}': got ${JSON.stringify(got.length > 120 ? `${got.slice(0, 117)}…` : got)}, expected ${e.message}`);
    }
  }
  return toConfig(v as Parsed);
}

function toConfig(v: Parsed): Config {
  let target = v.threshold - 10;
  if (v.target !== '') {
    // 0 is allowed when asked for: "evict every unprotected image once over the threshold"
    const t = /^\d+(\.\d+)?$/.test(v.target) ? Number(v.target) : NaN;
    if (!(t >= 0 && t < v.threshold)) {
      throw new InputError(`invalid input 'target': got ${JSON.stringify(v.target.slice(0, 40))}, expected a number from 0 to below the threshold (${v.threshold})`);
    }
    target = t;
  } else if (target < 1) {
    throw new InputError(`invalid input 'threshold': with ${v.threshold}, the default target (threshold - 10) would be ${target}%; set 'target' to a number from 0 to below ${v.threshold}`);
  }
  return {
    mode: v.mode,
    threshold: v.threshold,
    target,
    untilMs: v.until,
    stackPattern: v['stack-pattern'],
    stuckAfterMs: v['stuck-after'],
    dryRun: v['dry-run'],
    images: v.images,
    warmImages: v['warm-images'],
    composeFiles: v['compose-files'],
    pull: v.pull,
    keep: v.keep,
    minAgeMs: v['min-age'],
    keepWarmMs: v['keep-warm'],
    stateDir: v['state-dir'],
    failOnEviction: v['fail-on-eviction'],
    minFree: v['min-free'],
    checkUpstream: v['check-upstream'],
    coldHeadroom: v['cold-headroom'],
    reportFile: v['report-file'],
    metricsFile: v['metrics-file'],
    dockerHost: v['docker-host'],
    managerHost: v['manager-host'],
    runnerGroup: v['runner-group'],
    storePaths: v['store-paths'],
    dockerTimeoutMs: v['docker-timeout'],
    pullTimeoutMs: v['pull-timeout'],
  };
}
