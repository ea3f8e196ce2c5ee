/**
 * `warm` (nightly, after the prune): brings back what tomorrow's jobs will ask for, so their
 * pulls are manifest checks, not downloads on their critical path. The warm set is what jobs
 * asked for (every pre step records it in the ledger) and what the operator names; each
 * reference costs one manifest request; a missing image or a moved tag is pulled, most valuable
 * per byte first, within the room under the target watermark minus min-free. It never removes
 * anything, never runs while a job is between its pre and post steps or a run-app stack is live
 * (both re-checked before every pull), and holds the host run lock for its pulls like a prune,
 * giving it up the moment a job's pre step marks what it needs: that job may need the lock to
 * make room, and a night pull must never fail it. A tag gone upstream is reported and left
 * alone: the next job's pull still fails, as it must.
 */
import { evaluateGates } from '../gates/gates.js';
import { acquireLock, RUN_LOCK_WAIT_MS, type Lock } from '../execute/lock.js';
import { recheckSafety } from '../execute/safety.js';
import { liveMarks } from '../ledger/ledger.js';
import { loadedLedger, loadLedger } from '../ledger/store.js';
import { formatBytes } from '../inputs/units.js';
import { minFreeBytes, roomUnderTarget } from '../plan/goal.js';
import { warmSet, withinBudget, type WarmCandidate, type WarmOption } from '../plan/warm-plan.js';
import { pull, upstreamState, type PullResult, type UpstreamState } from '../docker/registry.js';
import { DOCKER_CONCURRENCY, mapLimit } from '../runtime/pool.js';
import { describeGates } from '../report/text.js';
import type { WarmItem, WarmReport } from '../report/types.js';
import { measureFullest } from '../snapshot/store-disks.js';
import { pullEndpoints, type Endpoint } from '../snapshot/references.js';
import type { DockerCli } from '../docker/cli.js';
import type { Snapshot } from '../snapshot/types.js';
import { finish, gateRules, snapshotGroup, type ModeContext, type ModeResult } from './context.js';
import { goArch, isInsecure, neededImages } from './warmth.js';


export async function runWarm(ctx: ModeContext): Promise<ModeResult> {
  const { out, config } = ctx;
  // the operator's images first: a bad warm-images or compose file is exit 2 before any request
  const named = await neededImages({ images: config.warmImages, composeFiles: config.composeFiles }, ctx.env);
  const snap = await snapshotGroup(ctx, 'Docker host before warming');
  ctx.rec.before(snap);
  let budgetBytes = 0;
  let oneOffs: string[] = [];
  const skip = (why: string, items: WarmItem[] = []): ModeResult => {
    out.info(`not warming: ${why}`);
    ctx.rec.warm({ budgetBytes, items, grewBytes: 0, skipped: why, oneOffs });
    return finish(ctx, 0);
  };
  const ledger = loadedLedger(await loadLedger(config.stateDir, ctx.now()));
  const live = Object.keys(liveMarks(ledger, ctx.now()));
  if (live.length) return skip(`a job is between its pre and post steps (${live.length} live job mark(s)): its pulls would compete with this run's`);
  const verdict = evaluateGates(snap, gateRules(ctx), ctx.now(), ['swarm-role', 'stacks', 'converging']);
  await out.group(`Gates (${verdict.open ? 'all open' : `closed: ${verdict.gate}`})`, async () => { for (const l of describeGates(verdict.gates)) out.info(l); });
  ctx.rec.gates(verdict);
  if (!verdict.open) return skip(`gate ${verdict.gate} closed (${verdict.gates.find((g) => !g.open)?.detail})`);
  if (!snap.disk) return skip(`the disk cannot be measured (${snap.diskError}): no room can be known`);
  const minFree = minFreeBytes(config.minFree, snap.disk);
  budgetBytes = roomUnderTarget(snap.disk, config.target, minFree);
  const { candidates: set, oneOffs: once } = warmSet({ wanted: ledger?.wanted ?? {}, named, images: snap.images, nowMs: ctx.now(), halfLifeMs: config.keepWarmMs / 2 });
  oneOffs = once;
  if (once.length) out.info(`not in the warm set: ${describeOneOffs(once)}`);
  if (set.length === 0) {
    return skip(once.length ? `nothing to warm: every reference jobs asked for was asked for by one job only, and warm-images is empty`
      : 'nothing to warm: no job has asked for an image yet (pre steps record them) and warm-images is empty');
  }
  const budgetText = `${formatBytes(budgetBytes)} of room under the target ${config.target}%${minFree ? ` minus min-free ${formatBytes(minFree)}` : ''} on ${snap.disk.path}`;
  // no room: not one registry request (a pull could not follow; the job's own pull still checks
  // its tag), but what is missing here is named, as left out by the budget
  if (budgetBytes === 0) {
    const missing: WarmItem[] = set.filter((c) => !c.localId).map((c) => ({ ref: c.ref, why: c.why, local: false, state: 'over-budget', detail: 'no room under the target' }));
    if (missing.length) out.info(`left out by the budget: ${missing.length} reference(s) not present here (${missing.slice(0, 5).map((m) => m.ref).join(', ')}${missing.length > 5 ? ', …' : ''})`);
    return skip(`no room under the target: ${snap.disk.usedPercent}% used on ${snap.disk.path}, target ${config.target}%${minFree ? `, min-free ${formatBytes(minFree)}` : ''}`, missing);
  }

  const items = await warm(ctx, snap, set, budgetBytes, budgetText);
  const after = await snapshotGroup(ctx, 'Docker host after warming');
  ctx.rec.after(after);
  const grewBytes = Math.max(0, (after.disk?.usedBytes ?? 0) - snap.disk.usedBytes);
  const n = (s: WarmItem['state']): number => items.filter((i) => i.state === s).length;
  out.info(`warm: ${n('pulled')} pulled (${formatBytes(grewBytes)} on disk), ${n('current') + n('up-to-date')} already current, ${n('over-budget')} left out by the budget, ${n('gone')} gone upstream, ${n('unreachable') + n('failed') + n('denied')} failed, unreachable or refused${config.dryRun ? `, ${n('not-reached')} would be pulled (dry run)` : ''}`);
  const result: WarmReport = { budgetBytes, items, grewBytes, skipped: undefined, oneOffs };
  ctx.rec.warm(result);
  return finish(ctx, 0);
}

