/**
 * Runs a planned LRU eviction: one `docker image rm <id>` at a time (never forced). Each removal
 * happens under the host step lock, right after re-reading everything that protects images
 * (containers in any state, every service's spec and previous spec, the jobs' marks in the
 * ledger) and the safety gates: a service created or a pre step's mark written while the
 * eviction runs protects its image from the next removal on. Every removal is recorded before
 * the next request; the disk is re-measured after each and the eviction stops at the target, or,
 * once only soft protections are left to yield, as soon as the disk is under the threshold.
 */
import type { GateRules } from '../gates/gates.js';
import type { Config } from '../inputs/config.js';
import { allMarks, type Ledger } from '../ledger/ledger.js';
import { loadedLedger, loadLedger } from '../ledger/store.js';
import { hardProtection, type HardProtection } from '../plan/lru.js';
import { reached } from '../plan/goal.js';
import type { PlannedRemoval } from '../plan/prune-plan.js';
import type { Engine } from '../docker/engine.js';
import { measureFullest } from '../snapshot/store-disks.js';
import { readContainers, readImages } from '../snapshot/snapshot.js';
import { recheckSafety } from './safety.js';
import { repositoryOf } from '../snapshot/references.js';
import type { Snapshot } from '../snapshot/types.js';
import type { ImageInfo } from '../model/host.js';

/** Why a planned removal did not happen: a kind, phrased by report/text.ts. */
export type EvictionSkip =
  | { why: 'gone' }
  | { why: 'protected'; by: HardProtection }
  /** Docker refused (`ref`: the reference it refused, when removed reference by reference). */
  | { why: 'refused'; ref: string | undefined; message: string; alreadyRemoved: string[] };

export type EvictionEvent =
  | { kind: 'removed'; item: PlannedRemoval; diskPercent: number | undefined }
  | { kind: 'skipped'; item: PlannedRemoval; skip: EvictionSkip }
  | { kind: 'stopped'; item: PlannedRemoval; why: string; gate: string };

export interface EvictionDeps {
  engine: Engine;
  config: Pick<Config, 'keep' | 'stateDir'>;
  /** The safety gates' rules, and the goal the eviction stops at. */
  rules: GateRules;
  /** The ledger this run holds in memory (its marks count even when the disk one is stale). */
  ledger: Ledger;
  /** Swarm and disk facts the gates need (services are re-read). */
  snap: Pick<Snapshot, 'swarm' | 'services' | 'servicesError' | 'disk' | 'disks' | 'diskError' | 'daemon'>;
  now(): number;
  /** Runs `fn` under the host step lock. */
  underStepLock<T>(fn: () => Promise<T>): Promise<T>;
  /** Called for each outcome the moment it is known (the report records it there). */
  onEvent(e: EvictionEvent): void;
}


/**
 * Removes one image, never forced; returns why Docker refused, or undefined. By id only when it
 * has one tag in one repository: Docker refuses an id referenced in several repositories
 * (`mariadb:10.11`, `mirror.example/library/mariadb:10.11`), and several tags of one repository
 * (`app:1`, `app:latest`: seen on 20.10 classic and 28.5 containerd) "must be forced". Such an
 * image goes reference by reference, with its last one; each tag is checked to still name this
 * image right before its removal, so a tag a job moved meanwhile cannot take the job's new image
 * with it. A refusal part-way (a container started from it meanwhile) keeps the image and says
 * which references were already removed. On the containerd store an image goes with its last
 * tag, before its digest references are reached: a "No such image" for one of those is success
 * once the image is seen gone.
 */
async function removeImage(engine: Engine, img: ImageInfo): Promise<Extract<EvictionSkip, { why: 'refused' }> | undefined> {
  const refs = [...img.tags, ...img.digests];
  if (img.tags.length <= 1 && new Set(refs.map(repositoryOf)).size <= 1) {
    const refused = await engine.write.removeImage(img.id);
    return refused && { why: 'refused', ref: undefined, message: refused.message, alreadyRemoved: [] };
  }
  const done: string[] = [];
  for (const ref of refs) {
    // a tag a job moved meanwhile (a build, a pull) names another image now: never removed with this one
    if (img.tags.includes(ref)) {
      const names = await engine.read.imageIdOf(ref);
      if (names !== undefined && names !== img.id) return { why: 'refused', ref, message: `${ref} names another image now (${names.slice(7, 19)})`, alreadyRemoved: done };
    }
    const refused = await engine.write.removeImageRef(ref);
    if (refused?.noSuchImage && done.length > 0 && !await engine.read.imageExists(img.id)) return undefined;
    if (refused) return { why: 'refused', ref, message: refused.message, alreadyRemoved: done };
    done.push(ref);
  }
  return undefined;
}

export async function executeEviction(plan: readonly PlannedRemoval[], deps: EvictionDeps): Promise<void> {
  const { engine, config } = deps;
  for (const [n, item] of plan.entries()) {
    const done = await deps.underStepLock(async (): Promise<boolean> => {
      const [images, containers, { closed, services }, stored] = await Promise.all([
        readImages(engine, deps.snap.daemon.imageStore), readContainers(engine), recheckSafety(engine, deps.snap, deps.rules, deps.now), loadLedger(config.stateDir, deps.now()),
      ]);
      if (closed) {
        deps.onEvent({ kind: 'stopped', item, gate: closed.name, why: `gate ${closed.name} closed (${closed.detail})` });
        return true;
      }
      const nowMs = deps.now();
      if (!images.some((i) => i.id === item.id)) {
        deps.onEvent({ kind: 'skipped', item, skip: { why: 'gone' } });
        return false;
      }
      const marks = allMarks(loadedLedger(stored), deps.ledger);
      const by = hardProtection(item.id, { images, containers, services: services ?? [], ledger: { marks }, keep: config.keep, nowMs });
      if (by) {
        deps.onEvent({ kind: 'skipped', item, skip: { why: 'protected', by } });
        return false;
      }
      const refusal = await removeImage(engine, images.find((i) => i.id === item.id)!);
      if (refusal) {
        // e.g. a job started a container from it a moment ago: docker refuses, and so do we
        deps.onEvent({ kind: 'skipped', item, skip: refusal });
        return false;
      }
      const disk = deps.snap.disk ? await measureFullest(deps.snap.disks).catch(() => undefined) : undefined;
      deps.onEvent({ kind: 'removed', item, diskPercent: disk?.usedPercent });
      // stop by what is measured, in the run's own terms
      return disk !== undefined && reached(disk, deps.rules.goal, plan[n + 1]);
    });
    if (done) return;
  }
}
