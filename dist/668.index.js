export const id = 668;
export const ids = [668];
export const modules = {

/***/ 6668:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runCheck: () => (/* binding */ runCheck)
/* harmony export */ });
/* harmony import */ var _gates_gates_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9176);
/* harmony import */ var _plan_prune_plan_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8079);
/* harmony import */ var _report_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5655);
/* harmony import */ var _snapshot_snapshot_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4330);
/* harmony import */ var _inputs_units_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4702);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1235);
/* harmony import */ var _observe_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8828);
/* harmony import */ var _report_inventory_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(3830);
/* harmony import */ var _evict_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1893);
/** `check`: report the host, the gates and what a prune would remove. Changes nothing. */









async function runCheck(ctx) {
    const { out, config } = ctx;
    const snap = await out.group('Docker host', async () => {
        const s = await (0,_snapshot_snapshot_js__WEBPACK_IMPORTED_MODULE_3__/* .withPruneAges */ .NV)(ctx.docker, await (0,_snapshot_snapshot_js__WEBPACK_IMPORTED_MODULE_3__/* .takeSnapshot */ .W9)(ctx.docker, { buildCache: true }));
        out.info((0,_report_text_js__WEBPACK_IMPORTED_MODULE_2__/* .describeDaemon */ .MX)(s));
        out.info((0,_report_text_js__WEBPACK_IMPORTED_MODULE_2__/* .describeDisk */ .v3)(s.disk, s.diskError));
        out.info((0,_report_text_js__WEBPACK_IMPORTED_MODULE_2__/* .describeInventory */ .IB)((0,_report_inventory_js__WEBPACK_IMPORTED_MODULE_8__/* .inventoryOf */ .o)(s)));
        return s;
    });
    ctx.rec.before(snap);
    const ledger = await (0,_context_js__WEBPACK_IMPORTED_MODULE_5__/* .underStepLock */ .aO)(ctx, () => (0,_observe_js__WEBPACK_IMPORTED_MODULE_6__/* .observe */ .l)(ctx, snap));
    const verdict = (0,_gates_gates_js__WEBPACK_IMPORTED_MODULE_0__/* .evaluateGates */ .ud)(snap, config, ctx.now());
    await out.group(`Gates (${verdict.open ? 'all open: a prune would run' : `closed: ${verdict.gate}`})`, async () => {
        for (const l of (0,_report_text_js__WEBPACK_IMPORTED_MODULE_2__/* .describeGates */ .yg)(verdict.gates))
            out.info(l);
    });
    for (const s of verdict.stuck)
        ctx.rec.warn(`service ${s.name} looks stuck (${s.running}/${s.desired} running since ${new Date(s.updatedMs).toISOString()}); it does not hold the prune`);
    const plan = (0,_plan_prune_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .planPrune */ .w)(snap, config.untilMs, ctx.now());
    ctx.rec.planned(plan);
    await out.group(`A prune with until=${(0,_inputs_units_js__WEBPACK_IMPORTED_MODULE_4__/* .toGoDuration */ .Im)(config.untilMs)} would remove`, async () => {
        for (const l of (0,_report_text_js__WEBPACK_IMPORTED_MODULE_2__/* .describePlan */ .df)(plan))
            out.info(l);
    });
    // over the threshold, a prune would go on to evict: show that too (as a dry run does; the
    // dangling prune first may free some of it)
    if (verdict.open)
        await (0,_evict_js__WEBPACK_IMPORTED_MODULE_7__/* .evictLeastRecentlyUsed */ .e)({ ...ctx, config: { ...config, dryRun: true } }, snap, ledger);
    ctx.rec.gates(verdict);
    return (0,_context_js__WEBPACK_IMPORTED_MODULE_5__/* .finish */ .O9)(ctx, 0);
}


/***/ })

};
