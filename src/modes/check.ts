/** `check`: report the host, the gates and what a prune would remove. Changes nothing. */
import { evaluateGates } from '../gates/gates.js';
import { planPrune } from '../plan/prune-plan.js';
import { describeGates, describePlan } from '../report/text.js';
import { toGoDuration } from '../inputs/units.js';
import { checkGroup, finish, gateRules, underStepLock, type ModeContext, type ModeResult } from './context.js';
import { recordUsage } from './record-usage.js';
import { evictLeastRecentlyUsed } from './evict.js';
import { neededImages } from './warmth.js';

export async function runCheck(ctx: ModeContext): Promise<ModeResult> {
  const { out, config } = ctx;
  // the job's images are inputs here too: a compose file matching nothing is exit 2, as in pre
  const refs = await neededImages(config, ctx.env);
  if (refs.length) out.info(`images the job names: ${refs.join(', ')}`);
  const snap = await checkGroup(ctx, 'Docker host');
  ctx.rec.before(snap);
  const ledger = await underStepLock(ctx, () => recordUsage(ctx, snap));
  const verdict = evaluateGates(snap, gateRules(ctx), ctx.now());
  await out.group(`Gates (${verdict.open ? 'all open: a prune would run' : `closed: ${verdict.gate}`})`, async () => {
    for (const l of describeGates(verdict.gates)) out.info(l);
  });
  for (const s of verdict.stuck) ctx.rec.warn(`service ${s.name} looks stuck (${s.running}/${s.desired} running since ${new Date(s.updatedMs).toISOString()}); it does not hold the prune`);
  const plan = planPrune(snap, config.untilMs, ctx.now());
  ctx.rec.planned(plan);
  await out.group(`A prune with until=${toGoDuration(config.untilMs)} would remove`, async () => {
    for (const l of describePlan(plan)) out.info(l);
  });
  // over the threshold, a prune would go on to evict: show that too (as a dry run does; the
  // dangling prune first may free some of it)
  if (verdict.open) await evictLeastRecentlyUsed({ ...ctx, config: { ...config, dryRun: true } }, snap, ledger);
  ctx.rec.gates(verdict);
  return finish(ctx, 0);
}
