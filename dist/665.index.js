export const id = 665;
export const ids = [665];
export const modules = {

/***/ 9176:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ud: () => (/* binding */ evaluateGates)
/* harmony export */ });
/* unused harmony exports matchesStack, unsettledReason */
/* harmony import */ var _inputs_units_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4702);

/** Update states in which the swarm is still (or stopped half-way) moving a service. */
const UNSETTLED_UPDATE = new Set(['updating', 'paused', 'rollback_started', 'rollback_paused']);
function evaluateGates(snap, config, nowMs, only) {
    const gates = [];
    const want = (g) => !only || only.includes(g);
    let stuck = [];
    if (want('swarm-role'))
        gates.push(swarmRoleGate(snap));
    if (want('disk'))
        gates.push(diskGate(snap, config.threshold));
    const services = snap.services ?? [];
    if (want('stacks'))
        gates.push(stacksGate(services, config.stackPattern, snap.services !== undefined));
    if (want('converging')) {
        const r = convergingGate(services, config.stuckAfterMs, nowMs, snap.services !== undefined);
        gates.push(r.gate);
        stuck = r.stuck;
    }
    const closed = gates.find((g) => !g.open);
    return { open: !closed, gate: closed ? closed.name : 'open', gates, stuck };
}
function swarmRoleGate(snap) {
    const { swarm } = snap;
    if (swarm.managerHost) {
        // a worker (or any node) reading the cluster's services from a manager
        if (snap.services !== undefined && !snap.servicesError)
            return { name: 'swarm-role', open: true, detail: `services read from the manager at ${swarm.managerHost}` };
        return { name: 'swarm-role', open: false, detail: `${snap.servicesError ?? 'services cannot be listed'}; failing closed` };
    }
    if (swarm.manager)
        return { name: 'swarm-role', open: true, detail: 'swarm manager: services visible' };
    if (swarm.state === 'inactive')
        return { name: 'swarm-role', open: true, detail: 'swarm not initialised: no services can be live' };
    return { name: 'swarm-role', open: false, detail: `${snap.servicesError ?? 'services cannot be listed'}; failing closed (set manager-host to a manager's address, or run on a manager)` };
}
function diskGate(snap, threshold) {
    const d = snap.disk;
    if (!d)
        return { name: 'disk', open: false, detail: `${snap.diskError ?? 'disk usage unknown'}; failing closed` };
    const which = d.inodesPercent > d.bytesPercent ? 'inodes' : 'bytes';
    const values = `${d.usedPercent}% used (${which}; bytes ${d.bytesPercent}%, inodes ${d.inodesPercent}%)`;
    return d.usedPercent >= threshold
        ? { name: 'disk', open: true, detail: `${values} ≥ threshold ${threshold}%` }
        : { name: 'disk', open: false, detail: `${values} < threshold ${threshold}%` };
}
function stacksGate(services, pattern, visible) {
    if (!visible)
        return { name: 'stacks', open: false, detail: 'services not visible; failing closed' };
    const live = services.filter((s) => matchesStack(s.name, pattern));
    if (live.length === 0)
        return { name: 'stacks', open: true, detail: `no service matches ${pattern.source}` };
    const names = live.map((s) => s.name);
    return { name: 'stacks', open: false, detail: `${live.length} run-app service(s) live: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}` };
}
/** Anchored at the start of the service name whether or not the pattern says `^`. */
function matchesStack(name, pattern) {
    const m = pattern.exec(name);
    return m !== null && m.index === 0;
}
/** Why a service is not settled, or undefined when it is. */
function unsettledReason(s) {
    if (s.updateState && UNSETTLED_UPDATE.has(s.updateState))
        return `update ${s.updateState}`;
    if (s.running < s.desired)
        return `${s.running}/${s.desired} tasks running`;
    return undefined;
}
function convergingGate(services, stuckAfterMs, nowMs, visible) {
    if (!visible)
        return { gate: { name: 'converging', open: false, detail: 'services not visible; failing closed' }, stuck: [] };
    const converging = [];
    const stuck = [];
    for (const s of services) {
        const why = unsettledReason(s);
        if (!why)
            continue;
        const since = nowMs - s.updatedMs;
        if (stuckAfterMs > 0 && since > stuckAfterMs)
            stuck.push(s);
        else
            converging.push(`${s.name} (${why}, ${(0,_inputs_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(since)} since last change)`);
    }
    const stuckNote = stuck.length ? `; ${stuck.length} stuck service(s) not holding the gate` : '';
    if (converging.length === 0)
        return { gate: { name: 'converging', open: true, detail: `no service converging${stuckNote}` }, stuck };
    return { gate: { name: 'converging', open: false, detail: `${converging.length} service(s) converging: ${converging.slice(0, 5).join(', ')}${stuckNote}` }, stuck };
}


