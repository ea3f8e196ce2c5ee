export const id = 235;
export const ids = [235];
export const modules = {

/***/ 1235:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DB: () => (/* binding */ gateRules),
/* harmony export */   O9: () => (/* binding */ finish),
/* harmony export */   Vu: () => (/* binding */ hostViewGroup),
/* harmony export */   _u: () => (/* binding */ snapshotGroup),
/* harmony export */   aO: () => (/* binding */ underStepLock),
/* harmony export */   ah: () => (/* binding */ checkGroup),
/* harmony export */   bA: () => (/* binding */ underLockNamed),
/* harmony export */   cu: () => (/* binding */ identityOf)
/* harmony export */ });
/* harmony import */ var _execute_lock_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6908);
/* harmony import */ var _report_inventory_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3830);
/* harmony import */ var _snapshot_snapshot_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4330);
/* harmony import */ var _report_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5655);




/** The gates' rules for this run: its goal and the service rules. */
function gateRules(ctx) {
    return { goal: ctx.goal, stackPattern: ctx.config.stackPattern, stuckAfterMs: ctx.config.stuckAfterMs };
}
/** The report as published: the requests made and the run's duration filled in. */
function finish(ctx, exitCode) {
    const report = ctx.rec.finish(ctx.engine.calls(), ctx.now());
    return { report, exitCode: exitCode ?? (ctx.rec.failed ? 1 : 0) };
}
/** Takes a snapshot inside a titled log group and describes its disk and inventory. */
function snapshotGroup(ctx, title, opts = {}) {
    return lookGroup(ctx, title, () => (0,_snapshot_snapshot_js__WEBPACK_IMPORTED_MODULE_1__/* .takeSnapshot */ .W9)(ctx.engine, opts));
}
/**
 * `check`'s look: a snapshot with the build cache and the prune ages of dangling images, and a
 * line on the daemon first. Through lookGroup as every mode's, so the host locks learn the
 * daemon from this look's `/info` instead of asking it again.
 */
function checkGroup(ctx, title) {
    return lookGroup(ctx, title, async () => (0,_snapshot_snapshot_js__WEBPACK_IMPORTED_MODULE_1__/* .withPruneAges */ .NV)(ctx.engine, await (0,_snapshot_snapshot_js__WEBPACK_IMPORTED_MODULE_1__/* .takeSnapshot */ .W9)(ctx.engine, { buildCache: true })), (s) => (0,_report_text_js__WEBPACK_IMPORTED_MODULE_2__/* .describeDaemon */ .MX)(s));
}
/** The same for a HostView: everything but the image list (see snapshot/types.ts). */
function hostViewGroup(ctx, title) {
    return lookGroup(ctx, title, () => (0,_snapshot_snapshot_js__WEBPACK_IMPORTED_MODULE_1__/* .takeHostView */ .hY)(ctx.engine));
}
async function lookGroup(ctx, title, take, headline) {
    return ctx.out.group(title, async () => {
        const s = await take();
        ctx.locks.learn(identityOf(s));
        if (headline)
            ctx.out.info(headline(s));
        ctx.out.info((0,_report_text_js__WEBPACK_IMPORTED_MODULE_2__/* .describeDisk */ .v3)(s.disk, s.diskError, s.disks));
        ctx.out.info((0,_report_text_js__WEBPACK_IMPORTED_MODULE_2__/* .describeInventory */ .IB)((0,_report_inventory_js__WEBPACK_IMPORTED_MODULE_3__/* .inventoryOf */ .o)(s)));
        return s;
    });
}
/**
 * Runs `fn` under this engine's host step lock: every ledger update and every image removal.
 * Held only for a few Docker requests, each bounded by docker-timeout, so waiting 4 of them
 * covers a holder that is itself waiting on a slow daemon.
 */
async function underStepLock(ctx, fn, opts = {}) {
    return underLockNamed(ctx, await ctx.locks.name('step'), fn, opts);
}
/** The same under a step lock named already (see step-look.ts); `waitMs` 0: only if it is free now. */
function underLockNamed(ctx, name, fn, opts = {}) {
    const { timeoutMs, stop } = ctx.engine.limits;
    return (0,_execute_lock_js__WEBPACK_IMPORTED_MODULE_0__/* .withLock */ .kK)(name, opts.waitMs ?? 4 * timeoutMs, fn, () => stop.signal !== undefined, opts);
}
/** Who a look's daemon says it is: what its host locks are named by. */
const identityOf = (s) => ({ ID: s.daemon.id, DockerRootDir: s.daemon.rootDir });


/***/ }),

/***/ 5655:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IB: () => (/* binding */ describeInventory),
/* harmony export */   MX: () => (/* binding */ describeDaemon),
/* harmony export */   Sx: () => (/* binding */ describeImages),
/* harmony export */   Vf: () => (/* binding */ describeSkip),
/* harmony export */   YG: () => (/* binding */ skipReason),
/* harmony export */   df: () => (/* binding */ describePlan),
/* harmony export */   he: () => (/* binding */ describeLedgerLoad),
/* harmony export */   v3: () => (/* binding */ describeDisk),
/* harmony export */   yg: () => (/* binding */ describeGates)
/* harmony export */ });
/* harmony import */ var _inputs_units_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4702);

