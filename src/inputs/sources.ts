/**
 * Where raw input strings come from. One bundle, four callers:
 * - GitHub/Forgejo Actions: `INPUT_<NAME>` (name upper-cased, hyphens kept), main vs post step
 *   told apart by `STATE_isPost` (saved by the main step),
 * - Drone/Woodpecker plugin steps: `PLUGIN_<NAME>` (hyphens as underscores),
 * - a shell / the NixOS unit: `ci-docker-prune <mode> [--name value | --name=value | --flag]`.
 * Precedence: CLI flag, then INPUT_*, then PLUGIN_*, then the default.
 */
import { INPUTS, type InputName } from './definitions.js';
import { InputError, type RawInputs } from './config.js';
import { detectRunner, type RunnerName } from '../runtime/runner.js';

export interface Invocation {
  /** Who called (runtime/runner.ts): its default mode, output and job state follow from it. */
  caller: RunnerName;
  raw: RawInputs;
  help: boolean;
  version: boolean;
  /** Unknown INPUT_ and PLUGIN_ names (a misspelt setting silently falls back to its default). */
  warnings: string[];
}

type Env = Record<string, string | undefined>;

const byName = new Map<string, (typeof INPUTS)[number]>(INPUTS.map((d) => [d.name, d]));

/** Parses argv (without node and script) into raw inputs. */
export function parseArgv(argv: readonly string[]): { raw: RawInputs; help: boolean; version: boolean } {
  const raw: RawInputs = {};
  let help = false;
  let version = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') { help = true; continue; }
    if (arg === '--version') { version = true; continue; }
    if (!arg.startsWith('--')) {
      if (raw.mode !== undefined) throw new InputError(`unexpected argument ${JSON.stringify(arg)}: the mode is already ${JSON.stringify(raw.mode)}`);
      raw.mode = arg;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const def = byName.get(name);
    if (!def) throw new InputError(`unknown option --${name} (see --help for the list)`);
    let value: string;
    if (eq !== -1) {
      value = arg.slice(eq + 1);
      // `--dry-run=` must not quietly mean the default (a real prune)
      if (value === '') throw new InputError(`option --${name} needs a value (got an empty one)`);
    }
    else if ('flag' in def && def.flag && (argv[i + 1] === undefined || argv[i + 1]!.startsWith('--'))) value = 'true';
    else {
      const next = argv[i + 1];
      if (next === undefined) throw new InputError(`option --${name} needs a value`);
      if (next === '') throw new InputError(`option --${name} needs a value (got an empty one)`);
      value = next;
      i++;
    }
    // repeated list options add lines (--images a --images b); a single value: the last one wins
    const prev = raw[def.name as InputName];
    raw[def.name as InputName] = prev !== undefined && 'list' in def && def.list ? `${prev}\n${value}` : value;
  }
  return { raw, help, version };
}

function fromEnv(env: Env, key: (name: string) => string): RawInputs {
  const raw: RawInputs = {};
  for (const def of INPUTS) {
    const v = env[key(def.name)];
    if (v !== undefined && v !== '') raw[def.name] = v;
  }
  return raw;
}

const actionsKey = (n: string): string => `INPUT_${n.toUpperCase()}`;
const pluginKey = (n: string): string => `PLUGIN_${n.toUpperCase().replace(/-/g, '_')}`;

/** Edit distance (Levenshtein), for "did you mean". */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** A name reduced to its letters and digits: `DRY_RUN`, `DRYRUN`, `dry-run` and `Dry_Run` are one. */
const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** How an INPUT_/PLUGIN_ variable that names no input is handled. */
export type UnknownSetting =
  /** Spelt differently (separators, case): read as the input it spells. */
  | { kind: 'alias'; variable: string; input: InputName }
  /** A near miss of an input (edit distance 1–2): it may have been meant, so the run stops. */
  | { kind: 'near-miss'; variable: string; input: InputName; expected: string }
  /** Nothing like any input: ignored, with a warning. */
  | { kind: 'unknown'; variable: string; closest: { input: InputName; variable: string } | undefined };