/***/ }),

/***/ 2575:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  e: () => (/* binding */ evictLeastRecentlyUsed)
});

// EXTERNAL MODULE: ./src/gates/gates.ts
var gates = __webpack_require__(9176);
// EXTERNAL MODULE: ./src/ledger/store.ts
var store = __webpack_require__(492);
// EXTERNAL MODULE: ./src/inputs/units.ts
var units = __webpack_require__(4702);
// EXTERNAL MODULE: ./src/ledger/ledger.ts
var ledger_ledger = __webpack_require__(2420);
;// CONCATENATED MODULE: ./src/plan/lru.ts


const isKept = (img, keep) => img.tags.some((t) => keep.some((re) => re.test(t)));
/**
 * Why image `id` must not be removed now whatever the disk says (a container in any state uses
 * it, a service spec or previous spec names it, a job marked it needed, `keep` matches), or
 * undefined. The same rules as the plan's hard protections, on fresh state.
 */
function hardProtection(id, view) {
    const img = view.images.find((i) => i.id === id);
    if (view.containers.some((c) => c.imageId === id))
        return 'in-use';
    if ((0,ledger_ledger/* imagesInUse */.N3)(view).has(id))
        return 'in-use';
    if ((0,ledger_ledger/* neededIds */.GF)(view.ledger, view.images, view.nowMs).has(id))
        return 'job';
    if (img && isKept(img, view.keep))
        return 'keep';
    return undefined;
}
const percentOf = (used, capacity) => (capacity > 0 ? Math.round((used / capacity) * 1000) / 10 : 0);
function planEviction(input) {
    const { disk, config, ledger, nowMs } = input;
    const capacity = disk.usedBytes + disk.availBytes;
    const needed = disk.bytesPercent >= config.threshold;
    const targetUsed = Math.floor((capacity * config.target) / 100);
    const targetBytes = Math.max(0, disk.usedBytes - targetUsed);
    const inUse = (0,ledger_ledger/* imagesInUse */.N3)(input);
    const jobNeeds = (0,ledger_ledger/* neededIds */.GF)(ledger, input.images, nowMs);
    const kept = [];
    const candidates = [];
    for (const img of input.images) {
        if (img.dangling)
            continue; // dangling images belong to the dangling prune
        const label = img.tags[0];
        const unique = input.uniqueBytes.get(img.id);
        const bytes = unique ?? img.sizeBytes;
        // unknown to the ledger = used now (the caller updates the ledger first; this is the guard)
        const entry = ledger.images[img.id] ?? { firstSeenMs: nowMs, lastUsedMs: nowMs };
        const reason = inUse.has(img.id) ? 'in-use'
            : jobNeeds.has(img.id) ? 'job'
                : isKept(img, config.keep) ? 'keep'
                    : nowMs - entry.firstSeenMs < config.minAgeMs ? 'min-age'
                        : nowMs - entry.lastUsedMs < config.keepWarmMs ? 'keep-warm'
                            : undefined;
        if (reason)
            kept.push({ id: img.id, label, bytes, reason });
        else
            candidates.push({ img, lastUsedMs: entry.lastUsedMs, firstSeenMs: entry.firstSeenMs, bytes, exact: unique !== undefined });
    }
    candidates.sort((a, b) => a.lastUsedMs - b.lastUsedMs || a.firstSeenMs - b.firstSeenMs || (a.img.id < b.img.id ? -1 : 1));
    const evict = [];
    let freed = 0;
    if (needed) {
        for (const c of candidates) {
            if (freed >= targetBytes)
                break;
            freed += c.bytes;
            const age = (0,units/* formatDuration */.a3)(nowMs - c.lastUsedMs);
            evict.push({
                kind: 'evict', id: c.img.id, label: c.img.tags.join(', '), bytes: c.bytes,
                reason: `last used ${age} ago (${new Date(c.lastUsedMs).toISOString()})${c.exact ? '' : '; size, shared layers unknown'}`,
            });
        }
    }
    const shortfallBytes = needed ? Math.max(0, targetBytes - freed) : 0;
    let topProtection;
    if (shortfallBytes > 0) {
        const byReason = new Map();
        for (const k of kept)
            byReason.set(k.reason, (byReason.get(k.reason) ?? 0) + k.bytes);
        const top = [...byReason].sort((a, b) => b[1] - a[1])[0];
        topProtection = top ? { reason: top[0], bytes: top[1] } : undefined;
    }
    return { needed, targetBytes, evict, kept, predictedPercent: percentOf(disk.usedBytes - freed, capacity), shortfallBytes, topProtection };
}