/**
 * The disk the gates read, and where the image store spans several filesystems, which one it
 * is and how full the others are: `disk /var/lib/containerd (containerd root, the fullest of 2): …`.
 */
function describeDisk(d, error, all = []) {
    if (!d)
        return `disk: unknown (${error ?? 'not measured'})`;
    const others = all.filter((x) => x.path !== d.path);
    const which = others.length ? ` (${d.holds ?? 'DockerRootDir'}, the fullest of ${others.length + 1})` : '';
    const also = others.map((x) => `; also ${x.path} (${x.holds ?? 'DockerRootDir'}) ${x.usedPercent}%`).join('');
    return `disk ${d.path}${which}: ${(0,_inputs_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(d.usedBytes)} of ${(0,_inputs_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(d.usedBytes + d.availBytes)} used (${d.bytesPercent}%), ` +
        `${(0,_inputs_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(d.availBytes)} free; inodes ${d.inodesPercent}%${also}`;
}
function describeImages(i) {
    return i.danglingImages === undefined || i.imageBytes === undefined ? `images ${i.images} (counted, not listed)`
        : `images ${i.images} (${i.danglingImages} dangling, ${(0,_inputs_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(i.imageBytes)})`;
}
function describeInventory(i) {
    const parts = [
        describeImages(i),
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
    const role = s.swarm.manager ? 'swarm manager' : s.swarm.state === 'active' ? 'swarm worker' : `swarm ${s.swarm.state}`;
    const services = s.swarm.managerHost ? `, services from the manager at ${s.swarm.managerHost}` : '';
    const mirrors = s.daemon.mirrors.length ? `, mirrors ${s.daemon.mirrors.join(' ')}` : '';
    return `daemon ${s.daemon.serverVersion} (${s.daemon.driver}) at ${s.daemon.rootDir} on ${s.daemon.name}, ${role}${services}${mirrors}`;
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
/**
 * What loading the ledger found, for the log or a warning (undefined: nothing to say). `later`:
 * this run does not rebuild it (a look without the image list leaves the file as it is).
 */
function describeLedgerLoad(load, rebuild = 'now') {
    if (load.kind === 'missing')
        return 'no usage ledger yet: every image counts as used now';
    if (load.kind === 'ok') {
        if (!load.dropped)
            return undefined;
        const what = [load.dropped.images ? `${load.dropped.images} image entr${load.dropped.images === 1 ? 'y' : 'ies'}` : '', load.dropped.marks ? `${load.dropped.marks} job mark${load.dropped.marks === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ');
        return `the usage ledger held ${what} with an impossible time (not a finite time since 2020, in the future, or a mark further ahead than a job's hold): dropped, the rest kept`;
    }
    const why = { 'not-json': 'is corrupt (not JSON)', 'bad-shape': `is unreadable (${load.detail})`, 'too-big': `is refused (${load.detail})`, 'not-a-file': `is refused (${load.detail})`, unreadable: `cannot be read (${load.detail})` }[load.why];
    return `the usage ledger ${why}: ${rebuild === 'now' ? 'rebuilt, every image counts as used now' : 'left as it is until a run lists the images and rebuilds it'}`;
}
const PROTECTED_NOW = { 'in-use': 'a container or a service now uses it', job: 'a job marked it needed', keep: 'keep matches it' };
/** Why a planned eviction did not happen, in a warning: `docker refused to remove a:1 (…); already removed: b:1`. */
function describeSkip(s) {
    if (s.why === 'gone')
        return 'already gone';
    if (s.why === 'protected')
        return `${PROTECTED_NOW[s.by]} (since the plan was made)`;
    const done = s.alreadyRemoved.length ? `; already removed: ${s.alreadyRemoved.join(', ')}` : '';
    return `docker refused to remove ${s.ref ?? 'it'} (${s.message})${done}`;
}
/** The same as a reason in the report's list of kept images. */
function skipReason(s) {
    return s.why === 'gone' ? 'already gone' : s.why === 'protected' ? PROTECTED_NOW[s.by] : 'docker refused to remove it';
}


/***/ }),

/***/ 5832:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fv: () => (/* binding */ registryOf),
/* harmony export */   N3: () => (/* binding */ imagesInUse),
/* harmony export */   T8: () => (/* binding */ resolveIds),
/* harmony export */   _M: () => (/* binding */ repositoryOf),
/* harmony export */   aW: () => (/* binding */ pullEndpoints),
/* harmony export */   jd: () => (/* binding */ indexImages),
/* harmony export */   l8: () => (/* binding */ findLocal),
/* harmony export */   tO: () => (/* binding */ normalizeReference)
/* harmony export */ });
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
/**
 * Where the daemon's pull of `ref` goes, in its order: a Docker Hub image through each of the
 * daemon's `registry-mirrors` first (`redis:7` as `<mirror>/library/redis:7`), then the registry
 * itself. `insecure(host)`: whether a registry host is spoken to over plain HTTP.
 */
