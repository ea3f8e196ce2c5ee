export const id = 115;
export const ids = [115];
export const modules = {

/***/ 8925:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T8: () => (/* binding */ manifestBytes),
/* harmony export */   Xv: () => (/* binding */ upstreamState),
/* harmony export */   a$: () => (/* binding */ pull),
/* harmony export */   k9: () => (/* binding */ upstreamDigest)
/* harmony export */ });
/* unused harmony export countLayers */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7457);

async function pull(docker, ref) {
    const t0 = performance.now();
    let r;
    try {
        // `--` : whatever the reference, it is never read as an option
        r = await docker.exec(['pull', '--', ref], { pull: true });
    }
    catch (e) {
        if (!(e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DockerTimeout */ .UB))
            throw e;
        r = { exitCode: 124, stdout: '', stderr: e.message };
    }
    const ms = Math.round(performance.now() - t0);
    return {
        ref,
        ok: r.exitCode === 0,
        ms,
        ...countLayers(r.stdout),
        upToDate: r.stdout.split('\n').some((l) => l.startsWith('Status: Image is up to date')),
        error: r.exitCode === 0 ? undefined : lastLine(r.stderr) || `docker pull exited ${r.exitCode}`,
    };
}
/**
 * Layers a pull downloaded and reused, from its progress lines. The classic store prints
 * `<id>: Download complete` then `<id>: Pull complete` (extracted); the containerd image store
 * only `<id>: Download complete`: a layer counts once, whichever it printed.
 */
function countLayers(stdout) {
    const downloaded = new Set();
    const reused = new Set();
    for (const line of stdout.split('\n')) {
        const m = /^([0-9a-f]{12,64}): (Pull complete|Download complete|Already exists)$/.exec(line.trim());
        if (m)
            (m[2] === 'Already exists' ? reused : downloaded).add(m[1]);
    }
    return { layersDownloaded: downloaded.size, layersReused: reused.size };
}
const lastLine = (s) => (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .lastLine */ .fM)(s).replace(/^Error response from daemon:\s*/, '');
/**
 * `docker manifest inspect --verbose <ref>` as JSON: the registry's answer through the CLI (the
 * pull's credentials, the same insecure-registry rule); undefined when it cannot say (an error,
 * garbage, a slow registry). The one place that asks for a manifest.
 */
async function inspectManifest(docker, ref, insecure) {
    const r = await askManifest(docker, ref, insecure);
    return r.kind === 'ok' ? r.doc : undefined;
}
// what the CLI prints when the registry answered "no such tag" (distribution's MANIFEST_UNKNOWN, Hub's 404)
const GONE = /no such manifest|manifest unknown|not found: manifest|manifest for .* not found|404 not found/i;
// and when it refused the credentials, or hides a repository behind them (Hub's 401 for one that does not exist)
const DENIED = /no basic auth credentials|\bunauthorized: |authentication required|requested access to the resource is denied|\b401 Unauthorized\b|\b403 Forbidden\b/i;
async function askManifest(docker, ref, insecure) {
    let r;
    try {
        r = await docker.exec(['manifest', 'inspect', ...(insecure ? ['--insecure'] : []), '--verbose', '--', ref]);
    }
    catch (e) {
        if (e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DockerTimeout */ .UB)
            return { kind: 'unreachable', message: e.message }; // a slow registry: it stays unknown
        throw e;
    }
    const message = lastLine(r.stderr) || `docker manifest inspect exited ${r.exitCode}`;
    if (r.exitCode !== 0)
        return GONE.test(r.stderr) ? { kind: 'gone', message } : DENIED.test(r.stderr) ? { kind: 'denied', message } : { kind: 'unreachable', message };
    try {
        return { kind: 'ok', doc: JSON.parse(r.stdout) };
    }
    catch {
        return { kind: 'unreachable', message: 'the registry\'s manifest is not JSON' };
    }
}
async function upstreamState(docker, ref, insecure, arch = 'amd64') {
    const r = await askManifest(docker, ref, insecure);
    if (r.kind !== 'ok')
        return r;
    const mine = platformManifest(r.doc, arch);
    const config = mine?.config?.digest;
    return { kind: 'ok', digest: digestOf(r.doc), configDigest: typeof config === 'string' && SHA256.test(config) ? config : undefined, bytes: bytesOfManifest(mine) };
}
const SHA256 = /^sha256:[0-9a-f]{64}$/;
function digestOf(doc) {
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
        return undefined;
    const digest = doc.Descriptor?.digest;
    return typeof digest === 'string' && SHA256.test(digest) ? digest : undefined;
}
/** This platform's image manifest in `manifest inspect --verbose`'s answer (a list's entry, or the one manifest). */
function platformManifest(doc, arch) {
    if (doc === undefined || doc === null || typeof doc !== 'object')
        return undefined;
    const entries = Array.isArray(doc) ? doc : [doc];
    const mine = entries.find((e) => !e.Descriptor?.platform || (e.Descriptor.platform.architecture === arch && e.Descriptor.platform.os === 'linux')) ?? entries[0];
    return mine?.SchemaV2Manifest ?? mine?.OCIManifest;
}
function bytesOfManifest(m) {
    if (!m?.layers)
        return undefined;
    return m.layers.reduce((n, l) => n + (l.size ?? 0), 0) + (m.config?.size ?? 0);
}
const bytesOf = (doc, arch) => bytesOfManifest(platformManifest(doc, arch));
/**
 * Bytes a cold image would download (compressed layers + config), when the registry tells.
 * Multi-platform lists are resolved with `--verbose` to this host's platform.
 */
async function manifestBytes(docker, ref, insecure, arch = 'amd64') {
    return bytesOf(await inspectManifest(docker, ref, insecure), arch);
}
/**
 * The digest the registry serves for `ref` now; undefined when it cannot say: a multi-platform
 * list (its own digest is not printed; the local copy records that one), an error, a slow registry.
 */
async function upstreamDigest(docker, ref, insecure) {
    return digestOf(await inspectManifest(docker, ref, insecure));
}


/***/ }),

/***/ 2193:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ recheckSafety)
/* harmony export */ });
/* harmony import */ var _gates_gates_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9176);
/* harmony import */ var _snapshot_snapshot_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4330);


async function recheckSafety(engine, snap, rules, now) {
    const services = await (0,_snapshot_snapshot_js__WEBPACK_IMPORTED_MODULE_1__/* .rereadServices */ .ey)(engine, snap);
    const closed = (0,_gates_gates_js__WEBPACK_IMPORTED_MODULE_0__/* .evaluateGates */ .ud)({ ...snap, services }, rules, now(), _gates_gates_js__WEBPACK_IMPORTED_MODULE_0__/* .SAFETY_GATES */ .MX).gates.find((g) => !g.open);
    return { closed, services };
}


