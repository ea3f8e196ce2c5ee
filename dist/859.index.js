export const id = 859;
export const ids = [859];
export const modules = {

/***/ 8765:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VC: () => (/* binding */ unseenMarks),
/* harmony export */   hb: () => (/* binding */ parseGroup)
/* harmony export */ });
/* unused harmony exports parsePasswd, blindSpots */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Whether every job's mark can be seen here. A job's pre step marks the images it needs in the
 * state dir's ledger; a runner user who cannot write that dir keeps its marks in a ledger of its
 * own that no other run reads (the usual host outside NixOS: a root timer, runner users in the
 * docker group, a root-owned state dir). While any user who can reach the daemon's socket cannot
 * write the state dir, no eviction can know what a job was just told is warm, so none runs: it
 * fails closed, in one line that says how to share the dir (`ci-docker-prune setup`).
 */

/** `/etc/passwd` lines → accounts (malformed lines skipped). */
function parsePasswd(text) {
    return text.split('\n').flatMap((l) => {
        const [name, , uid, gid] = l.split(':');
        return name && /^\d+$/.test(uid ?? '') && /^\d+$/.test(gid ?? '') ? [{ name, uid: Number(uid), gid: Number(gid) }] : [];
    });
}
/** `/etc/group` lines → groups with their listed members. */
function parseGroup(text) {
    return text.split('\n').flatMap((l) => {
        const [name, , gid, members] = l.split(':');
        return name && /^\d+$/.test(gid ?? '') ? [{ name, gid: Number(gid), members: (members ?? '').split(',').map((m) => m.trim()).filter(Boolean) }] : [];
    });
}
/**
 * Who can reach `socket` but cannot write `dir` (root aside: it can do both): `everyone` when
 * the socket is open to every local user, else the names of the socket group's users (listed
 * members and those whose primary group it is) who can write the dir neither as its owner nor
 * through its group.
 */
function blindSpots(socket, dir, accounts, groups) {
    if ((socket.mode & 0o002) !== 0)
        return (dir.mode & 0o002) !== 0 ? [] : 'everyone';
    if ((socket.mode & 0o020) === 0)
        return [];
    const group = groups.find((g) => g.gid === socket.gid);
    const users = accounts.filter((a) => a.uid !== 0 && a.uid !== socket.uid && (a.gid === socket.gid || group?.members.includes(a.name)));
    const groupsOf = (a) => new Set([a.gid, ...groups.filter((g) => g.members.includes(a.name)).map((g) => g.gid)]);
    const canWrite = (a) => (dir.uid === a.uid && (dir.mode & 0o300) === 0o300) || (groupsOf(a).has(dir.gid) && (dir.mode & 0o030) === 0o030);
    return users.filter((a) => !canWrite(a)).map((a) => a.name);
}
/**
 * One line saying why an eviction must not run now, or undefined when every job's mark can be
 * seen. Only a unix socket on this host tells who can reach the daemon; a remote one cannot
 * (its runner users' marks are that host's matter).
 */