/** The one-offs in a line: how many, why they are left out, the first few by name. */
function describeOneOffs(refs: readonly string[]): string {
  const shown = refs.slice(0, 5).join(', ') + (refs.length > 5 ? `, and ${refs.length - 5} more` : '');
  return `${refs.length} reference(s) asked for by one job only (${shown}): a one-off is rarely asked for again, so no request and no pull for it; warm-images names one to warm it`;
}

/**
 * What the registry says of a reference, asked where the daemon's pull would go: through the
 * daemon's Docker Hub mirrors first (a host behind one may not reach Hub at all, and each Hub
 * manifest request counts against its pull limit), then the registry itself. The first that
 * serves the tag decides, as for the daemon's pull (a caching mirror may still serve a tag gone
 * upstream: so would the job's pull); when none serves it, one that says gone is reported
 * (never masked as unreachable), else one that refused, else unreachable.
 */
async function upstreamVia(cli: DockerCli, endpoints: readonly Endpoint[], arch: string): Promise<UpstreamState> {
  const failed: UpstreamState[] = [];
  for (const ep of endpoints) {
    const st = await upstreamState(cli, ep.ref, ep.insecure, arch);
    if (st.kind === 'ok') return st;
    failed.push(st);
  }
  return failed.find((s) => s.kind === 'gone') ?? failed.find((s) => s.kind === 'denied') ?? failed.at(-1)!;
}

/** A reference the registry answered for that a pull would change: missing here, or its tag moved (or cannot tell). */
type Option = WarmOption & { local: boolean };

/** Options that were not pulled, and why (a dry run, a stop, the host lock held). */
const notReached = (items: WarmItem[], rest: readonly Option[], detail: string): void => {
  for (const o of rest) items.push({ ref: o.ref, why: o.why, local: o.local, state: 'not-reached', bytes: o.bytes, detail });
};