function pullEndpoints(ref, mirrors, insecure) {
    const own = { ref, insecure: insecure(registryOf(ref)) };
    const path = normalizeReference(ref);
    if (registryOf(path) !== 'docker.io')
        return [own];
    const hubPath = path.includes('/') ? path : `library/${path}`;
    const viaMirrors = mirrors.flatMap((m) => {
        const u = /^(https?):\/\/([^/]+)\/?$/.exec(m.trim());
        return u ? [{ ref: `${u[2]}/${hubPath}`, insecure: u[1] === 'http' || insecure(u[2]) }] : [];
    });
    return [...viaMirrors, own];
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
/** The repository of a reference: `mariadb:10.11` and `mariadb@sha256:…` → `mariadb`. */
function repositoryOf(ref) {
    const at = ref.indexOf('@');
    if (at !== -1)
        return ref.slice(0, at);
    const colon = ref.lastIndexOf(':');
    return colon > ref.lastIndexOf('/') ? ref.slice(0, colon) : ref;
}
/** Ids of images in use now: by any container in any state, or named by a service (current or previous spec). */
function imagesInUse(snap) {
    const used = new Set(snap.containers.map((c) => c.imageId));
    // the daemon's own count (API 1.51+) too: a container our list did not show still counts
    for (const i of snap.images)
        if ((i.containers ?? 0) > 0)
            used.add(i.id);
    const index = indexImages(snap.images);
    for (const s of snap.services ?? []) {
        for (const ref of [s.image, s.previousImage])
            if (ref)
                for (const id of resolveIds(index, ref))
                    used.add(id);
    }
    return used;
}


/***/ }),

/***/ 4330:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ readImages),
/* harmony export */   NV: () => (/* binding */ withPruneAges),
/* harmony export */   W9: () => (/* binding */ takeSnapshot),
/* harmony export */   ZW: () => (/* binding */ readContainers),
/* harmony export */   ey: () => (/* binding */ rereadServices),
/* harmony export */   hY: () => (/* binding */ takeHostView),
/* harmony export */   tR: () => (/* binding */ readBuildCache),
/* harmony export */   v8: () => (/* binding */ listImages)
/* harmony export */ });
/* unused harmony export withRepoDigests */
/* harmony import */ var _docker_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7457);
/* harmony import */ var _docker_reader_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9189);
/* harmony import */ var _store_disks_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(713);
/* harmony import */ var _references_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5832);





/** Everything, images included, in one wave. */
async function takeSnapshot(engine, opts = {}) {
    const { view, images } = await look(engine, opts, true);
    return withImageList(view, images);
}
/**
 * Everything but the image list (see HostView): the gates can be judged from it, and when one
 * is closed (the nightly run's usual answer) the daemon never lists its images.
 */
