export const id = 255;
export const ids = [255,287];
export const modules = {

/***/ 9176:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ud: () => (/* binding */ evaluateGates)
/* harmony export */ });
/* unused harmony exports matchesStack, unsettledReason */
/* harmony import */ var _inputs_units_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4702);

/** Update states in which the swarm is still (or stopped half-way) moving a service. */
const UNSETTLED_UPDATE = new Set(['updating', 'paused', 'rollback_started', 'rollback_paused']);
function evaluateGates(snap, config, nowMs, only) {
    const gates = [];
    const want = (g) => !only || only.includes(g);
    let stuck = [];
    if (want('swarm-role'))
        gates.push(swarmRoleGate(snap));
    if (want('disk'))
        gates.push(diskGate(snap, config.threshold));
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
    if (snap.swarm.manager)
        return { name: 'swarm-role', open: true, detail: 'swarm manager: services visible' };
    if (snap.swarm.state === 'inactive')
        return { name: 'swarm-role', open: true, detail: 'swarm not initialised: no services can be live' };
    return { name: 'swarm-role', open: false, detail: `${snap.servicesError ?? 'services cannot be listed'}; failing closed (run on a manager to prune)` };
}
function diskGate(snap, threshold) {
    const d = snap.disk;
    if (!d)
        return { name: 'disk', open: false, detail: `${snap.diskError ?? 'disk usage unknown'}; failing closed` };
    const which = d.inodesPercent > d.bytesPercent ? 'inodes' : 'bytes';
    const values = `${d.usedPercent}% used (${which}; bytes ${d.bytesPercent}%, inodes ${d.inodesPercent}%)`;
    return d.usedPercent >= threshold
        ? { name: 'disk', open: true, detail: `${values} ≥ threshold ${threshold}%` }
        : { name: 'disk', open: false, detail: `${values} < threshold ${threshold}%` };
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

/***/ 7102:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  F: () => (/* binding */ startReport)
});

// EXTERNAL MODULE: ./src/report/inventory.ts
var inventory = __webpack_require__(3830);
;// CONCATENATED MODULE: ./src/report/types.ts
const REPORT_VERSION = 1;

;// CONCATENATED MODULE: ./src/modes/context.ts


/** A report describing `before` with nothing done yet. */
function startReport(ctx, before, startedMs) {
    return {
        version: REPORT_VERSION,
        tool: 'ci-docker-prune',
        mode: ctx.config.mode,
        dryRun: ctx.config.dryRun,
        startedAt: new Date(startedMs).toISOString(),
        durationMs: 0,
        daemon: {
            serverVersion: before.daemon.serverVersion,
            rootDir: before.daemon.rootDir,
            driver: before.daemon.driver,
            swarm: before.swarm.manager ? 'manager' : before.swarm.state,
        },
        disk: { before: before.disk, after: undefined },
        inventory: { before: (0,inventory/* inventoryOf */.o)(before), after: undefined },
        gate: 'not-evaluated',
        gates: [],
        planned: [],
        removed: [],
        reclaimed: { containers: 0, images: 0, buildCache: 0, evicted: 0, total: 0 },
        pruned: false,
        stopped: undefined,
        warnings: [],
        errors: [],
        dockerCalls: 0,
        job: undefined,
    };
}


/***/ }),

/***/ 8255:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runPre: () => (/* binding */ runPre),
  shortfall: () => (/* binding */ shortfall)
});

// EXTERNAL MODULE: ./src/inputs/units.ts
var units = __webpack_require__(4702);
// EXTERNAL MODULE: ./src/report/inventory.ts
var inventory = __webpack_require__(3830);
// EXTERNAL MODULE: ./src/report/text.ts
var report_text = __webpack_require__(5655);
// EXTERNAL MODULE: ./src/snapshot/snapshot.ts + 2 modules
var snapshot = __webpack_require__(3157);
// EXTERNAL MODULE: ./src/modes/context.ts + 1 modules
var context = __webpack_require__(7102);
// EXTERNAL MODULE: ./src/modes/job-state.ts
var job_state = __webpack_require__(3663);
// EXTERNAL MODULE: ./src/modes/prune.ts + 2 modules
var prune = __webpack_require__(3287);
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

