export const id = 454;
export const ids = [454,665];
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

/***/ 7454:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runPre: () => (/* binding */ runPre),
  spaceNeeded: () => (/* binding */ spaceNeeded)
});

// EXTERNAL MODULE: ./src/inputs/units.ts
var units = __webpack_require__(4702);
// EXTERNAL MODULE: ./src/modes/context.ts
var context = __webpack_require__(1235);
// EXTERNAL MODULE: ./src/execute/lock.ts
var lock = __webpack_require__(6908);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/runtime/atomic-file.ts
var atomic_file = __webpack_require__(9034);
// EXTERNAL MODULE: ./src/runtime/safe-read.ts
var safe_read = __webpack_require__(9500);
// EXTERNAL MODULE: ./src/runtime/sha256.ts
var sha256 = __webpack_require__(4225);
// EXTERNAL MODULE: ./src/runtime/state-dir.ts
var state_dir = __webpack_require__(9839);
;// CONCATENATED MODULE: ./src/execute/lock-memory.ts
/**
 * The daemon a socket reached last time, remembered in the state dir by its address, so a
 * pre step can take the daemon's step lock before it asks the daemon who it is: its `/info`
 * then goes out in the snapshot's wave instead of alone, in series, before it. Only a guess,
 * confirmed by that `/info` before anything is decided from the look (see modes/step-look.ts):
 * a missing, stale or planted file costs one more look, never a look outside the right lock.
 */





// by the address, not the socket's inode: a restarted daemon makes a new socket file but keeps
// its ID, so the name stays right and the files stay one per address
const memoryPath = (stateDir, dockerHost) => (0,external_node_path_.join)(stateDir, 'locks', `${(0,sha256/* sha256Hex */.f)(dockerHost).slice(0, 16)}.json`);
const KEY = /^[0-9a-f]{16}$/;
/** The daemon key last seen at this address (the engine reader's target), or undefined (none yet, or not one we wrote). */
async function rememberedDaemon(stateDir, dockerHost) {
    const read = await (0,safe_read/* readRegularFile */.X)(memoryPath(stateDir, dockerHost), 256);
    let key;
    try {
        key = read.kind === 'ok' ? JSON.parse(read.text).daemon : undefined;
    }
    catch { /* not ours */ }
    return typeof key === 'string' && KEY.test(key) ? key : undefined;
}
/** Never throws: a state dir this user cannot write only means the next step asks `/info` first again. */
async function rememberDaemon(stateDir, dockerHost, daemonKey) {
    await (0,atomic_file/* writeAtomic */.v)(memoryPath(stateDir, dockerHost), JSON.stringify({ daemon: daemonKey }), state_dir/* STATE_FILE_MODE */.jr, state_dir/* STATE_DIR_MODE */.ew).catch(() => undefined);
}

;// CONCATENATED MODULE: ./src/modes/step-look.ts



/** `look` takes the snapshot (the `/info` given, when one was asked first); `then` runs on it, still under the lock. */
async function underStepLockLooking(ctx, look, then) {
    const { stateDir } = ctx.config;
    const host = ctx.engine.read.target; // where this run's requests go (a socket, a tcp address, a CLI context)
    const remembered = await rememberedDaemon(stateDir, host);
    let seen; // the lock key the last look's `/info` names
    const lookAndSee = async (info) => {
        const s = await look(info);
        seen = ctx.locks.keyOf((0,context/* identityOf */.cu)(s));
        return s;
    };
    if (remembered) {
        // only a free lock is taken by a guess: a held one may be another daemon's, not worth a wait
        let taken = false;
        const kept = await (0,context/* underLockNamed */.bA)(ctx, (0,lock/* lockName */.l4)(remembered, 'step'), async () => {
            taken = true;
            const s = await lookAndSee();
            return seen === remembered ? { result: await then(s) } : undefined;
        }, { waitMs: 0 }).catch((e) => { if (!taken && e instanceof lock/* LockTimeout */.FW)
            return undefined; throw e; });
        if (kept)
            return kept.result;
        // taken under another daemon's lock: nothing of it is used (the look learned the right name)
        if (seen !== undefined)
            ctx.out.info(`the daemon at ${host} is not the one seen there before: looking again under its own lock`);
    }
    let info;
    if (seen === undefined) {
        info = await ctx.engine.read.info();
        ctx.locks.learn(info);
    }
    const result = await (0,context/* underStepLock */.aO)(ctx, async () => then(await lookAndSee(info)));
    if (seen !== remembered)
        await rememberDaemon(stateDir, host, seen);
    return result;
}