async function unseenMarks(target, stateDir, files = { passwd: '/etc/passwd', group: '/etc/group' }) {
    if (!target.startsWith('unix://'))
        return undefined;
    const path = target.slice('unix://'.length);
    const [sock, dir] = await Promise.all([(0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(path).catch(() => undefined), (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(stateDir).catch(() => undefined)]);
    if (!sock || !dir)
        return undefined;
    const [passwd, group] = await Promise.all([(0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(files.passwd, 'utf8').catch(() => ''), (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(files.group, 'utf8').catch(() => '')]);
    const groups = parseGroup(group);
    const blind = blindSpots(sock, dir, parsePasswd(passwd), groups);
    if (blind !== 'everyone' && blind.length === 0)
        return undefined;
    const socketGroup = groups.find((g) => g.gid === sock.gid)?.name ?? String(sock.gid);
    const dirGroup = groups.find((g) => g.gid === dir.gid)?.name ?? String(dir.gid);
    const who = blind === 'everyone' ? `every local user can use Docker at ${path} (mode ${(sock.mode & 0o777).toString(8)})`
        : `${blind.slice(0, 5).join(', ')}${blind.length > 5 ? ` and ${blind.length - 5} more` : ''} can use Docker at ${path} (group ${socketGroup})`;
    return `no eviction: ${who} but cannot write job marks in ${stateDir} (group ${dirGroup}, mode ${(dir.mode & 0o7777).toString(8).padStart(4, '0')}), so a job's warm images could be evicted under it; run \`ci-docker-prune setup --runner-group ${socketGroup}\` once as root to share the state dir`;
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

/***/ 1893:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  e: () => (/* binding */ evictLeastRecentlyUsed)
});

// EXTERNAL MODULE: ./src/ledger/ledger.ts
var ledger_ledger = __webpack_require__(2420);
// EXTERNAL MODULE: ./src/ledger/store.ts
var store = __webpack_require__(492);
// EXTERNAL MODULE: ./src/inputs/units.ts
var units = __webpack_require__(4702);
// EXTERNAL MODULE: ./src/snapshot/references.ts
var references = __webpack_require__(5832);
// EXTERNAL MODULE: ./src/plan/goal.ts
var plan_goal = __webpack_require__(5908);
;// CONCATENATED MODULE: ./src/plan/lru.ts




const isKept = (img, keep) => img.tags.some((t) => keep.some((re) => re.test(t)));
/**
 * Why image `id` must not be removed now whatever the disk says (a container in any state uses
 * it, a service spec or previous spec names it, a job marked it needed, `keep` matches), or
 * undefined. The same rules as the plan's hard protections, on fresh state.
 */
function hardProtection(id, view) {
    const img = view.images.find((i) => i.id === id);
    if ((0,references/* imagesInUse */.N3)(view).has(id))
        return 'in-use'; // containers in any state, service specs
    if ((0,ledger_ledger/* neededIds */.GF)(view.ledger, view.images, view.nowMs).has(id))
        return 'job';
    if (img && isKept(img, view.keep))
        return 'keep';
    return undefined;
}
const percentOf = (used, capacity) => (capacity > 0 ? Math.round((used / capacity) * 1000) / 10 : 0);
// ties (a fresh ledger knows no use: every image "used now") go by what the daemon knows of
// the image's arrival (last tag time, else Created), oldest first, then by id: deterministic
const arrivalHint = (img) => (Number.isFinite(img.lastTagMs) ? img.lastTagMs : Number.isFinite(img.createdMs) ? img.createdMs : 0);
const byLeastRecentUse = (a, b) => a.lastUsedMs - b.lastUsedMs || a.firstSeenMs - b.firstSeenMs || arrivalHint(a.img) - arrivalHint(b.img) || (a.img.id < b.img.id ? -1 : 1);
function removal(c, nowMs) {
    const age = `last used ${(0,units/* formatDuration */.a3)(nowMs - c.lastUsedMs)} ago (${new Date(c.lastUsedMs).toISOString()})${c.exact ? '' : '; size, shared layers unknown'}`;
    return {
        kind: 'evict', id: c.img.id, label: c.img.tags.join(', '), bytes: c.bytes,
        reason: c.soft ? `${c.soft} yields to keep the disk bounded; ${age}` : age,
        ...(c.soft ? { yields: c.soft } : {}),
    };
}
function planEviction(input) {
    const { disk, config, ledger, nowMs, goal } = input;
    const capacity = disk.usedBytes + disk.availBytes;
    const { needed, target: targetBytes, bound: boundBytes, inodesBind } = (0,plan_goal/* bytesToFree */.vU)(disk, goal);
    const inUse = (0,references/* imagesInUse */.N3)(input);
    const jobNeeds = (0,ledger_ledger/* neededIds */.GF)(ledger, input.images, nowMs);
    const kept = [];
    const free = [];
    const soft = [];
    for (const img of input.images) {
        if (img.dangling)
            continue; // dangling images belong to the dangling prune
        const label = img.tags[0];
        const unique = input.uniqueBytes.get(img.id);
        const bytes = unique ?? img.sizeBytes;
        // unknown to the ledger = used now (the caller updates the ledger first; this is the guard)
        const entry = ledger.images[img.id] ?? { firstSeenMs: nowMs, lastUsedMs: nowMs };
        const hard = inUse.has(img.id) ? 'in-use' : jobNeeds.has(img.id) ? 'job' : isKept(img, config.keep) ? 'keep' : undefined;
        const pref = nowMs - entry.firstSeenMs < config.minAgeMs ? 'min-age'
            : nowMs - entry.lastUsedMs < config.keepWarmMs ? 'keep-warm' : undefined;
        const c = { img, lastUsedMs: entry.lastUsedMs, firstSeenMs: entry.firstSeenMs, bytes, exact: unique !== undefined };
        if (hard)
            kept.push({ id: img.id, label, bytes, reason: hard });
        else if (pref)
            soft.push({ ...c, soft: pref });
        else
            free.push(c);
    }
    free.sort(byLeastRecentUse);
    soft.sort(byLeastRecentUse);
    const evict = [];
    let freed = 0;
    if (needed) {
        for (const c of free) {
            if (freed >= targetBytes)
                break;
            freed += c.bytes;
            evict.push(removal(c, nowMs));
        }
    }
    const shortfallBytes = needed && !inodesBind ? Math.max(0, targetBytes - freed) : 0;
    let topProtection;
    if (shortfallBytes > 0) {
        const byReason = new Map();
        for (const k of [...kept, ...soft.map((c) => ({ reason: c.soft, bytes: c.bytes }))])
            byReason.set(k.reason, (byReason.get(k.reason) ?? 0) + k.bytes);
        const top = [...byReason].sort((a, b) => b[1] - a[1])[0];
        topProtection = top ? { reason: top[0], bytes: top[1] } : undefined;
    }
    // the disk bound over warmth: soft protections yield while it would otherwise not hold
    for (const c of soft) {
        if (needed && freed < boundBytes) {
            freed += c.bytes;
            evict.push(removal(c, nowMs));
        }
        else
            kept.push({ id: c.img.id, label: c.img.tags[0], bytes: c.bytes, reason: c.soft });
    }
    let overBoundBytes = needed && !inodesBind ? Math.max(0, boundBytes - freed) : 0;
    // unique bytes understate what goes when images sharing layers all go: only when even their
    // whole sizes (an upper bound) cannot reach the bound is it truly out of reach; otherwise the
    // executor stops by the measured disk
    const sizeOf = overBoundBytes > 0 ? new Map(input.images.map((i) => [i.id, i.sizeBytes])) : undefined;
    const upperBytes = sizeOf ? evict.reduce((n, p) => n + Math.max(p.bytes, sizeOf.get(p.id) ?? 0), 0) : 0;
    if (overBoundBytes > 0 && upperBytes < boundBytes) {
        // the goal out of reach even with the warm cache gone (what never yields, or files outside
        // Docker, hold the disk): the cache stays, as evicting it would cost every later job its
        // pulls and still not bound the disk. A job's min-free fails the job anyway; the room for
        // cold images is an estimate, said in a warning.
        const firstWarm = evict.findIndex((x) => x.yields);
        if (firstWarm !== -1) {
            for (const p of evict.splice(firstWarm)) {
                freed -= p.bytes;
                kept.push({ id: p.id, label: p.label.split(', ')[0], bytes: p.bytes, reason: p.yields });
            }
            overBoundBytes = boundBytes - freed;
        }
    }
    return {
        needed, targetBytes, evict, kept, predictedPercent: percentOf(disk.usedBytes - freed, capacity), shortfallBytes, topProtection, overBoundBytes,
    };
}

// EXTERNAL MODULE: ./src/snapshot/store-disks.ts + 2 modules
var store_disks = __webpack_require__(713);
// EXTERNAL MODULE: ./src/snapshot/snapshot.ts
var snapshot = __webpack_require__(4330);
// EXTERNAL MODULE: ./src/execute/safety.ts
var safety = __webpack_require__(2193);
;// CONCATENATED MODULE: ./src/execute/evict.ts








/**
 * Removes one image, never forced; returns why Docker refused, or undefined. By id only when it
 * has one tag in one repository: Docker refuses an id referenced in several repositories
 * (`mariadb:10.11`, `mirror.example/library/mariadb:10.11`), and several tags of one repository
 * (`app:1`, `app:latest`: seen on 20.10 classic and 28.5 containerd) "must be forced". Such an
 * image goes reference by reference, with its last one; each tag is checked to still name this
 * image right before its removal, so a tag a job moved meanwhile cannot take the job's new image
 * with it. A refusal part-way (a container started from it meanwhile) keeps the image and says
 * which references were already removed. On the containerd store an image goes with its last
 * tag, before its digest references are reached: a "No such image" for one of those is success
 * once the image is seen gone.
 */
async function removeImage(engine, img) {
    const refs = [...img.tags, ...img.digests];
    if (img.tags.length <= 1 && new Set(refs.map(references/* repositoryOf */._M)).size <= 1) {
        const refused = await engine.write.removeImage(img.id);
        return refused && { why: 'refused', ref: undefined, message: refused.message, alreadyRemoved: [] };
    }
    const done = [];
    for (const ref of refs) {
        // a tag a job moved meanwhile (a build, a pull) names another image now: never removed with this one
        if (img.tags.includes(ref)) {
            const names = await engine.read.imageIdOf(ref);
            if (names !== undefined && names !== img.id)
                return { why: 'refused', ref, message: `${ref} names another image now (${names.slice(7, 19)})`, alreadyRemoved: done };
        }
        const refused = await engine.write.removeImageRef(ref);
        if (refused?.noSuchImage && done.length > 0 && !await engine.read.imageExists(img.id))
            return undefined;
        if (refused)
            return { why: 'refused', ref, message: refused.message, alreadyRemoved: done };
        done.push(ref);
    }
    return undefined;
}
async function executeEviction(plan, deps) {
    const { engine, config } = deps;
    for (const [n, item] of plan.entries()) {
        const done = await deps.underStepLock(async () => {
            const [images, containers, { closed, services }, stored] = await Promise.all([
                (0,snapshot/* readImages */.H)(engine, deps.snap.daemon.imageStore), (0,snapshot/* readContainers */.ZW)(engine), (0,safety/* recheckSafety */.m)(engine, deps.snap, deps.rules, deps.now), (0,store/* loadLedger */.OO)(config.stateDir, deps.now()),
            ]);
            if (closed) {
                deps.onEvent({ kind: 'stopped', item, gate: closed.name, why: `gate ${closed.name} closed (${closed.detail})` });
                return true;
            }
            const nowMs = deps.now();
            if (!images.some((i) => i.id === item.id)) {
                deps.onEvent({ kind: 'skipped', item, skip: { why: 'gone' } });
                return false;
            }
            const marks = (0,ledger_ledger/* allMarks */.UG)((0,store/* loadedLedger */.NA)(stored), deps.ledger);
            const by = hardProtection(item.id, { images, containers, services: services ?? [], ledger: { marks }, keep: config.keep, nowMs });
            if (by) {
                deps.onEvent({ kind: 'skipped', item, skip: { why: 'protected', by } });
                return false;
            }
            const refusal = await removeImage(engine, images.find((i) => i.id === item.id));
            if (refusal) {
                // e.g. a job started a container from it a moment ago: docker refuses, and so do we
                deps.onEvent({ kind: 'skipped', item, skip: refusal });
                return false;
            }
            const disk = deps.snap.disk ? await (0,store_disks/* measureFullest */._h)(deps.snap.disks).catch(() => undefined) : undefined;
            deps.onEvent({ kind: 'removed', item, diskPercent: disk?.usedPercent });
            // stop by what is measured, in the run's own terms
            return disk !== undefined && (0,plan_goal/* reached */.V6)(disk, deps.rules.goal, plan[n + 1]);
        });
        if (done)
            return;
    }
}

// EXTERNAL MODULE: ./src/execute/mark-access.ts
var mark_access = __webpack_require__(8765);
// EXTERNAL MODULE: ./src/modes/context.ts
var context = __webpack_require__(1235);
// EXTERNAL MODULE: ./src/report/text.ts
var report_text = __webpack_require__(5655);
;// CONCATENATED MODULE: ./src/modes/evict.ts
/**
 * Least-recently-used eviction of unused tagged images, after the gated prune, while the disk
 * is still at or above `threshold`, down to `target` (warm images yield only as far as the
 * threshold needs): the plan here, the removals (one at a time, each re-checked under the host
 * step lock) in execute/evict.ts.
 */







const sum = (xs) => xs.reduce((n, x) => n + x.bytes, 0);
async function evictLeastRecentlyUsed(ctx, snap, ledger) {
    const { out, config, rec, goal } = ctx;
    if (!snap.disk || !(0,plan_goal/* needsRoom */.lW)(snap.disk, goal))
        return;
    // fail closed while some runner user's marks cannot be seen (execute/mark-access.ts)
    const blind = await (0,mark_access/* unseenMarks */.VC)(ctx.engine.read.target, config.stateDir);
    if (blind) {
        rec.warn(blind);
        return;
    }
    const uniqueBytes = await ctx.engine.read.uniqueImageBytes();
    const plan = planEviction({
        images: snap.images, containers: snap.containers, services: snap.services ?? [], ledger, disk: snap.disk,
        uniqueBytes, config, goal, nowMs: ctx.now(),
    });
    await out.group(`LRU eviction: ${(0,plan_goal/* describeGoal */.tT)(snap.disk, goal)}`, async () => {
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
    rec.planned(plan.evict);
    rec.kept(plan.kept);
    const yielding = plan.evict.filter((p) => p.yields);
    if (plan.shortfallBytes > 0 && goal.kind === 'watermarks') {
        const top = plan.topProtection ? `; the protection holding the most is ${plan.topProtection.reason} (${(0,units/* formatBytes */.z3)(plan.topProtection.bytes)})` : '';
        const yielded = yielding.length ? `; ${yielding.length} warm image(s) (${(0,units/* formatBytes */.z3)(sum(yielding))}) yield to keep ${(0,plan_goal/* describeBound */.YD)(goal)}` : '';
        rec.warn(`the target ${goal.target}% cannot be reached without evicting warm images: ${(0,units/* formatBytes */.z3)(plan.shortfallBytes)} short${top}${yielded}`);
    }
    else if (yielding.length && goal.kind === 'free-bytes') {
        out.info(`${yielding.length} warm image(s) (${(0,units/* formatBytes */.z3)(sum(yielding))}) yield to free ${(0,units/* formatBytes */.z3)(goal.bytes)}: the job's free space comes before warmth`);
    }
    if (plan.overBoundBytes > 0) {
        // what holds the disk: the images that never yield, the warm ones, and what is no image at all
        const held = plan.kept.filter((k) => k.reason === 'in-use' || k.reason === 'job' || k.reason === 'keep');
        const warm = plan.kept.filter((k) => k.reason === 'min-age' || k.reason === 'keep-warm');
        const images = sum(plan.kept) + sum(plan.evict);
        const other = Math.max(0, snap.disk.usedBytes - images);
        rec.warn(`${(0,plan_goal/* describeBound */.YD)(goal)} cannot be had even with every warm image evicted: ${(0,units/* formatBytes */.z3)(plan.overBoundBytes)} short; images in use, marked by a running job or kept hold ${(0,units/* formatBytes */.z3)(sum(held))}, `
            + `and ${(0,units/* formatBytes */.z3)(other)} of the ${(0,units/* formatBytes */.z3)(snap.disk.usedBytes)} used on ${snap.disk.path} is no image (volumes, containers, build cache, files outside Docker): `
            + `keeping the ${warm.length} warm image(s) (${(0,units/* formatBytes */.z3)(sum(warm))}), which would not bound the disk`);
    }
    if (config.dryRun || plan.evict.length === 0)
        return;
    await executeEviction(plan.evict, {
        engine: ctx.engine, config, rules: (0,context/* gateRules */.DB)(ctx), ledger, snap, now: ctx.now,
        // polite: a pre step waiting to mark its images goes between two removals
        underStepLock: (fn) => (0,context/* underStepLock */.aO)(ctx, fn, { polite: true }),
        onEvent(e) {
            if (e.kind === 'removed') {
                rec.removed({
                    kind: 'evict', id: e.item.id, label: e.item.label, bytes: e.item.bytes, reason: `least recently used: ${e.item.reason}`,
                    ...(e.item.yields ? { yielded: e.item.yields } : {}),
                });
                rec.reclaimed('evicted', e.item.bytes);
                out.info(`evicted ${e.item.label}${e.item.yields ? ` (${e.item.yields} yielded)` : ''}${e.diskPercent === undefined ? '' : `: disk now ${e.diskPercent}%`}`);
            }
            else if (e.kind === 'skipped') {
                rec.warn(`kept ${e.item.label}: ${(0,report_text/* describeSkip */.Vf)(e.skip)}`);
                // kept after all: listed with the others the eviction kept, with the reason
                rec.kept([{ id: e.item.id, label: e.item.label, bytes: e.item.bytes, reason: (0,report_text/* skipReason */.YG)(e.skip) }]);
            }
            else {
                rec.stopped(`stopped before evicting ${e.item.label}: ${e.why}`, e.gate);
            }
        },
    });
}


/***/ }),

/***/ 7217:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ recordInUse),
/* harmony export */   L: () => (/* binding */ recordUsage)
/* harmony export */ });
/* harmony import */ var _ledger_ledger_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2420);
/* harmony import */ var _ledger_store_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(492);
/* harmony import */ var _report_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5655);