;// CONCATENATED MODULE: ./src/docker/registry.ts
async function pull(docker, ref) {
    const t0 = performance.now();
    const r = await docker.exec(['pull', ref]);
    const ms = Math.round(performance.now() - t0);
    const lines = r.stdout.split('\n');
    return {
        ref,
        ok: r.exitCode === 0,
        ms,
        layersDownloaded: lines.filter((l) => /: Pull complete$/.test(l.trim())).length,
        layersReused: lines.filter((l) => /: Already exists$/.test(l.trim())).length,
        upToDate: lines.some((l) => l.startsWith('Status: Image is up to date')),
        error: r.exitCode === 0 ? undefined : lastLine(r.stderr) || `docker pull exited ${r.exitCode}`,
    };
}
const lastLine = (s) => s.trim().split('\n').filter(Boolean).slice(-1)[0]?.replace(/^Error response from daemon:\s*/, '') ?? '';
/**
 * Bytes a cold image would download (compressed layers + config), when the registry tells.
 * Multi-platform lists are resolved with `--verbose` to this host's platform.
 */
async function manifestBytes(docker, ref, insecure, arch = 'amd64') {
    const args = ['manifest', 'inspect', ...(insecure ? ['--insecure'] : []), '--verbose', ref];
    const r = await docker.exec(args);
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

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/inputs/config.ts
var config = __webpack_require__(2567);
;// CONCATENATED MODULE: ./src/inputs/glob.ts
/** Minimal file globbing (`*`, `?`, `[…]`, `**`) for `compose-files`; Node 20 has no fs.glob. */


const isMagic = (seg) => /[*?[]/.test(seg);
function segmentRegExp(seg) {
    let re = '';
    for (let i = 0; i < seg.length; i++) {
        const c = seg[i];
        if (c === '*')
            re += '[^/]*';
        else if (c === '?')
            re += '[^/]';
        else if (c === '[') {
            const end = seg.indexOf(']', i + 1);
            if (end === -1) {
                re += '\\[';
                continue;
            }
            re += `[${seg.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
            i = end;
        }
        else
            re += c.replace(/[.+^${}()|\\]/g, '\\$&');
    }
    return new RegExp(`^${re}$`);
}
function entries(dir) {
    try {
        return (0,external_node_fs_.readdirSync)(dir, { withFileTypes: true }).map((d) => ({ name: d.name, dir: d.isDirectory() }));
    }
    catch {
        return [];
    }
}
/** Files matching `pattern` (relative to `cwd`), sorted; a pattern without magic is returned as is if it exists. */
function glob(pattern, cwd) {
    const abs = (0,external_node_path_.isAbsolute)(pattern) ? pattern : (0,external_node_path_.resolve)(cwd, pattern);
    const segs = abs.split('/').filter(Boolean);
    const firstMagic = segs.findIndex(isMagic);
    if (firstMagic === -1) {
        try {
            return (0,external_node_fs_.statSync)(abs).isFile() ? [abs] : [];
        }
        catch {
            return [];
        }
    }
    const base = `/${segs.slice(0, firstMagic).join('/')}`;
    const out = new Set();
    const walk = (dir, rest) => {
        if (rest.length === 0)
            return;
        const [seg, ...tail] = rest;
        if (seg === '**') {
            walk(dir, tail); // zero directories
            for (const e of entries(dir))
                if (e.dir && !e.name.startsWith('.'))
                    walk((0,external_node_path_.join)(dir, e.name), rest);
            return;
        }
        const re = segmentRegExp(seg);
        for (const e of entries(dir)) {
            if (!re.test(e.name) || (e.name.startsWith('.') && !seg.startsWith('.')))
                continue;
            const p = (0,external_node_path_.join)(dir, e.name);
            if (tail.length === 0) {
                if (!e.dir)
                    out.add(p);
            }
            else if (e.dir)
                walk(p, tail);
        }
    };
    walk(base, segs.slice(firstMagic));
    return [...out].sort();
}

;// CONCATENATED MODULE: ./src/inputs/compose.ts
/**
 * The images a recipe's compose files need: files merged in order (a later file's `image` for a
 * service wins), `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?msg}`, `$VAR` and `$$`
 * interpolated from the environment, then from a `.env` beside the first file (the environment
 * wins, as in `docker compose`).
 */





/** Parses a `.env` file: KEY=value lines, optional quotes, `#` comments. */
function parseDotEnv(text) {
    const vars = {};
    for (const raw of text.split(/\r?\n/)) {
        const line = raw.trim();
        if (!line || line.startsWith('#'))
            continue;
        const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
        if (!m)
            continue;
        let v = m[2];
        if (/^"(.*)"$/.test(v) || /^'(.*)'$/.test(v))
            v = v.slice(1, -1);
        else
            v = v.replace(/\s+#.*$/, '');
        vars[m[1]] = v;
    }
    return vars;
}
/** Compose-style interpolation of one string (defaults may nest). Throws InputError for `${VAR:?msg}` when unset. */
function interpolate(text, vars, where) {
    let out = '';
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c !== '$') {
            out += c;
            continue;
        }
        const next = text[i + 1];
        if (next === '$') {
            out += '$';
            i++;
            continue;
        }
        if (next !== '{') {
            const bare = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
            if (!bare) {
                out += c;
                continue;
            }
            out += vars[bare[0]] ?? '';
            i += bare[0].length;
            continue;
        }
        // ${…}: find the matching brace (defaults may contain ${…} themselves)
        let depth = 1;
        let j = i + 2;
        for (; j < text.length && depth > 0; j++) {
            if (text[j] === '{')
                depth++;
            else if (text[j] === '}')
                depth--;
        }
        if (depth !== 0)
            throw new config/* InputError */.dz(`compose file ${where}: unterminated \${ in ${JSON.stringify(text)}`);
        out += substitute(text.slice(i + 2, j - 1), vars, where);
        i = j - 1;
    }
    return out;
}
function substitute(expr, vars, where) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([\s\S]*))?$/.exec(expr);
    if (!m)
        throw new config/* InputError */.dz(`compose file ${where}: bad substitution \${${expr}}`);
    const [, key, op, arg] = m;
    const value = vars[key];
    const missing = op?.startsWith(':') ? value === undefined || value === '' : value === undefined;
    if (!op || !missing)
        return value ?? '';
    if (op.endsWith('-'))
        return interpolate(arg ?? '', vars, where);
    throw new config/* InputError */.dz(`compose file ${where}: required variable ${key} is not set${arg ? ` (${arg})` : ''}`);
}
/** Images (in first-seen order) needed by the services of the merged compose files. */
function composeImages(patterns, env, cwd = process.cwd()) {
    const files = patterns.flatMap((p) => {
        const found = glob(p, cwd);
        if (found.length === 0)
            throw new config/* InputError */.dz(`invalid input 'compose-files': ${JSON.stringify(p)} matches no file`);
        return found;
    });
    let dotenv = {};
    try {
        dotenv = parseDotEnv((0,external_node_fs_.readFileSync)((0,external_node_path_.join)((0,external_node_path_.dirname)(files[0]), '.env'), 'utf8'));
    }
    catch { /* no .env: fine */ }
    const vars = { ...dotenv, ...env };
    const byService = new Map();
    for (const file of files) {
        let doc;
        try {
            doc = ((0,dist/* parse */.qg)((0,external_node_fs_.readFileSync)(file, 'utf8')) ?? {});
        }
        catch (e) {
            throw new config/* InputError */.dz(`invalid input 'compose-files': ${file} is not valid YAML (${e.message.split('\n')[0]})`);
        }
        for (const [name, svc] of Object.entries(doc.services ?? {})) {
            if (svc && typeof svc.image === 'string')
                byService.set(name, interpolate(svc.image, vars, file));
        }
    }
    return { images: [...new Set(byService.values())], files };
}

;// CONCATENATED MODULE: ./src/plan/references.ts
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

;// CONCATENATED MODULE: ./src/modes/warmth.ts
/**
 * The warm-cache check of the pre step: which images the job needs are local (warm) and which
 * are not (cold), what the cold ones would download, which registries have credentials, and
 * (with `pull`) the pulls themselves with their cost, so cold vs warm is measured on every job.
 */






const GO_ARCH = { x86_64: 'amd64', aarch64: 'arm64', armv7l: 'arm' };
/** The images the job needs: `images` first, then those of `compose-files`, deduplicated. */
function neededImages(config, env) {
    const fromCompose = config.composeFiles.length ? composeImages(config.composeFiles, env).images : [];
    return [...new Set([...config.images, ...fromCompose])];
}
function isInsecure(registry, snap) {
    return snap.daemon.insecureRegistries.includes(registry) || /^(127\.|localhost(:|$))/.test(registry);
}
/** Returns the job report, pull errors, and the host after any pulls (the post step's baseline). */
async function checkWarmth(docker, out, config, snap, refs) {
    const errors = [];
    const auth = await readClientAuth(process.env);
    const registries = [...new Set(refs.map(registryOf))].map((registry) => ({ registry, credentials: credentialsFor(registry, auth) }));
    for (const r of registries)
        out.info(`registry ${r.registry}: ${r.credentials}`);
    if (auth.exposed)
        out.warn(`${auth.path} is readable by group or others (mode ${auth.mode}): registry tokens in it are exposed; chmod 600 it`);
    if (snap.daemon.mirrors.length)
        out.info(`registry mirrors: ${snap.daemon.mirrors.join(', ')}`);
    let images = refs.map((ref) => {
        const local = findLocal(snap.images, ref);
        return { ref, warm: !!local, id: local?.id, digest: local?.digests[0], downloadBytes: undefined, pull: undefined };
    });
    const arch = GO_ARCH[snap.daemon.architecture] ?? snap.daemon.architecture;
    await Promise.all(images.filter((i) => !i.warm).map(async (i) => {
        i.downloadBytes = await manifestBytes(docker, i.ref, isInsecure(registryOf(i.ref), snap), arch);
    }));
    const cold = images.filter((i) => !i.warm).map((i) => i.ref);
    const coldText = cold.map((ref) => {
        const bytes = images.find((i) => i.ref === ref)?.downloadBytes;
        return bytes === undefined ? ref : `${ref} (${(0,units/* formatBytes */.z3)(bytes)} to download)`;
    });
    out.info(`warm ${images.length - cold.length}/${images.length}${cold.length ? `, cold: ${coldText.join(', ')}` : ''}`);
    const toPull = config.pull === 'all' ? images : config.pull === 'cold' ? images.filter((i) => !i.warm) : [];
    let after = snap;
    if (toPull.length) {
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
        after = await (0,snapshot/* takeSnapshot */.W9)(docker);
        images = images.map((i) => {
            const local = findLocal(after.images, i.ref);
            return { ...i, id: local?.id ?? i.id, digest: local?.digests[0] ?? i.digest };
        });
    }
    return { job: { images, cold, registries, mirrors: snap.daemon.mirrors, evicted: [], leaks: {} }, errors, after };
}
function describePull(r, wasWarm) {
    if (!r.ok)
        return `✗ ${r.ref}: ${r.error} (${r.ms} ms)`;
    const what = r.upToDate ? 'up to date (manifest check only)' : `${r.layersDownloaded} layer(s) downloaded, ${r.layersReused} reused`;
    return `✓ ${r.ref} ${wasWarm ? 'warm' : 'cold'}: ${what} in ${r.ms} ms`;
}

;// CONCATENATED MODULE: ./src/modes/pre.ts
/**
 * `pre` (the action's main step, before the recipe job): snapshot for the post step, warmth of
 * the images the job needs (pulling them when asked), and free space: prune now (gated) when
 * the job would run short, and fail before the job wastes its time if it still is.
 */








async function runPre(ctx) {
    const { out, config } = ctx;
    const started = ctx.now();
    const refs = neededImages(config, process.env); // input errors before any docker call
    const snap = await out.group('Docker host before the job', async () => {
        const s = await (0,snapshot/* takeSnapshot */.W9)(ctx.docker);
        out.info((0,report_text/* describeDisk */.v3)(s.disk, s.diskError));
        out.info((0,report_text/* describeInventory */.IB)((0,inventory/* inventoryOf */.o)(s)));
        return s;
    });
    const report = (0,context/* startReport */.F)(ctx, snap, started);
    let baseline = snap;
    if (refs.length) {
        const { job, errors, after } = await out.group('Images the job needs', () => checkWarmth(ctx.docker, out, config, snap, refs));
        baseline = after; // what the pre step pulled is warm cache the job relies on too
        report.job = job;
        out.setOutput('cold-images', job.cold.join(','));
        for (const e of errors) {
            report.errors.push(e);
            out.error(e);
        }
    }
    await keepForPost(ctx, baseline);
    const short = shortfall(snap.disk, config);
    if (short !== undefined) {
        out.warn(`only ${(0,units/* formatBytes */.z3)(snap.disk.availBytes)} free on ${snap.disk.path}, the job needs ${(0,units/* formatBytes */.z3)(short + snap.disk.availBytes)}: running the gated prune now`);
        // The disk gate is the free-space need here, so open it; the safety gates still hold.
        await (0,prune.gatedPrune)({ ...ctx, config: { ...config, threshold: 1 } }, snap, report);
        const after = await (0,snapshot/* takeSnapshot */.W9)(ctx.docker);
        report.disk.after = after.disk;
        report.inventory.after = (0,inventory/* inventoryOf */.o)(after);
        const still = shortfall(after.disk, config);
        if (still !== undefined) {
            report.errors.push(`not enough free space for the job: ${(0,units/* formatBytes */.z3)(after.disk.availBytes)} free on ${after.disk.path} after the gated prune, ${(0,units/* formatBytes */.z3)(still)} short`);
            out.error(report.errors[report.errors.length - 1]);
        }
    }
    report.dockerCalls = ctx.docker.calls;
    report.durationMs = ctx.now() - started;
    return { report, exitCode: report.errors.length ? 1 : 0 };
}
/** Bytes missing to satisfy `min-free`, or undefined when there is enough (or no requirement). */
function shortfall(disk, config) {
    if (!config.minFree || !disk)
        return undefined;
    const need = config.minFree.kind === 'bytes' ? config.minFree.bytes
        : Math.ceil(((disk.usedBytes + disk.availBytes) * config.minFree.percent) / 100);
    return disk.availBytes < need ? need - disk.availBytes : undefined;
}
async function keepForPost(ctx, snap) {
    const state = (0,job_state/* jobStateOf */.yw)(snap);
    if (ctx.out.kind === 'actions') {
        ctx.out.saveState(job_state/* JOB_STATE_KEY */.uf, JSON.stringify(state));
        ctx.out.saveState(job_state/* STATE_PHASE */.m5, 'pre');
    }
    else {
        await (0,job_state/* saveJobStateFile */.yP)(ctx.config.stateDir, (0,job_state/* runId */.Vz)(process.env), state);
    }
}


/***/ }),

