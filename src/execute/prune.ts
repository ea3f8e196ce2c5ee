/**
 * Runs the three prunes in order, re-checking the safety gates (live stacks, converging
 * services) right before each one: if a deploy started meanwhile, it stops there.
 */
import type { Docker } from '../docker/cli.js';
import type { GateVerdict } from '../gates/gates.js';
import { parseBytes } from '../inputs/units.js';
import { PRUNE_KINDS, pruneCommand, type PruneKind } from './commands.js';

export interface PruneStepResult {
  kind: PruneKind;
  /** Ids docker reports as deleted (containers, image ids; build cache record ids). */
  deleted: string[];
  reclaimedBytes: number;
  durationMs: number;
  error: string | undefined;
}

export interface PruneExecution {
  steps: PruneStepResult[];
  /** Set when a re-check closed a gate: the run stopped before `stoppedBefore`. */
  stoppedBefore: PruneKind | undefined;
  stoppedBy: GateVerdict | undefined;
}

export interface PruneHooks {
  /** Re-evaluates the safety gates from fresh docker state. */
  recheck(): Promise<GateVerdict>;
  /** Called before each re-check (tests use it to start a deploy at the worst moment). */
  beforeStep?(kind: PruneKind): Promise<void>;
  /** Records a step's removals the moment docker answers, before the next request. */
  onStep(step: PruneStepResult): void;
}

export async function executePrune(docker: Docker, untilMs: number, hooks: PruneHooks): Promise<PruneExecution> {
  const steps: PruneStepResult[] = [];
  for (const kind of PRUNE_KINDS) {
    await hooks.beforeStep?.(kind);
    const verdict = await hooks.recheck();
    if (!verdict.open) return { steps, stoppedBefore: kind, stoppedBy: verdict };
    const t0 = performance.now();
    const r = await docker.destroy(pruneCommand(kind, untilMs));
    const step: PruneStepResult = {
      kind,
      ...parsePruneOutput(r.stdout),
      durationMs: Math.round(performance.now() - t0),
      error: r.exitCode === 0 ? undefined : r.stderr.trim() || `exit ${r.exitCode}`,
    };
    steps.push(step);
    hooks.onStep(step);
  }
  return { steps, stoppedBefore: undefined, stoppedBy: undefined };
}

/**
 * Docker prints the deleted objects, then `Total reclaimed space: 1.98MB`. Image prunes list
 * `untagged: …` and `deleted: sha256:…` lines; we keep the ids of deleted objects.
 */
export function parsePruneOutput(stdout: string): { deleted: string[]; reclaimedBytes: number } {
  const deleted: string[] = [];
  let reclaimedBytes = 0;
  for (const raw of stdout.split('\n')) {
    const line = raw.trim();
    const total = /^Total reclaimed space:\s*(.+)$/.exec(line);
    if (total) { reclaimedBytes = parseBytes(total[1]!) ?? 0; continue; }
    const del = /^deleted:\s*(sha256:[0-9a-f]{64})$/i.exec(line);
    if (del) { deleted.push(del[1]!); continue; }
    if (/^[0-9a-z]{20,}$/.test(line)) deleted.push(line); // container ids, build cache ids
  }
  return { deleted, reclaimedBytes };
}