async function takeHostView(engine, opts = {}) {
    return (await look(engine, opts, false)).view;
}
/** `view` completed with the image list, asked now (its other lists stay as they were read). */
async function listImages(engine, view) {
    const callsBefore = engine.calls();
    const images = await readImages(engine, view.daemon.imageStore);
    return withImageList({ ...view, dockerCalls: view.dockerCalls + engine.calls() - callsBefore }, images);
}
function withImageList(view, images) {
    const { imageCount: _counted, ...rest } = view;
    return { ...rest, images };
}
async function look(engine, opts, withImages) {
    const started = Date.now();
    const callsBefore = engine.calls();
    const reader = engine.read;
    // Everything is asked at once, `info` included: the pre step is on every job's critical
    // path. Swarm lists are asked speculatively; on a non-manager they come back undefined, read
    // as "not visible" (the info says why).
    const infoP = opts.info ? Promise.resolve(opts.info) : reader.info();
    // every filesystem the image store fills is measured as soon as the daemon says where it is
    const storeP = infoP.then((info) => (0,_store_disks_js__WEBPACK_IMPORTED_MODULE_2__/* .startMeasuring */ .si)({
        rootDir: info.DockerRootDir, store: (0,_docker_reader_js__WEBPACK_IMPORTED_MODULE_1__/* .imageStoreOf */ .Sf)(info), driver: info.Driver,
        containerdAddress: info.Containerd?.Address || undefined, imageCount: info.Images ?? 0,
    }, engine.storePaths));
    // swarm objects come from the manager given with manager-host (on a worker), else from here
    const remote = engine.managerHost;
    const swarmP = remote ? managerLists(engine.swarm) : reader.swarm().then((l) => ({ ...l, error: undefined }));
    const wave = Promise.all([
        storeP,
        withImages ? reader.images() : undefined,
        reader.containers(),
        swarmP,
        reader.volumes(),
        reader.networks(),
        opts.buildCache ? readBuildCache(engine) : Promise.resolve(undefined),
    ]);
    wave.catch(() => undefined); // if the daemon is down, report that (below), not a list failure
    const info = await infoP;
    const [measuring, listed, containers, lists, volumes, networks, buildCacheBytes] = await wave;
    const store = (0,_docker_reader_js__WEBPACK_IMPORTED_MODULE_1__/* .imageStoreOf */ .Sf)(info);
    const images = listed && (store === 'containerd' ? listed.map(withRepoDigests) : listed);
    // the disk counts only when the path measured is provably this daemon's storage
    const imageIds = async () => (images ?? await reader.images()).map((i) => i.id);
    const disks = await measuring.prove({ rootDir: info.DockerRootDir, engineId: info.ID, driver: info.Driver, containerIds: containers.map((c) => c.id), imageIds });
    const state = info.Swarm?.LocalNodeState || 'inactive';
    const nodeId = info.Swarm?.NodeID || undefined;
    const manager = state === 'active' && info.Swarm?.ControlAvailable === true;
    // Without swarm no service can exist: an empty list, not an unknown one (locally).
    const noSwarm = state === 'inactive' && !remote;
    const remoteError = remote ? lists.error ?? await managerProblem(engine.swarm, lists, state, nodeId) : undefined;
    const visible = remote ? remoteError === undefined : lists.services !== undefined;
    const services = visible ? lists.services : noSwarm ? [] : undefined;
    const view = {
        takenAtMs: started,
        daemon: {
            id: info.ID,
            serverVersion: info.ServerVersion,
            rootDir: info.DockerRootDir,
            driver: info.Driver,
            imageStore: store,
            name: info.Name,
            os: info.OperatingSystem,
            mirrors: info.RegistryConfig?.Mirrors ?? [],
            insecureRegistries: Object.entries(info.RegistryConfig?.IndexConfigs ?? {}).filter(([, c]) => c.Secure === false).map(([k]) => k),
            architecture: info.Architecture,
        },
        swarm: { state, manager, nodeId, managerHost: remote },
        disk: disks.disk,
        disks: disks.disks,
        diskError: disks.error,
        imageCount: images?.length ?? info.Images ?? 0,
        containers,
        services,
        servicesError: remote ? remoteError : manager || noSwarm ? undefined
            : state === 'active' ? 'this node is a swarm worker, not a manager: services cannot be listed here'
                : `swarm is not active on this node (state: ${state})`,
        volumes,
        networks,
        secrets: visible ? lists.secrets : noSwarm ? [] : undefined,
        configs: visible ? lists.configs : noSwarm ? [] : undefined,
        buildCacheBytes,
        dockerCalls: engine.calls() - callsBefore,
        durationMs: Date.now() - started,
    };
    return { view, images };
}
/**
 * On the containerd store an image's id is its manifest digest, so `repo@id` names it in every
 * repository it is tagged in; `image inspect` lists them all, the API's image list only some
 * (seen on 26.1: one per digest). Completed here, so a job asking for `mariadb@sha256:…` finds
 * the image whichever name it was pulled under.
 */
function withRepoDigests(img) {
    if (!/^sha256:[0-9a-f]{64}$/.test(img.id))
        return img;
    const digests = [...new Set([...img.digests, ...img.tags.map((t) => `${(0,_references_js__WEBPACK_IMPORTED_MODULE_3__/* .repositoryOf */ ._M)(t)}@${img.id}`)])];
    return digests.length === img.digests.length ? img : { ...img, digests };
}
/** The lists from the manager; a manager that cannot answer is a reason (fail closed), not a crash. */
async function managerLists(manager) {
    try {
        return { ...(await manager.swarm()), error: undefined };
    }
    catch (e) {
        if (!(e instanceof _docker_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DockerError */ .Bi))
            throw e;
        return { services: undefined, secrets: undefined, configs: undefined, error: `manager-host ${manager.target} cannot answer: ${e.message}` };
    }
}
/**
 * Why the manager's view cannot stand for this node, or undefined when it can: this node must
 * be in a swarm, the manager must be one, and it must know this node (the same swarm).
 */
async function managerProblem(manager, lists, state, nodeId) {
    if (state !== 'active' || !nodeId)
        return `manager-host is set, but this node is not an active swarm member (state: ${state})`;
    if (!lists.services)
        return `manager-host ${manager.target} is not a swarm manager`;
    try {
        if (await manager.knowsNode(nodeId))
            return undefined;
        return `manager-host ${manager.target} does not manage this node (${nodeId}): unknown node`;
    }
    catch (e) {
        if (!(e instanceof _docker_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DockerError */ .Bi))
            throw e;
        return `manager-host ${manager.target} does not manage this node (${nodeId}): ${e.message}`;
    }
}
/**
 * `snap` with the prune age of its dangling images known where it is not the build time: on
 * the containerd store, the age `until` compares is the image record's (its last-tag time, see
 * plan/prune-plan.ts), which the API's list does not carry. One request per dangling image,
 * so only where a prune plan is made (gates open, or `check`), never on a no-op path.
 */