/***/ 3287:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  NOTHING_TO_DO: () => (/* binding */ NOTHING_TO_DO),
  gatedPrune: () => (/* binding */ gatedPrune),
  runPrune: () => (/* binding */ runPrune),
  takeAndDescribe: () => (/* binding */ takeAndDescribe)
});

// EXTERNAL MODULE: ./src/gates/gates.ts
var gates = __webpack_require__(9176);
// EXTERNAL MODULE: ./src/inputs/units.ts
var units = __webpack_require__(4702);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/execute/lock.ts
/**
 * Host-wide lock in the state dir, so the nightly timer, a dispatch and the job steps never
 * prune at the same time. An exclusive-create file holding our pid; a lock whose pid is gone
 * (a killed run) is taken over.
 */


const alive = (pid) => {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (e) {
        return e.code === 'EPERM';
    }
};
/** Returns the lock, or undefined if another live process holds it after `waitMs`. */
async function acquireLock(stateDir, waitMs) {
    await (0,promises_.mkdir)(stateDir, { recursive: true, mode: 0o700 });
    const path = (0,external_node_path_.join)(stateDir, 'prune.lock');
    const deadline = Date.now() + waitMs;
    for (;;) {
        try {
            const fh = await (0,promises_.open)(path, 'wx', 0o600);
            await fh.writeFile(`${process.pid}\n${new Date().toISOString()}\n`);
            await fh.close();
            return { path, release: () => (0,promises_.rm)(path, { force: true }) };
        }
        catch (e) {
            if (e.code !== 'EEXIST')
                throw e;
        }
        const holder = Number((await (0,promises_.readFile)(path, 'utf8').catch(() => '')).split('\n')[0]);
        if (Number.isInteger(holder) && holder > 0 && !alive(holder)) {
            await (0,promises_.rm)(path, { force: true }); // stale: its process is gone
            continue;
        }
        if (Date.now() >= deadline)
            return undefined;
        await new Promise((r) => setTimeout(r, 200));
    }
}

