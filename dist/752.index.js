export const id = 752;
export const ids = [752];
export const modules = {

/***/ 752:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CliReader: () => (/* binding */ CliReader),
/* harmony export */   toContainer: () => (/* binding */ toContainer),
/* harmony export */   toImage: () => (/* binding */ toImage),
/* harmony export */   toServices: () => (/* binding */ toServices)
/* harmony export */ });
/* harmony import */ var zod_mini__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8395);
/* harmony import */ var _cli_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1670);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7457);
/* harmony import */ var _system_df_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(190);
/* harmony import */ var _inputs_units_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4702);
/* harmony import */ var _schemas_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6820);
/* harmony import */ var _runtime_pool_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6684);
/* harmony import */ var _reader_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9189);
/**
 * The Engine port's reads through the docker CLI: for daemons only the CLI can reach (`ssh://`,
 * TLS, CLI contexts) and for a manager given with `manager-host`. A constant number of
 * processes whatever the number of objects: each list, then its inspects in batches.
 */








/** Ids per inspect call: keeps argv far below the kernel's limits on hosts with many objects. */
const BATCH = 1000;
const ms = (iso) => Date.parse(iso);
const DfImages = zod_mini__WEBPACK_IMPORTED_MODULE_6__/* .array */ .YOg(zod_mini__WEBPACK_IMPORTED_MODULE_6__/* .object */ .Ikc({ ID: zod_mini__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP(), UniqueSize: zod_mini__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP() }));
class CliReader {
    docker;
    constructor(docker) {
        this.docker = docker;
    }
    get target() { return this.docker.target; }
    async info() {
        return parseInfo(await this.docker.exec(['info', '--format', '{{json .}}']), this.docker.target);
    }
    async images() {
        const ids = await this.docker.lines(['image', 'ls', '--no-trunc', '--format', '{{.ID}}']);
        return (await inspectBatches(this.docker, ['image', 'inspect'], [...new Set(ids)], _schemas_js__WEBPACK_IMPORTED_MODULE_4__/* .ImageInspect */ ._r)).map(toImage);
    }
    async imageExists(id) {
        return (await this.imageIdOf(id)) !== undefined;
    }
    async imageIdOf(ref) {
        const r = await this.docker.exec(['image', 'inspect', '--format', '{{.Id}}', '--', ref]);
        if (r.exitCode === 0)
            return r.stdout.trim() || undefined;
        if (/No such image/i.test(r.stderr))
            return undefined;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DockerError */ .Bi(['image', 'inspect', ref], r.exitCode, r.stderr);
    }
    async lastTagTimes(ids) {
        const images = (await inspectBatches(this.docker, ['image', 'inspect'], [...ids], _schemas_js__WEBPACK_IMPORTED_MODULE_4__/* .ImageInspect */ ._r)).map(toImage);
        return new Map(images.flatMap((i) => (i.lastTagMs === undefined ? [] : [[i.id, i.lastTagMs]])));
    }
    async containers() {
        const ids = await this.docker.lines(['container', 'ls', '--all', '--no-trunc', '--format', '{{.ID}}']);
        return (await inspectBatches(this.docker, ['container', 'inspect'], ids, _schemas_js__WEBPACK_IMPORTED_MODULE_4__/* .ContainerInspect */ .C8)).map(toContainer);
    }
    async services() {
        const lines = await swarmList(this.docker, ['service', 'ls', '--format', '{{json .}}'], _schemas_js__WEBPACK_IMPORTED_MODULE_4__/* .ServiceLine */ .SP);
        return lines && inspectServices(this.docker, lines);
    }
    async knowsNode(id) {
        const args = ['node', 'inspect', '--format', '{{.ID}}', id];
        const r = await this.docker.exec(args);
        if (r.exitCode === 0)
            return r.stdout.trim() === id;
        if (/No such node|not found/i.test(r.stderr))
            return false;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DockerError */ .Bi(args, r.exitCode, (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .lastLine */ .fM)(r.stderr));
    }
    /** Services, secrets and configs, asked at once. */
    async swarm() {
        const d = this.docker;
        const [serviceLines, secrets, configs] = await Promise.all([
            swarmList(d, ['service', 'ls', '--format', '{{json .}}'], _schemas_js__WEBPACK_IMPORTED_MODULE_4__/* .ServiceLine */ .SP),
            swarmList(d, ['secret', 'ls', '--format', '{{json .}}'], _schemas_js__WEBPACK_IMPORTED_MODULE_4__/* .NamedLine */ .GU).then((l) => l?.map((x) => x.Name)),
            swarmList(d, ['config', 'ls', '--format', '{{json .}}'], _schemas_js__WEBPACK_IMPORTED_MODULE_4__/* .NamedLine */ .GU).then((l) => l?.map((x) => x.Name)),
        ]);
        return { services: serviceLines && await inspectServices(d, serviceLines), secrets, configs };
    }
    volumes() { return names(this.docker, ['volume', 'ls', '--format', '{{json .}}']); }
    async buildCacheBytes() {
        const rows = await (0,_system_df_js__WEBPACK_IMPORTED_MODULE_2__/* .systemDf */ .q)(this.docker, ['system', 'df', '--format', '{{json .}}'], _schemas_js__WEBPACK_IMPORTED_MODULE_4__/* .SystemDfLine */ .ho);
        const row = rows?.find((r) => r.Type === 'Build Cache');
        return row ? (0,_inputs_units_js__WEBPACK_IMPORTED_MODULE_3__/* .parseBytes */ .z_)(row.Size) : undefined;
    }
    async uniqueImageBytes() {
        // docker prints 4 significant digits
        const images = (await (0,_system_df_js__WEBPACK_IMPORTED_MODULE_2__/* .systemDf */ .q)(this.docker, ['system', 'df', '--verbose', '--format', '{{json .Images}}'], DfImages))?.[0] ?? [];
        const out = new Map();
        for (const i of images) {
            const bytes = (0,_inputs_units_js__WEBPACK_IMPORTED_MODULE_3__/* .parseBytes */ .z_)(i.UniqueSize);
            if (bytes !== undefined)
                out.set(i.ID, bytes);
        }
        return out;
    }
    networks() { return names(this.docker, ['network', 'ls', '--format', '{{json .}}']); }
}
function parseInfo(r, target) {
    // Newer clients print client info and exit non-zero when the daemon is down; older ones
    // print an error. Either way: no ServerVersion = no daemon.
    let parsed;
    try {
        parsed = JSON.parse(r.stdout);
    }
    catch {
        parsed = undefined;
    }
    const info = _schemas_js__WEBPACK_IMPORTED_MODULE_4__/* .DockerInfo */ .lc.safeParse(parsed);
    if (r.exitCode !== 0 || !info.success) {
        const err = parsed?.ServerErrors?.[0]
            ?? r.stderr.trim().split('\n').filter(Boolean).slice(-1)[0] ?? 'no answer';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DaemonUnreachable */ .$1(`cannot reach the Docker daemon at ${target}: ${err.replace(/^ERROR:\s*/, '')}`);
    }
    return info.data;
}
/** A swarm-only list: undefined where this node cannot answer it (worker, or no swarm). */
async function swarmList(docker, args, schema) {
    const r = await docker.exec(args);
    if (r.exitCode !== 0) {
        if (_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .NOT_MANAGER */ .Y4.test(r.stderr))
            return undefined;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DockerError */ .Bi(args, r.exitCode, r.stderr);
    }
    return r.stdout.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => (0,_cli_js__WEBPACK_IMPORTED_MODULE_0__/* .parseJson */ .qF)(schema, l, args));
}
async function names(docker, args) {
    return (await docker.jsonLines(args, _schemas_js__WEBPACK_IMPORTED_MODULE_4__/* .NamedLine */ .GU)).map((l) => l.Name);
}
async function inspectBatches(docker, cmd, ids, schema) {
    const batches = [];
    for (let i = 0; i < ids.length; i += BATCH)
        batches.push(ids.slice(i, i + BATCH));
    const results = await (0,_runtime_pool_js__WEBPACK_IMPORTED_MODULE_7__/* .mapLimit */ .s)(batches, _runtime_pool_js__WEBPACK_IMPORTED_MODULE_7__/* .DOCKER_CONCURRENCY */ .t, async (batch) => {
        const r = await docker.exec([...cmd, ...batch]);
        // An object removed between list and inspect: inspect prints the rest and exits 1.
        if (r.exitCode !== 0 && !/No such/i.test(r.stderr))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DockerError */ .Bi([...cmd, '…'], r.exitCode, r.stderr);
        return (0,_cli_js__WEBPACK_IMPORTED_MODULE_0__/* .parseJson */ .qF)(schema, r.stdout.trim() || '[]', [...cmd, '…']);
    });
    return results.flat();
}
async function inspectServices(docker, lines) {
    if (lines.length === 0)
        return [];
    return toServices(lines, await inspectBatches(docker, ['service', 'inspect'], lines.map((l) => l.ID), _schemas_js__WEBPACK_IMPORTED_MODULE_4__/* .ServiceInspect */ .AL));
}
/** Joins `service ls` lines (replica counts) with `service inspect` (specs, update state). */
function toServices(lines, inspected) {
    // `service ls` prints 12-character ids; inspect returns full ones.
    const byShortId = new Map(inspected.map((s) => [s.ID.slice(0, 12), s]));
    return lines.flatMap((line) => {
        const s = byShortId.get(line.ID.slice(0, 12));
        if (!s)
            return [];
        const m = /^(\d+)\/(\d+)/.exec(line.Replicas);
        return [{
                id: s.ID,
                name: line.Name,
                image: s.Spec.TaskTemplate?.ContainerSpec?.Image || line.Image,
                previousImage: s.PreviousSpec?.TaskTemplate?.ContainerSpec?.Image || undefined,
                mode: line.Mode,
                running: m ? Number(m[1]) : 0,
                desired: m ? Number(m[2]) : 0,
                updateState: s.UpdateStatus?.State || undefined,
                createdMs: ms(s.CreatedAt),
                updatedMs: ms(s.UpdatedAt),
            }];
    });
}
function toImage(i) {
    const tags = (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .realReferences */ .tP)(i.RepoTags);
    const lastTag = i.Metadata?.LastTagTime;
    return {
        id: i.Id,
        tags,
        digests: (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .realReferences */ .tP)(i.RepoDigests),
        dangling: tags.length === 0,
        sizeBytes: i.Size,
        // unknown (no Created, or Go's zero time): NaN, so no "older than until" plan ever picks it
        createdMs: !i.Created || _reader_js__WEBPACK_IMPORTED_MODULE_5__/* .ZERO_TIME */ .x8.test(i.Created) ? Number.NaN : ms(i.Created),
        lastTagMs: lastTag && !_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .ZERO_TIME */ .x8.test(lastTag) ? ms(lastTag) : undefined,
    };
}
function toContainer(c) {
    return {
        id: c.Id,
        name: c.Name.replace(/^\//, ''),
        imageId: c.Image,
        imageRef: c.Config.Image,
        state: c.State.Status,
        createdMs: ms(c.Created),
        service: c.Config.Labels['com.docker.swarm.service.name'],
    };
}


/***/ })

};
