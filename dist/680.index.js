export const id = 680;
export const ids = [680];
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
    if (snap.swarm.manager)
        return { name: 'swarm-role', open: true, detail: 'swarm manager: services visible' };
    if (snap.swarm.state === 'inactive')
        return { name: 'swarm-role', open: true, detail: 'swarm not initialised: no services can be live' };
    return { name: 'swarm-role', open: false, detail: `${snap.servicesError ?? 'services cannot be listed'}; failing closed (run on a manager to prune)` };
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

/***/ 2420:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N3: () => (/* binding */ imagesInUse),
/* harmony export */   RI: () => (/* binding */ updateLedger),
/* harmony export */   h8: () => (/* binding */ parseLedger)
/* harmony export */ });
/* unused harmony export LEDGER_VERSION */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9691);
/* harmony import */ var _plan_references_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7469);
/**
 * The usage ledger (pure). Docker records no "last used" time, so every run of every mode
 * writes down, per image id, when we first saw it and when we last saw it in use (by any
 * container, or named in a service spec or its previous spec). A missing or corrupt ledger is
 * rebuilt with every image "used now": never evict what we know nothing about.
 */


const LEDGER_VERSION = 1;
const Schema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    version: zod__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz(LEDGER_VERSION),
    images: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({ firstSeenMs: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(), lastUsedMs: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig() })),
});
/** Parses stored text; undefined with a warning when it is not a ledger we can trust. */
function parseLedger(text) {
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch {
        return { ledger: undefined, warning: 'the usage ledger is corrupt (not JSON): rebuilt, every image counts as used now' };
    }
    const r = Schema.safeParse(doc);
    if (!r.success) {
        const v = doc?.version;
        const why = v !== LEDGER_VERSION ? `version ${JSON.stringify(v)}, expected ${LEDGER_VERSION}` : 'unexpected shape';
        return { ledger: undefined, warning: `the usage ledger is unreadable (${why}): rebuilt, every image counts as used now` };
    }
    return { ledger: r.data, warning: undefined };
}
/** Ids of images in use now: by any container in any state, or named by a service (current or previous spec). */
function imagesInUse(snap) {
    const used = new Set(snap.containers.map((c) => c.imageId));
    const index = (0,_plan_references_js__WEBPACK_IMPORTED_MODULE_1__/* .indexImages */ .jd)(snap.images);
    for (const s of snap.services ?? []) {
        for (const ref of [s.image, s.previousImage])
            if (ref)
                for (const id of (0,_plan_references_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveIds */ .T8)(index, ref))
                    used.add(id);
    }
    return used;
}
/**
 * The ledger after observing `snap` at `nowMs`. With no previous ledger, every image is "used
 * now". A new image arrived at its LastTagTime (pull/tag/load) when the daemon reports it, else
 * now; images in use, and `alsoUsed` (the images a job about to run needs), are used now;
 * images that are gone are dropped.
 */
function updateLedger(prev, snap, nowMs, alsoUsed = []) {
    const inUse = imagesInUse(snap);
    for (const id of alsoUsed)
        inUse.add(id);
    const images = {};
    for (const img of snap.images) {
        const old = prev?.images[img.id];
        const arrived = prev ? Math.min(img.lastTagMs ?? nowMs, nowMs) : nowMs;
        const entry = old ?? { firstSeenMs: arrived, lastUsedMs: arrived };
        images[img.id] = inUse.has(img.id) ? { firstSeenMs: entry.firstSeenMs, lastUsedMs: nowMs } : entry;
    }
    return { version: LEDGER_VERSION, images };
}


/***/ }),

/***/ 7102:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  _u: () => (/* binding */ snapshotGroup),
  Fg: () => (/* binding */ startReport),
  R8: () => (/* binding */ warn)
});

// EXTERNAL MODULE: ./src/report/inventory.ts
var inventory = __webpack_require__(3830);
;// CONCATENATED MODULE: ./src/report/types.ts
const REPORT_VERSION = 1;

// EXTERNAL MODULE: ./src/snapshot/snapshot.ts + 1 modules
var snapshot = __webpack_require__(2889);
// EXTERNAL MODULE: ./src/report/text.ts
var report_text = __webpack_require__(5655);
;// CONCATENATED MODULE: ./src/modes/context.ts