// EXTERNAL MODULE: ./src/execute/commands.ts
var commands = __webpack_require__(5465);
;// CONCATENATED MODULE: ./src/execute/prune.ts


async function executePrune(docker, untilMs, hooks) {
    const steps = [];
    for (const kind of commands/* PRUNE_KINDS */.pt) {
        await hooks.beforeStep?.(kind);
        const verdict = await hooks.recheck();
        if (!verdict.open)
            return { steps, stoppedBefore: kind, stoppedBy: verdict };
        const t0 = performance.now();
        const r = await docker.destroy((0,commands/* pruneCommand */.En)(kind, untilMs));
        steps.push({
            kind,
            ...parsePruneOutput(r.stdout),
            durationMs: Math.round(performance.now() - t0),
            error: r.exitCode === 0 ? undefined : r.stderr.trim() || `exit ${r.exitCode}`,
        });
    }
    return { steps, stoppedBefore: undefined, stoppedBy: undefined };
}
/**
 * Docker prints the deleted objects, then `Total reclaimed space: 1.98MB`. Image prunes list
 * `untagged: …` and `deleted: sha256:…` lines; we keep the ids of deleted objects.
 */
function parsePruneOutput(stdout) {
    const deleted = [];
    let reclaimedBytes = 0;
    for (const raw of stdout.split('\n')) {
        const line = raw.trim();
        const total = /^Total reclaimed space:\s*(.+)$/.exec(line);
        if (total) {
            reclaimedBytes = (0,units/* parseBytes */.z_)(total[1]) ?? 0;
            continue;
        }
        const del = /^deleted:\s*(sha256:[0-9a-f]{64})$/i.exec(line);
        if (del) {
            deleted.push(del[1]);
            continue;
        }
        if (/^[0-9a-z]{20,}$/.test(line))
            deleted.push(line); // container ids, build cache ids
    }
    return { deleted, reclaimedBytes };
}

