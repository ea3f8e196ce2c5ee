/**
 * The gates (pure): prune only when ALL are open. Order matters for the report: the first
 * closed gate is "the" gate output. Swarm visibility first — without it the service gates
 * cannot be evaluated and we fail closed.
 */
import type { Config } from '../inputs/config.js';
import { formatBytes, formatDuration } from '../inputs/units.js';
import { needsRoom, type Goal } from '../plan/goal.js';
import type { Snapshot } from '../snapshot/types.js';
import type { ServiceInfo } from '../model/host.js';

/** Every gate there is, in the order they are judged and reported (`lock` is taken last, by the executor). */
export const GATE_NAMES = ['swarm-role', 'disk', 'stacks', 'converging', 'lock'] as const;
export type GateName = (typeof GATE_NAMES)[number];
/** Re-judged right before every removal (execute/safety.ts): a deploy that started meanwhile stops the run. */
export const SAFETY_GATES = ['stacks', 'converging'] as const satisfies readonly GateName[];

export interface GateResult {
  name: GateName;
  open: boolean;
  /** One human line: the value and why it opens or closes. */
  detail: string;
}

export interface GateVerdict {
  open: boolean;
  /** `open`, or the name of the first closed gate. */
  gate: 'open' | GateName;
  gates: GateResult[];
  /** Services unmet for longer than `stuck-after`: warned about, not holding the gate. */
  stuck: ServiceInfo[];
}

/** What the gates judge by: the run's goal (its disk gate) and the service rules. */
export type GateRules = Pick<Config, 'stackPattern' | 'stuckAfterMs'> & { goal: Goal };

/** Update states in which the swarm is still (or stopped half-way) moving a service. */
const UNSETTLED_UPDATE = new Set(['updating', 'paused', 'rollback_started', 'rollback_paused']);

export function evaluateGates(snap: Pick<Snapshot, 'swarm' | 'services' | 'servicesError' | 'disk' | 'diskError'>,
  config: GateRules, nowMs: number, only?: readonly GateName[]): GateVerdict {
  const gates: GateResult[] = [];
  const want = (g: GateName): boolean => !only || only.includes(g);
  let stuck: ServiceInfo[] = [];

  if (want('swarm-role')) gates.push(swarmRoleGate(snap));
  if (want('disk')) gates.push(diskGate(snap, config.goal));
  const services = snap.services ?? [];
  if (want('stacks')) gates.push(stacksGate(services, config.stackPattern, snap.services !== undefined));
  if (want('converging')) {
    const r = convergingGate(services, config.stuckAfterMs, nowMs, snap.services !== undefined);
    gates.push(r.gate);
    stuck = r.stuck;
  }
  const closed = gates.find((g) => !g.open);
  return { open: !closed, gate: closed ? closed.name : 'open', gates, stuck };
}

function swarmRoleGate(snap: Pick<Snapshot, 'swarm' | 'servicesError' | 'services'>): GateResult {
  const { swarm } = snap;
  if (swarm.managerHost) {
    // a worker (or any node) reading the cluster's services from a manager
    if (snap.services !== undefined && !snap.servicesError) return { name: 'swarm-role', open: true, detail: `services read from the manager at ${swarm.managerHost}` };
    return { name: 'swarm-role', open: false, detail: `${snap.servicesError ?? 'services cannot be listed'}; failing closed` };
  }
  if (swarm.manager) return { name: 'swarm-role', open: true, detail: 'swarm manager: services visible' };
  if (swarm.state === 'inactive') return { name: 'swarm-role', open: true, detail: 'swarm not initialised: no services can be live' };
  return { name: 'swarm-role', open: false, detail: `${snap.servicesError ?? 'services cannot be listed'}; failing closed (set manager-host to a manager's address, or run on a manager)` };
}

function diskGate(snap: Pick<Snapshot, 'disk' | 'diskError'>, goal: Goal): GateResult {
  const d = snap.disk;
  if (!d) return { name: 'disk', open: false, detail: `${snap.diskError ?? 'disk usage unknown'}; failing closed` };
  const open = needsRoom(d, goal);
  // a job's min-free: the real goal, in bytes, instead of the watermarks
  if (goal.kind === 'free-bytes') return { name: 'disk', open, detail: `need ${formatBytes(goal.bytes)} free, have ${formatBytes(d.availBytes)}` };
  const which = d.inodesPercent > d.bytesPercent ? 'inodes' : 'bytes';
  const values = `${d.usedPercent}% used (${which}; bytes ${d.bytesPercent}%, inodes ${d.inodesPercent}%)`;
  return { name: 'disk', open, detail: `${values} ${open ? '≥' : '<'} threshold ${goal.threshold}%` };
}

function stacksGate(services: ServiceInfo[], pattern: RegExp, visible: boolean): GateResult {
  if (!visible) return { name: 'stacks', open: false, detail: 'services not visible; failing closed' };
  const live = services.filter((s) => matchesStack(s.name, pattern));
  if (live.length === 0) return { name: 'stacks', open: true, detail: `no service matches ${pattern.source}` };
  const names = live.map((s) => s.name);
  return { name: 'stacks', open: false, detail: `${live.length} run-app service(s) live: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}` };
}

/** Anchored at the start of the service name whether or not the pattern says `^`. */
export function matchesStack(name: string, pattern: RegExp): boolean {
  const m = pattern.exec(name);
  return m !== null && m.index === 0;
}

/** Why a service is not settled, or undefined when it is. */
export function unsettledReason(s: ServiceInfo): string | undefined {
  if (s.updateState && UNSETTLED_UPDATE.has(s.updateState)) return `update ${s.updateState}`;
  if (s.running < s.desired) return `${s.running}/${s.desired} tasks running`;
  return undefined;
}

function convergingGate(services: ServiceInfo[], stuckAfterMs: number, nowMs: number, visible: boolean): { gate: GateResult; stuck: ServiceInfo[] } {
  if (!visible) return { gate: { name: 'converging', open: false, detail: 'services not visible; failing closed' }, stuck: [] };
  const converging: string[] = [];
  const stuck: ServiceInfo[] = [];
  for (const s of services) {
    const why = unsettledReason(s);
    if (!why) continue;
    const since = nowMs - s.updatedMs;
    if (stuckAfterMs > 0 && since > stuckAfterMs) stuck.push(s);
    else converging.push(`${s.name} (${why}, ${formatDuration(since)} since last change)`);
  }
  const stuckNote = stuck.length ? `; ${stuck.length} stuck service(s) not holding the gate` : '';
  if (converging.length === 0) return { gate: { name: 'converging', open: true, detail: `no service converging${stuckNote}` }, stuck };
  return { gate: { name: 'converging', open: false, detail: `${converging.length} service(s) converging: ${converging.slice(0, 5).join(', ')}${stuckNote}` }, stuck };
}