// EXTERNAL MODULE: ./src/docker/cli.ts
var cli = __webpack_require__(1670);
// EXTERNAL MODULE: ./src/snapshot/disk.ts
var snapshot_disk = __webpack_require__(3907);
// EXTERNAL MODULE: ./src/snapshot/snapshot.ts + 1 modules
var snapshot = __webpack_require__(2889);
// EXTERNAL MODULE: ./src/execute/commands.ts
var commands = __webpack_require__(5465);
;// CONCATENATED MODULE: ./src/execute/evict.ts
/**
 * Runs a planned LRU eviction: one `docker image rm <id>` at a time (never forced). Each removal
 * happens under the host step lock, right after re-reading everything that protects images
 * (containers in any state, every service's spec and previous spec, the jobs' marks in the
 * ledger) and the safety gates: a service created or a pre step's mark written while the
 * eviction runs protects its image from the next removal on. Every removal is recorded before
 * the next request; the disk is re-measured after each and the eviction stops at the target.
 */







async function executeEviction(plan, deps) {
    const { docker, config } = deps;
    for (const item of plan) {
        const done = await deps.underStepLock(async () => {
            const [images, containers, services, stored] = await Promise.all([
                (0,snapshot/* readImages */.H)(docker), (0,snapshot/* readContainers */.ZW)(docker), (0,snapshot/* rereadServices */.ey)(docker, deps.snap), (0,store/* loadLedger */.OO)(config.stateDir),
            ]);
            const nowMs = deps.now();
            const verdict = (0,gates/* evaluateGates */.ud)({ ...deps.snap, services }, config, nowMs, ['stacks', 'converging']);
            if (!verdict.open) {
                const closed = verdict.gates.find((g) => !g.open);
                deps.onEvent({ kind: 'stopped', item, gate: closed.name, why: `gate ${closed.name} closed (${closed.detail})` });
                return true;
            }
            if (!images.some((i) => i.id === item.id)) {
                deps.onEvent({ kind: 'skipped', item, why: 'already gone' });
                return false;
            }
            const needed = { ...(stored.ledger?.needed ?? {}), ...deps.ledger.needed };
            const why = hardProtection(item.id, { images, containers, services: services ?? [], ledger: { needed }, keep: config.keep, nowMs });
            if (why) {
                const text = { 'in-use': 'a container or a service now uses it', job: 'a job marked it needed', keep: 'keep matches it' }[why];
                deps.onEvent({ kind: 'skipped', item, why: `${text} (since the plan was made)` });
                return false;
            }
            const r = await docker.destroy((0,commands/* removeImageCommand */.re)(item.id));
            if (r.exitCode !== 0) {
                // e.g. a job started a container from it a moment ago: docker refuses, and so do we
                deps.onEvent({ kind: 'skipped', item, why: `docker refused to remove it (${(0,cli/* lastLine */.fM)(r.stderr)})` });
                return false;
            }
            const disk = deps.snap.disk ? await (0,snapshot_disk/* measureDisk */.W)(deps.snap.disk.path).catch(() => undefined) : undefined;
            deps.onEvent({ kind: 'removed', item, diskPercent: disk?.usedPercent });
            return disk !== undefined && disk.usedPercent <= config.target;
        });
        if (done)
            return;
    }
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
// EXTERNAL MODULE: ./src/docker/system-df.ts
var system_df = __webpack_require__(190);
;// CONCATENATED MODULE: ./src/docker/unique-bytes.ts
/**
 * Bytes that removing each image would free (its layers no other image shares), from
 * `docker system df -v` (one call; docker prints 4 significant digits). Used only when an LRU
 * eviction is being planned: on a big host this call walks layer sizes and costs seconds.
 */



const DfImages = schemas/* array */.YOg(schemas/* object */.Ikc({ ID: schemas/* string */.YjP(), UniqueSize: schemas/* string */.YjP() }));
async function readUniqueBytes(docker) {
    // a busy daemon (another disk-usage walk) leaves the sizes unknown: the plan then uses each
    // image's full size and says so
    const images = (await (0,system_df/* systemDf */.q)(docker, ['system', 'df', '--verbose', '--format', '{{json .Images}}'], DfImages))?.[0] ?? [];
    const out = new Map();
    for (const i of images) {
        const bytes = (0,units/* parseBytes */.z_)(i.UniqueSize);
        if (bytes !== undefined)
            out.set(i.ID, bytes);
    }
    return out;
}

// EXTERNAL MODULE: ./src/modes/context.ts + 1 modules
var context = __webpack_require__(7102);
;// CONCATENATED MODULE: ./src/modes/evict.ts
/**
 * Least-recently-used eviction of unused tagged images, after the gated prune, while the disk
 * is still at or above `threshold`, down to `target`: the plan here, the removals (one at a time,
 * each re-checked under the host step lock) in execute/evict.ts.
 */





async function evictLeastRecentlyUsed(ctx, snap, ledger, report) {
    const { out, config } = ctx;
    if (!snap.disk || snap.disk.usedPercent < config.threshold)
        return;
    const uniqueBytes = await readUniqueBytes(ctx.docker);
    const plan = planEviction({
        images: snap.images, containers: snap.containers, services: snap.services ?? [], ledger, disk: snap.disk,
        uniqueBytes, config, nowMs: ctx.now(),
    });
    await out.group(`LRU eviction: ${snap.disk.usedPercent}% ≥ ${config.threshold}%, target ${config.target}%`, async () => {
        for (const p of plan.evict)
            out.info(`${config.dryRun ? 'would evict' : 'evict'} ${p.label} (${(0,units/* formatBytes */.z3)(p.bytes)}): ${p.reason}`);
        const keptBy = new Map();
        for (const k of plan.kept)
            keptBy.set(k.reason, (keptBy.get(k.reason) ?? 0) + 1);
        out.info(`kept: ${[...keptBy].map(([r, n]) => `${n} ${r}`).join(', ') || 'none'}`);
        if (config.dryRun)
            for (const k of plan.kept)
                out.info(`  keep ${k.label} (${(0,units/* formatBytes */.z3)(k.bytes)}): ${k.reason}`);
    });
    report.planned.push(...plan.evict);
    report.kept = plan.kept;
    if (plan.shortfallBytes > 0) {
        const top = plan.topProtection ? `; the protection holding the most is ${plan.topProtection.reason} (${(0,units/* formatBytes */.z3)(plan.topProtection.bytes)})` : '';
        (0,context/* warn */.R8)(ctx, report, `the target ${config.target}% cannot be reached without touching protected images: ${(0,units/* formatBytes */.z3)(plan.shortfallBytes)} short${top}`);
    }
    if (config.dryRun || plan.evict.length === 0)
        return;
    await executeEviction(plan.evict, {
        docker: ctx.docker, config, ledger, snap, now: ctx.now,
        // polite: a pre step waiting to mark its images goes between two removals
        underStepLock: (fn) => (0,context/* underStepLock */.aO)(ctx, fn, { polite: true }),
        onEvent(e) {
            if (e.kind === 'removed') {
                report.removed.push({ kind: 'evict', id: e.item.id, label: e.item.label, bytes: e.item.bytes, reason: `least recently used: ${e.item.reason}` });
                report.reclaimed.evicted += e.item.bytes;
                report.reclaimed.total += e.item.bytes;
                report.pruned = true;
                out.info(`evicted ${e.item.label}${e.diskPercent === undefined ? '' : `: disk now ${e.diskPercent}%`}`);
            }
            else if (e.kind === 'skipped') {
                (0,context/* warn */.R8)(ctx, report, `kept ${e.item.label}: ${e.why}`);
                // kept after all: listed with the others the eviction kept, with the reason
                report.kept.push({ id: e.item.id, label: e.item.label, bytes: e.item.bytes, reason: e.why.replace(/ \(.*$/, '') });
            }
            else {
                report.stopped = `stopped before evicting ${e.item.label}: ${e.why}`;
                report.gate = e.gate;
                (0,context/* warn */.R8)(ctx, report, report.stopped);
            }
        },
    });
}


/***/ }),