// EXTERNAL MODULE: ./src/plan/prune-plan.ts
var prune_plan = __webpack_require__(8079);
// EXTERNAL MODULE: ./src/report/inventory.ts
var inventory = __webpack_require__(3830);
// EXTERNAL MODULE: ./src/report/text.ts
var report_text = __webpack_require__(5655);
// EXTERNAL MODULE: ./src/snapshot/snapshot.ts + 2 modules
var snapshot = __webpack_require__(3157);
// EXTERNAL MODULE: ./src/modes/context.ts + 1 modules
var context = __webpack_require__(7102);
;// CONCATENATED MODULE: ./src/modes/prune.ts
/**
 * `prune`: the operators' gated prune. All gates open → container, dangling-image and
 * build-cache prunes older than `until`, each preceded by a fresh gate re-check, under a
 * host-wide lock. Any gate closed → `keeping local image cache, nothing to do`, exit 0.
 */









const NOTHING_TO_DO = 'keeping local image cache, nothing to do';
/** How long a second run waits for the lock before giving way. */
const LOCK_WAIT_MS = 5_000;
async function runPrune(ctx, opts = {}) {
    const started = ctx.now();
    const before = await ctx.out.group('Docker host before', async () => takeAndDescribe(ctx));
    const report = (0,context/* startReport */.F)(ctx, before, started);
    await gatedPrune(ctx, before, report, opts);
    report.dockerCalls = ctx.docker.calls;
    report.durationMs = ctx.now() - started;
    return { report, exitCode: report.errors.length ? 1 : 0 };
}
async function takeAndDescribe(ctx) {
    const s = await (0,snapshot/* takeSnapshot */.W9)(ctx.docker, { buildCache: true });
    ctx.out.info((0,report_text/* describeDisk */.v3)(s.disk, s.diskError));
    ctx.out.info((0,report_text/* describeInventory */.IB)((0,inventory/* inventoryOf */.o)(s)));
    return s;
}
/** The gated prune on its own, so pre/post steps can run it too. Fills in `report`. */
async function gatedPrune(ctx, before, report, opts = {}) {
    const { out, config } = ctx;
    const verdict = (0,gates/* evaluateGates */.ud)(before, config, ctx.now());
    report.gates = verdict.gates;
    report.gate = verdict.gate;
    await out.group(`Gates (${verdict.open ? 'all open' : `closed: ${verdict.gate}`})`, async () => {
        for (const l of (0,report_text/* describeGates */.yg)(verdict.gates))
            out.info(l);
    });
    for (const s of verdict.stuck)
        warn(ctx, report, `service ${s.name} looks stuck (${s.running}/${s.desired} running, unchanged since ${new Date(s.updatedMs).toISOString()}); it does not hold the prune`);
    report.planned = (0,prune_plan/* planPrune */.w)(before, config.untilMs, ctx.now());
    if (!verdict.open) {
        out.info(`gate ${verdict.gate} closed: ${NOTHING_TO_DO}`);
        return;
    }
    if (config.dryRun) {
        await out.group('Dry run: would remove', async () => { for (const l of (0,report_text/* describePlan */.df)(report.planned))
            out.info(l); });
        out.info('dry run: nothing removed');
        return;
    }
    const lock = await acquireLock(config.stateDir, LOCK_WAIT_MS);
    if (!lock) {
        report.gate = 'lock';
        report.gates.push({ name: 'lock', open: false, detail: `another prune is running (lock ${config.stateDir}/prune.lock)` });
        out.info(`another prune is running: ${NOTHING_TO_DO}`);
        return;
    }
    try {
        const recheck = async () => {
            const services = await (0,snapshot/* readServices */.JQ)(ctx.docker);
            return (0,gates/* evaluateGates */.ud)({ ...before, services }, config, ctx.now(), ['stacks', 'converging']);
        };
        const exec = await out.group('Pruning', async () => {
            const e = await executePrune(ctx.docker, config.untilMs, { recheck, beforeStep: opts.beforeStep });
            recordRemovals(before, e.steps, report);
            for (const s of e.steps) {
                const objects = s.kind === 'builder' ? s.deleted.length : report.removed.filter((r) => r.kind === s.kind).length;
                const noun = { container: 'containers', image: 'dangling images', builder: 'build cache records' }[s.kind];
                out.info(`${s.kind} prune: ${objects} ${noun} removed, ${(0,units/* formatBytes */.z3)(s.reclaimedBytes)} reclaimed (${s.durationMs} ms)`);
                if (s.error)
                    report.errors.push(`${s.kind} prune failed: ${s.error}`);
            }
            return e;
        });
        if (exec.stoppedBy) {
            const closed = exec.stoppedBy.gates.find((g) => !g.open);
            report.stopped = `stopped before the ${exec.stoppedBefore} prune: gate ${closed.name} closed (${closed.detail})`;
            report.gate = closed.name;
            warn(ctx, report, report.stopped);
            out.info(NOTHING_TO_DO);
        }
    }
    finally {
        await lock.release();
    }
    const after = await out.group('Docker host after', async () => takeAndDescribe(ctx));
    report.disk.after = after.disk;
    report.inventory.after = (0,inventory/* inventoryOf */.o)(after);
}
function recordRemovals(before, steps, report) {
    const containers = new Map(before.containers.map((c) => [c.id, c]));
    const images = new Map(before.images.map((i) => [i.id, i]));
    for (const s of steps) {
        for (const id of s.deleted) {
            const c = containers.get(id);
            const i = images.get(id);
            if (s.kind === 'container' && c)
                report.removed.push({ kind: 'container', id, label: c.name, bytes: 0 });
            if (s.kind === 'image' && i)
                report.removed.push({ kind: 'image', id, label: i.digests[0] ?? id.slice(7, 19), bytes: i.sizeBytes });
        }
        if (s.kind === 'builder' && s.reclaimedBytes > 0)
            report.removed.push({ kind: 'builder', id: 'build-cache', label: `${s.deleted.length} build cache records`, bytes: s.reclaimedBytes });
        const key = s.kind === 'container' ? 'containers' : s.kind === 'image' ? 'images' : 'buildCache';
        report.reclaimed[key] += s.reclaimedBytes;
        report.reclaimed.total += s.reclaimedBytes;
    }
    report.pruned = report.removed.length > 0 || report.reclaimed.total > 0;
}
function warn(ctx, report, message) {
    report.warnings.push(message);
    ctx.out.warn(message);
}