/**
 * Updates and saves the ledger. `alsoUsed`: image ids to count as used now; `needed`: references
 * a job needs, marked under `markId` so that no eviction removes them while the job runs;
 * `release`: the mark of a job that has ended (its post step). Callers hold the host step lock,
 * so a read-modify-write never loses another run's update.
 */
async function recordUsage(ctx, snap, job = {}) {
    const load = await (0,_ledger_store_js__WEBPACK_IMPORTED_MODULE_0__/* .loadLedger */ .OO)(ctx.config.stateDir, ctx.now());
    const said = (0,_report_text_js__WEBPACK_IMPORTED_MODULE_1__/* .describeLedgerLoad */ .he)(load);
    if (said && load.kind === 'missing')
        ctx.out.info(said);
    else if (said)
        ctx.rec.warn(said);
    const prev = (0,_ledger_store_js__WEBPACK_IMPORTED_MODULE_0__/* .loadedLedger */ .NA)(load);
    let ledger = (0,_ledger_ledger_js__WEBPACK_IMPORTED_MODULE_2__/* .updateLedger */ .RI)(prev, snap, ctx.now(), job.alsoUsed ?? []);
    if (job.needed?.length && job.markId)
        ledger = (0,_ledger_ledger_js__WEBPACK_IMPORTED_MODULE_2__/* .recordWanted */ .Vl)((0,_ledger_ledger_js__WEBPACK_IMPORTED_MODULE_2__/* .markNeeded */ .lU)(ledger, job.markId, job.needed, ctx.now() + _ledger_ledger_js__WEBPACK_IMPORTED_MODULE_2__/* .NEEDED_HOLD_MS */ .Hb), job.needed, ctx.now());
    if (job.release)
        ledger = (0,_ledger_ledger_js__WEBPACK_IMPORTED_MODULE_2__/* .releaseMark */ .D4)(ledger, job.release);
    await save(ctx, ledger, job.needed?.length ? ': the marks that protect the job\'s images from a concurrent eviction are not saved' : '');
    return ledger;
}
/**
 * What a look without the image list (a HostView) can record: the images its containers use
 * are used now (see touchUsed). No ledger yet: nothing to touch, the next listing look builds it.
 */