// EXTERNAL MODULE: ./src/snapshot/references.ts
var references = __webpack_require__(5832);
// EXTERNAL MODULE: ./src/modes/job-state.ts
var job_state = __webpack_require__(3663);
// EXTERNAL MODULE: ./src/modes/prune.ts + 1 modules
var prune = __webpack_require__(6665);
// EXTERNAL MODULE: ./src/modes/warmth.ts + 1 modules
var warmth = __webpack_require__(6897);
// EXTERNAL MODULE: ./src/modes/record-usage.ts
var record_usage = __webpack_require__(7217);
// EXTERNAL MODULE: ./src/plan/goal.ts
var goal = __webpack_require__(5908);
// EXTERNAL MODULE: ./src/runtime/random.ts
var random = __webpack_require__(8785);
;// CONCATENATED MODULE: ./src/modes/pre.ts
/**
 * `pre` (the action's main step, before the recipe job): snapshot for the post step, warmth of
 * the images the job needs (pulling them when asked), and free space: prune now (gated) when
 * the job would run short, and fail before the job wastes its time if it still is.
 */










async function runPre(ctx) {
    const { out, config } = ctx;
    const refs = await (0,warmth/* neededImages */.u9)(config, ctx.env); // input errors before any docker call
    const markId = (0,random/* randomUuid */.b)(); // this job's mark; its post step releases it
    // Under the host step lock: the snapshot, then the marks on what the job needs. An eviction
    // removes images only under the same lock, after re-reading the marks, so an image this
    // snapshot shows (reported warm below) cannot be evicted by a run already in flight. The
    // lock is the daemon's, named by what it says of itself (whichever socket reaches it): see
    // step-look.ts for how its `/info` stays in the snapshot's wave.
    const { snap, ledger } = await underStepLockLooking(ctx, (info) => (0,context/* snapshotGroup */._u)(ctx, 'Docker host before the job', { info }), async (s) => {
        ctx.rec.before(s);
        // the job deploys and tears down its stack between pre and post: no snapshot of ours may
        // ever see its images in use, so the images it needs count as used now
        const alsoUsed = refs.flatMap((ref) => (0,references/* findLocal */.l8)(s.images, ref)?.id ?? []);
        return { snap: s, ledger: await (0,record_usage/* recordUsage */.L)(ctx, s, { alsoUsed, needed: refs, markId }) };
    });
    const assessed = refs.length ? await (0,warmth/* assessWarmth */.y9)(ctx.engine.cli, out, config, snap, refs, ctx.env) : undefined;
    const job = assessed?.job;
    for (const w of assessed?.warnings ?? [])
        ctx.rec.warn(w);
    if (job) {
        ctx.rec.job(job);
        out.setOutput('cold-images', job.cold.join(','));
    }
    // room before the pulls: the job's min-free, and space for what its cold images will extract to
    const need = spaceNeeded(snap.disk, config, job ? (0,warmth/* coldDownloadBytes */.mL)(job) : 0);
    let baseline = snap;
    if (need && snap.disk && snap.disk.availBytes < need.bytes) {
        ctx.rec.warn(`only ${(0,units/* formatBytes */.z3)(snap.disk.availBytes)} free on ${snap.disk.path}, the job needs ${(0,units/* formatBytes */.z3)(need.bytes)} (${need.why}): running the gated prune now`);
        // The goal is the job's free space, not the watermarks: dangling prunes first, then
        // evictions only until it is met (warm images yield, least recently used first); the
        // safety gates still hold.
        // its own last look is the host after it: never a second full snapshot
        const after = await (0,prune.gatedPrune)({ ...ctx, goal: (0,goal/* freeBytes */.go)(need.bytes) }, snap, ledger);
        ctx.rec.after(after);
        baseline = after; // what pre itself removed is not "evicted during the job"
        const free = after.disk?.availBytes;
        // min-free is the operator's requirement: the job does not start; the cold-image room is an estimate
        if (free !== undefined && free < need.minFree) {
            const msg = `not enough free space for the job: ${(0,units/* formatBytes */.z3)(free)} free on ${after.disk.path} after the gated prune, ${(0,units/* formatBytes */.z3)(need.minFree - free)} short`;
            ctx.rec.fail(msg);
        }
        else if (free !== undefined && free < need.bytes) {
            ctx.rec.warn(`${(0,units/* formatBytes */.z3)(free)} free on ${after.disk.path} after the gated prune, ${(0,units/* formatBytes */.z3)(need.bytes - free)} less than the room for the cold images: their pulls may run out of space`);
        }
    }
    if (job) {
        const { errors, after, job: pulled } = await (0,warmth/* pullImages */.Ks)(ctx.engine, out, config, job, baseline);
        ctx.rec.job(pulled);
        baseline = after; // what the pre step pulled is warm cache the job relies on too
        for (const e of errors)
            ctx.rec.fail(e);
    }
    await keepForPost(ctx, baseline, refs.length ? markId : undefined);
    return (0,context/* finish */.O9)(ctx);
}
/**
 * Free bytes the job needs before it starts, and why: `min-free` (required), and room for its
 * cold images, `cold-headroom` × their download bytes (an estimate: layers grow when extracted,
 * layers already present are not downloaded). Undefined when nothing is asked.
 */