/**
 * Every INPUT_ or PLUGIN_ variable that names no input, classified. A misspelt setting must
 * never change what a run does in silence: `PLUGIN_DRYRUN=true` silently meant a real prune.
 */
export function classifyUnknownSettings(env: Env): UnknownSetting[] {
  const found: UnknownSetting[] = [];
  for (const [prefix, key] of [['INPUT_', actionsKey], ['PLUGIN_', pluginKey]] as const) {
    const known = new Map(INPUTS.map((d) => [key(d.name), d.name as InputName]));
    const bySquash = new Map(INPUTS.map((d) => [squash(d.name), d.name as InputName]));
    for (const variable of Object.keys(env)) {
      if (!variable.startsWith(prefix) || known.has(variable)) continue;
      const alias = bySquash.get(squash(variable.slice(prefix.length)));
      // Actions sets INPUT_<NAME> for every declared input, its default when not given: there an
      // alias would lose to the default in silence (`with: {dry_run: true}` a real prune), so it stops the run
      if (alias && prefix === 'INPUT_') { found.push({ kind: 'near-miss', variable, input: alias, expected: key(alias) }); continue; }
      if (alias) { found.push({ kind: 'alias', variable, input: alias }); continue; }
      const [closest] = [...known].map(([k, n]) => ({ input: n, variable: k, d: distance(variable, k) })).sort((a, b) => a.d - b.d);
      if (closest && closest.d <= 2) found.push({ kind: 'near-miss', variable, input: closest.input, expected: closest.variable });
      else found.push({ kind: 'unknown', variable, closest: closest && closest.d <= 4 ? { input: closest.input, variable: closest.variable } : undefined });
    }
  }
  return found;
}

/** One warning per variable ignored or read under another spelling (at most 20). */
export function unknownInputWarnings(env: Env): string[] {
  return classifyUnknownSettings(env).flatMap((u) => {
    if (u.kind === 'alias') return [`${u.variable.slice(0, 80)} is read as input '${u.input}' (its usual spelling is ${u.variable.startsWith('INPUT_') ? actionsKey(u.input) : pluginKey(u.input)})`];
    if (u.kind === 'near-miss') return [];
    const hint = u.closest ? `; did you mean ${u.closest.variable} (input '${u.closest.input}')?` : '';
    return [`${u.variable.slice(0, 80)} is not an input of ci-docker-prune and is ignored${hint}`];
  }).slice(0, 20);
}

/** Works out who called us and merges their raw inputs. */
export function readInvocation(argv: readonly string[], env: Env): Invocation {
  const cli = parseArgv(argv);
  const unknown = classifyUnknownSettings(env);
  const miss = unknown.find((u) => u.kind === 'near-miss');
  if (miss && miss.kind === 'near-miss') {
    throw new InputError(`${miss.variable.slice(0, 80)} is not an input of ci-docker-prune; did you mean ${miss.expected} (input '${miss.input}')? Stopping before any Docker request: a misspelt setting must not change what the run does`);
  }
  // a differently spelt plugin setting is read as the input it spells (Drone and Woodpecker set no defaults)
  const aliases: Env = Object.fromEntries(unknown.flatMap((u) => (u.kind === 'alias'
    ? [[u.variable.startsWith('INPUT_') ? actionsKey(u.input) : pluginKey(u.input), env[u.variable]]] : [])));
  const actions = { ...fromEnv(aliases, actionsKey), ...fromEnv(env, actionsKey) };
  const plugin = { ...fromEnv(aliases, pluginKey), ...fromEnv(env, pluginKey) };
  const raw: RawInputs = { ...plugin, ...actions, ...cli.raw };
  const caller = detectRunner(argv, env, Object.keys(plugin).length > 0);
  return { caller, raw, help: cli.help, version: cli.version, warnings: unknownInputWarnings(env) };
}