/***/ }),

/***/ 9176:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MX: () => (/* binding */ SAFETY_GATES),
/* harmony export */   ud: () => (/* binding */ evaluateGates)
/* harmony export */ });
/* unused harmony exports GATE_NAMES, matchesStack, unsettledReason */
/* harmony import */ var _inputs_units_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4702);
/* harmony import */ var _plan_goal_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5908);


/** Every gate there is, in the order they are judged and reported (`lock` is taken last, by the executor). */
const GATE_NAMES = (/* unused pure expression or super */ null && (['swarm-role', 'disk', 'stacks', 'converging', 'lock']));
/** Re-judged right before every removal (execute/safety.ts): a deploy that started meanwhile stops the run. */
const SAFETY_GATES = ['stacks', 'converging'];
/** Update states in which the swarm is still (or stopped half-way) moving a service. */
const UNSETTLED_UPDATE = new Set(['updating', 'paused', 'rollback_started', 'rollback_paused']);
function evaluateGates(snap, config, nowMs, only) {
    const gates = [];
    const want = (g) => !only || only.includes(g);
    let stuck = [];
    if (want('swarm-role'))
        gates.push(swarmRoleGate(snap));
    if (want('disk'))
        gates.push(diskGate(snap, config.goal));
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
function diskGate(snap, goal) {
    const d = snap.disk;
    if (!d)
        return { name: 'disk', open: false, detail: `${snap.diskError ?? 'disk usage unknown'}; failing closed` };
    const open = (0,_plan_goal_js__WEBPACK_IMPORTED_MODULE_1__/* .needsRoom */ .lW)(d, goal);
    // a job's min-free: the real goal, in bytes, instead of the watermarks
    if (goal.kind === 'free-bytes')
        return { name: 'disk', open, detail: `need ${(0,_inputs_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(goal.bytes)} free, have ${(0,_inputs_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(d.availBytes)}` };
    const which = d.inodesPercent > d.bytesPercent ? 'inodes' : 'bytes';
    const values = `${d.usedPercent}% used (${which}; bytes ${d.bytesPercent}%, inodes ${d.inodesPercent}%)`;
    return { name: 'disk', open, detail: `${values} ${open ? '≥' : '<'} threshold ${goal.threshold}%` };
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
/* harmony export */   Bn: () => (/* binding */ LEDGER_VERSION),
/* harmony export */   D4: () => (/* binding */ releaseMark),
/* harmony export */   GF: () => (/* binding */ neededIds),
/* harmony export */   Hb: () => (/* binding */ NEEDED_HOLD_MS),
/* harmony export */   Pf: () => (/* binding */ WANTED_REFS),
/* harmony export */   RI: () => (/* binding */ updateLedger),
/* harmony export */   UG: () => (/* binding */ allMarks),
/* harmony export */   Vl: () => (/* binding */ recordWanted),
/* harmony export */   b: () => (/* binding */ liveMarks),
/* harmony export */   hO: () => (/* binding */ touchUsed),
/* harmony export */   je: () => (/* binding */ WANTED_TIMES),
/* harmony export */   lU: () => (/* binding */ markNeeded)
/* harmony export */ });
/* unused harmony export WANTED_HORIZON_MS */
/* harmony import */ var _snapshot_references_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5832);
/**
 * The usage ledger (pure). Docker records no "last used" time, so every run of every mode
 * writes down, per image id, when we first saw it and when we last saw it in use (by any
 * container, or named in a service spec or its previous spec). A missing or corrupt ledger is
 * rebuilt with every image "used now": what we know nothing about is warm, and yields only to
 * the disk bound.
 */

const LEDGER_VERSION = 1;
const WANTED_TIMES = 8;
const WANTED_REFS = 256;
const WANTED_HORIZON_MS = 30 * 86_400_000;
/** How long a pre step's mark holds when no post step releases it: the longest a GitHub job may run (6 h). */
const NEEDED_HOLD_MS = 6 * 3_600_000;
/**
 * The ledger after observing `snap` at `nowMs`. With no previous ledger, every image is "used
 * now". A new image arrived at its LastTagTime (pull/tag/load) when the daemon reports it, else
 * now; images in use, and `alsoUsed` (the images a job about to run needs), are used now;
 * images that are gone are dropped.
 */
function updateLedger(prev, snap, nowMs, alsoUsed = []) {
    const inUse = (0,_snapshot_references_js__WEBPACK_IMPORTED_MODULE_0__/* .imagesInUse */ .N3)(snap);
    for (const id of alsoUsed)
        inUse.add(id);
    const images = {};
    for (const img of snap.images) {
        const old = prev?.images[img.id];
        const arrived = prev ? Math.min(img.lastTagMs ?? nowMs, nowMs) : nowMs;
        const entry = old ?? { firstSeenMs: arrived, lastUsedMs: arrived };
        images[img.id] = inUse.has(img.id) ? { firstSeenMs: entry.firstSeenMs, lastUsedMs: nowMs } : entry;
    }
    return { version: LEDGER_VERSION, images, marks: liveMarks(prev, nowMs), ...keptWanted(prev, nowMs) };
}
/** The wanted references still within the horizon (none: no field). */
function keptWanted(ledger, nowMs) {
    const kept = Object.entries(ledger?.wanted ?? {}).map(([ref, times]) => [ref, times.filter((t) => t > nowMs - WANTED_HORIZON_MS)]).filter(([, t]) => t.length > 0);
    return kept.length ? { wanted: Object.fromEntries(kept) } : {};
}
/**
 * The ledger with `refs` asked for by a job at `nowMs`, each image once however the job spelled
 * it (`redis`, `docker.io/library/redis:latest`). Over WANTED_REFS references, the ones asked for
 * least recently go.
 */
function recordWanted(ledger, refs, nowMs) {
    const wanted = { ...keptWanted(ledger, nowMs).wanted };
    for (const ref of new Set(refs.map(_snapshot_references_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeReference */ .tO)))
        wanted[ref] = [...(wanted[ref] ?? []), nowMs].slice(-WANTED_TIMES);
    const newest = Object.entries(wanted).sort(([, a], [, b]) => b.at(-1) - a.at(-1)).slice(0, WANTED_REFS);
    return { ...ledger, wanted: Object.fromEntries(newest) };
}
/**
 * The ledger after a look that counted the images but did not list them (a run whose gates
 * stayed closed): the images its containers use are used now, expired marks go; no image is
 * added or dropped, as the look cannot tell which exist (the next listing look does both; an
 * image first seen then counts as arriving then, which errs warm). Undefined when unchanged.
 */
