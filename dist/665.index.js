export const id = 665;
export const ids = [665];
export const modules = {

/***/ 6665:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  NOTHING_TO_DO: () => (/* binding */ NOTHING_TO_DO),
  gatedPrune: () => (/* binding */ gatedPrune),
  runPrune: () => (/* binding */ runPrune)
});

// EXTERNAL MODULE: ./src/gates/gates.ts
var gates = __webpack_require__(9176);
// EXTERNAL MODULE: ./src/inputs/units.ts
var units = __webpack_require__(4702);
// EXTERNAL MODULE: ./src/execute/lock.ts
var execute_lock = __webpack_require__(6908);
// EXTERNAL MODULE: ./src/docker/writer.ts
var writer = __webpack_require__(8405);
// EXTERNAL MODULE: ./src/execute/safety.ts
var execute_safety = __webpack_require__(2193);
;// CONCATENATED MODULE: ./src/execute/prune.ts


async function executePrune(engine, untilMs, safety, hooks) {
    const steps = [];
    for (const kind of writer/* PRUNE_KINDS */.p) {
        await hooks.beforeStep?.(kind);
        const { closed } = await (0,execute_safety/* recheckSafety */.m)(engine, safety.facts, safety.rules, safety.now);
        if (closed)
            return { steps, stoppedBefore: kind, stoppedBy: closed };
        const t0 = performance.now();
        const step = { kind, ...await engine.write.prune(kind, untilMs), durationMs: 0 };
        step.durationMs = Math.round(performance.now() - t0);
        steps.push(step);
        hooks.onStep(step);
    }
    return { steps, stoppedBefore: undefined, stoppedBy: undefined };
}

// EXTERNAL MODULE: ./src/plan/prune-plan.ts
var prune_plan = __webpack_require__(8079);
// EXTERNAL MODULE: ./src/report/inventory.ts
var inventory = __webpack_require__(3830);
// EXTERNAL MODULE: ./src/report/text.ts
var report_text = __webpack_require__(5655);
// EXTERNAL MODULE: ./src/snapshot/snapshot.ts
var snapshot = __webpack_require__(4330);
// EXTERNAL MODULE: ./src/modes/context.ts
var context = __webpack_require__(1235);
// EXTERNAL MODULE: ./src/snapshot/store-disks.ts + 2 modules
var store_disks = __webpack_require__(713);
// EXTERNAL MODULE: ./src/modes/evict.ts + 2 modules
var evict = __webpack_require__(1893);
// EXTERNAL MODULE: ./src/plan/goal.ts
var goal = __webpack_require__(5908);
// EXTERNAL MODULE: ./src/modes/record-usage.ts
var record_usage = __webpack_require__(7217);
// EXTERNAL MODULE: ./src/ledger/ledger.ts
var ledger_ledger = __webpack_require__(2420);
;// CONCATENATED MODULE: ./src/modes/prune.ts
/**
 * `prune`: the operators' gated prune. All gates open → container, dangling-image and
 * build-cache prunes older than `until`, each preceded by a fresh gate re-check, under a
 * host-wide lock. Any gate closed → `keeping local image cache, nothing to do`, exit 0, decided
 * before the daemon is asked for its image list.
 */















const NOTHING_TO_DO = 'keeping local image cache, nothing to do';
async function runPrune(ctx, opts = {}) {
    // Neither the build cache's size (`system df` walks every volume) nor the image list yet: the
    // gates need neither, and a closed gate, the nightly run's usual answer, ends the run here.
    const view = await (0,context/* hostViewGroup */.Vu)(ctx, 'Docker host before');
    const verdict = (0,gates/* evaluateGates */.ud)(view, (0,context/* gateRules */.DB)(ctx), ctx.now());
    if (!verdict.open) {
        ctx.rec.before(view);
        await (0,context/* underStepLock */.aO)(ctx, () => (0,record_usage/* recordInUse */.A)(ctx, view));
        await showGates(ctx, verdict);
    }
    else {
        const before = await (0,snapshot/* listImages */.v8)(ctx.engine, view);
        ctx.out.info(`gates open: listed ${(0,report_text/* describeImages */.Sx)((0,inventory/* inventoryOf */.o)(before))}`);
        ctx.rec.before(before);
        const ledger = await (0,context/* underStepLock */.aO)(ctx, () => (0,record_usage/* recordUsage */.L)(ctx, before));
        await gatedPrune(ctx, before, ledger, { ...opts, measureBuildCache: true });
    }
    return (0,context/* finish */.O9)(ctx);
}
/** The gates into the report and the log; a closed one says there is nothing to do. */
async function showGates(ctx, verdict) {
    const { out } = ctx;
    ctx.rec.gates(verdict);
    await out.group(`Gates (${verdict.open ? 'all open' : `closed: ${verdict.gate}`})`, async () => {
        for (const l of (0,report_text/* describeGates */.yg)(verdict.gates))
            out.info(l);
    });
    for (const s of verdict.stuck)
        ctx.rec.warn(`service ${s.name} looks stuck (${s.running}/${s.desired} running, unchanged since ${new Date(s.updatedMs).toISOString()}); it does not hold the prune`);
    if (!verdict.open)
        out.info(`gate ${verdict.gate} closed: ${NOTHING_TO_DO}`);
}
/**
 * The gated prune on its own, so pre/post steps can run it too. Records into ctx.rec. Returns
 * the host as its last look found it (`snap` when it removed nothing), so no caller needs a
 * look of its own after it.
 */