async function withPruneAges(engine, snap) {
    if (snap.daemon.imageStore !== 'containerd')
        return snap;
    const unknown = snap.images.filter((i) => i.dangling && i.lastTagMs === undefined).map((i) => i.id);
    if (unknown.length === 0)
        return snap;
    const times = await engine.read.lastTagTimes(unknown);
    return { ...snap, images: snap.images.map((i) => (times.has(i.id) ? { ...i, lastTagMs: times.get(i.id) } : i)) };
}
/** Just the images (one request through the API, two CLI processes otherwise), named as a snapshot names them. */
async function readImages(engine, store) {
    const images = await engine.read.images();
    return store === 'containerd' ? images.map(withRepoDigests) : images;
}
/** Just the containers, in any state. */
function readContainers(engine) {
    return engine.read.containers();
}
/**
 * The services again, as `snap` could see them: [] where swarm is off (none can exist),
 * undefined where this node cannot list them (the service gates then fail closed).
 */
async function rereadServices(engine, snap) {
    if (snap.swarm.state === 'inactive' && !engine.managerHost)
        return [];
    try {
        return await engine.swarm.services();
    }
    catch (e) {
        // a manager that stopped answering mid-run closes the service gates; the run stops there
        if (engine.managerHost && e instanceof _docker_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DockerError */ .Bi)
            return undefined;
        throw e;
    }
}
/** The build cache's size, from `system df` (it walks every volume: never on a no-op path). */
function readBuildCache(engine) {
    return engine.read.buildCacheBytes();
}


/***/ }),

/***/ 713:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  _h: () => (/* binding */ measureFullest),
  si: () => (/* binding */ startMeasuring)
});

// UNUSED EXPORTS: fullest

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/runtime/safe-read.ts
var safe_read = __webpack_require__(9500);
;// CONCATENATED MODULE: ./src/snapshot/containerd-root.ts
/**
 * Where the containerd a daemon stores its images in keeps them. With the containerd image store
 * (Docker 29's default) content and snapshots live under containerd's root, not DockerRootDir:
 * under `<DockerRootDir>/containerd/daemon` when dockerd runs its own containerd, under the system
 * containerd's root (`/var/lib/containerd`, often a disk of its own) when dockerd is pointed at it
 * with `--containerd`, as distribution packages do. Found from what the host states, never
 * guessed: the socket the daemon names (`/info` Containerd.Address, API 1.46+, else dockerd's own
 * `--containerd` flag or daemon.json), the containerd process serving that socket, and that
 * process's `--root` or config file. Process command lines are world-readable: this works for an
 * unprivileged runner user too, who may not connect to containerd's socket.
 */




const DEFAULT_ADDRESS = '/run/containerd/containerd.sock';
const DEFAULT_ROOT = '/var/lib/containerd';
const DEFAULT_CONFIG = '/etc/containerd/config.toml';
const DEFAULT_DOCKERD_CONFIG = '/etc/docker/daemon.json';
const DEFAULT_DATA_ROOT = '/var/lib/docker';
/** The value of `--name X`, `--name=X` or `-s X` in `args`, the last one winning (as flag parsers do). */
function flagValue(args, names) {
    let value;
    for (let i = 1; i < args.length; i++) {
        const a = args[i];
        for (const n of names) {
            if (a === n && i + 1 < args.length)
                value = args[i + 1];
            else if (a.startsWith(`${n}=`))
                value = a.slice(n.length + 1);
        }
    }
    return value;
}
/**
 * The few keys of a containerd config (TOML, versions 1 to 3) this needs: the top-level `root`
 * and the `[grpc]` table's `address`. Basic and literal strings; the rest of TOML is skipped.
 */