function touchUsed(prev, containers, nowMs) {
    let changed = false;
    const images = { ...prev.images };
    for (const { imageId } of containers) {
        const entry = images[imageId];
        if (entry && entry.lastUsedMs !== nowMs) {
            images[imageId] = { ...entry, lastUsedMs: nowMs };
            changed = true;
        }
    }
    const marks = liveMarks(prev, nowMs);
    if (Object.keys(marks).length !== Object.keys(prev.marks ?? {}).length)
        changed = true;
    return changed ? { version: LEDGER_VERSION, images, marks, ...keptWanted(prev, nowMs) } : undefined;
}
/** The marks that still hold at `nowMs` (a job that never reached its post step loses its mark). */
function liveMarks(ledger, nowMs) {
    return Object.fromEntries(Object.entries(ledger?.marks ?? {}).filter(([, m]) => m.untilMs > nowMs));
}
/** The ledger with job `markId`'s mark on `refs` until `untilMs`. */
function markNeeded(ledger, markId, refs, untilMs) {
    return { ...ledger, marks: { ...ledger.marks, [markId]: { refs: [...refs], untilMs } } };
}
/** The ledger without job `markId`'s mark (its post step ran: the job no longer needs them). */
function releaseMark(ledger, markId) {
    const { [markId]: _released, ...marks } = ledger.marks ?? {};
    return { ...ledger, marks };
}
/** Every mark of both ledgers (the one on disk and the one a run holds): a mark in either holds. */
function allMarks(a, b) {
    return { ...a?.marks, ...b.marks };
}
/** Ids of local images that an unexpired job mark names. */
function neededIds(ledger, images, nowMs) {
    const ids = new Set();
    const live = Object.values(liveMarks(ledger, nowMs));
    if (live.length === 0)
        return ids; // the usual case: no index over every image for nothing
    const index = (0,_snapshot_references_js__WEBPACK_IMPORTED_MODULE_0__/* .indexImages */ .jd)(images);
    for (const m of live)
        for (const ref of m.refs)
            for (const id of (0,_snapshot_references_js__WEBPACK_IMPORTED_MODULE_0__/* .resolveIds */ .T8)(index, ref))
                ids.add(id);
    return ids;
}


/***/ }),

/***/ 2138:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CLOCK_SKEW_MS: () => (/* binding */ CLOCK_SKEW_MS),
/* harmony export */   MIN_TIME_MS: () => (/* binding */ MIN_TIME_MS),
/* harmony export */   parseLedger: () => (/* binding */ parseLedger)
/* harmony export */ });
/* harmony import */ var zod_mini__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8395);
/* harmony import */ var _ledger_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2420);
/**
 * The ledger file's text → a Ledger we can trust, or why it is rebuilt. Apart
 * from ledger.ts so that zod loads with the Docker answers' schemas, never before a run's first
 * request (#12).
 */


const Schema = zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .pipe */ .FsL(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    version: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz(_ledger_js__WEBPACK_IMPORTED_MODULE_1__/* .LEDGER_VERSION */ .Bn),
    images: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({ firstSeenMs: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(), lastUsedMs: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig() })),
    marks: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({ refs: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()), untilMs: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig() }))),
    wanted: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig()))),
    // the per-reference marks of 0.1.0 (no release): read as one mark each until they expire
    needed: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig())),
}), zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .transform */ .pdi(({ version, images, marks, needed, wanted }) => ({
    version, images, wanted: wanted ?? {},
    marks: { ...Object.fromEntries(Object.entries(needed ?? {}).map(([ref, untilMs]) => [`0.1.0:${ref}`, { refs: [ref], untilMs }])), ...marks },
})));
/** The earliest time a ledger can hold (the tool did not exist before it): older is a bad value. */
const MIN_TIME_MS = Date.UTC(2020, 0, 1);
/** How far ahead of this host's clock a time may be (another host's clock, NTP steps). */
const CLOCK_SKEW_MS = 5 * 60_000;
/**
 * Parses stored text: a ledger we can trust, or why it is rebuilt. Every time in it is checked
 * against `nowMs` (finite, not before 2020, not in the future beyond a small skew; a mark not
 * further ahead than the longest hold a pre step writes): one bad entry is dropped, never
 * trusted, and never able to crash a plan or protect an image for ever.
 */
function parseLedger(text, nowMs) {
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch {
        return { kind: 'rebuilt', why: 'not-json', detail: 'not JSON' };
    }
    const r = Schema.safeParse(doc);
    if (!r.success) {
        const v = doc?.version;
        return { kind: 'rebuilt', why: 'bad-shape', detail: v !== _ledger_js__WEBPACK_IMPORTED_MODULE_1__/* .LEDGER_VERSION */ .Bn ? `version ${JSON.stringify(v)}, expected ${_ledger_js__WEBPACK_IMPORTED_MODULE_1__/* .LEDGER_VERSION */ .Bn}` : 'unexpected shape' };
    }
    const sane = (t, latest) => Number.isFinite(t) && t >= MIN_TIME_MS && t <= latest;
    const images = Object.entries(r.data.images).filter(([, e]) => sane(e.firstSeenMs, nowMs + CLOCK_SKEW_MS) && sane(e.lastUsedMs, nowMs + CLOCK_SKEW_MS));
    const marks = Object.entries(r.data.marks).filter(([, m]) => sane(m.untilMs, nowMs + _ledger_js__WEBPACK_IMPORTED_MODULE_1__/* .NEEDED_HOLD_MS */ .Hb + CLOCK_SKEW_MS));
    const dropped = { images: Object.keys(r.data.images).length - images.length, marks: Object.keys(r.data.marks).length - marks.length };
    // a wanted time out of range is dropped alone (it only weighs a warm pull); so are references beyond the bound
    const wanted = Object.entries(r.data.wanted).slice(0, _ledger_js__WEBPACK_IMPORTED_MODULE_1__/* .WANTED_REFS */ .Pf)
        .map(([ref, times]) => [ref, times.filter((t) => sane(t, nowMs + CLOCK_SKEW_MS)).slice(-_ledger_js__WEBPACK_IMPORTED_MODULE_1__/* .WANTED_TIMES */ .je)]).filter(([, t]) => t.length > 0);
    const ledger = { version: r.data.version, images: Object.fromEntries(images), marks: Object.fromEntries(marks), ...(wanted.length ? { wanted: Object.fromEntries(wanted) } : {}) };
    return { kind: 'ok', ledger, dropped: dropped.images || dropped.marks ? dropped : undefined };
}


/***/ }),

/***/ 492:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   NA: () => (/* binding */ loadedLedger),
/* harmony export */   OO: () => (/* binding */ loadLedger),
/* harmony export */   dS: () => (/* binding */ saveLedger)
/* harmony export */ });
/* unused harmony exports ledgerPath, MAX_LEDGER_BYTES */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _runtime_atomic_file_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9034);
/* harmony import */ var _runtime_safe_read_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9500);
/* harmony import */ var _runtime_state_dir_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9839);
/** The ledger on disk: `<state-dir>/ledger.json`, written atomically (write, then rename). */