function spaceNeeded(disk, config, coldBytes) {
    if (!disk)
        return undefined;
    const minFree = (0,goal/* minFreeBytes */.WA)(config.minFree, disk);
    const room = Math.ceil(coldBytes * config.coldHeadroom);
    if (minFree === 0 && room === 0)
        return undefined;
    const parts = [minFree ? `min-free ${(0,units/* formatBytes */.z3)(minFree)}` : '', room ? `room for the cold images: ${config.coldHeadroom} × ${(0,units/* formatBytes */.z3)(coldBytes)}` : ''];
    return { bytes: Math.max(minFree, room), minFree, why: parts.filter(Boolean).join(', ') };
}
/** Never a stack trace: a state that cannot be kept is one error naming where (the post step then has no baseline). */
async function keepForPost(ctx, snap, markId) {
    try {
        await (0,job_state/* jobStateStore */.u$)(ctx).save((0,job_state/* jobStateOf */.yw)(snap, markId));
    }
    catch (e) {
        ctx.rec.fail(`could not keep the job's state for the post step in ${ctx.config.stateDir}: ${e.message}`);
    }
}


/***/ }),

/***/ 6665:
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
// EXTERNAL MODULE: ./src/execute/lock.ts
var execute_lock = __webpack_require__(6908);
// EXTERNAL MODULE: ./src/docker/writer.ts
var writer = __webpack_require__(8405);
// EXTERNAL MODULE: ./src/execute/safety.ts
var execute_safety = __webpack_require__(2193);
;// CONCATENATED MODULE: ./src/execute/prune.ts


async function executePrune(engine, untilMs, safety, hooks) {
    const steps = [];
    for (const kind of writer/* PRUNE_KINDS */.p) {
        await hooks.beforeStep?.(kind);
        const { closed } = await (0,execute_safety/* recheckSafety */.m)(engine, safety.facts, safety.rules, safety.now);
        if (closed)
            return { steps, stoppedBefore: kind, stoppedBy: closed };
        const t0 = performance.now();
        const step = { kind, ...await engine.write.prune(kind, untilMs), durationMs: 0 };
        step.durationMs = Math.round(performance.now() - t0);
        steps.push(step);
        hooks.onStep(step);
    }
    return { steps, stoppedBefore: undefined, stoppedBy: undefined };
}

// EXTERNAL MODULE: ./src/plan/prune-plan.ts
var prune_plan = __webpack_require__(8079);
// EXTERNAL MODULE: ./src/report/inventory.ts
var inventory = __webpack_require__(3830);
// EXTERNAL MODULE: ./src/report/text.ts
var report_text = __webpack_require__(5655);
// EXTERNAL MODULE: ./src/snapshot/snapshot.ts
var snapshot = __webpack_require__(4330);
// EXTERNAL MODULE: ./src/modes/context.ts
var context = __webpack_require__(1235);
// EXTERNAL MODULE: ./src/snapshot/store-disks.ts + 2 modules
var store_disks = __webpack_require__(713);
// EXTERNAL MODULE: ./src/modes/evict.ts + 2 modules
var evict = __webpack_require__(1893);
// EXTERNAL MODULE: ./src/plan/goal.ts
var goal = __webpack_require__(5908);
// EXTERNAL MODULE: ./src/modes/record-usage.ts
var record_usage = __webpack_require__(7217);
// EXTERNAL MODULE: ./src/ledger/ledger.ts
var ledger_ledger = __webpack_require__(2420);
;// CONCATENATED MODULE: ./src/modes/prune.ts
/**
 * `prune`: the operators' gated prune. All gates open → container, dangling-image and
 * build-cache prunes older than `until`, each preceded by a fresh gate re-check, under a
 * host-wide lock. Any gate closed → `keeping local image cache, nothing to do`, exit 0, decided
 * before the daemon is asked for its image list.
 */