/** A report describing `before` with nothing done yet. */
function startReport(ctx, before, startedMs) {
    return {
        version: REPORT_VERSION,
        tool: 'ci-docker-prune',
        mode: ctx.config.mode,
        dryRun: ctx.config.dryRun,
        startedAt: new Date(startedMs).toISOString(),
        durationMs: 0,
        daemon: {
            serverVersion: before.daemon.serverVersion,
            rootDir: before.daemon.rootDir,
            driver: before.daemon.driver,
            swarm: before.swarm.manager ? 'manager' : before.swarm.state,
        },
        disk: { before: before.disk, after: undefined },
        inventory: { before: (0,inventory/* inventoryOf */.o)(before), after: undefined },
        gate: 'not-evaluated',
        gates: [],
        planned: [],
        removed: [],
        kept: [],
        reclaimed: { containers: 0, images: 0, buildCache: 0, evicted: 0, total: 0 },
        pruned: false,
        stopped: undefined,
        warnings: [],
        errors: [],
        dockerCalls: 0,
        job: undefined,
    };
}
/** Takes a snapshot inside a titled log group and describes its disk and inventory. */
async function snapshotGroup(ctx, title, opts = {}) {
    return ctx.out.group(title, async () => {
        const s = await (0,snapshot/* takeSnapshot */.W9)(ctx.docker, opts);
        ctx.out.info((0,report_text/* describeDisk */.v3)(s.disk, s.diskError));
        ctx.out.info((0,report_text/* describeInventory */.IB)((0,inventory/* inventoryOf */.o)(s)));
        return s;
    });
}
/** A warning both in the log and in the report. */
function warn(ctx, report, message) {
    report.warnings.push(message);
    ctx.out.warn(message);
}


/***/ }),

/***/ 5630:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  l: () => (/* binding */ observe)
});

// EXTERNAL MODULE: ./src/ledger/ledger.ts
var ledger_ledger = __webpack_require__(2420);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/report/publish.ts + 1 modules
var publish = __webpack_require__(9309);
;// CONCATENATED MODULE: ./src/ledger/store.ts
/** The ledger on disk: `<state-dir>/ledger.json`, written atomically (write, then rename). */




const ledgerPath = (stateDir) => (0,external_node_path_.join)(stateDir, 'ledger.json');
async function loadLedger(stateDir) {
    let text;
    try {
        text = await (0,promises_.readFile)(ledgerPath(stateDir), 'utf8');
    }
    catch {
        return { ledger: undefined, warning: 'no usage ledger yet: every image counts as used now' };
    }
    return (0,ledger_ledger/* parseLedger */.h8)(text);
}
/** Never throws: a full disk must not stop the prune that would free it. */
async function saveLedger(stateDir, ledger) {
    try {
        await (0,publish/* writeAtomic */.v)(ledgerPath(stateDir), JSON.stringify(ledger), 0o600);
        return { ok: true };
    }
    catch (e) {
        return { ok: false, error: e.message };
    }
}

;// CONCATENATED MODULE: ./src/modes/observe.ts


/** Updates and saves the ledger; `alsoUsed` are image ids to count as used now (a job's images). */
async function observe(ctx, snap, report, alsoUsed = []) {
    const { ledger: prev, warning } = await loadLedger(ctx.config.stateDir);
    if (warning && prev === undefined && warning.startsWith('no usage ledger'))
        ctx.out.info(warning);
    else if (warning) {
        report.warnings.push(warning);
        ctx.out.warn(warning);
    }
    const ledger = (0,ledger_ledger/* updateLedger */.RI)(prev, snap, ctx.now(), alsoUsed);
    const saved = await saveLedger(ctx.config.stateDir, ledger);
    if (!saved.ok) {
        const msg = `could not write the usage ledger in ${ctx.config.stateDir} (${saved.error}); carrying on`;
        report.warnings.push(msg);
        ctx.out.warn(msg);
    }
    return ledger;
}


/***/ }),

/***/ 4680:
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
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/execute/lock.ts
/**
 * Host-wide lock in the state dir, so the nightly timer, a dispatch and the job steps never
 * prune at the same time. An exclusive-create file holding our pid; a lock whose pid is gone
 * (a killed run) is taken over.
 */