async function gatedPrune(ctx, snap, ledger, opts = {}) {
    let before = snap;
    const { out, config } = ctx;
    const verdict = (0,gates/* evaluateGates */.ud)(before, (0,context/* gateRules */.DB)(ctx), ctx.now());
    await showGates(ctx, verdict);
    if (!verdict.open)
        return snap;
    before = await (0,snapshot/* withPruneAges */.NV)(ctx.engine, before);
    if (opts.measureBuildCache && before.buildCacheBytes === undefined) {
        before = { ...before, buildCacheBytes: await (0,snapshot/* readBuildCache */.tR)(ctx.engine) };
        ctx.rec.buildCacheBefore(before.buildCacheBytes);
    }
    const plan = (0,prune_plan/* planPrune */.w)(before, config.untilMs, ctx.now());
    ctx.rec.planned(plan);
    if (config.dryRun) {
        await out.group('Dry run: would remove', async () => { for (const l of (0,report_text/* describePlan */.df)(plan))
            out.info(l); });
        // the LRU plan as it stands now, before the dangling prune would have freed anything
        await (0,evict/* evictLeastRecentlyUsed */.e)(ctx, before, ledger);
        out.info('dry run: nothing removed');
        return snap;
    }
    const runLock = await ctx.locks.name('run');
    const lock = await (0,execute_lock/* acquireLock */.IZ)(runLock, execute_lock/* RUN_LOCK_WAIT_MS */.$H, () => ctx.engine.limits.stop.signal !== undefined);
    if (!lock) {
        ctx.rec.closedLater({ name: 'lock', open: false, detail: `another prune is running on this engine (host lock ${runLock})` });
        out.info(`another prune is running: ${NOTHING_TO_DO}`);
        return snap;
    }
    try {
        const safety = { facts: before, rules: (0,context/* gateRules */.DB)(ctx), now: ctx.now };
        const exec = await out.group('Pruning', () => executePrune(ctx.engine, config.untilMs, safety, {
            beforeStep: opts.beforeStep,
            // recorded the moment docker answers: if the daemon dies next, the report still has it
            onStep(s) {
                const objects = recordRemovals(ctx.rec, before, s);
                const noun = { container: 'containers', image: 'dangling images', builder: 'build cache records' }[s.kind];
                const done = `${objects} ${noun} removed, ${(0,units/* formatBytes */.z3)(s.reclaimedBytes)} reclaimed`;
                if (!s.error) {
                    out.info(`${s.kind} prune: ${done} (${s.durationMs} ms)`);
                    return;
                }
                ctx.rec.fail(`${s.kind} prune failed: ${s.error}`);
                // what the run still does after it, and why: the prunes do not depend on each other
                const rest = writer/* PRUNE_KINDS */.p.slice(writer/* PRUNE_KINDS */.p.indexOf(s.kind) + 1);
                const next = rest.length ? `; the ${rest.join(' and ')} prune${rest.length > 1 ? 's' : ''} still run${rest.length > 1 ? '' : 's'} (each prune stands alone, the gates re-checked before it)` : '';
                out.info(`${s.kind} prune FAILED after ${s.durationMs} ms (before it failed: ${done})${next}`);
            },
        }));
        if (exec.stoppedBy) {
            const closed = exec.stoppedBy;
            ctx.rec.stopped(`stopped before the ${exec.stoppedBefore} prune: gate ${closed.name} closed (${closed.detail})`, closed.name);
            out.info(NOTHING_TO_DO);
        }
        else if (before.disk && (0,goal/* needsRoom */.lW)((await (0,store_disks/* measureFullest */._h)(before.disks)) ?? before.disk, ctx.goal)) {
            // still over the high watermark after the prunes: least-recently-used eviction
            const failed = exec.steps.filter((x) => x.error).map((x) => x.kind);
            if (failed.length)
                out.info(`after the failed ${failed.join(' and ')} prune, the disk still needs room: the LRU eviction runs (the bound does not wait for a prune)`);
            const mid = await (0,snapshot/* takeSnapshot */.W9)(ctx.engine);
            await (0,evict/* evictLeastRecentlyUsed */.e)(ctx, mid, (0,ledger_ledger/* updateLedger */.RI)(ledger, mid, ctx.now()));
        }
    }
    finally {
        await lock.release();
    }
    const after = await (0,context/* snapshotGroup */._u)(ctx, 'Docker host after', { buildCache: opts.measureBuildCache === true });
    ctx.rec.after(after);
    return after;
}
/** Records one prune step's removals; returns how many objects it removed. */
function recordRemovals(rec, before, s) {
    const containers = new Map(before.containers.map((c) => [c.id, c]));
    const images = new Map(before.images.map((i) => [i.id, i]));
    let n = 0;
    for (const id of s.deleted) {
        const c = containers.get(id);
        const i = images.get(id);
        if (s.kind === 'container') {
            rec.removed({ kind: 'container', id, label: c?.name ?? id.slice(0, 12), bytes: 0, reason: `stopped (${c?.state ?? 'not running'}), older than until` });
            n++;
        }
        // docker lists the deleted layers as well: only image ids it knew are images
        if (s.kind === 'image' && i) {
            rec.removed({ kind: 'image', id, label: i.digests[0] ?? id.slice(7, 19), bytes: i.sizeBytes, reason: 'dangling (untagged), older than until' });
            n++;
        }
    }
    if (s.kind === 'builder' && s.reclaimedBytes > 0)
        rec.removed({ kind: 'builder', id: 'build-cache', label: `${s.deleted.length} build cache records`, bytes: s.reclaimedBytes, reason: 'build cache unused for longer than until' });
    rec.reclaimed(s.kind === 'container' ? 'containers' : s.kind === 'image' ? 'images' : 'buildCache', s.reclaimedBytes);
    return s.kind === 'builder' ? s.deleted.length : n;
}


/***/ })

};
