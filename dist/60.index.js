export const id = 60;
export const ids = [60];
export const modules = {

/***/ 6060:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   findEvictions: () => (/* binding */ findEvictions),
/* harmony export */   findLeaks: () => (/* binding */ findLeaks),
/* harmony export */   runPost: () => (/* binding */ runPost)
/* harmony export */ });
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7102);
/* harmony import */ var _job_state_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3663);
/* harmony import */ var _prune_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6665);
/* harmony import */ var _observe_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8828);




/** Tagged images present before whose id is gone and none of whose tags still exist. */
function findEvictions(before, now) {
    const ids = new Set(now.images.map((i) => i.id));
    const tags = new Set(now.images.flatMap((i) => i.tags));
    return before.images
        .filter(([id, ...t]) => t.length > 0 && !ids.has(id) && !t.some((x) => tags.has(x)))
        .map(([id, ...t]) => ({ id, tags: t }));
}
/** Swarm objects and volumes created during the job that still exist. */
function findLeaks(before, now) {
    const diff = (was, is) => {
        const old = new Set(was);
        return (is ?? []).filter((n) => !old.has(n));
    };
    const leaks = {
        services: diff(before.services, now.services?.map((s) => s.name)),
        networks: diff(before.networks, now.networks),
        volumes: diff(before.volumes, now.volumes),
        secrets: diff(before.secrets, now.secrets),
        configs: diff(before.configs, now.configs),
    };
    return Object.fromEntries(Object.entries(leaks).filter(([, v]) => v.length > 0));
}
async function runPost(ctx) {
    const { out, config } = ctx;
    const started = ctx.now();
    const before = await loadBefore(ctx);
    const now = await (0,_context_js__WEBPACK_IMPORTED_MODULE_0__/* .snapshotGroup */ ._u)(ctx, 'Docker host after the job');
    const report = (0,_context_js__WEBPACK_IMPORTED_MODULE_0__/* .startReport */ .Fg)(ctx, now, started);
    const ledger = await (0,_context_js__WEBPACK_IMPORTED_MODULE_0__/* .underStepLock */ .aO)(ctx, () => (0,_observe_js__WEBPACK_IMPORTED_MODULE_3__/* .observe */ .l)(ctx, now, report));
    let exitCode = 0;
    if (!before) {
        report.warnings.push('no pre-job snapshot found (did the pre step run?): eviction check skipped');
        out.warn(report.warnings[0]);
    }
    else {
        const evicted = findEvictions(before, now);
        out.setOutput('evicted-images', evicted.map((e) => e.tags[0]).join(','));
        if (evicted.length === 0)
            out.info(`no eviction: all ${before.images.filter((i) => i.length > 1).length} tagged images from before the job are still here`);
        for (const e of evicted) {
            const msg = `evicted during the job: ${e.tags.join(', ')} (${e.id.slice(7, 19)}) was present before the job and is gone`;
            if (config.failOnEviction)
                report.errors.push(msg);
            else
                report.warnings.push(msg);
            if (config.failOnEviction)
                out.error(msg);
            else
                out.warn(msg);
        }
        if (config.failOnEviction && evicted.length)
            exitCode = 1;
        const leaks = findLeaks(before, now);
        report.job = { images: [], cold: [], registries: [], mirrors: now.daemon.mirrors, evicted, leaks };
        // in the log as warnings; in the report and the summary once, under job.leaks
        for (const [kind, names] of Object.entries(leaks))
            out.warn(`teardown leak: ${names.length} ${kind} created during the job still exist: ${names.join(', ')}`);
    }
    await (0,_prune_js__WEBPACK_IMPORTED_MODULE_2__.gatedPrune)(ctx, now, report, ledger);
    report.dockerCalls = ctx.docker.allCalls;
    report.durationMs = ctx.now() - started;
    return { report, exitCode: exitCode || (report.errors.length && config.failOnEviction ? 1 : 0) };
}
async function loadBefore(ctx) {
    if (ctx.out.kind === 'actions') {
        const raw = process.env[`STATE_${_job_state_js__WEBPACK_IMPORTED_MODULE_1__/* .JOB_STATE_KEY */ .uf}`];
        return raw ? JSON.parse(raw) : undefined;
    }
    return (0,_job_state_js__WEBPACK_IMPORTED_MODULE_1__/* .loadJobStateFile */ .nI)(ctx.config.stateDir, (0,_job_state_js__WEBPACK_IMPORTED_MODULE_1__/* .runId */ .Vz)(process.env));
}


/***/ })

};
