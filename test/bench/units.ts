/**
 * Evaluates nix/module.nix (with test/nix/eval.nix: the real module system, nixpkgs' lib) and renders the systemd unit files the way
 * NixOS writes them, so tests can check them with systemd-analyze and run their ExecStart.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './paths.js';

export interface NixEval {
  options: Record<string, { type: string; default: unknown; hasDescription: boolean }>;
  config: { systemd?: { services: Record<string, ServiceDef>; timers: Record<string, TimerDef> } };
  topLevel: string[];
  warnings: string[];
}
interface ServiceDef { description: string; documentation: string[]; after: string[]; requires: string[]; restartIfChanged: boolean; path: string[]; serviceConfig: Record<string, unknown> }
interface TimerDef { description: string; wantedBy: string[]; timerConfig: Record<string, unknown> }

/**
 * Where `<nixpkgs/lib>` comes from: a nixpkgs on NIX_PATH where the machine has one, else
 * nixpkgs' own lib in ../shared/nixpkgs (the workplace's copy; see its README). Never a
 * stand-in: without either the evaluation fails loudly.
 */
export function nixpkgsArgs(env: NodeJS.ProcessEnv = process.env): string[] {
  if (/(^|:)nixpkgs=/.test(env.NIX_PATH ?? '')) return [];
  const shared = join(REPO, '..', 'shared', 'nixpkgs');
  if (!existsSync(join(shared, 'lib', 'default.nix'))) throw new Error(`no nixpkgs lib: NIX_PATH has no nixpkgs= and ${shared}/lib is missing`);
  return ['-I', `nixpkgs=${shared}`];
}

/** `nix-instantiate --eval` of the module with `settings` (fails loudly if nix is missing). */
export function evalModule(settings: Record<string, unknown>, paths: { nodejs?: string; package?: string; docker?: string; autoPrune?: string } = {}): NixEval {
  const args = ['--eval', '--strict', '--json', ...nixpkgsArgs(), join(REPO, 'test', 'nix', 'eval.nix'), '--argstr', 'settings', JSON.stringify(settings)];
  for (const [k, v] of Object.entries(paths)) if (v) args.push('--argstr', k, v);
  return JSON.parse(execFileSync('nix-instantiate', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as NixEval;
}

const value = (v: unknown): string => (typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v));
// as NixOS writes a unit: a list is one `Key=value` line per item (OnCalendar, ReadWritePaths …)
const section = (name: string, entries: Record<string, unknown>): string[] =>
  [`[${name}]`, ...Object.entries(entries).filter(([, v]) => v !== undefined)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${k}=${value(x)}`)), ''];

/** The unit files NixOS would write for the evaluated config. */
export function renderUnits(ev: NixEval): { service: string; timer: string } {
  const s = ev.config.systemd!.services['ci-docker-prune']!;
  const t = ev.config.systemd!.timers['ci-docker-prune']!;
  const path = s.path.map((p) => `${p}/bin`).join(':');
  const service = [
    ...section('Unit', { Description: s.description, Documentation: s.documentation, After: s.after, Requires: s.requires, 'X-RestartIfChanged': s.restartIfChanged }),
    ...section('Service', { Environment: `"PATH=${path}"`, ...s.serviceConfig }),
  ].join('\n');
  const timer = [
    ...section('Unit', { Description: t.description }),
    ...section('Timer', t.timerConfig),
    ...section('Install', { WantedBy: t.wantedBy }),
  ].join('\n');
  return { service, timer };
}

/** Splits an ExecStart line as systemd does for these (JSON-quoted, %% and $$ escaped) arguments. */
export function splitExecStart(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const m of line.matchAll(re)) {
    const raw = m[1] !== undefined ? JSON.parse(`"${m[1]}"`) as string : m[2]!;
    out.push(raw.replace(/%%/g, '%').replace(/\$\$/g, '$'));
  }
  return out;
}
