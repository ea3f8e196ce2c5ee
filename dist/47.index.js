export const id = 47;
export const ids = [47,665];
export const modules = {

/***/ 47:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runPre: () => (/* binding */ runPre),
  spaceNeeded: () => (/* binding */ spaceNeeded)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/inputs/units.ts
var units = __webpack_require__(4702);
// EXTERNAL MODULE: ./src/snapshot/snapshot.ts
var snapshot = __webpack_require__(4330);
// EXTERNAL MODULE: ./src/modes/context.ts
var context = __webpack_require__(1235);
// EXTERNAL MODULE: ./src/snapshot/references.ts
var references = __webpack_require__(5832);
// EXTERNAL MODULE: ./src/modes/job-state.ts
var job_state = __webpack_require__(3663);
// EXTERNAL MODULE: ./src/modes/prune.ts + 1 modules
var prune = __webpack_require__(6665);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/docker/client-auth.ts
/**
 * What the docker client config says about credentials, without ever holding them: we keep
 * only WHICH registries have an entry, never the `auth`/token values themselves.
 */



function clientConfigPath(env) {
    return (0,external_node_path_.join)(env.DOCKER_CONFIG || (0,external_node_path_.join)(env.HOME || (0,external_node_os_.homedir)(), '.docker'), 'config.json');
}
async function readClientAuth(env) {
    const path = clientConfigPath(env);
    const empty = { path, exists: false, exposed: false, mode: undefined, stored: [], credsStore: undefined, credHelpers: {} };
    let text;
    let mode;
    try {
        mode = (await (0,promises_.stat)(path)).mode & 0o777; // stat follows the link to the rendered secret
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch {
        return empty;
    }
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

// EXTERNAL MODULE: ./src/docker/cli.ts
var cli = __webpack_require__(1670);
;// CONCATENATED MODULE: ./src/docker/registry.ts
/**
 * Pulls and manifests through the docker CLI, so the daemon's credentials, mirrors and
 * insecure-registry settings apply exactly as for the recipe job itself. A failed pull is
 * returned with the registry's own message: a local copy never hides a broken pull.
 */

async function pull(docker, ref) {
    const t0 = performance.now();
    let r;
    try {
        // `--` : whatever the reference, it is never read as an option
        r = await docker.exec(['pull', '--', ref], { pull: true });
    }
    catch (e) {
        if (!(e instanceof cli/* DockerTimeout */.UB))
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
const lastLine = (s) => (0,cli/* lastLine */.fM)(s).replace(/^Error response from daemon:\s*/, '');
/**
 * Bytes a cold image would download (compressed layers + config), when the registry tells.
 * Multi-platform lists are resolved with `--verbose` to this host's platform.
 */
async function manifestBytes(docker, ref, insecure, arch = 'amd64') {
    const args = ['manifest', 'inspect', ...(insecure ? ['--insecure'] : []), '--verbose', '--', ref];
    let r;
    try {
        r = await docker.exec(args);
    }
    catch (e) {
        if (e instanceof cli/* DockerTimeout */.UB)
            return undefined; // a slow registry: the size stays unknown
        throw e;
    }
    if (r.exitCode !== 0)
        return undefined;
    let doc;
    try {
        doc = JSON.parse(r.stdout);
    }
    catch {
        return undefined;
    }
    const entries = Array.isArray(doc) ? doc : [doc];
    const mine = entries.find((e) => !e.Descriptor?.platform || (e.Descriptor.platform.architecture === arch && e.Descriptor.platform.os === 'linux')) ?? entries[0];
    const m = mine?.SchemaV2Manifest ?? mine?.OCIManifest;
    if (!m?.layers)
        return undefined;
    return m.layers.reduce((n, l) => n + (l.size ?? 0), 0) + (m.config?.size ?? 0);
}
/**
 * The digest the registry serves for `ref` now, through the docker CLI (the pull's credentials,
 * the same insecure-registry rule); undefined when it cannot say: a multi-platform list (its own
 * digest is not printed; the local copy records that one), an error, a slow registry.
 */
async function upstreamDigest(docker, ref, insecure) {
    let r;
    try {
        r = await docker.exec(['manifest', 'inspect', ...(insecure ? ['--insecure'] : []), '--verbose', '--', ref]);
    }
    catch (e) {
        if (e instanceof cli/* DockerTimeout */.UB)
            return undefined;
        throw e;
    }
    if (r.exitCode !== 0)
        return undefined;
    let doc;
    try {
        doc = JSON.parse(r.stdout);
    }
    catch {
        return undefined;
    }
    if (Array.isArray(doc))
        return undefined;
    const digest = doc.Descriptor?.digest;
    return typeof digest === 'string' && /^sha256:[0-9a-f]{64}$/.test(digest) ? digest : undefined;
}

// EXTERNAL MODULE: ./src/inputs/config.ts + 1 modules
var inputs_config = __webpack_require__(7204);
// EXTERNAL MODULE: ./src/inputs/reference.ts
var reference = __webpack_require__(2916);
// EXTERNAL MODULE: ./src/runtime/pool.ts
var pool = __webpack_require__(6684);
;// CONCATENATED MODULE: ./src/modes/warmth.ts
/**
 * The warm-cache check of the pre step: which images the job needs are local (warm) and which
 * are not (cold), what the cold ones would download, which registries have credentials, and
 * (with `pull`) the pulls themselves with their cost, so cold vs warm is measured on every job.
 */








const GO_ARCH = { x86_64: 'amd64', aarch64: 'arm64', armv7l: 'arm' };
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
function isInsecure(registry, snap) {
    return snap.daemon.insecureRegistries.includes(registry) || /^(127\.|localhost(:|$))/.test(registry);
}
/** What the pre step knows of the images the job needs before any pull: the job report's start. */
async function assessWarmth(docker, out, config, snap, refs, env) {
    let images = [];
    const registries = await out.group('Images the job needs', async () => {
        const auth = await readClientAuth(env);
        const registries = [...new Set(refs.map(references/* registryOf */.Fv))].map((registry) => ({ registry, credentials: credentialsFor(registry, auth) }));
        for (const r of registries)
            out.info(`registry ${r.registry}: ${r.credentials}`);
        if (auth.exposed)
            out.warn(`${auth.path} is readable by group or others (mode ${auth.mode}): registry tokens in it are exposed; chmod 600 it`);
        if (snap.daemon.mirrors.length)
            out.info(`registry mirrors: ${snap.daemon.mirrors.join(', ')}`);
        images = refs.map((ref) => {
            const local = (0,references/* findLocal */.l8)(snap.images, ref);
            return { ref, warm: !!local, id: local?.id, digest: local?.digests[0], downloadBytes: undefined, pull: undefined };
        });
        const arch = GO_ARCH[snap.daemon.architecture] ?? snap.daemon.architecture;
        // bounded: a job with many cold images must not start a docker process for each at once
        await (0,pool/* mapLimit */.s)(images.filter((i) => !i.warm), pool/* DOCKER_CONCURRENCY */.t, async (i) => {
            i.downloadBytes = await manifestBytes(docker, i.ref, isInsecure((0,references/* registryOf */.Fv)(i.ref), snap), arch);
        });
        if (config.checkUpstream) {
            await (0,pool/* mapLimit */.s)(images.filter((i) => i.warm), pool/* DOCKER_CONCURRENCY */.t, async (i) => {
                const digest = await upstreamDigest(docker, i.ref, isInsecure((0,references/* registryOf */.Fv)(i.ref), snap));
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
    return { images, cold: images.filter((i) => !i.warm).map((i) => i.ref), registries, mirrors: snap.daemon.mirrors, evicted: [], leaks: {} };
}
/** Pulls what `pull` asks for; returns pull errors and the host after the pulls (the post step's baseline). */
async function pullImages(docker, out, config, job, snap) {
    const errors = [];
    const toPull = config.pull === 'all' ? job.images : config.pull === 'cold' ? job.images.filter((i) => !i.warm) : [];
    if (!toPull.length)
        return { errors, after: snap };
    await out.group(`Pulling ${toPull.length} image(s) (pull: ${config.pull})`, async () => {
        // one at a time: the timings then measure the registry, not contention between pulls
        for (const img of toPull) {
            const r = await pull(docker, img.ref);
            img.pull = { ms: r.ms, layersDownloaded: r.layersDownloaded, layersReused: r.layersReused, upToDate: r.upToDate };
            out.info(describePull(r, img.warm));
            if (!r.ok)
                errors.push(`pull of ${img.ref} failed: ${r.error}`);
        }
    });
    const after = await (0,snapshot/* takeSnapshot */.W9)(docker);
    for (const i of job.images) {
        const local = (0,references/* findLocal */.l8)(after.images, i.ref);
        i.id = local?.id ?? i.id;
        i.digest = local?.digests[0] ?? i.digest;
    }
    return { errors, after };
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

// EXTERNAL MODULE: ./src/modes/observe.ts
var observe = __webpack_require__(8828);
;// CONCATENATED MODULE: ./src/modes/pre.ts
/**
 * `pre` (the action's main step, before the recipe job): snapshot for the post step, warmth of
 * the images the job needs (pulling them when asked), and free space: prune now (gated) when
 * the job would run short, and fail before the job wastes its time if it still is.
 */









async function runPre(ctx) {
    const { out, config } = ctx;
    const refs = await neededImages(config, ctx.env); // input errors before any docker call
    const markId = (0,external_node_crypto_.randomUUID)(); // this job's mark; its post step releases it
    // Under the host step lock: the snapshot, then the marks on what the job needs. An eviction
    // removes images only under the same lock, after re-reading the marks, so an image this
    // snapshot shows (reported warm below) cannot be evicted by a run already in flight.
    const { snap, ledger } = await (0,context/* underStepLock */.aO)(ctx, async () => {
        const s = await (0,context/* snapshotGroup */._u)(ctx, 'Docker host before the job');
        ctx.rec.before(s);
        // the job deploys and tears down its stack between pre and post: no snapshot of ours may
        // ever see its images in use, so the images it needs count as used now
        const alsoUsed = refs.flatMap((ref) => (0,references/* findLocal */.l8)(s.images, ref)?.id ?? []);
        return { snap: s, ledger: await (0,observe/* observe */.l)(ctx, s, { alsoUsed, needed: refs, markId }) };
    });
    const job = refs.length ? await assessWarmth(ctx.docker, out, config, snap, refs, ctx.env) : undefined;
    if (job) {
        ctx.rec.job(job);
        out.setOutput('cold-images', job.cold.join(','));
    }
    // room before the pulls: the job's min-free, and space for what its cold images will extract to
    const need = spaceNeeded(snap.disk, config, job ? coldDownloadBytes(job) : 0);
    if (need && snap.disk && snap.disk.availBytes < need.bytes) {
        ctx.rec.warn(`only ${(0,units/* formatBytes */.z3)(snap.disk.availBytes)} free on ${snap.disk.path}, the job needs ${(0,units/* formatBytes */.z3)(need.bytes)} (${need.why}): running the gated prune now`);
        // The goal is the job's free space, not the watermarks: dangling prunes first, then
        // evictions only until it is met (warm images yield, least recently used first); the
        // safety gates still hold.
        await (0,prune.gatedPrune)({ ...ctx, config: { ...config, goalFreeBytes: need.bytes } }, snap, ledger);
        const after = await (0,snapshot/* takeSnapshot */.W9)(ctx.docker);
        ctx.rec.after(after);
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
    let baseline = snap;
    if (job) {
        const { errors, after } = await pullImages(ctx.docker, out, config, job, snap);
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
    const minFree = !config.minFree ? 0 : config.minFree.kind === 'bytes' ? config.minFree.bytes
        : Math.ceil(((disk.usedBytes + disk.availBytes) * config.minFree.percent) / 100);
    const room = Math.ceil(coldBytes * config.coldHeadroom);
    if (minFree === 0 && room === 0)
        return undefined;
    const parts = [minFree ? `min-free ${(0,units/* formatBytes */.z3)(minFree)}` : '', room ? `room for the cold images: ${config.coldHeadroom} × ${(0,units/* formatBytes */.z3)(coldBytes)}` : ''];
    return { bytes: Math.max(minFree, room), minFree, why: parts.filter(Boolean).join(', ') };
}
function keepForPost(ctx, snap, markId) {
    return (0,job_state/* jobStateStore */.u$)(ctx).save((0,job_state/* jobStateOf */.yw)(snap, markId));
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
;// CONCATENATED MODULE: ./src/execute/prune.ts

async function executePrune(docker, untilMs, hooks) {
    const steps = [];
    for (const kind of writer/* PRUNE_KINDS */.p) {
        await hooks.beforeStep?.(kind);
        const verdict = await hooks.recheck();
        if (!verdict.open)
            return { steps, stoppedBefore: kind, stoppedBy: verdict };
        const t0 = performance.now();
        const step = { kind, ...await docker.writer.prune(kind, untilMs), durationMs: 0 };
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
// EXTERNAL MODULE: ./src/snapshot/disk.ts
var disk = __webpack_require__(3907);
// EXTERNAL MODULE: ./src/modes/evict.ts + 2 modules
var evict = __webpack_require__(1893);
// EXTERNAL MODULE: ./src/modes/observe.ts
var observe = __webpack_require__(8828);
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
/** How long a second run waits for the lock before giving way. */
const LOCK_WAIT_MS = 5_000;
async function runPrune(ctx, opts = {}) {
    // Neither the build cache's size (`system df` walks every volume) nor the image list yet: the
    // gates need neither, and a closed gate, the nightly run's usual answer, ends the run here.
    const view = await (0,context/* hostViewGroup */.Vu)(ctx, 'Docker host before');
    const verdict = (0,gates/* evaluateGates */.ud)(view, ctx.config, ctx.now());
    if (!verdict.open) {
        ctx.rec.before(view);
        await (0,context/* underStepLock */.aO)(ctx, () => (0,observe/* observeInUse */.n)(ctx, view));
        await showGates(ctx, verdict);
    }
    else {
        const before = await (0,snapshot/* listImages */.v8)(ctx.docker, view);
        ctx.out.info(`gates open: listed ${(0,report_text/* describeImages */.Sx)((0,inventory/* inventoryOf */.o)(before))}`);
        ctx.rec.before(before);
        const ledger = await (0,context/* underStepLock */.aO)(ctx, () => (0,observe/* observe */.l)(ctx, before));
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
/** The gated prune on its own, so pre/post steps can run it too. Records into ctx.rec. */
async function gatedPrune(ctx, snap, ledger, opts = {}) {
    let before = snap;
    const { out, config } = ctx;
    const verdict = (0,gates/* evaluateGates */.ud)(before, config, ctx.now());
    await showGates(ctx, verdict);
    if (!verdict.open)
        return;
    before = await (0,snapshot/* withPruneAges */.NV)(ctx.docker, before);
    if (opts.measureBuildCache && before.buildCacheBytes === undefined) {
        before = { ...before, buildCacheBytes: await (0,snapshot/* readBuildCache */.tR)(ctx.docker) };
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
        return;
    }
    const lock = await (0,execute_lock/* acquireLock */.IZ)((0,execute_lock/* lockName */.l4)(ctx.lockKey, 'run'), LOCK_WAIT_MS, () => ctx.docker.stop.signal !== undefined);
    if (!lock) {
        ctx.rec.closedLater({ name: 'lock', open: false, detail: `another prune is running on this engine (host lock ${(0,execute_lock/* lockName */.l4)(ctx.lockKey, 'run')})` });
        out.info(`another prune is running: ${NOTHING_TO_DO}`);
        return;
    }
    try {
        const recheck = async () => {
            const services = await (0,snapshot/* rereadServices */.ey)(ctx.docker, before);
            return (0,gates/* evaluateGates */.ud)({ ...before, services }, config, ctx.now(), ['stacks', 'converging']);
        };
        const exec = await out.group('Pruning', () => executePrune(ctx.docker, config.untilMs, {
            recheck,
            beforeStep: opts.beforeStep,
            // recorded the moment docker answers: if the daemon dies next, the report still has it
            onStep(s) {
                const objects = recordRemovals(ctx.rec, before, s);
                const noun = { container: 'containers', image: 'dangling images', builder: 'build cache records' }[s.kind];
                out.info(`${s.kind} prune: ${objects} ${noun} removed, ${(0,units/* formatBytes */.z3)(s.reclaimedBytes)} reclaimed (${s.durationMs} ms)`);
                if (s.error)
                    ctx.rec.fail(`${s.kind} prune failed: ${s.error}`);
            },
        }));
        if (exec.stoppedBy) {
            const closed = exec.stoppedBy.gates.find((g) => !g.open);
            ctx.rec.stopped(`stopped before the ${exec.stoppedBefore} prune: gate ${closed.name} closed (${closed.detail})`, closed.name);
            out.info(NOTHING_TO_DO);
        }
        else if (before.disk && (0,evict/* needsEviction */.B)(await (0,disk/* measureDisk */.W)(before.disk.path), config)) {
            // still over the high watermark after the prunes: least-recently-used eviction
            const mid = await (0,snapshot/* takeSnapshot */.W9)(ctx.docker);
            await (0,evict/* evictLeastRecentlyUsed */.e)(ctx, mid, (0,ledger_ledger/* updateLedger */.RI)(ledger, mid, ctx.now()));
        }
    }
    finally {
        await lock.release();
    }
    const after = await (0,context/* snapshotGroup */._u)(ctx, 'Docker host after', { buildCache: opts.measureBuildCache === true });
    ctx.rec.after(after);
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


/***/ })

};
