/**
 * Runs the three prunes in order, re-checking the safety gates (live stacks, converging
 * services) right before each one: if a deploy started meanwhile, it stops there.
 */
import type { Engine } from '../docker/engine.js';
import { PRUNE_KINDS, type PruneKind } from '../docker/writer.js';
import type { GateResult, GateRules } from '../gates/gates.js';
import { recheckSafety, type SafetyFacts } from './safety.js';

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
  stoppedBy: GateResult | undefined;
}

/** What the safety re-check before each prune judges by (execute/safety.ts). */
export interface PruneSafety { facts: SafetyFacts; rules: GateRules; now(): number }

export interface PruneHooks {
  /** Called before each re-check (tests use it to start a deploy at the worst moment). */
  beforeStep?(kind: PruneKind): Promise<void>;
  /** Records a step's removals the moment docker answers, before the next request. */
  onStep(step: PruneStepResult): void;
}

export async function executePrune(engine: Engine, untilMs: number, safety: PruneSafety, hooks: PruneHooks): Promise<PruneExecution> {
  const steps: PruneStepResult[] = [];
  for (const kind of PRUNE_KINDS) {
    await hooks.beforeStep?.(kind);
    const { closed } = await recheckSafety(engine, safety.facts, safety.rules, safety.now);
    if (closed) return { steps, stoppedBefore: kind, stoppedBy: closed };
    const t0 = performance.now();
    const step: PruneStepResult = { kind, ...await engine.write.prune(kind, untilMs), durationMs: 0 };
    step.durationMs = Math.round(performance.now() - t0);
    steps.push(step);
    hooks.onStep(step);
  }
  return { steps, stoppedBefore: undefined, stoppedBy: undefined };
}