const ledgerPath = (stateDir) => (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(stateDir, 'ledger.json');
/** Far above a real host's ledger (10,000 images ≈ 1 MB): a bigger file is not ours to parse. */
const MAX_LEDGER_BYTES = 16 << 20;
async function loadLedger(stateDir, nowMs) {
    // the size before the parse: a huge or garbage file must not cost gigabytes of memory; a
    // FIFO or a link in its place is refused without blocking or following it
    const read = await (0,_runtime_safe_read_js__WEBPACK_IMPORTED_MODULE_2__/* .readRegularFile */ .X)(ledgerPath(stateDir), MAX_LEDGER_BYTES);
    if (read.kind === 'missing')
        return read;
    if (read.kind === 'refused')
        return { kind: 'rebuilt', why: read.why === 'too-big' ? 'too-big' : read.why === 'unreadable' ? 'unreadable' : 'not-a-file', detail: read.detail };
    return (await Promise.resolve(/* import() eager */).then(__webpack_require__.bind(__webpack_require__, 2138))).parseLedger(read.text, nowMs);
}
/** The ledger a load found, if it found one to trust. */
const loadedLedger = (load) => (load.kind === 'ok' ? load.ledger : undefined);
/** Never throws: a full disk must not stop the prune that would free it. */
async function saveLedger(stateDir, ledger) {
    try {
        await (0,_runtime_atomic_file_js__WEBPACK_IMPORTED_MODULE_1__/* .writeAtomic */ .v)(ledgerPath(stateDir), JSON.stringify(ledger), _runtime_state_dir_js__WEBPACK_IMPORTED_MODULE_3__/* .STATE_FILE_MODE */ .jr, _runtime_state_dir_js__WEBPACK_IMPORTED_MODULE_3__/* .STATE_DIR_MODE */ .ew);
        return { ok: true };
    }
    catch (e) {
        return { ok: false, error: e.message };
    }
}


/***/ }),

/***/ 1115:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runWarm: () => (/* binding */ runWarm)
});

// EXTERNAL MODULE: ./src/gates/gates.ts
var gates = __webpack_require__(9176);
// EXTERNAL MODULE: ./src/execute/lock.ts
var execute_lock = __webpack_require__(6908);
// EXTERNAL MODULE: ./src/execute/safety.ts
var safety = __webpack_require__(2193);
// EXTERNAL MODULE: ./src/ledger/ledger.ts
var ledger_ledger = __webpack_require__(2420);
// EXTERNAL MODULE: ./src/ledger/store.ts
var store = __webpack_require__(492);
// EXTERNAL MODULE: ./src/inputs/units.ts
var units = __webpack_require__(4702);
// EXTERNAL MODULE: ./src/plan/goal.ts
var goal = __webpack_require__(5908);
// EXTERNAL MODULE: ./src/snapshot/references.ts
var references = __webpack_require__(5832);
;// CONCATENATED MODULE: ./src/plan/warm-plan.ts
/**
 * The nightly warm set (pure): which references tomorrow's jobs are likely to ask for, and in
 * which order they are worth their bytes. Kubelet and docuum only decide what to remove; this is
 * the other half of a cache, what to bring back. Each reference's value is how often and how
 * recently jobs asked for it (each ask counts half as much per `halfLifeMs` of age); what the
 * operator names (`warm-images`) comes first whatever its history. A reference one job asked for
 * once is left out: on the replayed weeks most such night pulls were never asked for again
 * (BENCHMARKS.md, 2026-12-07), and re-warming what no job needs is the waste the nightly must not add.
 */


/** Asks a reference needs (within the ledger's horizon) to be warmed without being named. */
const WARM_MIN_ASKS = 2;
/** What the operator names: `warm-images` and the images of `compose-files`. */
const NAMED_WHY = 'named by the operator (warm-images, compose-files)';
function warmSet(input) {
    const { nowMs, halfLifeMs } = input;
    // one entry per image reference, however it was spelled (`redis`, `redis:latest`,
    // `docker.io/library/redis:latest`): one request, one pull, and the asks counted together
    // (recordWanted keys asks this way; a ledger written before it may hold several spellings)
    const out = new Map();
    const oneOffs = [];
    for (const ref of input.named) {
        const key = (0,references/* normalizeReference */.tO)(ref);
        if (!out.has(key))
            out.set(key, { ref, why: NAMED_WHY, value: Number.POSITIVE_INFINITY, localId: (0,references/* findLocal */.l8)(input.images, ref)?.id });
    }
    const asked = new Map();
    for (const [spelled, t] of Object.entries(input.wanted)) {
        const key = (0,references/* normalizeReference */.tO)(spelled);
        asked.set(key, [...(asked.get(key) ?? []), ...t]);
    }
    for (const [ref, times] of asked) {
        if (out.has(ref) || times.length === 0)
            continue;
        if (times.length < WARM_MIN_ASKS) {
            oneOffs.push(ref);
            continue;
        }
        const value = times.reduce((v, t) => v + 0.5 ** (Math.max(0, nowMs - t) / halfLifeMs), 0);
        const last = Math.max(...times);
        out.set(ref, { ref, why: `asked for by ${times.length} job(s), last ${(0,units/* formatDuration */.a3)(nowMs - last)} ago`, value, localId: (0,references/* findLocal */.l8)(input.images, ref)?.id });
    }
    return { candidates: [...out.values()].sort((a, b) => b.value - a.value || (a.ref < b.ref ? -1 : 1)), oneOffs: oneOffs.sort() };
}
/**
 * The pulls within `budgetBytes`, most valuable per byte first (the named ones first of all);
 * `left` the ones the budget could not hold. `bytes` is what each takes on disk (its download
 * size times the expansion the caller estimates): a reference that does not fit is passed over
 * for smaller ones after it, never split.
 */
function withinBudget(options, budgetBytes) {
    const perByte = (o) => (o.value === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : o.value / Math.max(o.bytes, 1));
    const ordered = [...options].sort((a, b) => perByte(b) - perByte(a) || b.value - a.value || (a.ref < b.ref ? -1 : 1));
    const take = [];
    const left = [];
    let room = budgetBytes;
    for (const o of ordered) {
        if (o.bytes <= room) {
            take.push(o);
            room -= o.bytes;
        }
        else
            left.push(o);
    }
    return { take, left };
}