const alive = (pid) => {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (e) {
        return e.code === 'EPERM';
    }
};
/** Returns the lock, or undefined if another live process holds it after `waitMs`. */
async function acquireLock(stateDir, waitMs) {
    await (0,promises_.mkdir)(stateDir, { recursive: true, mode: 0o700 });
    const path = (0,external_node_path_.join)(stateDir, 'prune.lock');
    const deadline = Date.now() + waitMs;
    for (;;) {
        try {
            const fh = await (0,promises_.open)(path, 'wx', 0o600);
            await fh.writeFile(`${process.pid}\n${new Date().toISOString()}\n`);
            await fh.close();
            return { path, release: () => (0,promises_.rm)(path, { force: true }) };
        }
        catch (e) {
            if (e.code !== 'EEXIST')
                throw e;
        }
        const holder = Number((await (0,promises_.readFile)(path, 'utf8').catch(() => '')).split('\n')[0]);
        if (Number.isInteger(holder) && holder > 0 && !alive(holder)) {
            await (0,promises_.rm)(path, { force: true }); // stale: its process is gone
            continue;
        }
        if (Date.now() >= deadline)
            return undefined;
        await new Promise((r) => setTimeout(r, 200));
    }
}

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
        steps.push({
            kind,
            ...parsePruneOutput(r.stdout),
            durationMs: Math.round(performance.now() - t0),
            error: r.exitCode === 0 ? undefined : r.stderr.trim() || `exit ${r.exitCode}`,
        });
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
var snapshot_disk = __webpack_require__(3907);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
;// CONCATENATED MODULE: ./src/docker/unique-bytes.ts
/**
 * Bytes that removing each image would free (its layers no other image shares), from
 * `docker system df -v` (one call; docker prints 4 significant digits). Used only when an LRU
 * eviction is being planned: on a big host this call walks layer sizes and costs seconds.
 */


const DfImages = schemas/* array */.YOg(schemas/* object */.Ikc({ ID: schemas/* string */.YjP(), UniqueSize: schemas/* string */.YjP() }));
async function readUniqueBytes(docker) {
    const images = await docker.json(['system', 'df', '--verbose', '--format', '{{json .Images}}'], DfImages);
    const out = new Map();
    for (const i of images) {
        const bytes = (0,units/* parseBytes */.z_)(i.UniqueSize);
        if (bytes !== undefined)
            out.set(i.ID, bytes);
    }
    return out;
}

// EXTERNAL MODULE: ./src/ledger/ledger.ts
var ledger_ledger = __webpack_require__(2420);
;// CONCATENATED MODULE: ./src/plan/lru.ts


const percentOf = (used, capacity) => (capacity > 0 ? Math.round((used / capacity) * 1000) / 10 : 0);
function planEviction(input) {
    const { disk, config, ledger, nowMs } = input;
    const capacity = disk.usedBytes + disk.availBytes;
    const needed = disk.bytesPercent >= config.threshold;
    const targetUsed = Math.floor((capacity * config.target) / 100);
    const targetBytes = Math.max(0, disk.usedBytes - targetUsed);
    const inUse = (0,ledger_ledger/* imagesInUse */.N3)(input);
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
            : img.tags.some((t) => config.keep.some((re) => re.test(t))) ? 'keep'
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

;// CONCATENATED MODULE: ./src/modes/evict.ts
/**
 * Least-recently-used eviction of unused tagged images, after the gated prune, while the disk
 * is still at or above `threshold`, down to `target`. One `docker image rm <id>` at a time (never
 * forced), the safety gates re-checked before each, the disk re-measured after each.
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
    for (const p of plan.evict) {
        const services = await (0,snapshot/* readServices */.JQ)(ctx.docker);
        const verdict = (0,gates/* evaluateGates */.ud)({ ...snap, services }, config, ctx.now(), ['stacks', 'converging']);
        if (!verdict.open) {
            const closed = verdict.gates.find((g) => !g.open);
            report.stopped = `stopped before evicting ${p.label}: gate ${closed.name} closed (${closed.detail})`;
            report.gate = closed.name;
            (0,context/* warn */.R8)(ctx, report, report.stopped);
            return;
        }
        const r = await ctx.docker.destroy((0,commands/* removeImageCommand */.re)(p.id));
        if (r.exitCode !== 0) {
            // e.g. a job started a container from it a moment ago: docker refuses, and so do we
            (0,context/* warn */.R8)(ctx, report, `kept ${p.label}: docker refused to remove it (${r.stderr.trim().split('\n').pop()})`);
            continue;
        }
        report.removed.push({ kind: 'evict', id: p.id, label: p.label, bytes: p.bytes });
        report.reclaimed.evicted += p.bytes;
        report.reclaimed.total += p.bytes;
        report.pruned = true;
        const disk = await (0,snapshot_disk/* measureDisk */.W)(snap.disk.path);
        out.info(`evicted ${p.label}: disk now ${disk.usedPercent}%`);
        if (disk.usedPercent <= config.target)
            return;
    }
}

