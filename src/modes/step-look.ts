/**
 * A look taken under the daemon's step lock, with the look's own `/info` in its wave.
 *
 * The pre step takes its snapshot under the step lock: an eviction removes images only under
 * it, after re-reading the marks, so an image the snapshot shows (and pre reports warm) cannot
 * be removed by a run already in flight. The lock is named by the daemon's identity, its
 * `/info`; asked first, that `/info` is a request alone, in series, on every job's critical
 * path. So the lock is taken by the name remembered for this address (execute/lock-memory.ts)
 * and the look is used only when its `/info` names that daemon. Otherwise (the first step
 * through this address, another daemon behind it) the look is taken again under the lock its
 * `/info` names, and that name is remembered for the next step. A remembered lock that is held
 * is not waited for (it may be another daemon's): `/info` is asked first, as on a first step.
 */
import type { DockerInfo } from '../docker/schemas.js';
import { lockName, LockTimeout } from '../execute/lock.js';
import { rememberDaemon, rememberedDaemon } from '../execute/lock-memory.js';
import type { Snapshot } from '../snapshot/types.js';
import { identityOf, underLockNamed, underStepLock, type ModeContext } from './context.js';

/** `look` takes the snapshot (the `/info` given, when one was asked first); `then` runs on it, still under the lock. */
export async function underStepLockLooking<T>(ctx: ModeContext, look: (info?: DockerInfo) => Promise<Snapshot>,
  then: (s: Snapshot) => Promise<T>): Promise<T> {
  const { stateDir } = ctx.config;
  const host = ctx.engine.read.target; // where this run's requests go (a socket, a tcp address, a CLI context)
  const remembered = await rememberedDaemon(stateDir, host);
  let seen: string | undefined; // the lock key the last look's `/info` names
  const lookAndSee = async (info?: DockerInfo): Promise<Snapshot> => {
    const s = await look(info);
    seen = ctx.locks.keyOf(identityOf(s));
    return s;
  };
  if (remembered) {
    // only a free lock is taken by a guess: a held one may be another daemon's, not worth a wait
    let taken = false;
    const kept = await underLockNamed(ctx, lockName(remembered, 'step'), async () => {
      taken = true;
      const s = await lookAndSee();
      return seen === remembered ? { result: await then(s) } : undefined;
    }, { waitMs: 0 }).catch((e: unknown) => { if (!taken && e instanceof LockTimeout) return undefined; throw e; });
    if (kept) return kept.result;
    // taken under another daemon's lock: nothing of it is used (the look learned the right name)
    if (seen !== undefined) ctx.out.info(`the daemon at ${host} is not the one seen there before: looking again under its own lock`);
  }
  let info: DockerInfo | undefined;
  if (seen === undefined) {
    info = await ctx.engine.read.info();
    ctx.locks.learn(info);
  }
  const result = await underStepLock(ctx, async () => then(await lookAndSee(info)));
  if (seen !== remembered) await rememberDaemon(stateDir, host, seen!);
  return result;
}