async function recordInUse(ctx, view) {
    const load = await (0,_ledger_store_js__WEBPACK_IMPORTED_MODULE_0__/* .loadLedger */ .OO)(ctx.config.stateDir, ctx.now());
    // not rebuilt here: the next look that lists the images does that
    if (load.kind === 'rebuilt')
        ctx.rec.warn((0,_report_text_js__WEBPACK_IMPORTED_MODULE_1__/* .describeLedgerLoad */ .he)(load, 'later'));
    if (load.kind !== 'ok')
        return;
    if (load.dropped)
        ctx.rec.warn((0,_report_text_js__WEBPACK_IMPORTED_MODULE_1__/* .describeLedgerLoad */ .he)(load));
    const prev = load.ledger;
    const ledger = (0,_ledger_ledger_js__WEBPACK_IMPORTED_MODULE_2__/* .touchUsed */ .hO)(prev, view.containers, ctx.now());
    if (ledger)
        await save(ctx, ledger, '');
}
async function save(ctx, ledger, lost) {
    const saved = await (0,_ledger_store_js__WEBPACK_IMPORTED_MODULE_0__/* .saveLedger */ .dS)(ctx.config.stateDir, ledger);
    if (!saved.ok)
        ctx.rec.warn(`could not write the usage ledger in ${ctx.config.stateDir} (${saved.error}); carrying on${lost}`);
}


