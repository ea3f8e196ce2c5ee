/**
 * Every run of every mode records what it saw in the usage ledger: that is where "last used"
 * comes from. Failing to write it (a full disk, a read-only state dir) is reported, never fatal.
 */
import type { Ledger } from '../ledger/ledger.js';
import { markNeeded, NEEDED_HOLD_MS, recordWanted, releaseMark, touchUsed, updateLedger } from '../ledger/ledger.js';
import { loadedLedger, loadLedger, saveLedger } from '../ledger/store.js';
import { describeLedgerLoad } from '../report/text.js';
import type { HostView, Snapshot } from '../snapshot/types.js';
import type { ModeContext } from './context.js';

/**
 * Updates and saves the ledger. `alsoUsed`: image ids to count as used now; `needed`: references
 * a job needs, marked under `markId` so that no eviction removes them while the job runs;
 * `release`: the mark of a job that has ended (its post step). Callers hold the host step lock,
 * so a read-modify-write never loses another run's update.
 */
export async function recordUsage(ctx: ModeContext, snap: Snapshot,
  job: { alsoUsed?: string[]; needed?: string[]; markId?: string; release?: string } = {}): Promise<Ledger> {
  const load = await loadLedger(ctx.config.stateDir, ctx.now());
  const said = describeLedgerLoad(load);
  if (said && load.kind === 'missing') ctx.out.info(said);
  else if (said) ctx.rec.warn(said);
  const prev = loadedLedger(load);
  let ledger = updateLedger(prev, snap, ctx.now(), job.alsoUsed ?? []);
  if (job.needed?.length && job.markId) ledger = recordWanted(markNeeded(ledger, job.markId, job.needed, ctx.now() + NEEDED_HOLD_MS), job.needed, ctx.now());
  if (job.release) ledger = releaseMark(ledger, job.release);
  await save(ctx, ledger, job.needed?.length ? ': the marks that protect the job\'s images from a concurrent eviction are not saved' : '');
  return ledger;
}

/**
 * What a look without the image list (a HostView) can record: the images its containers use
 * are used now (see touchUsed). No ledger yet: nothing to touch, the next listing look builds it.
 */
export async function recordInUse(ctx: ModeContext, view: Pick<HostView, 'containers'>): Promise<void> {
  const load = await loadLedger(ctx.config.stateDir, ctx.now());
  // not rebuilt here: the next look that lists the images does that
  if (load.kind === 'rebuilt') ctx.rec.warn(describeLedgerLoad(load, 'later')!);
  if (load.kind !== 'ok') return;
  if (load.dropped) ctx.rec.warn(describeLedgerLoad(load)!);
  const prev = load.ledger;
  const ledger = touchUsed(prev, view.containers, ctx.now());
  if (ledger) await save(ctx, ledger, '');
}

async function save(ctx: ModeContext, ledger: Ledger, lost: string): Promise<void> {
  const saved = await saveLedger(ctx.config.stateDir, ledger);
  if (!saved.ok) ctx.rec.warn(`could not write the usage ledger in ${ctx.config.stateDir} (${saved.error}); carrying on${lost}`);
}
