export const id = 668;
export const ids = [668];
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

/***/ 6668:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runCheck: () => (/* binding */ runCheck)
/* harmony export */ });
/* harmony import */ var _gates_gates_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9176);
/* harmony import */ var _plan_prune_plan_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8079);
/* harmony import */ var _report_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5655);
/* harmony import */ var _snapshot_snapshot_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2889);
/* harmony import */ var _inputs_units_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4702);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7102);
/* harmony import */ var _observe_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5630);
/** `check`: report the host, the gates and what a prune would remove. Changes nothing. */







async function runCheck(ctx) {
    const { out, config } = ctx;
    const started = ctx.now();
    const snap = await out.group('Docker host', async () => {
        const s = await (0,_snapshot_snapshot_js__WEBPACK_IMPORTED_MODULE_3__/* .takeSnapshot */ .W9)(ctx.docker, { buildCache: true });
        const report = (0,_context_js__WEBPACK_IMPORTED_MODULE_5__/* .startReport */ .Fg)(ctx, s, started);
        out.info((0,_report_text_js__WEBPACK_IMPORTED_MODULE_2__/* .describeDaemon */ .MX)(s));
        out.info((0,_report_text_js__WEBPACK_IMPORTED_MODULE_2__/* .describeDisk */ .v3)(s.disk, s.diskError));
        out.info((0,_report_text_js__WEBPACK_IMPORTED_MODULE_2__/* .describeInventory */ .IB)(report.inventory.before));
        return s;
    });
    const report = (0,_context_js__WEBPACK_IMPORTED_MODULE_5__/* .startReport */ .Fg)(ctx, snap, started);
    await (0,_observe_js__WEBPACK_IMPORTED_MODULE_6__/* .observe */ .l)(ctx, snap, report);
    const verdict = (0,_gates_gates_js__WEBPACK_IMPORTED_MODULE_0__/* .evaluateGates */ .ud)(snap, config, ctx.now());
    await out.group(`Gates (${verdict.open ? 'all open: a prune would run' : `closed: ${verdict.gate}`})`, async () => {
        for (const l of (0,_report_text_js__WEBPACK_IMPORTED_MODULE_2__/* .describeGates */ .yg)(verdict.gates))
            out.info(l);
    });
    for (const s of verdict.stuck)
        report.warnings.push(`service ${s.name} looks stuck (${s.running}/${s.desired} running since ${new Date(s.updatedMs).toISOString()}); it does not hold the prune`);
    report.planned = (0,_plan_prune_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .planPrune */ .w)(snap, config.untilMs, ctx.now());
    await out.group(`A prune with until=${(0,_inputs_units_js__WEBPACK_IMPORTED_MODULE_4__/* .toGoDuration */ .Im)(config.untilMs)} would remove`, async () => {
        for (const l of (0,_report_text_js__WEBPACK_IMPORTED_MODULE_2__/* .describePlan */ .df)(report.planned))
            out.info(l);
    });
    for (const w of report.warnings)
        out.warn(w);
    report.gate = verdict.gate;
    report.gates = verdict.gates;
    report.dockerCalls = ctx.docker.calls;
    report.durationMs = ctx.now() - started;
    return { report, exitCode: 0 };
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