// EXTERNAL MODULE: ./src/docker/registry.ts
var registry = __webpack_require__(8925);
// EXTERNAL MODULE: ./src/runtime/pool.ts
var pool = __webpack_require__(6684);
// EXTERNAL MODULE: ./src/report/text.ts
var report_text = __webpack_require__(5655);
// EXTERNAL MODULE: ./src/snapshot/store-disks.ts + 2 modules
var store_disks = __webpack_require__(713);
// EXTERNAL MODULE: ./src/modes/context.ts
var context = __webpack_require__(1235);
// EXTERNAL MODULE: ./src/modes/warmth.ts + 1 modules
var warmth = __webpack_require__(6897);
;// CONCATENATED MODULE: ./src/modes/warm.ts
/**
 * `warm` (nightly, after the prune): brings back what tomorrow's jobs will ask for, so their
 * pulls are manifest checks, not downloads on their critical path. The warm set is what jobs
 * asked for (every pre step records it in the ledger) and what the operator names; each
 * reference costs one manifest request; a missing image or a moved tag is pulled, most valuable
 * per byte first, within the room under the target watermark minus min-free. It never removes
 * anything, never runs while a job is between its pre and post steps or a run-app stack is live
 * (both re-checked before every pull), and holds the host run lock for its pulls like a prune,
 * giving it up the moment a job's pre step marks what it needs: that job may need the lock to
 * make room, and a night pull must never fail it. A tag gone upstream is reported and left
 * alone: the next job's pull still fails, as it must.
 */















async function runWarm(ctx) {
    const { out, config } = ctx;
    // the operator's images first: a bad warm-images or compose file is exit 2 before any request
    const named = await (0,warmth/* neededImages */.u9)({ images: config.warmImages, composeFiles: config.composeFiles }, ctx.env);
    const snap = await (0,context/* snapshotGroup */._u)(ctx, 'Docker host before warming');
    ctx.rec.before(snap);
    let budgetBytes = 0;
    let oneOffs = [];
    const skip = (why, items = []) => {
        out.info(`not warming: ${why}`);
        ctx.rec.warm({ budgetBytes, items, grewBytes: 0, skipped: why, oneOffs });
        return (0,context/* finish */.O9)(ctx, 0);
    };
    const ledger = (0,store/* loadedLedger */.NA)(await (0,store/* loadLedger */.OO)(config.stateDir, ctx.now()));
    const live = Object.keys((0,ledger_ledger/* liveMarks */.b)(ledger, ctx.now()));
    if (live.length)
        return skip(`a job is between its pre and post steps (${live.length} live job mark(s)): its pulls would compete with this run's`);
    const verdict = (0,gates/* evaluateGates */.ud)(snap, (0,context/* gateRules */.DB)(ctx), ctx.now(), ['swarm-role', 'stacks', 'converging']);
    await out.group(`Gates (${verdict.open ? 'all open' : `closed: ${verdict.gate}`})`, async () => { for (const l of (0,report_text/* describeGates */.yg)(verdict.gates))
        out.info(l); });
    ctx.rec.gates(verdict);
    if (!verdict.open)
        return skip(`gate ${verdict.gate} closed (${verdict.gates.find((g) => !g.open)?.detail})`);
    if (!snap.disk)
        return skip(`the disk cannot be measured (${snap.diskError}): no room can be known`);
    const minFree = (0,goal/* minFreeBytes */.WA)(config.minFree, snap.disk);
    budgetBytes = (0,goal/* roomUnderTarget */.JQ)(snap.disk, config.target, minFree);
    const { candidates: set, oneOffs: once } = warmSet({ wanted: ledger?.wanted ?? {}, named, images: snap.images, nowMs: ctx.now(), halfLifeMs: config.keepWarmMs / 2 });
    oneOffs = once;
    if (once.length)
        out.info(`not in the warm set: ${describeOneOffs(once)}`);
    if (set.length === 0) {
        return skip(once.length ? `nothing to warm: every reference jobs asked for was asked for by one job only, and warm-images is empty`
            : 'nothing to warm: no job has asked for an image yet (pre steps record them) and warm-images is empty');
    }
    const budgetText = `${(0,units/* formatBytes */.z3)(budgetBytes)} of room under the target ${config.target}%${minFree ? ` minus min-free ${(0,units/* formatBytes */.z3)(minFree)}` : ''} on ${snap.disk.path}`;
    // no room: not one registry request (a pull could not follow; the job's own pull still checks
    // its tag), but what is missing here is named, as left out by the budget
    if (budgetBytes === 0) {
        const missing = set.filter((c) => !c.localId).map((c) => ({ ref: c.ref, why: c.why, local: false, state: 'over-budget', detail: 'no room under the target' }));
        if (missing.length)
            out.info(`left out by the budget: ${missing.length} reference(s) not present here (${missing.slice(0, 5).map((m) => m.ref).join(', ')}${missing.length > 5 ? ', …' : ''})`);
        return skip(`no room under the target: ${snap.disk.usedPercent}% used on ${snap.disk.path}, target ${config.target}%${minFree ? `, min-free ${(0,units/* formatBytes */.z3)(minFree)}` : ''}`, missing);
    }
    const items = await warm(ctx, snap, set, budgetBytes, budgetText);
    const after = await (0,context/* snapshotGroup */._u)(ctx, 'Docker host after warming');
    ctx.rec.after(after);
    const grewBytes = Math.max(0, (after.disk?.usedBytes ?? 0) - snap.disk.usedBytes);
    const n = (s) => items.filter((i) => i.state === s).length;
    out.info(`warm: ${n('pulled')} pulled (${(0,units/* formatBytes */.z3)(grewBytes)} on disk), ${n('current') + n('up-to-date')} already current, ${n('over-budget')} left out by the budget, ${n('gone')} gone upstream, ${n('unreachable') + n('failed') + n('denied')} failed, unreachable or refused${config.dryRun ? `, ${n('not-reached')} would be pulled (dry run)` : ''}`);
    const result = { budgetBytes, items, grewBytes, skipped: undefined, oneOffs };
    ctx.rec.warm(result);
    return (0,context/* finish */.O9)(ctx, 0);
}
/** The one-offs in a line: how many, why they are left out, the first few by name. */
function describeOneOffs(refs) {
    const shown = refs.slice(0, 5).join(', ') + (refs.length > 5 ? `, and ${refs.length - 5} more` : '');
    return `${refs.length} reference(s) asked for by one job only (${shown}): a one-off is rarely asked for again, so no request and no pull for it; warm-images names one to warm it`;
}
/**
 * What the registry says of a reference, asked where the daemon's pull would go: through the
 * daemon's Docker Hub mirrors first (a host behind one may not reach Hub at all, and each Hub
 * manifest request counts against its pull limit), then the registry itself. The first that
 * serves the tag decides, as for the daemon's pull (a caching mirror may still serve a tag gone
 * upstream: so would the job's pull); when none serves it, one that says gone is reported
 * (never masked as unreachable), else one that refused, else unreachable.
 */
