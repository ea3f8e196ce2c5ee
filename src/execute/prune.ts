/**
 * Runs the three prunes in order, re-checking the safety gates (live stacks, converging
 * services) right before each one: if a deploy started meanwhile, it stops there.
 */
import type { Engine } from '../docker/engine.js';
import { PRUNE_KINDS, type PruneKind } from '../docker/writer.js';
import type { GateVerdict } from '../gates/gates.js';

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

export async function executePrune(engine: Engine, untilMs: number, hooks: PruneHooks): Promise<PruneExecution> {
  const steps: PruneStepResult[] = [];
  for (const kind of PRUNE_KINDS) {
    await hooks.beforeStep?.(kind);
    const verdict = await hooks.recheck();
    if (!verdict.open) return { steps, stoppedBefore: kind, stoppedBy: verdict };
    const t0 = performance.now();
    const step: PruneStepResult = { kind, ...await engine.write.prune(kind, untilMs), durationMs: 0 };
    step.durationMs = Math.round(performance.now() - t0);
    steps.push(step);
    hooks.onStep(step);
  }
  return { steps, stoppedBefore: undefined, stoppedBy: undefined };
}