// EXTERNAL MODULE: ./src/modes/observe.ts + 1 modules
var observe = __webpack_require__(5630);
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
    const ledger = await (0,observe/* observe */.l)(ctx, before, report);
    await gatedPrune(ctx, before, report, ledger, opts);
    report.dockerCalls = ctx.docker.calls;
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
        await evictLeastRecentlyUsed(ctx, before, ledger, report);
        out.info('dry run: nothing removed');
        return;
    }
    const lock = await acquireLock(config.stateDir, LOCK_WAIT_MS);
    if (!lock) {
        report.gate = 'lock';
        report.gates.push({ name: 'lock', open: false, detail: `another prune is running (lock ${config.stateDir}/prune.lock)` });
        out.info(`another prune is running: ${NOTHING_TO_DO}`);
        return;
    }
    try {
        const recheck = async () => {
            const services = await (0,snapshot/* readServices */.JQ)(ctx.docker);
            return (0,gates/* evaluateGates */.ud)({ ...before, services }, config, ctx.now(), ['stacks', 'converging']);
        };
        const exec = await out.group('Pruning', async () => {
            const e = await executePrune(ctx.docker, config.untilMs, { recheck, beforeStep: opts.beforeStep });
            recordRemovals(before, e.steps, report);
            for (const s of e.steps) {
                const objects = s.kind === 'builder' ? s.deleted.length : report.removed.filter((r) => r.kind === s.kind).length;
                const noun = { container: 'containers', image: 'dangling images', builder: 'build cache records' }[s.kind];
                out.info(`${s.kind} prune: ${objects} ${noun} removed, ${(0,units/* formatBytes */.z3)(s.reclaimedBytes)} reclaimed (${s.durationMs} ms)`);
                if (s.error)
                    report.errors.push(`${s.kind} prune failed: ${s.error}`);
            }
            return e;
        });
        if (exec.stoppedBy) {
            const closed = exec.stoppedBy.gates.find((g) => !g.open);
            report.stopped = `stopped before the ${exec.stoppedBefore} prune: gate ${closed.name} closed (${closed.detail})`;
            report.gate = closed.name;
            (0,context/* warn */.R8)(ctx, report, report.stopped);
            out.info(NOTHING_TO_DO);
        }
        else if (before.disk && (await (0,snapshot_disk/* measureDisk */.W)(before.disk.path)).usedPercent >= config.threshold) {
            // still over the high watermark after the prunes: least-recently-used eviction
            const mid = await (0,snapshot/* takeSnapshot */.W9)(ctx.docker);
            await evictLeastRecentlyUsed(ctx, mid, (0,ledger_ledger/* updateLedger */.RI)(ledger, mid, ctx.now()), report);
        }
    }
    finally {
        await lock.release();
    }
    const after = await (0,context/* snapshotGroup */._u)(ctx, 'Docker host after', { buildCache: true });
    report.disk.after = after.disk;
    report.inventory.after = (0,inventory/* inventoryOf */.o)(after);
}
function recordRemovals(before, steps, report) {
    const containers = new Map(before.containers.map((c) => [c.id, c]));
    const images = new Map(before.images.map((i) => [i.id, i]));
    for (const s of steps) {
        for (const id of s.deleted) {
            const c = containers.get(id);
            const i = images.get(id);
            if (s.kind === 'container' && c)
                report.removed.push({ kind: 'container', id, label: c.name, bytes: 0 });
            if (s.kind === 'image' && i)
                report.removed.push({ kind: 'image', id, label: i.digests[0] ?? id.slice(7, 19), bytes: i.sizeBytes });
        }
        if (s.kind === 'builder' && s.reclaimedBytes > 0)
            report.removed.push({ kind: 'builder', id: 'build-cache', label: `${s.deleted.length} build cache records`, bytes: s.reclaimedBytes });
        const key = s.kind === 'container' ? 'containers' : s.kind === 'image' ? 'images' : 'buildCache';
        report.reclaimed[key] += s.reclaimedBytes;
        report.reclaimed.total += s.reclaimedBytes;
    }
    report.pruned = report.removed.length > 0 || report.reclaimed.total > 0;
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


/***/ }),

/***/ 7469:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fv: () => (/* binding */ registryOf),
/* harmony export */   T8: () => (/* binding */ resolveIds),
/* harmony export */   jd: () => (/* binding */ indexImages),
/* harmony export */   l8: () => (/* binding */ findLocal)
/* harmony export */ });
/* unused harmony export normalizeReference */
/**
 * `redis` → `redis:latest`; `docker.io/library/redis:7` → `redis:7`; `docker.io/foo/bar` →
 * `foo/bar:latest`; digests are kept (`redis@sha256:…`). Matches how `docker image ls` shows tags.
 */