/***/ }),

/***/ 8079:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w: () => (/* binding */ planPrune)
/* harmony export */ });
/* unused harmony export pruneCutoffMs */
/** Container states `docker container prune` removes (everything not running or paused). */
const PRUNABLE_CONTAINER_STATES = new Set(['created', 'exited', 'dead']);
/**
 * The daemon's cut-off for `until=<duration>`: now minus the duration, truncated to a whole
 * second (Docker turns it into a Unix timestamp in seconds), compared with "before". So an
 * object is pruned once it is older than `until` plus up to 1 s, never earlier.
 */
function pruneCutoffMs(untilMs, nowMs) {
    return Math.floor((nowMs - untilMs) / 1000) * 1000;
}
function planPrune(snap, untilMs, nowMs) {
    const cutoff = pruneCutoffMs(untilMs, nowMs);
    const containerdStore = snap.daemon?.imageStore === 'containerd';
    // NaN (unknown) is never before the cut-off: no plan picks an image of unknown age
    const ageFromMs = (i) => (containerdStore ? i.lastTagMs ?? Number.NaN : i.createdMs);
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
        if (i.dangling && ageFromMs(i) < cutoff && !usedImages.has(i.id)) {
            const since = containerdStore ? 'untagged before the cut-off' : 'created before the cut-off';
            plan.push({ kind: 'image', id: i.id, label: i.digests[0] ?? i.id.slice(7, 19), bytes: i.sizeBytes, reason: `dangling (untagged), ${since}` });
        }
    }
    if (snap.buildCacheBytes) {
        plan.push({ kind: 'builder', id: 'build-cache', label: 'build cache', bytes: 0, reason: `entries unused for longer than the cut-off (of ${snap.buildCacheBytes} bytes in all)` });
    }
    return plan;
}


/***/ })

};
