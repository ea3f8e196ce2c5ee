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
/* harmony import */ var _observe_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8828);
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
    await (0,_context_js__WEBPACK_IMPORTED_MODULE_5__/* .underStepLock */ .aO)(ctx, () => (0,_observe_js__WEBPACK_IMPORTED_MODULE_6__/* .observe */ .l)(ctx, snap, report));
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
    report.dockerCalls = ctx.docker.allCalls;
    report.durationMs = ctx.now() - started;
    return { report, exitCode: 0 };
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