const NOTHING_TO_DO = 'keeping local image cache, nothing to do';
async function runPrune(ctx, opts = {}) {
    // Neither the build cache's size (`system df` walks every volume) nor the image list yet: the
    // gates need neither, and a closed gate, the nightly run's usual answer, ends the run here.
    const view = await (0,context/* hostViewGroup */.Vu)(ctx, 'Docker host before');
    const verdict = (0,gates/* evaluateGates */.ud)(view, (0,context/* gateRules */.DB)(ctx), ctx.now());
    if (!verdict.open) {
        ctx.rec.before(view);
        await (0,context/* underStepLock */.aO)(ctx, () => (0,record_usage/* recordInUse */.A)(ctx, view));
        await showGates(ctx, verdict);
    }
    else {
        const before = await (0,snapshot/* listImages */.v8)(ctx.engine, view);
        ctx.out.info(`gates open: listed ${(0,report_text/* describeImages */.Sx)((0,inventory/* inventoryOf */.o)(before))}`);
        ctx.rec.before(before);
        const ledger = await (0,context/* underStepLock */.aO)(ctx, () => (0,record_usage/* recordUsage */.L)(ctx, before));
        await gatedPrune(ctx, before, ledger, { ...opts, measureBuildCache: true });
    }
    return (0,context/* finish */.O9)(ctx);
}
/** The gates into the report and the log; a closed one says there is nothing to do. */
async function showGates(ctx, verdict) {
    const { out } = ctx;
    ctx.rec.gates(verdict);
    await out.group(`Gates (${verdict.open ? 'all open' : `closed: ${verdict.gate}`})`, async () => {
        for (const l of (0,report_text/* describeGates */.yg)(verdict.gates))
            out.info(l);
    });
    for (const s of verdict.stuck)
        ctx.rec.warn(`service ${s.name} looks stuck (${s.running}/${s.desired} running, unchanged since ${new Date(s.updatedMs).toISOString()}); it does not hold the prune`);
    if (!verdict.open)
        out.info(`gate ${verdict.gate} closed: ${NOTHING_TO_DO}`);
}
/**
 * The gated prune on its own, so pre/post steps can run it too. Records into ctx.rec. Returns
 * the host as its last look found it (`snap` when it removed nothing), so no caller needs a
 * look of its own after it.
 */
