/**
 * Every run of every mode records what it saw in the usage ledger: that is where "last used"
 * comes from. Failing to write it (a full disk, a read-only state dir) is reported, never fatal.
 */
import type { Ledger } from '../ledger/ledger.js';
import { updateLedger } from '../ledger/ledger.js';
import { loadLedger, saveLedger } from '../ledger/store.js';
import type { RunReport } from '../report/types.js';
import type { Snapshot } from '../snapshot/types.js';
import type { ModeContext } from './context.js';

/** Updates and saves the ledger; `alsoUsed` are image ids to count as used now (a job's images). */
export async function observe(ctx: ModeContext, snap: Snapshot, report: RunReport, alsoUsed: string[] = []): Promise<Ledger> {
  const { ledger: prev, warning } = await loadLedger(ctx.config.stateDir);
  if (warning && prev === undefined && warning.startsWith('no usage ledger')) ctx.out.info(warning);
  else if (warning) { report.warnings.push(warning); ctx.out.warn(warning); }
  const ledger = updateLedger(prev, snap, ctx.now(), alsoUsed);
  const saved = await saveLedger(ctx.config.stateDir, ledger);
  if (!saved.ok) {
    const msg = `could not write the usage ledger in ${ctx.config.stateDir} (${saved.error}); carrying on`;
    report.warnings.push(msg);
    ctx.out.warn(msg);
  }
  return ledger;
}
