export const id = 668;
export const ids = [668];
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

/***/ 6668:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runCheck: () => (/* binding */ runCheck)
/* harmony export */ });
/* harmony import */ var _gates_gates_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9176);
/* harmony import */ var _plan_prune_plan_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8079);
/* harmony import */ var _report_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5655);
/* harmony import */ var _inputs_units_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4702);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1235);
/* harmony import */ var _record_usage_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7217);
/* harmony import */ var _evict_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1893);
/* harmony import */ var _warmth_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6897);
/** `check`: report the host, the gates and what a prune would remove. Changes nothing. */








async function runCheck(ctx) {
    const { out, config } = ctx;
    // the job's images are inputs here too: a compose file matching nothing is exit 2, as in pre
    const refs = await (0,_warmth_js__WEBPACK_IMPORTED_MODULE_7__/* .neededImages */ .u9)(config, ctx.env);
    if (refs.length)
        out.info(`images the job names: ${refs.join(', ')}`);
    const snap = await (0,_context_js__WEBPACK_IMPORTED_MODULE_4__/* .checkGroup */ .ah)(ctx, 'Docker host');
    ctx.rec.before(snap);
    const ledger = await (0,_context_js__WEBPACK_IMPORTED_MODULE_4__/* .underStepLock */ .aO)(ctx, () => (0,_record_usage_js__WEBPACK_IMPORTED_MODULE_5__/* .recordUsage */ .L)(ctx, snap));
    const verdict = (0,_gates_gates_js__WEBPACK_IMPORTED_MODULE_0__/* .evaluateGates */ .ud)(snap, (0,_context_js__WEBPACK_IMPORTED_MODULE_4__/* .gateRules */ .DB)(ctx), ctx.now());
    await out.group(`Gates (${verdict.open ? 'all open: a prune would run' : `closed: ${verdict.gate}`})`, async () => {
        for (const l of (0,_report_text_js__WEBPACK_IMPORTED_MODULE_2__/* .describeGates */ .yg)(verdict.gates))
            out.info(l);
    });
    for (const s of verdict.stuck)
        ctx.rec.warn(`service ${s.name} looks stuck (${s.running}/${s.desired} running since ${new Date(s.updatedMs).toISOString()}); it does not hold the prune`);
    const plan = (0,_plan_prune_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .planPrune */ .w)(snap, config.untilMs, ctx.now());
    ctx.rec.planned(plan);
    await out.group(`A prune with until=${(0,_inputs_units_js__WEBPACK_IMPORTED_MODULE_3__/* .toGoDuration */ .Im)(config.untilMs)} would remove`, async () => {
        for (const l of (0,_report_text_js__WEBPACK_IMPORTED_MODULE_2__/* .describePlan */ .df)(plan))
            out.info(l);
    });
    // over the threshold, a prune would go on to evict: show that too (as a dry run does; the
    // dangling prune first may free some of it)
    if (verdict.open)
        await (0,_evict_js__WEBPACK_IMPORTED_MODULE_6__/* .evictLeastRecentlyUsed */ .e)({ ...ctx, config: { ...config, dryRun: true } }, snap, ledger);
    ctx.rec.gates(verdict);
    return (0,_context_js__WEBPACK_IMPORTED_MODULE_4__/* .finish */ .O9)(ctx, 0);
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