/***/ 8828:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ observe)
/* harmony export */ });
/* harmony import */ var _ledger_ledger_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2420);
/* harmony import */ var _ledger_store_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(492);


/**
 * Updates and saves the ledger. `alsoUsed`: image ids to count as used now; `needed`: references
 * a job needs, marked so that no eviction removes them while the job runs. Callers hold the host
 * step lock, so a read-modify-write never loses another run's update.
 */
async function observe(ctx, snap, report, job = {}) {
    const { ledger: prev, warning } = await (0,_ledger_store_js__WEBPACK_IMPORTED_MODULE_1__/* .loadLedger */ .OO)(ctx.config.stateDir);
    if (warning && prev === undefined && warning.startsWith('no usage ledger'))
        ctx.out.info(warning);
    else if (warning) {
        report.warnings.push(warning);
        ctx.out.warn(warning);
    }
    let ledger = (0,_ledger_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .updateLedger */ .RI)(prev, snap, ctx.now(), job.alsoUsed ?? []);
    if (job.needed?.length)
        ledger = (0,_ledger_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .markNeeded */ .lU)(ledger, job.needed, ctx.now() + _ledger_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .NEEDED_HOLD_MS */ .Hb);
    const saved = await (0,_ledger_store_js__WEBPACK_IMPORTED_MODULE_1__/* .saveLedger */ .dS)(ctx.config.stateDir, ledger);
    if (!saved.ok) {
        const marks = job.needed?.length ? ': the marks that protect the job\'s images from a concurrent eviction are not saved' : '';
        const msg = `could not write the usage ledger in ${ctx.config.stateDir} (${saved.error}); carrying on${marks}`;
        report.warnings.push(msg);
        ctx.out.warn(msg);
    }
    return ledger;
}


