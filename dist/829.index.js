export const id = 829;
export const ids = [829];
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

/***/ 9829:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runSetup: () => (/* binding */ runSetup)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _execute_mark_access_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8765);
/* harmony import */ var _inputs_config_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7204);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1235);
/**
 * `setup`: once, as root, on a host outside NixOS, what the NixOS module gives its hosts: the
 * state dir shared with the CI runner users' group (owner root, setgid, 2770; its files 0660),
 * so the timer and every runner's pre step keep one ledger and every job's mark is seen by every
 * run. Asks the daemon nothing; changes nothing but the state dir's owner group and modes.
 */





const SHARED_DIR_MODE = 0o2770;
const SHARED_FILE_MODE = 0o660;
/** The group to share with: the input, else the Docker socket's group, else `docker`. */
async function runnerGroup(ctx) {
    const groups = (0,_execute_mark_access_js__WEBPACK_IMPORTED_MODULE_2__/* .parseGroup */ .hb)(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)('/etc/group', 'utf8').catch(() => ''));
    const wanted = ctx.config.runnerGroup;
    if (wanted) {
        const g = /^\d+$/.test(wanted) ? groups.find((x) => x.gid === Number(wanted)) ?? { name: wanted, gid: Number(wanted) } : groups.find((x) => x.name === wanted);
        if (!g)
            throw new _inputs_config_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`invalid input 'runner-group': no group named ${JSON.stringify(wanted)} on this host`);
        return g;
    }
    const target = ctx.engine.read.target;
    const sock = target.startsWith('unix://') ? await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(target.slice(7)).catch(() => undefined) : undefined;
    const g = sock ? groups.find((x) => x.gid === sock.gid) ?? { name: String(sock.gid), gid: sock.gid } : groups.find((x) => x.name === 'docker');
    if (!g)
        throw new _inputs_config_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz("invalid input 'runner-group': the Docker socket cannot be seen from here and there is no docker group; name the runners' group");
    return g;
}
async function runSetup(ctx) {
    const { out, config } = ctx;
    if (process.getuid?.() !== 0)
        throw new _inputs_config_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`setup must run as root: it gives ${config.stateDir} to the runners' group`);
    const group = await runnerGroup(ctx);
    const dir = config.stateDir;
    // jobs/ too: every runner's pre step writes its state there (locks/ it may, see execute/lock-memory.ts)
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, 'jobs'), { recursive: true, mode: 0o770 });
    if (!(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(dir)).isDirectory())
        throw new _inputs_config_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`invalid input 'state-dir': ${dir} is not a directory (a link is not followed)`);
    const shared = [];
    // the dir, its jobs/ dir and the files the tool keeps there: never a link, never another kind
    const share = async (path) => {
        const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(path).catch(() => undefined);
        if (!st || !(st.isDirectory() || st.isFile()))
            return;
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.chown)(path, st.uid === 0 ? 0 : st.uid, group.gid);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.chmod)(path, st.isDirectory() ? SHARED_DIR_MODE : SHARED_FILE_MODE);
        shared.push(path);
        if (st.isDirectory())
            for (const name of await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(path))
                if (path === dir ? ['jobs', 'locks', 'ledger.json'].includes(name) : name.endsWith('.json'))
                    await share((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(path, name));
    };
    await share(dir);
    out.info(`state-dir ${dir}: group ${group.name} (gid ${group.gid}), mode 2770 (setgid: new files stay the group's); ${shared.length - 1} file(s) and dir(s) in it given to the group`);
    out.info(`the timer and every runner user in group ${group.name} now keep one ledger: every job's mark is seen by every run`);
    return (0,_context_js__WEBPACK_IMPORTED_MODULE_4__/* .finish */ .O9)(ctx);
}


/***/ })

};
