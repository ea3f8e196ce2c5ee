export const id = 992;
export const ids = [992];
export const modules = {

/***/ 8992:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   getExecOutput: () => (/* binding */ getExecOutput)
/* harmony export */ });
/* unused harmony export exec */
let real;
const load = () => (real ??= __webpack_require__.e(/* import() */ 260).then(__webpack_require__.bind(__webpack_require__, 1260)));
const exec = async (...args) => (await load()).exec(...args);
const getExecOutput = async (...args) => (await load()).getExecOutput(...args);


/***/ })

};