/***/ }),

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
// EXTERNAL MODULE: ./src/execute/commands.ts
var commands = __webpack_require__(5465);
;// CONCATENATED MODULE: ./src/execute/prune.ts


async function executePrune(docker, untilMs, hooks) {
    const steps = [];
    for (const kind of commands/* PRUNE_KINDS */.pt) {
        await hooks.beforeStep?.(kind);
        const verdict = await hooks.recheck();
        if (!verdict.open)
            return { steps, stoppedBefore: kind, stoppedBy: verdict };
        const t0 = performance.now();
        const r = await docker.destroy((0,commands/* pruneCommand */.En)(kind, untilMs));
        const step = {
            kind,
            ...parsePruneOutput(r.stdout),
            durationMs: Math.round(performance.now() - t0),
            error: r.exitCode === 0 ? undefined : r.stderr.trim() || `exit ${r.exitCode}`,
        };
        steps.push(step);
        hooks.onStep(step);
    }
    return { steps, stoppedBefore: undefined, stoppedBy: undefined };
}
/**
 * Docker prints the deleted objects, then `Total reclaimed space: 1.98MB`. Image prunes list
 * `untagged: …` and `deleted: sha256:…` lines; we keep the ids of deleted objects.
 */
function parsePruneOutput(stdout) {
    const deleted = [];
    let reclaimedBytes = 0;
    for (const raw of stdout.split('\n')) {
        const line = raw.trim();
        const total = /^Total reclaimed space:\s*(.+)$/.exec(line);
        if (total) {
            reclaimedBytes = (0,units/* parseBytes */.z_)(total[1]) ?? 0;
            continue;
        }
        const del = /^deleted:\s*(sha256:[0-9a-f]{64})$/i.exec(line);
        if (del) {
            deleted.push(del[1]);
            continue;
        }
        if (/^[0-9a-z]{20,}$/.test(line))
            deleted.push(line); // container ids, build cache ids
    }
    return { deleted, reclaimedBytes };
}

