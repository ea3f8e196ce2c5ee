export const id = 490;
export const ids = [490];
export const modules = {

/***/ 5490:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ ProxyAgent)
/* harmony export */ });
/**
 * Stands in for `undici` in the bundle (tsconfig `paths`). @actions/http-client imports it for
 * one thing, a proxy dispatcher for its own HTTP requests; @actions/core makes those only for
 * getIDToken (OIDC), which this tool never calls. Bundled, undici was most of what loading
 * @actions/core cost a GitHub job step (the action's pre step: 1.84x the floor with it, 1.52x
 * without, about 65 ms; BENCHMARKS.md): it is not shipped.
 */
class ProxyAgent {
    constructor() {
        throw new Error('ci-docker-prune does not bundle undici: @actions/http-client proxy dispatchers are unavailable');
    }
}


/***/ })

};
