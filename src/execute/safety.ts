/**
 * The one safety re-check: right before every removal (each prune, each evicted image), the
 * services are read again and the safety gates judged on them, so a deploy or a converging
 * service that appeared since the run's first look stops the run there. Both executors call it.
 */
import type { Engine } from '../docker/engine.js';
import { evaluateGates, SAFETY_GATES, type GateResult, type GateRules } from '../gates/gates.js';
import type { ServiceInfo } from '../model/host.js';
import { rereadServices } from '../snapshot/snapshot.js';
import type { Snapshot } from '../snapshot/types.js';

/** What the safety gates are judged on besides the services (which are read again). */
export type SafetyFacts = Pick<Snapshot, 'swarm' | 'services' | 'servicesError' | 'disk' | 'diskError'>;

export interface SafetyRecheck {
  /** The first safety gate that is closed now, or undefined: the removal may go ahead. */
  closed: GateResult | undefined;
  /** The services as just read (undefined: not visible, which closes the gates). */
  services: ServiceInfo[] | undefined;
}

export async function recheckSafety(engine: Engine, snap: SafetyFacts, rules: GateRules, now: () => number): Promise<SafetyRecheck> {
  const services = await rereadServices(engine, snap);
  const closed = evaluateGates({ ...snap, services }, rules, now(), SAFETY_GATES).gates.find((g) => !g.open);
  return { closed, services };
}