async function upstreamVia(cli, endpoints, arch) {
    const failed = [];
    for (const ep of endpoints) {
        const st = await (0,registry/* upstreamState */.Xv)(cli, ep.ref, ep.insecure, arch);
        if (st.kind === 'ok')
            return st;
        failed.push(st);
    }
    return failed.find((s) => s.kind === 'gone') ?? failed.find((s) => s.kind === 'denied') ?? failed.at(-1);
}
/** Options that were not pulled, and why (a dry run, a stop, the host lock held). */
const notReached = (items, rest, detail) => {
    for (const o of rest)
        items.push({ ref: o.ref, why: o.why, local: o.local, state: 'not-reached', bytes: o.bytes, detail });
};
/** Asks the registry about each reference, then pulls within the budget; every decision one line. */
async function warm(ctx, snap, set, budget, budgetText) {
    const { out, config, engine } = ctx;
    const arch = (0,warmth/* goArch */.Jt)(snap);
    const insecure = (host) => (0,warmth/* isInsecure */.f_)(host, snap);
    const items = [];
    const options = [];
    // layers grow when extracted (and the containerd store keeps both): the pull's disk cost estimate
    const expansion = Math.max(1, config.coldHeadroom);
    await out.group(`The warm set: ${set.length} reference(s), one manifest request each`, async () => {
        const states = await (0,pool/* mapLimit */.s)(set, pool/* DOCKER_CONCURRENCY */.t, (c) => upstreamVia(engine.cli, (0,references/* pullEndpoints */.aW)(c.ref, snap.daemon.mirrors, insecure), arch));
        for (const [i, c] of set.entries()) {
            const st = states[i];
            const local = c.localId ? snap.images.find((x) => x.id === c.localId) : undefined;
            const base = { ref: c.ref, why: c.why, local: local !== undefined };
            if (st.kind !== 'ok') {
                const item = { ...base, state: st.kind, detail: st.message };
                items.push(item);
                // a broken upstream is never masked: said, and the local copy (if any) left as it is
                ctx.rec.warn(st.kind === 'gone' ? `warm: ${c.ref} is gone upstream (${st.message}); left as it is locally, a job's pull of it will fail (${c.why})`
                    : st.kind === 'denied' ? `warm: the registry of ${c.ref} refused the credentials, or shows no such repository to them (${st.message}); skipped: check the docker login the pulls use`
                        : `warm: the registry of ${c.ref} did not answer (${st.message}); skipped`);
                continue;
            }
            // the tag's manifest is the local copy's (single platform), or this platform's config is the
            // local image (a multi-platform tag on the classic store, whose image id is its config's digest)
            if (local && ((st.digest && local.digests.some((d) => d.endsWith(`@${st.digest}`))) || (st.configDigest && local.id === st.configDigest))) {
                items.push({ ...base, state: 'current' });
                out.info(`= ${c.ref}: current upstream (${c.why})`);
                continue;
            }
            const bytes = Math.round((st.bytes ?? local?.sizeBytes ?? 0) * expansion);
            options.push({ ...c, bytes, local: local !== undefined });
            out.info(`${local ? '↻' : '+'} ${c.ref}: ${local ? (st.digest ? 'the tag moved upstream' : 'present; a multi-platform tag, its pull checks it') : 'not present locally'}, up to ${(0,units/* formatBytes */.z3)(bytes)} on disk (${c.why})`);
        }
    });
    const { take, left } = withinBudget(options, budget);
    for (const o of left) {
        items.push({ ref: o.ref, why: o.why, local: o.local, state: 'over-budget', bytes: o.bytes });
        out.info(`− ${o.ref}: left out, ${(0,units/* formatBytes */.z3)(o.bytes)} does not fit in what is left of ${budgetText}`);
    }
    if (!take.length)
        return items;
    if (config.dryRun) {
        notReached(items, take, 'dry run');
        out.info(`dry run: would pull ${take.map((o) => o.ref).join(', ')} within ${budgetText}; nothing pulled`);
        return items;
    }
    // the host lock for the pulls only: the manifest requests above changed nothing
    const runLock = await ctx.locks.name('run');
    const lock = await (0,execute_lock/* acquireLock */.IZ)(runLock, execute_lock/* RUN_LOCK_WAIT_MS */.$H, () => ctx.engine.limits.stop.signal !== undefined);
    if (!lock) {
        const why = `another prune or warm run holds the host lock ${runLock}`;
        notReached(items, take, why);
        ctx.rec.warn(`warm: ${take.length} pull(s) not made: ${why}`);
        return items;
    }
    try {
        await pullWithin(ctx, snap, take, lock, items, budgetText);
    }
    finally {
        await lock.release();
    }
    return items;
}
/** The pulls, one at a time, each after a look at what must stop them; every outcome one line. */
async function pullWithin(ctx, snap, take, lock, items, budgetText) {
    const { out } = ctx;
    await out.group(`Pulling ${take.length} image(s) within ${budgetText}`, async () => {
        for (const [k, o] of take.entries()) {
            const look = await lookBeforePull(ctx, snap);
            if ('stop' in look) {
                notReached(items, take.slice(k), look.stop);
                ctx.rec.warn(`warm stopped before ${o.ref} (${take.length - k} left): ${look.stop}`);
                return;
            }
            const { r, yielded } = await pullYieldingToJobs(ctx, o.ref, lock);
            if (!r.ok) {
                items.push({ ref: o.ref, why: o.why, local: o.local, state: 'failed', ms: r.ms, detail: r.error });
                ctx.rec.warn(`warm: pull of ${o.ref} failed: ${r.error}`);
            }
            else {
                // what the pull took on disk, measured (the estimate was what it might)
                const usedAfter = (await (0,store_disks/* measureFullest */._h)(snap.disks).catch(() => undefined))?.usedBytes;
                const bytes = usedAfter !== undefined ? Math.max(0, usedAfter - look.usedBytes) : o.bytes;
                items.push({ ref: o.ref, why: o.why, local: o.local, state: r.upToDate ? 'up-to-date' : 'pulled', bytes, ms: r.ms });
                out.info(`✓ ${o.ref}: ${r.upToDate ? 'up to date (manifest check only)' : `${r.layersDownloaded} layer(s) downloaded, ${r.layersReused} reused`} in ${r.ms} ms`);
            }
            // the lock went to a job: nothing more is pulled without it, whether or not that job has ended by now
            if (yielded && k + 1 < take.length) {
                notReached(items, take.slice(k + 1), 'a job started during the pull before: the host lock went to it; the rest waits for the next night');
                ctx.rec.warn(`warm stopped after ${o.ref} (${take.length - k - 1} left): a job started during its pull, and the host lock went to it`);
            }
            if (yielded)
                return;
        }
    });
}
/** How often a pull in flight looks for a job that started: well inside the wait a job's prune gives the host lock. */
const JOB_LOOK_MS = 500;
/**
 * One pull, holding the host lock until a job's pre step marks what it needs: then the lock is
 * given up at once (the job's gated prune may need it to make room; a pull beside a prune removes
 * nothing and is removed by nothing it needs) and the pull finishes without it: the docker CLI
 * gives no way to cancel it. `yielded`: the lock is gone, and the caller pulls nothing more.
 */