// EXTERNAL MODULE: ./src/plan/prune-plan.ts
var prune_plan = __webpack_require__(8079);
// EXTERNAL MODULE: ./src/report/inventory.ts
var inventory = __webpack_require__(3830);
// EXTERNAL MODULE: ./src/report/text.ts
var report_text = __webpack_require__(5655);
// EXTERNAL MODULE: ./src/snapshot/snapshot.ts + 1 modules
var snapshot = __webpack_require__(2889);
// EXTERNAL MODULE: ./src/modes/context.ts + 1 modules
var context = __webpack_require__(7102);
// EXTERNAL MODULE: ./src/snapshot/disk.ts
var disk = __webpack_require__(3907);
// EXTERNAL MODULE: ./src/modes/evict.ts + 3 modules
var evict = __webpack_require__(2575);
// EXTERNAL MODULE: ./src/modes/observe.ts
var observe = __webpack_require__(8828);
// EXTERNAL MODULE: ./src/ledger/ledger.ts
var ledger_ledger = __webpack_require__(2420);
;// CONCATENATED MODULE: ./src/modes/prune.ts
/**
 * `prune`: the operators' gated prune. All gates open → container, dangling-image and
 * build-cache prunes older than `until`, each preceded by a fresh gate re-check, under a
 * host-wide lock. Any gate closed → `keeping local image cache, nothing to do`, exit 0.
 */













const NOTHING_TO_DO = 'keeping local image cache, nothing to do';
/** How long a second run waits for the lock before giving way. */
const LOCK_WAIT_MS = 5_000;
async function runPrune(ctx, opts = {}) {
    const started = ctx.now();
    const before = await (0,context/* snapshotGroup */._u)(ctx, 'Docker host before', { buildCache: true });
    const report = (0,context/* startReport */.Fg)(ctx, before, started);
    const ledger = await (0,context/* underStepLock */.aO)(ctx, () => (0,observe/* observe */.l)(ctx, before, report));
    await gatedPrune(ctx, before, report, ledger, opts);
    report.dockerCalls = ctx.docker.allCalls;
    report.durationMs = ctx.now() - started;
    return { report, exitCode: report.errors.length ? 1 : 0 };
}
/** The gated prune on its own, so pre/post steps can run it too. Fills in `report`. */
async function gatedPrune(ctx, before, report, ledger, opts = {}) {
    const { out, config } = ctx;
    const verdict = (0,gates/* evaluateGates */.ud)(before, config, ctx.now());
    report.gates = verdict.gates;
    report.gate = verdict.gate;
    await out.group(`Gates (${verdict.open ? 'all open' : `closed: ${verdict.gate}`})`, async () => {
        for (const l of (0,report_text/* describeGates */.yg)(verdict.gates))
            out.info(l);
    });
    for (const s of verdict.stuck)
        (0,context/* warn */.R8)(ctx, report, `service ${s.name} looks stuck (${s.running}/${s.desired} running, unchanged since ${new Date(s.updatedMs).toISOString()}); it does not hold the prune`);
    report.planned = (0,prune_plan/* planPrune */.w)(before, config.untilMs, ctx.now());
    if (!verdict.open) {
        out.info(`gate ${verdict.gate} closed: ${NOTHING_TO_DO}`);
        return;
    }
    if (config.dryRun) {
        await out.group('Dry run: would remove', async () => { for (const l of (0,report_text/* describePlan */.df)(report.planned))
            out.info(l); });
        // the LRU plan as it stands now, before the dangling prune would have freed anything
        await (0,evict/* evictLeastRecentlyUsed */.e)(ctx, before, ledger, report);
        out.info('dry run: nothing removed');
        return;
    }
    const lock = await (0,execute_lock/* acquireLock */.IZ)((0,execute_lock/* lockName */.l4)(ctx.lockKey, 'run'), LOCK_WAIT_MS, () => ctx.docker.stop.signal !== undefined);
    if (!lock) {
        report.gate = 'lock';
        report.gates.push({ name: 'lock', open: false, detail: `another prune is running on this engine (host lock ${(0,execute_lock/* lockName */.l4)(ctx.lockKey, 'run')})` });
        out.info(`another prune is running: ${NOTHING_TO_DO}`);
        return;
    }
    try {
        const recheck = async () => {
            const services = await (0,snapshot/* rereadServices */.ey)(ctx.docker, before);
            return (0,gates/* evaluateGates */.ud)({ ...before, services }, config, ctx.now(), ['stacks', 'converging']);
        };
        const exec = await out.group('Pruning', () => executePrune(ctx.docker, config.untilMs, {
            recheck,
            beforeStep: opts.beforeStep,
            // recorded the moment docker answers: if the daemon dies next, the report still has it
            onStep(s) {
                const objects = recordRemovals(before, s, report);
                const noun = { container: 'containers', image: 'dangling images', builder: 'build cache records' }[s.kind];
                out.info(`${s.kind} prune: ${objects} ${noun} removed, ${(0,units/* formatBytes */.z3)(s.reclaimedBytes)} reclaimed (${s.durationMs} ms)`);
                if (s.error) {
                    report.errors.push(`${s.kind} prune failed: ${s.error}`);
                    out.error(report.errors[report.errors.length - 1]);
                }
            },
        }));
        if (exec.stoppedBy) {
            const closed = exec.stoppedBy.gates.find((g) => !g.open);
            report.stopped = `stopped before the ${exec.stoppedBefore} prune: gate ${closed.name} closed (${closed.detail})`;
            report.gate = closed.name;
            (0,context/* warn */.R8)(ctx, report, report.stopped);
            out.info(NOTHING_TO_DO);
        }
        else if (before.disk && (await (0,disk/* measureDisk */.W)(before.disk.path)).usedPercent >= config.threshold) {
            // still over the high watermark after the prunes: least-recently-used eviction
            const mid = await (0,snapshot/* takeSnapshot */.W9)(ctx.docker);
            await (0,evict/* evictLeastRecentlyUsed */.e)(ctx, mid, (0,ledger_ledger/* updateLedger */.RI)(ledger, mid, ctx.now()), report);
        }
    }
    finally {
        await lock.release();
    }
    const after = await (0,context/* snapshotGroup */._u)(ctx, 'Docker host after', { buildCache: true });
    report.disk.after = after.disk;
    report.inventory.after = (0,inventory/* inventoryOf */.o)(after);
}
/** Adds one prune step's removals to the report; returns how many objects it removed. */
function recordRemovals(before, s, report) {
    const containers = new Map(before.containers.map((c) => [c.id, c]));
    const images = new Map(before.images.map((i) => [i.id, i]));
    const n = report.removed.length;
    for (const id of s.deleted) {
        const c = containers.get(id);
        const i = images.get(id);
        if (s.kind === 'container')
            report.removed.push({ kind: 'container', id, label: c?.name ?? id.slice(0, 12), bytes: 0, reason: `stopped (${c?.state ?? 'not running'}), older than until` });
        if (s.kind === 'image' && i)
            report.removed.push({ kind: 'image', id, label: i.digests[0] ?? id.slice(7, 19), bytes: i.sizeBytes, reason: 'dangling (untagged), older than until' });
    }
    if (s.kind === 'builder' && s.reclaimedBytes > 0)
        report.removed.push({ kind: 'builder', id: 'build-cache', label: `${s.deleted.length} build cache records`, bytes: s.reclaimedBytes, reason: 'build cache unused for longer than until' });
    const key = s.kind === 'container' ? 'containers' : s.kind === 'image' ? 'images' : 'buildCache';
    report.reclaimed[key] += s.reclaimedBytes;
    report.reclaimed.total += s.reclaimedBytes;
    report.pruned = report.removed.length > 0 || report.reclaimed.total > 0;
    return s.kind === 'builder' ? s.deleted.length : report.removed.length - n;
}