/***/ }),

/***/ 8079:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w: () => (/* binding */ planPrune)
/* harmony export */ });
/** Container states `docker container prune` removes (everything not running or paused). */
const PRUNABLE_CONTAINER_STATES = new Set(['created', 'exited', 'dead']);
function planPrune(snap, untilMs, nowMs) {
    const cutoff = nowMs - untilMs;
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
        if (i.dangling && i.createdMs < cutoff && !usedImages.has(i.id)) {
            plan.push({ kind: 'image', id: i.id, label: i.digests[0] ?? i.id.slice(7, 19), bytes: i.sizeBytes, reason: 'dangling (untagged), created before the cut-off' });
        }
    }
    if (snap.buildCacheBytes) {
        plan.push({ kind: 'builder', id: 'build-cache', label: 'build cache', bytes: 0, reason: `entries unused for longer than the cut-off (of ${snap.buildCacheBytes} bytes in all)` });
    }
    return plan;
}


/***/ }),

/***/ 3830:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o: () => (/* binding */ inventoryOf)
/* harmony export */ });
function inventoryOf(s) {
    return {
        images: s.images.length,
        danglingImages: s.images.filter((i) => i.dangling).length,
        imageBytes: s.images.reduce((n, i) => n + i.sizeBytes, 0),
        containers: s.containers.length,
        runningContainers: s.containers.filter((c) => c.state === 'running').length,
        services: s.services?.length,
        volumes: s.volumes.length,
        networks: s.networks.length,
        buildCacheBytes: s.buildCacheBytes,
    };
}