/** Asks the registry about each reference, then pulls within the budget; every decision one line. */
async function warm(ctx: ModeContext, snap: Snapshot, set: WarmCandidate[], budget: number, budgetText: string): Promise<WarmItem[]> {
  const { out, config, engine } = ctx;
  const arch = goArch(snap);
  const insecure = (host: string): boolean => isInsecure(host, snap);
  const items: WarmItem[] = [];
  const options: Option[] = [];
  // layers grow when extracted (and the containerd store keeps both): the pull's disk cost estimate
  const expansion = Math.max(1, config.coldHeadroom);
  await out.group(`The warm set: ${set.length} reference(s), one manifest request each`, async () => {
    const states = await mapLimit(set, DOCKER_CONCURRENCY, (c) => upstreamVia(engine.cli, pullEndpoints(c.ref, snap.daemon.mirrors, insecure), arch));
    for (const [i, c] of set.entries()) {
      const st: UpstreamState = states[i]!;
      const local = c.localId ? snap.images.find((x) => x.id === c.localId) : undefined;
      const base = { ref: c.ref, why: c.why, local: local !== undefined };
      if (st.kind !== 'ok') {
        const item: WarmItem = { ...base, state: st.kind, detail: st.message };
        items.push(item);
        // a broken upstream is never masked: said, and the local copy (if any) left as it is
        ctx.rec.warn(st.kind === 'gone' ? `warm: ${c.ref} is gone upstream (${st.message}); left as it is locally, a job's pull of it will fail (${c.why})`
          : st.kind === 'denied' ? `warm: the registry of ${c.ref} refused the credentials, or shows no such repository to them (${st.message}); skipped: check the docker login the pulls use`
            : `warm: the registry of ${c.ref} did not answer (${st.message}); skipped`);
        continue;
      }
      // the tag's manifest is the local copy's (single platform), or this platform's config is the
      // local image (a multi-platform tag on the classic store, whose image id is its config's digest)
      if (local && ((st.digest && local.digests.some((d) => d.endsWith(`@${st.digest}`))) || (st.configDigest && local.id === st.configDigest))) {
        items.push({ ...base, state: 'current' });
        out.info(`= ${c.ref}: current upstream (${c.why})`);
        continue;
      }
      const bytes = Math.round((st.bytes ?? local?.sizeBytes ?? 0) * expansion);
      options.push({ ...c, bytes, local: local !== undefined });
      out.info(`${local ? '↻' : '+'} ${c.ref}: ${local ? (st.digest ? 'the tag moved upstream' : 'present; a multi-platform tag, its pull checks it') : 'not present locally'}, up to ${formatBytes(bytes)} on disk (${c.why})`);
    }
  });
  const { take, left } = withinBudget(options, budget);
  for (const o of left) {
    items.push({ ref: o.ref, why: o.why, local: o.local, state: 'over-budget', bytes: o.bytes });
    out.info(`− ${o.ref}: left out, ${formatBytes(o.bytes)} does not fit in what is left of ${budgetText}`);
  }
  if (!take.length) return items;
  if (config.dryRun) {
    notReached(items, take, 'dry run');
    out.info(`dry run: would pull ${take.map((o) => o.ref).join(', ')} within ${budgetText}; nothing pulled`);
    return items;
  }
  // the host lock for the pulls only: the manifest requests above changed nothing
  const runLock = await ctx.locks.name('run');
  const lock = await acquireLock(runLock, RUN_LOCK_WAIT_MS, () => ctx.engine.limits.stop.signal !== undefined);
  if (!lock) {
    const why = `another prune or warm run holds the host lock ${runLock}`;
    notReached(items, take, why);
    ctx.rec.warn(`warm: ${take.length} pull(s) not made: ${why}`);
    return items;
  }
  try {
    await pullWithin(ctx, snap, take, lock, items, budgetText);
  } finally {
    await lock.release();
  }
  return items;
}