/***/ }),

/***/ 8079:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w: () => (/* binding */ planPrune)
/* harmony export */ });
/** Container states `docker container prune` removes (everything not running or paused). */
const PRUNABLE_CONTAINER_STATES = new Set(['created', 'exited', 'dead']);
function planPrune(snap, untilMs, nowMs) {
    const cutoff = nowMs - untilMs;
    const plan = [];
    const removedContainers = new Set();
    for (const c of snap.containers) {
        if (PRUNABLE_CONTAINER_STATES.has(c.state) && c.createdMs < cutoff) {
            removedContainers.add(c.id);
            plan.push({ kind: 'container', id: c.id, label: c.name, bytes: 0, reason: `${c.state}, created before the cut-off` });
        }
    }
    // Images still used by a container that survives the container prune stay.
    const usedImages = new Set(snap.containers.filter((c) => !removedContainers.has(c.id)).map((c) => c.imageId));
    for (const i of snap.images) {
        if (i.dangling && i.createdMs < cutoff && !usedImages.has(i.id)) {
            plan.push({ kind: 'image', id: i.id, label: i.digests[0] ?? i.id.slice(7, 19), bytes: i.sizeBytes, reason: 'dangling (untagged), created before the cut-off' });
        }
    }
    if (snap.buildCacheBytes) {
        plan.push({ kind: 'builder', id: 'build-cache', label: 'build cache', bytes: 0, reason: `entries unused for longer than the cut-off (of ${snap.buildCacheBytes} bytes in all)` });
    }
    return plan;
}


/***/ })

};