/***/ }),

/***/ 5655:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IB: () => (/* binding */ describeInventory),
/* harmony export */   MX: () => (/* binding */ describeDaemon),
/* harmony export */   df: () => (/* binding */ describePlan),
/* harmony export */   v3: () => (/* binding */ describeDisk),
/* harmony export */   yg: () => (/* binding */ describeGates)
/* harmony export */ });
/* harmony import */ var _inputs_units_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4702);

function describeDisk(d, error) {
    if (!d)
        return `disk: unknown (${error ?? 'not measured'})`;
    return `disk ${d.path}: ${(0,_inputs_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(d.usedBytes)} of ${(0,_inputs_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(d.usedBytes + d.availBytes)} used (${d.bytesPercent}%), ` +
        `${(0,_inputs_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(d.availBytes)} free; inodes ${d.inodesPercent}%`;
}
function describeInventory(i) {
    const parts = [
        `images ${i.images} (${i.danglingImages} dangling, ${(0,_inputs_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(i.imageBytes)})`,
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
    const role = s.swarm.manager ? 'swarm manager' : `swarm ${s.swarm.state}`;
    const mirrors = s.daemon.mirrors.length ? `, mirrors ${s.daemon.mirrors.join(' ')}` : '';
    return `daemon ${s.daemon.serverVersion} (${s.daemon.driver}) at ${s.daemon.rootDir}, ${role}${mirrors}`;
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


/***/ })

};