function normalizeReference(ref) {
    let r = ref.trim();
    r = r.replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '');
    r = r.replace(/^library\//, '');
    if (r.includes('@'))
        return r;
    const lastSlash = r.lastIndexOf('/');
    return r.slice(lastSlash + 1).includes(':') ? r : `${r}:latest`;
}
/** The registry host an image is pulled from (`docker.io` when none is named). */
function registryOf(ref) {
    const first = ref.split('/')[0];
    const isHost = ref.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
    return isHost ? first : 'docker.io';
}
/** The local image a reference resolves to, if present. */
function findLocal(images, ref) {
    const want = normalizeReference(ref);
    if (want.includes('@')) {
        const [name, digest] = want.split('@');
        const bare = name.replace(/:[^/:]+$/, '');
        return images.find((i) => i.digests.some((d) => d === `${bare}@${digest}`));
    }
    return images.find((i) => i.tags.includes(want));
}
function indexImages(images) {
    const byTag = new Map();
    const byDigest = new Map();
    for (const i of images) {
        for (const t of i.tags)
            byTag.set(t, i.id);
        for (const d of i.digests)
            byDigest.set(d, i.id);
    }
    return { byTag, byDigest };
}
/**
 * Local image ids a service's image reference names: by its tag (`redis:7`) and, when it is
 * pinned (`redis:7@sha256:…`, as swarm stores it), by its digest.
 */
function resolveIds(index, ref) {
    const [named, digest] = ref.split('@');
    const ids = [];
    const byTag = index.byTag.get(normalizeReference(named));
    if (byTag)
        ids.push(byTag);
    if (digest) {
        const bare = normalizeReference(named).replace(/:[^/:]+$/, '');
        const byDigest = index.byDigest.get(`${bare}@${digest}`);
        if (byDigest)
            ids.push(byDigest);
    }
    return ids;
}


/***/ }),

/***/ 3830:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o: () => (/* binding */ inventoryOf)
/* harmony export */ });
function inventoryOf(s) {
    return {
        images: s.images.length,
        danglingImages: s.images.filter((i) => i.dangling).length,
        imageBytes: s.images.reduce((n, i) => n + i.sizeBytes, 0),
        containers: s.containers.length,
        runningContainers: s.containers.filter((c) => c.state === 'running').length,
        services: s.services?.length,
        volumes: s.volumes.length,
        networks: s.networks.length,
        buildCacheBytes: s.buildCacheBytes,
    };
}


/***/ }),

/***/ 5655:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IB: () => (/* binding */ describeInventory),
/* harmony export */   MX: () => (/* binding */ describeDaemon),
/* harmony export */   df: () => (/* binding */ describePlan),
/* harmony export */   v3: () => (/* binding */ describeDisk),
/* harmony export */   yg: () => (/* binding */ describeGates)
/* harmony export */ });
/* harmony import */ var _inputs_units_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4702);

function describeDisk(d, error) {
    if (!d)
        return `disk: unknown (${error ?? 'not measured'})`;
    return `disk ${d.path}: ${(0,_inputs_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(d.usedBytes)} of ${(0,_inputs_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(d.usedBytes + d.availBytes)} used (${d.bytesPercent}%), ` +
        `${(0,_inputs_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(d.availBytes)} free; inodes ${d.inodesPercent}%`;
}
function describeInventory(i) {
    const parts = [
        `images ${i.images} (${i.danglingImages} dangling, ${(0,_inputs_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(i.imageBytes)})`,
        `containers ${i.containers} (${i.runningContainers} running)`,
        `services ${i.services ?? 'n/a'}`,
        `volumes ${i.volumes}`,
        `networks ${i.networks}`,
    ];
    if (i.buildCacheBytes !== undefined)
        parts.push(`build cache ${(0,_inputs_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(i.buildCacheBytes)}`);
    return parts.join(' · ');
}
function describeDaemon(s) {
    const role = s.swarm.manager ? 'swarm manager' : `swarm ${s.swarm.state}`;
    const mirrors = s.daemon.mirrors.length ? `, mirrors ${s.daemon.mirrors.join(' ')}` : '';
    return `daemon ${s.daemon.serverVersion} (${s.daemon.driver}) at ${s.daemon.rootDir}, ${role}${mirrors}`;
}
function describeGates(gates) {
    const width = Math.max(...gates.map((g) => g.name.length));
    return gates.map((g) => `${g.open ? '✓' : '✗'} ${g.name.padEnd(width)}  ${g.detail}`);
}
function describePlan(plan) {
    if (plan.length === 0)
        return ['nothing old enough to remove'];
    return plan.map((p) => `${p.kind.padEnd(9)} ${p.label}${p.bytes ? ` (${(0,_inputs_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(p.bytes)})` : ''}: ${p.reason}`);
}


/***/ })

};