async function gatedPrune(ctx, snap, ledger, opts = {}) {
    let before = snap;
    const { out, config } = ctx;
    const verdict = (0,gates/* evaluateGates */.ud)(before, (0,context/* gateRules */.DB)(ctx), ctx.now());
    await showGates(ctx, verdict);
    if (!verdict.open)
        return snap;
    before = await (0,snapshot/* withPruneAges */.NV)(ctx.engine, before);
    if (opts.measureBuildCache && before.buildCacheBytes === undefined) {
        before = { ...before, buildCacheBytes: await (0,snapshot/* readBuildCache */.tR)(ctx.engine) };
        ctx.rec.buildCacheBefore(before.buildCacheBytes);
    }
    const plan = (0,prune_plan/* planPrune */.w)(before, config.untilMs, ctx.now());
    ctx.rec.planned(plan);
    if (config.dryRun) {
        await out.group('Dry run: would remove', async () => { for (const l of (0,report_text/* describePlan */.df)(plan))
            out.info(l); });
        // the LRU plan as it stands now, before the dangling prune would have freed anything
        await (0,evict/* evictLeastRecentlyUsed */.e)(ctx, before, ledger);
        out.info('dry run: nothing removed');
        return snap;
    }
    const runLock = await ctx.locks.name('run');
    const lock = await (0,execute_lock/* acquireLock */.IZ)(runLock, execute_lock/* RUN_LOCK_WAIT_MS */.$H, () => ctx.engine.limits.stop.signal !== undefined);
    if (!lock) {
        ctx.rec.closedLater({ name: 'lock', open: false, detail: `another prune is running on this engine (host lock ${runLock})` });
        out.info(`another prune is running: ${NOTHING_TO_DO}`);
        return snap;
    }
    try {
        const safety = { facts: before, rules: (0,context/* gateRules */.DB)(ctx), now: ctx.now };
        const exec = await out.group('Pruning', () => executePrune(ctx.engine, config.untilMs, safety, {
            beforeStep: opts.beforeStep,
            // recorded the moment docker answers: if the daemon dies next, the report still has it
            onStep(s) {
                const objects = recordRemovals(ctx.rec, before, s);
                const noun = { container: 'containers', image: 'dangling images', builder: 'build cache records' }[s.kind];
                const done = `${objects} ${noun} removed, ${(0,units/* formatBytes */.z3)(s.reclaimedBytes)} reclaimed`;
                if (!s.error) {
                    out.info(`${s.kind} prune: ${done} (${s.durationMs} ms)`);
                    return;
                }
                ctx.rec.fail(`${s.kind} prune failed: ${s.error}`);
                // what the run still does after it, and why: the prunes do not depend on each other
                const rest = writer/* PRUNE_KINDS */.p.slice(writer/* PRUNE_KINDS */.p.indexOf(s.kind) + 1);
                const next = rest.length ? `; the ${rest.join(' and ')} prune${rest.length > 1 ? 's' : ''} still run${rest.length > 1 ? '' : 's'} (each prune stands alone, the gates re-checked before it)` : '';
                out.info(`${s.kind} prune FAILED after ${s.durationMs} ms (before it failed: ${done})${next}`);
            },
        }));
        if (exec.stoppedBy) {
            const closed = exec.stoppedBy;
            ctx.rec.stopped(`stopped before the ${exec.stoppedBefore} prune: gate ${closed.name} closed (${closed.detail})`, closed.name);
            out.info(NOTHING_TO_DO);
        }
        else if (before.disk && (0,goal/* needsRoom */.lW)((await (0,store_disks/* measureFullest */._h)(before.disks)) ?? before.disk, ctx.goal)) {
            // still over the high watermark after the prunes: least-recently-used eviction
            const failed = exec.steps.filter((x) => x.error).map((x) => x.kind);
            if (failed.length)
                out.info(`after the failed ${failed.join(' and ')} prune, the disk still needs room: the LRU eviction runs (the bound does not wait for a prune)`);
            const mid = await (0,snapshot/* takeSnapshot */.W9)(ctx.engine);
            await (0,evict/* evictLeastRecentlyUsed */.e)(ctx, mid, (0,ledger_ledger/* updateLedger */.RI)(ledger, mid, ctx.now()));
        }
    }
    finally {
        await lock.release();
    }
    const after = await (0,context/* snapshotGroup */._u)(ctx, 'Docker host after', { buildCache: opts.measureBuildCache === true });
    ctx.rec.after(after);
    return after;
}
/** Records one prune step's removals; returns how many objects it removed. */
function recordRemovals(rec, before, s) {
    const containers = new Map(before.containers.map((c) => [c.id, c]));
    const images = new Map(before.images.map((i) => [i.id, i]));
    let n = 0;
    for (const id of s.deleted) {
        const c = containers.get(id);
        const i = images.get(id);
        if (s.kind === 'container') {
            rec.removed({ kind: 'container', id, label: c?.name ?? id.slice(0, 12), bytes: 0, reason: `stopped (${c?.state ?? 'not running'}), older than until` });
            n++;
        }
        // docker lists the deleted layers as well: only image ids it knew are images
        if (s.kind === 'image' && i) {
            rec.removed({ kind: 'image', id, label: i.digests[0] ?? id.slice(7, 19), bytes: i.sizeBytes, reason: 'dangling (untagged), older than until' });
            n++;
        }
    }
    if (s.kind === 'builder' && s.reclaimedBytes > 0)
        rec.removed({ kind: 'builder', id: 'build-cache', label: `${s.deleted.length} build cache records`, bytes: s.reclaimedBytes, reason: 'build cache unused for longer than until' });
    rec.reclaimed(s.kind === 'container' ? 'containers' : s.kind === 'image' ? 'images' : 'buildCache', s.reclaimedBytes);
    return s.kind === 'builder' ? s.deleted.length : n;
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