/** The pulls, one at a time, each after a look at what must stop them; every outcome one line. */
async function pullWithin(ctx: ModeContext, snap: Snapshot, take: readonly Option[], lock: Lock, items: WarmItem[], budgetText: string): Promise<void> {
  const { out } = ctx;
  await out.group(`Pulling ${take.length} image(s) within ${budgetText}`, async () => {
    for (const [k, o] of take.entries()) {
      const look = await lookBeforePull(ctx, snap);
      if ('stop' in look) {
        notReached(items, take.slice(k), look.stop);
        ctx.rec.warn(`warm stopped before ${o.ref} (${take.length - k} left): ${look.stop}`);
        return;
      }
      const { r, yielded } = await pullYieldingToJobs(ctx, o.ref, lock);
      if (!r.ok) {
        items.push({ ref: o.ref, why: o.why, local: o.local, state: 'failed', ms: r.ms, detail: r.error });
        ctx.rec.warn(`warm: pull of ${o.ref} failed: ${r.error}`);
      } else {
        // what the pull took on disk, measured (the estimate was what it might)
        const usedAfter = (await measureFullest(snap.disks).catch(() => undefined))?.usedBytes;
        const bytes = usedAfter !== undefined ? Math.max(0, usedAfter - look.usedBytes) : o.bytes;
        items.push({ ref: o.ref, why: o.why, local: o.local, state: r.upToDate ? 'up-to-date' : 'pulled', bytes, ms: r.ms });
        out.info(`✓ ${o.ref}: ${r.upToDate ? 'up to date (manifest check only)' : `${r.layersDownloaded} layer(s) downloaded, ${r.layersReused} reused`} in ${r.ms} ms`);
      }
      // the lock went to a job: nothing more is pulled without it, whether or not that job has ended by now
      if (yielded && k + 1 < take.length) {
        notReached(items, take.slice(k + 1), 'a job started during the pull before: the host lock went to it; the rest waits for the next night');
        ctx.rec.warn(`warm stopped after ${o.ref} (${take.length - k - 1} left): a job started during its pull, and the host lock went to it`);
      }
      if (yielded) return;
    }
  });
}

/** How often a pull in flight looks for a job that started: well inside the wait a job's prune gives the host lock. */
const JOB_LOOK_MS = 500;

/**
 * One pull, holding the host lock until a job's pre step marks what it needs: then the lock is
 * given up at once (the job's gated prune may need it to make room; a pull beside a prune removes
 * nothing and is removed by nothing it needs) and the pull finishes without it: the docker CLI
 * gives no way to cancel it. `yielded`: the lock is gone, and the caller pulls nothing more.
 */
async function pullYieldingToJobs(ctx: ModeContext, ref: string, lock: Lock): Promise<{ r: PullResult; yielded: boolean }> {
  const pulling = pull(ctx.engine.cli, ref);
  const settled = pulling.then(() => true, () => true);
  let yielded = false;
  for (;;) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finished = await Promise.race([settled, new Promise<boolean>((r) => { timer = setTimeout(() => r(false), JOB_LOOK_MS); })]);
    clearTimeout(timer);
    if (finished) break;
    if (await liveJobs(ctx) > 0) {
      await lock.release();
      yielded = true;
      ctx.out.info(`a job started while ${ref} was being pulled: the host lock is given up now (the job may need it to make room); this pull finishes, no other follows`);
      break;
    }
  }
  return { r: await pulling, yielded };
}

/** Job marks live now (a job between its pre and post steps). */
async function liveJobs(ctx: ModeContext): Promise<number> {
  const ledger = loadedLedger(await loadLedger(ctx.config.stateDir, ctx.now()));
  return Object.keys(liveMarks(ledger, ctx.now())).length;
}

/**
 * The look before a pull: why the pulls must stop now (a stop signal, a job that started (its
 * mark), a run-app stack or a converging service that appeared (the services read again, as
 * before every removal), or the disk (measured, not estimated) at the target or into min-free),
 * else the disk's used bytes, from which the pull's own bytes are measured.
 */
async function lookBeforePull(ctx: ModeContext, snap: Snapshot): Promise<{ stop: string } | { usedBytes: number }> {
  if (ctx.engine.limits.stop.signal) return { stop: `stopped by ${ctx.engine.limits.stop.signal}` };
  if (await liveJobs(ctx)) return { stop: 'a job started (its pre step marked the images it needs): the rest waits for the next night' };
  const { closed } = await recheckSafety(ctx.engine, snap, gateRules(ctx), ctx.now);
  if (closed) return { stop: `gate ${closed.name} closed (${closed.detail}): the rest waits for the next night` };
  const disk = await measureFullest(snap.disks).catch(() => undefined);
  if (!disk) return { stop: 'the disk can no longer be measured' };
  if (roomUnderTarget(disk, ctx.config.target, minFreeBytes(ctx.config.minFree, disk)) <= 0) return { stop: `the disk reached the target (${disk.usedPercent}% used, target ${ctx.config.target}%)` };
  return { usedBytes: disk.usedBytes };
}
