/** Human lines for logs (terminal, journal, Actions log). */
import type { GateResult } from '../gates/gates.js';
import { formatBytes } from '../inputs/units.js';
import type { PlannedRemoval } from '../plan/prune-plan.js';
import type { Snapshot } from '../snapshot/types.js';
import type { Disk } from '../model/host.js';
import type { LedgerLoad } from '../ledger/store.js';
import type { EvictionSkip } from '../execute/evict.js';
import type { Inventory } from './types.js';

/**
 * The disk the gates read, and where the image store spans several filesystems, which one it
 * is and how full the others are: `disk /var/lib/containerd (containerd root, the fullest of 2): …`.
 */
export function describeDisk(d: Disk | undefined, error?: string, all: readonly Disk[] = []): string {
  if (!d) return `disk: unknown (${error ?? 'not measured'})`;
  const others = all.filter((x) => x.path !== d.path);
  const which = others.length ? ` (${d.holds ?? 'DockerRootDir'}, the fullest of ${others.length + 1})` : '';
  const also = others.map((x) => `; also ${x.path} (${x.holds ?? 'DockerRootDir'}) ${x.usedPercent}%`).join('');
  return `disk ${d.path}${which}: ${formatBytes(d.usedBytes)} of ${formatBytes(d.usedBytes + d.availBytes)} used (${d.bytesPercent}%), ` +
    `${formatBytes(d.availBytes)} free; inodes ${d.inodesPercent}%${also}`;
}

export function describeImages(i: Inventory): string {
  return i.danglingImages === undefined || i.imageBytes === undefined ? `images ${i.images} (counted, not listed)`
    : `images ${i.images} (${i.danglingImages} dangling, ${formatBytes(i.imageBytes)})`;
}

export function describeInventory(i: Inventory): string {
  const parts = [
    describeImages(i),
    `containers ${i.containers} (${i.runningContainers} running)`,
    `services ${i.services ?? 'n/a'}`,
    `volumes ${i.volumes}`,
    `networks ${i.networks}`,
  ];
  if (i.buildCacheBytes !== undefined) parts.push(`build cache ${formatBytes(i.buildCacheBytes)}`);
  return parts.join(' · ');
}

export function describeDaemon(s: Snapshot): string {
  const role = s.swarm.manager ? 'swarm manager' : s.swarm.state === 'active' ? 'swarm worker' : `swarm ${s.swarm.state}`;
  const services = s.swarm.managerHost ? `, services from the manager at ${s.swarm.managerHost}` : '';
  const mirrors = s.daemon.mirrors.length ? `, mirrors ${s.daemon.mirrors.join(' ')}` : '';
  return `daemon ${s.daemon.serverVersion} (${s.daemon.driver}) at ${s.daemon.rootDir} on ${s.daemon.name}, ${role}${services}${mirrors}`;
}

export function describeGates(gates: GateResult[]): string[] {
  const width = Math.max(...gates.map((g) => g.name.length));
  return gates.map((g) => `${g.open ? '✓' : '✗'} ${g.name.padEnd(width)}  ${g.detail}`);
}

export function describePlan(plan: PlannedRemoval[]): string[] {
  if (plan.length === 0) return ['nothing old enough to remove'];
  return plan.map((p) => `${p.kind.padEnd(9)} ${p.label}${p.bytes ? ` (${formatBytes(p.bytes)})` : ''}: ${p.reason}`);
}

/**
 * What loading the ledger found, for the log or a warning (undefined: nothing to say). `later`:
 * this run does not rebuild it (a look without the image list leaves the file as it is).
 */
export function describeLedgerLoad(load: LedgerLoad, rebuild: 'now' | 'later' = 'now'): string | undefined {
  if (load.kind === 'missing') return 'no usage ledger yet: every image counts as used now';
  if (load.kind === 'ok') {
    if (!load.dropped) return undefined;
    const what = [load.dropped.images ? `${load.dropped.images} image entr${load.dropped.images === 1 ? 'y' : 'ies'}` : '', load.dropped.marks ? `${load.dropped.marks} job mark${load.dropped.marks === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ');
    return `the usage ledger held ${what} with an impossible time (not a finite time since 2020, in the future, or a mark further ahead than a job's hold): dropped, the rest kept`;
  }
  const why = { 'not-json': 'is corrupt (not JSON)', 'bad-shape': `is unreadable (${load.detail})`, 'too-big': `is refused (${load.detail})`, 'not-a-file': `is refused (${load.detail})`, unreadable: `cannot be read (${load.detail})` }[load.why];
  return `the usage ledger ${why}: ${rebuild === 'now' ? 'rebuilt, every image counts as used now' : 'left as it is until a run lists the images and rebuilds it'}`;
}

const PROTECTED_NOW = { 'in-use': 'a container or a service now uses it', job: 'a job marked it needed', keep: 'keep matches it' } as const;

/** Why a planned eviction did not happen, in a warning: `docker refused to remove a:1 (…); already removed: b:1`. */
export function describeSkip(s: EvictionSkip): string {
  if (s.why === 'gone') return 'already gone';
  if (s.why === 'protected') return `${PROTECTED_NOW[s.by]} (since the plan was made)`;
  const done = s.alreadyRemoved.length ? `; already removed: ${s.alreadyRemoved.join(', ')}` : '';
  return `docker refused to remove ${s.ref ?? 'it'} (${s.message})${done}`;
}

/** The same as a reason in the report's list of kept images. */
export function skipReason(s: EvictionSkip): string {
  return s.why === 'gone' ? 'already gone' : s.why === 'protected' ? PROTECTED_NOW[s.by] : 'docker refused to remove it';
}