async function pullYieldingToJobs(ctx, ref, lock) {
    const pulling = (0,registry/* pull */.a$)(ctx.engine.cli, ref);
    const settled = pulling.then(() => true, () => true);
    let yielded = false;
    for (;;) {
        let timer;
        const finished = await Promise.race([settled, new Promise((r) => { timer = setTimeout(() => r(false), JOB_LOOK_MS); })]);
        clearTimeout(timer);
        if (finished)
            break;
        if (await liveJobs(ctx) > 0) {
            await lock.release();
            yielded = true;
            ctx.out.info(`a job started while ${ref} was being pulled: the host lock is given up now (the job may need it to make room); this pull finishes, no other follows`);
            break;
        }
    }
    return { r: await pulling, yielded };
}
/** Job marks live now (a job between its pre and post steps). */
async function liveJobs(ctx) {
    const ledger = (0,store/* loadedLedger */.NA)(await (0,store/* loadLedger */.OO)(ctx.config.stateDir, ctx.now()));
    return Object.keys((0,ledger_ledger/* liveMarks */.b)(ledger, ctx.now())).length;
}
/**
 * The look before a pull: why the pulls must stop now (a stop signal, a job that started (its
 * mark), a run-app stack or a converging service that appeared (the services read again, as
 * before every removal), or the disk (measured, not estimated) at the target or into min-free),
 * else the disk's used bytes, from which the pull's own bytes are measured.
 */
async function lookBeforePull(ctx, snap) {
    if (ctx.engine.limits.stop.signal)
        return { stop: `stopped by ${ctx.engine.limits.stop.signal}` };
    if (await liveJobs(ctx))
        return { stop: 'a job started (its pre step marked the images it needs): the rest waits for the next night' };
    const { closed } = await (0,safety/* recheckSafety */.m)(ctx.engine, snap, (0,context/* gateRules */.DB)(ctx), ctx.now);
    if (closed)
        return { stop: `gate ${closed.name} closed (${closed.detail}): the rest waits for the next night` };
    const disk = await (0,store_disks/* measureFullest */._h)(snap.disks).catch(() => undefined);
    if (!disk)
        return { stop: 'the disk can no longer be measured' };
    if ((0,goal/* roomUnderTarget */.JQ)(disk, ctx.config.target, (0,goal/* minFreeBytes */.WA)(ctx.config.minFree, disk)) <= 0)
        return { stop: `the disk reached the target (${disk.usedPercent}% used, target ${ctx.config.target}%)` };
    return { usedBytes: disk.usedBytes };
}


/***/ }),

/***/ 6897:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  y9: () => (/* binding */ assessWarmth),
  mL: () => (/* binding */ coldDownloadBytes),
  Jt: () => (/* binding */ goArch),
  f_: () => (/* binding */ isInsecure),
  u9: () => (/* binding */ neededImages),
  Ks: () => (/* binding */ pullImages)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/docker/client-config.ts
var client_config = __webpack_require__(7688);
// EXTERNAL MODULE: ./src/runtime/safe-read.ts
var safe_read = __webpack_require__(9500);
;// CONCATENATED MODULE: ./src/docker/client-auth.ts
/**
 * What the docker client config says about credentials, without ever holding them: we keep
 * only WHICH registries have an entry, never the `auth`/token values themselves.
 */




function clientConfigPath(env) {
    return (0,external_node_path_.join)((0,client_config/* clientConfigDir */.R7)(env), 'config.json');
}
async function readClientAuth(env) {
    const path = clientConfigPath(env);
    const empty = { path, exists: false, exposed: false, mode: undefined, stored: [], credsStore: undefined, credHelpers: {} };
    let text;
    let mode;
    try {
        mode = (await (0,promises_.stat)(path)).mode & 0o777; // stat follows the link to the rendered secret
    }
    catch {
        return empty;
    }
    // followed (it is a link to the rendered secret), but never a FIFO or a device
    const read = await (0,safe_read/* readRegularFile */.X)(path, 1 << 20, true);
    if (read.kind !== 'ok')
        return empty;
    text = read.text;
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch {
        return { ...empty, exists: true, mode: mode.toString(8) };
    }
    const stored = Object.entries(doc.auths ?? {})
        .filter(([, v]) => (typeof v.auth === 'string' && v.auth !== '') || (typeof v.identitytoken === 'string' && v.identitytoken !== ''))
        .map(([k]) => k);
    return {
        path,
        exists: true,
        exposed: (mode & 0o077) !== 0,
        mode: mode.toString(8).padStart(4, '0'),
        stored,
        credsStore: typeof doc.credsStore === 'string' ? doc.credsStore : undefined,
        credHelpers: Object.fromEntries(Object.entries(doc.credHelpers ?? {}).filter(([, v]) => typeof v === 'string')),
    };
}
const HUB_KEYS = ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];
/** How the client authenticates to `registry`: a stored credential, a helper, or not at all. */
function credentialsFor(registry, auth) {
    const keys = registry === 'docker.io' ? HUB_KEYS : [registry, `https://${registry}`, `http://${registry}`];
    const helper = keys.map((k) => auth.credHelpers[k]).find(Boolean);
    if (helper)
        return `credential helper docker-credential-${helper}`;
    if (auth.stored.some((s) => keys.includes(s.replace(/\/+$/, '')) || keys.includes(s)))
        return `stored credential in ${auth.path}`;
    if (auth.credsStore)
        return `credential store docker-credential-${auth.credsStore}`;
    return 'no credentials (anonymous pulls)';
}

// EXTERNAL MODULE: ./src/docker/registry.ts
var registry = __webpack_require__(8925);
// EXTERNAL MODULE: ./src/inputs/config.ts + 1 modules
var inputs_config = __webpack_require__(7204);
// EXTERNAL MODULE: ./src/inputs/reference.ts
var reference = __webpack_require__(2916);
// EXTERNAL MODULE: ./src/runtime/pool.ts
var pool = __webpack_require__(6684);
// EXTERNAL MODULE: ./src/inputs/units.ts
var units = __webpack_require__(4702);
// EXTERNAL MODULE: ./src/snapshot/references.ts
var references = __webpack_require__(5832);
// EXTERNAL MODULE: ./src/snapshot/snapshot.ts
var snapshot = __webpack_require__(4330);
;// CONCATENATED MODULE: ./src/modes/warmth.ts
/**
 * The warm-cache check of the pre step: which images the job needs are local (warm) and which
 * are not (cold), what the cold ones would download, which registries have credentials, and
 * (with `pull`) the pulls themselves with their cost, so cold vs warm is measured on every job.
 */