function parseContainerdConfig(text) {
    const out = {};
    let table = '';
    for (const raw of text.split('\n')) {
        const line = raw.trim();
        const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
        if (header) {
            table = header[1].replace(/["']/g, '');
            continue;
        }
        const kv = /^([A-Za-z0-9_.-]+)\s*=\s*("(?:[^"\\]|\\.)*"|'[^']*')/.exec(line);
        if (!kv)
            continue;
        const key = table ? `${table}.${kv[1]}` : kv[1];
        const value = kv[2].startsWith("'") ? kv[2].slice(1, -1) : JSON.parse(kv[2]);
        if (key === 'root')
            out.root = value;
        if (key === 'grpc.address')
            out.address = value;
    }
    return out;
}
/**
 * Every process on the host whose program is `containerd` or `dockerd`. procfs reads never
 * block and cost microseconds each, so they are read in turn: through the thread pool the
 * whole probe took 28 ms for 83 processes on the development machine, read in turn 7 ms. It
 * runs beside the snapshot's requests, on the containerd store only.
 */
function storageProcs(proc) {
    const found = { containerd: [], dockerd: [] };
    let pids;
    try {
        pids = (0,external_node_fs_.readdirSync)(proc).filter((p) => /^\d+$/.test(p));
    }
    catch {
        return found;
    }
    const read = (p, f) => { try {
        return (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(proc, p, f), 'utf8');
    }
    catch {
        return '';
    } };
    for (const p of pids) {
        // `stat` names the program (its comm, 15 bytes) and the parent: one small read per process
        const m = /^\d+ \((containerd|dockerd)\) \S (\d+)/.exec(read(p, 'stat'));
        if (!m)
            continue;
        const args = read(p, 'cmdline').split('\0').filter(Boolean);
        if (args.length === 0 || (0,external_node_path_.basename)(args[0]) !== m[1])
            continue;
        found[m[1]].push({ pid: Number(p), ppid: Number(m[2]), args });
    }
    return found;
}
async function readJson(path) {
    const r = await (0,safe_read/* readRegularFile */.X)(path, 1 << 20, true);
    if (r.kind !== 'ok')
        return undefined;
    try {
        return JSON.parse(r.text);
    }
    catch {
        return undefined;
    }
}
/** The dockerds serving `rootDir` (by `--data-root` or daemon.json's), each with the containerd it was pointed at. */
async function dockerdsOf(dockerds, rootDir) {
    const found = [];
    for (const d of dockerds) {
        const json = await readJson(flagValue(d.args, ['--config-file']) ?? DEFAULT_DOCKERD_CONFIG);
        const dataRoot = flagValue(d.args, ['--data-root', '-g']) ?? (typeof json?.['data-root'] === 'string' ? json['data-root'] : DEFAULT_DATA_ROOT);
        if (dataRoot.replace(/\/+$/, '') !== rootDir.replace(/\/+$/, ''))
            continue;
        found.push({ proc: d, containerd: flagValue(d.args, ['--containerd']) ?? (typeof json?.containerd === 'string' ? json.containerd : undefined) });
    }
    return found;
}
const configOf = (c) => {
    const path = flagValue(c.args, ['--config', '-c']) ?? DEFAULT_CONFIG;
    return (0,safe_read/* readRegularFile */.X)(path, 1 << 20, true).then((read) => ({ path, read }));
};
/** Whether two socket paths are one socket: the same inode where both can be looked at, else the same path. */
async function sameSocket(a, b) {
    const strip = (s) => s.replace(/^unix:\/\//, '');
    const [sa, sb] = await Promise.all([(0,promises_.stat)(strip(a)).catch(() => undefined), (0,promises_.stat)(strip(b)).catch(() => undefined)]);
    if (sa && sb)
        return sa.dev === sb.dev && sa.ino === sb.ino;
    return strip(a) === strip(b);
}
/**
 * The root of the containerd process `c`: its `--root`, else its config's `root`, else the
 * default. A containerd dockerd started itself (`managedBy` its data root) keeps its root where
 * moby's supervisor puts it, `<data root>/containerd/daemon`, also when its config (0600) cannot
 * be read.
 */
async function rootOf(c, config, managedBy) {
    const flag = flagValue(c.args, ['--root']);
    if (flag)
        return { kind: 'found', path: flag, how: `--root of containerd (pid ${c.pid})` };
    const { path: configPath, read: conf } = await config;
    if (conf.kind === 'ok') {
        const root = parseContainerdConfig(conf.text).root;
        return { kind: 'found', path: root ?? DEFAULT_ROOT, how: `${root ? 'root' : 'the default root'} in ${configPath} of containerd (pid ${c.pid})` };
    }
    if (managedBy)
        return { kind: 'found', path: (0,external_node_path_.join)(managedBy, 'containerd', 'daemon'), how: `dockerd's own containerd (pid ${c.pid})` };
    if (conf.kind === 'missing' && configPath === DEFAULT_CONFIG)
        return { kind: 'found', path: DEFAULT_ROOT, how: `the default root of containerd (pid ${c.pid}, no config file)` };
    return { kind: 'unknown', why: `the config of containerd (pid ${c.pid}) cannot be read: ${conf.kind === 'refused' ? conf.detail : `${configPath} is missing`}` };
}
/**
 * The address a containerd process listens on: its `--address`, else its config's, else the
 * default. dockerd's own containerd has its socket beside its config (moby's supervisor writes
 * both into one state dir), which tells it when the config is not ours to read.
 */
async function addressOf(c, config, managed) {
    const flag = flagValue(c.args, ['--address', '-a']);
    if (flag)
        return flag;
    const { path: configPath, read: conf } = await config;
    if (conf.kind === 'ok')
        return parseContainerdConfig(conf.text).address ?? DEFAULT_ADDRESS;
    if (managed && (0,external_node_path_.basename)(configPath) === 'containerd.toml')
        return (0,external_node_path_.join)((0,external_node_path_.dirname)(configPath), 'containerd.sock');
    return conf.kind === 'missing' ? DEFAULT_ADDRESS : undefined;
}
/** Where the daemon's containerd keeps image content and snapshots, or why that cannot be told. */
async function findContainerdRoot(d, proc = '/proc') {
    const { containerd, dockerd } = storageProcs(proc);
    const daemons = await dockerdsOf(dockerd, d.rootDir);
    const parentOf = (c) => daemons.find((x) => x.proc.pid === c.ppid);
    let address = d.containerdAddress;
    if (!address) {
        // API before 1.46: what the dockerds serving this data root were told (all must agree)
        const told = new Set(daemons.map((x) => x.containerd ?? ''));
        if (daemons.length === 0)
            return { kind: 'unknown', why: `the daemon does not name its containerd (API before 1.46) and no dockerd serving ${d.rootDir} is visible from here` };
        if (told.size > 1)
            return { kind: 'unknown', why: `${daemons.length} dockerds serve ${d.rootDir} with different containerds` };
        address = [...told][0] || undefined;
        if (!address) {
            // no --containerd: dockerd runs its own, as its child
            const own = containerd.filter((c) => parentOf(c));
            if (own.length === 1)
                return rootOf(own[0], configOf(own[0]), d.rootDir);
            return { kind: 'unknown', why: `dockerd (pid ${daemons[0].proc.pid}) names no containerd and ${own.length} containerd processes are its children` };
        }
    }
    for (const c of containerd) {
        const managed = parentOf(c) !== undefined;
        const config = configOf(c);
        const listens = await addressOf(c, config, managed);
        if (listens && await sameSocket(listens, address))
            return rootOf(c, config, managed ? d.rootDir : undefined);
    }
    return { kind: 'unknown', why: `no containerd process serving ${address} is visible from here (${containerd.length} containerd processes seen: in a container, or /proc mounted with hidepid?)` };
}

;// CONCATENATED MODULE: ./src/snapshot/disk.ts
/** Disk usage of the filesystem holding a path, measured like df (statfs, no subprocess). */



const pct = (used, total) => (total > 0 ? Math.round((used / total) * 1000) / 10 : 0);
async function measureDisk(path) {
    const s = await (0,promises_.statfs)(path);
    const totalBytes = s.blocks * s.bsize;
    const usedBytes = (s.blocks - s.bfree) * s.bsize;
    const availBytes = s.bavail * s.bsize;
    const inodesUsed = s.files - s.ffree;
    // df's Use% is used / (used + avail): root-reserved blocks count as unusable.
    const bytesPercent = pct(usedBytes, usedBytes + availBytes);
    const inodesPercent = pct(inodesUsed, s.files);
    return {
        path, totalBytes, usedBytes, availBytes, bytesPercent,
        inodesTotal: s.files, inodesUsed, inodesPercent,
        usedPercent: Math.max(bytesPercent, inodesPercent),
    };
}
/** true: there; false: not there; 'denied': this user may not look (a runner user and a 0710 root dir). */
const exists = (p) => (0,promises_.access)(p).then(() => true, (e) => (e.code === 'EACCES' ? 'denied' : false));
/**
 * Why `rootDir` as seen from here may not be the daemon's storage, or undefined when files the
 * daemon keeps there are here: its `engine-id` (Docker 23+) naming this engine, or one of its
 * containers' directories, or the image store's file for one of its images (classic store).
 * A daemon in another mount namespace, a remote one (`tcp://`, `ssh://`) or a socket mounted
 * into a job container would otherwise have the wrong filesystem measured.
 */
async function unprovenRoot(d) {
    // Docker keeps its root dir 0710: a runner user in the docker group may not look inside, and
    // then nothing can be proved either way; its statfs of the path is trusted as before
    if (await exists((0,external_node_path_.join)(d.rootDir, 'containers')) === 'denied')
        return undefined;
    const idFile = await (0,safe_read/* readRegularFile */.X)((0,external_node_path_.join)(d.rootDir, 'engine-id'), 4096);
    const engineId = idFile.kind === 'ok' ? idFile.text.trim() : undefined;
    if (engineId !== undefined)
        return engineId === d.engineId ? undefined : `${d.rootDir}/engine-id here names another engine (${engineId.slice(0, 36)})`;
    for (const id of d.containerIds.slice(0, 3))
        if (await exists((0,external_node_path_.join)(d.rootDir, 'containers', id)) === true)
            return undefined;
    const imageIds = await d.imageIds();
    for (const id of imageIds.slice(0, 3)) {
        if (await exists((0,external_node_path_.join)(d.rootDir, 'image', d.driver, 'imagedb', 'content', 'sha256', id.replace(/^sha256:/, ''))) === true)
            return undefined;
    }
    // an engine with no image and no container: its layout is the only sign (and nothing is prunable)
    if (imageIds.length === 0 && d.containerIds.length === 0 && await exists((0,external_node_path_.join)(d.rootDir, 'containers')) === true)
        return undefined;
    return `none of the files the daemon keeps for its ${imageIds.length} images and ${d.containerIds.length} containers is under ${d.rootDir} here (a daemon in another mount namespace, a remote daemon, or a socket mounted into a container?)`;
}
/**
 * Why `root` as seen from here may not be where a containerd keeps this daemon's images, or
 * undefined when its layout is here: the snapshotter's directory (named as the daemon's driver,
 * e.g. `io.containerd.snapshotter.v1.overlayfs`) and, once it holds any image, the content store.
 * containerd keeps its root 0700: a runner user may not look inside, and its statfs is trusted.
 */
async function unprovenContainerdRoot(root, snapshotter, imageCount) {
    const snapshots = (0,external_node_path_.join)(root, `io.containerd.snapshotter.v1.${snapshotter}`);
    const content = (0,external_node_path_.join)(root, 'io.containerd.content.v1.content');
    const [s, c] = await Promise.all([exists(snapshots), exists(content)]);
    if (s === 'denied' || c === 'denied')
        return undefined;
    if (s === false)
        return `${snapshots} is not here`;
    if (c === false && imageCount > 0)
        return `${content} is not here, and the daemon has ${imageCount} images`;
    return undefined;
}

;// CONCATENATED MODULE: ./src/snapshot/store-disks.ts
/**
 * Every filesystem holding this daemon's image store, measured and proved, and the fullest of
 * them: what the gates, the eviction's stop rule, min-free, reports and metrics read. Most hosts
 * have one (DockerRootDir's). With the containerd store on the system containerd, the images
 * fill containerd's root, often a disk of its own (see containerd-root.ts); the operator can
 * name filesystems no probe can see (input `store-paths`), which then replace the probe.
 */



/** The fullest: the highest used percent (what the gate compares), then the fewest bytes free. */
function fullest(disks) {
    return disks.reduce((a, d) => (!a || d.usedPercent > a.usedPercent || (d.usedPercent === a.usedPercent && d.availBytes < a.availBytes) ? d : a), undefined);
}
/** The same filesystems measured again (after a removal), the fullest of them. */
async function measureFullest(disks) {
    const again = await Promise.all(disks.map((d) => measureDisk(d.path).then((m) => (d.holds ? { ...m, holds: d.holds } : m))));
    return fullest(again);
}
// one process is one run: the containerd serving a daemon does not move under it
const probes = new Map();
const containerdRootOf = (rootDir, address) => {
    const key = `${rootDir}\0${address ?? ''}`;
    let p = probes.get(key);
    if (!p)
        probes.set(key, p = findContainerdRoot({ rootDir, containerdAddress: address }));
    return p;
};
const isInside = (path, dir) => path === dir || path.startsWith(`${dir.replace(/\/+$/, '')}/`);
const device = (path) => (0,promises_.stat)(path).then((s) => s.dev, () => undefined);
async function measure(info, storePaths) {
    const root = await measureDisk(info.rootDir).catch((e) => e);
    if (root instanceof Error)
        return { disks: [], error: `cannot measure ${info.rootDir} from here: ${root.message}`, containerdRoot: undefined };
    const disks = [root];
    if (storePaths.length > 0) {
        for (const path of storePaths) {
            const d = await measureDisk(path).catch((e) => e);
            if (d instanceof Error)
                return { disks, error: `cannot measure ${path} (store-paths) from here: ${d.message}`, containerdRoot: undefined };
            disks.push({ ...d, holds: 'store-paths' });
        }
        return { disks: await distinct(disks), error: undefined, containerdRoot: undefined };
    }
    if (info.store !== 'containerd')
        return { disks, error: undefined, containerdRoot: undefined };
    const found = await containerdRootOf(info.rootDir, info.containerdAddress);
    if (found.kind === 'unknown') {
        return { disks, error: `cannot tell where containerd keeps this daemon's images (the containerd image store): ${found.why}; name that filesystem with store-paths`, containerdRoot: undefined };
    }
    const d = await measureDisk(found.path).catch((e) => e);
    // dockerd's own containerd keeps its root inside DockerRootDir, which is 0710: a runner user
    // cannot reach it, and it is DockerRootDir's filesystem (measured already) as moby lays it out
    if (d instanceof Error && d.code === 'EACCES' && isInside(found.path, info.rootDir))
        return { disks, error: undefined, containerdRoot: undefined };
    if (d instanceof Error)
        return { disks, error: `cannot measure ${found.path}, the containerd root (${found.how}): ${d.message}`, containerdRoot: undefined };
    return { disks: await distinct([...disks, { ...d, holds: 'containerd root' }]), error: undefined, containerdRoot: found.path };
}
/** One entry per filesystem (a containerd root on DockerRootDir's disk is measured once, as DockerRootDir). */
async function distinct(disks) {
    const devs = await Promise.all(disks.map((d) => device(d.path)));
    return disks.filter((_, i) => devs[i] === undefined || devs.indexOf(devs[i]) === i);
}
/**
 * Starts measuring as soon as `/info` is in (the lists are still being read); `prove` then
 * checks each path is this daemon's storage, with its lists.
 */
function startMeasuring(info, storePaths) {
    const measured = measure(info, storePaths);
    measured.catch(() => undefined);
    return {
        async prove(facts) {
            const m = await measured;
            // DockerRootDir first: a daemon whose path here is not its storage is said as such, before
            // what else could not be measured under it
            if (m.disks.length === 0)
                return { disks: m.disks, disk: undefined, error: m.error };
            const unproven = await unprovenRoot(facts);
            if (unproven)
                return { disks: m.disks, disk: undefined, error: `cannot prove ${info.rootDir} is this daemon's storage: ${unproven}` };
            if (m.error)
                return { disks: m.disks, disk: undefined, error: m.error };
            if (m.containerdRoot) {
                const why = await unprovenContainerdRoot(m.containerdRoot, info.driver, info.imageCount);
                if (why)
                    return { disks: m.disks, disk: undefined, error: `cannot prove ${m.containerdRoot} is where containerd keeps this daemon's images: ${why}` };
            }
            return { disks: m.disks, disk: fullest(m.disks), error: undefined };
        },
    };
}


/***/ })

};