const GO_ARCH = { x86_64: 'amd64', aarch64: 'arm64', armv7l: 'arm' };
/** The platform a manifest list is resolved to: this daemon's, in Go's words. */
const goArch = (snap) => GO_ARCH[snap.daemon.architecture] ?? snap.daemon.architecture;
/**
 * The images the job needs: `images` first, then those of `compose-files`, deduplicated. The
 * YAML parser loads only for compose files: it is the biggest module of the pre step's path.
 */
async function neededImages(config, env) {
    const fromCompose = config.composeFiles.length ? (await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(196)]).then(__webpack_require__.bind(__webpack_require__, 6815))).composeImages(config.composeFiles, env).images : [];
    const all = [...new Set([...config.images, ...fromCompose])];
    if (all.length > reference/* MAX_NEEDED_IMAGES */.mr)
        throw new inputs_config/* InputError */.dz(`invalid input 'images': with compose-files the job needs ${all.length} images, at most ${reference/* MAX_NEEDED_IMAGES */.mr}`);
    return all;
}
/** Whether the daemon talks to `registry` without TLS (its insecure-registries, loopback): the manifest request must too. */
function isInsecure(registry, snap) {
    return snap.daemon.insecureRegistries.includes(registry) || /^(127\.|localhost(:|$))/.test(registry);
}
/**
 * What the pre step knows of the images the job needs before any pull: the job report's start,
 * and what the report must warn about (exposed registry credentials).
 */
async function assessWarmth(docker, out, config, snap, refs, env) {
    let images = [];
    const warnings = [];
    const registries = await out.group('Images the job needs', async () => {
        const auth = await readClientAuth(env);
        const registries = [...new Set(refs.map(references/* registryOf */.Fv))].map((registry) => ({ registry, credentials: credentialsFor(registry, auth) }));
        for (const r of registries)
            out.info(`registry ${r.registry}: ${r.credentials}`);
        if (auth.exposed)
            warnings.push(`${auth.path} is readable by group or others (mode ${auth.mode}): registry tokens in it are exposed; chmod 600 it`);
        if (snap.daemon.mirrors.length)
            out.info(`registry mirrors: ${snap.daemon.mirrors.join(', ')}`);
        images = refs.map((ref) => {
            const local = (0,references/* findLocal */.l8)(snap.images, ref);
            return { ref, warm: !!local, id: local?.id, digest: local?.digests[0], downloadBytes: undefined, pull: undefined };
        });
        const arch = goArch(snap);
        // bounded: a job with many cold images must not start a docker process for each at once
        await (0,pool/* mapLimit */.s)(images.filter((i) => !i.warm), pool/* DOCKER_CONCURRENCY */.t, async (i) => {
            i.downloadBytes = await (0,registry/* manifestBytes */.T8)(docker, i.ref, isInsecure((0,references/* registryOf */.Fv)(i.ref), snap), arch);
        });
        if (config.checkUpstream) {
            await (0,pool/* mapLimit */.s)(images.filter((i) => i.warm), pool/* DOCKER_CONCURRENCY */.t, async (i) => {
                const digest = await (0,registry/* upstreamDigest */.k9)(docker, i.ref, isInsecure((0,references/* registryOf */.Fv)(i.ref), snap));
                const local = (0,references/* findLocal */.l8)(snap.images, i.ref);
                i.upstream = digest === undefined || !local?.digests.length ? 'unknown' : local.digests.some((d) => d.endsWith(`@${digest}`)) ? 'current' : 'moved';
            });
            const moved = images.filter((i) => i.upstream === 'moved');
            const n = (u) => images.filter((i) => i.upstream === u).length;
            out.info(`upstream: ${n('current')} current, ${moved.length} moved${moved.length ? ` (their pulls download: ${moved.map((i) => i.ref).join(', ')})` : ''}, ${n('unknown')} not comparable`);
        }
        const cold = images.filter((i) => !i.warm);
        const coldText = cold.map((i) => (i.downloadBytes === undefined ? i.ref : `${i.ref} (${(0,units/* formatBytes */.z3)(i.downloadBytes)} to download)`));
        // "warm" says what is known: present locally; whether the tag moved upstream is known only after a pull
        out.info(`warm (present locally) ${images.length - cold.length}/${images.length}${cold.length ? `, cold: ${coldText.join(', ')}` : ''}`);
        return registries;
    });
    const job = { images, cold: images.filter((i) => !i.warm).map((i) => i.ref), registries, mirrors: snap.daemon.mirrors, evicted: [], leaks: {} };
    return { job, warnings };
}
/**
 * Pulls what `pull` asks for; returns pull errors, the host after the pulls (the post step's
 * baseline) and the job report with each pull's cost and the pulled ids: a new value, the one
 * already recorded is never changed.
 */
async function pullImages(engine, out, config, job, snap) {
    const errors = [];
    const toPull = config.pull === 'all' ? job.images : config.pull === 'cold' ? job.images.filter((i) => !i.warm) : [];
    if (!toPull.length)
        return { errors, after: snap, job };
    const pulls = new Map();
    await out.group(`Pulling ${toPull.length} image(s) (pull: ${config.pull})`, async () => {
        // one at a time: the timings then measure the registry, not contention between pulls
        for (const img of toPull) {
            const r = await (0,registry/* pull */.a$)(engine.cli, img.ref);
            pulls.set(img.ref, { ms: r.ms, layersDownloaded: r.layersDownloaded, layersReused: r.layersReused, upToDate: r.upToDate });
            out.info(describePull(r, img.warm));
            if (!r.ok)
                errors.push(`pull of ${img.ref} failed: ${r.error}`);
        }
    });
    const after = await (0,snapshot/* takeSnapshot */.W9)(engine);
    const images = job.images.map((i) => {
        const local = (0,references/* findLocal */.l8)(after.images, i.ref);
        const pulled = pulls.get(i.ref);
        return { ...i, id: local?.id ?? i.id, digest: local?.digests[0] ?? i.digest, ...(pulled ? { pull: pulled } : {}) };
    });
    return { errors, after, job: { ...job, images } };
}
/** Bytes the cold images will download, when the registry told for every one of them. */
function coldDownloadBytes(job) {
    return job.images.filter((i) => !i.warm).reduce((n, i) => n + (i.downloadBytes ?? 0), 0);
}
function describePull(r, wasWarm) {
    if (!r.ok)
        return `✗ ${r.ref}: ${r.error} (${r.ms} ms)`;
    const what = r.upToDate ? 'up to date (manifest check only)' : `${r.layersDownloaded} layer(s) downloaded, ${r.layersReused} reused`;
    return `✓ ${r.ref} ${wasWarm ? 'warm' : 'cold'}: ${what} in ${r.ms} ms`;
}


/***/ })

};
