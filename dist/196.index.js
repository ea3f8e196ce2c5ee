export const id = 196;
export const ids = [196];
export const modules = {

/***/ 6815:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MAX_COMPOSE_FILES: () => (/* binding */ MAX_COMPOSE_FILES),
  MAX_COMPOSE_FILE_BYTES: () => (/* binding */ MAX_COMPOSE_FILE_BYTES),
  composeImages: () => (/* binding */ composeImages),
  interpolate: () => (/* binding */ interpolate),
  parseDotEnv: () => (/* binding */ parseDotEnv)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/inputs/config.ts + 1 modules
var config = __webpack_require__(7204);
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

// EXTERNAL MODULE: ./src/inputs/reference.ts
var reference = __webpack_require__(2916);
// EXTERNAL MODULE: ./src/runtime/safe-read.ts
var safe_read = __webpack_require__(9500);
;// CONCATENATED MODULE: ./src/inputs/compose.ts
/**
 * The images a recipe's compose files need: files merged in order (a later file's `image` for a
 * service wins), `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?msg}`, `$VAR` and `$$`
 * interpolated from the environment, then from a `.env` beside the first file (the environment
 * wins, as in `docker compose`).
 */







/** A recipe's compose file is a few kB; these bound what a hostile repository can make us do. */
const MAX_COMPOSE_FILE_BYTES = 1 << 20;
const MAX_COMPOSE_FILES = 50;
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
    if (files.length > MAX_COMPOSE_FILES)
        throw new config/* InputError */.dz(`invalid input 'compose-files': ${files.length} files match, at most ${MAX_COMPOSE_FILES}`);
    let dotenv = {};
    // files from the repository under test: a FIFO or a device in their place must not hang the step
    const dotenvFile = (0,safe_read/* readRegularFileSync */.c)((0,external_node_path_.join)((0,external_node_path_.dirname)(files[0]), '.env'), MAX_COMPOSE_FILE_BYTES, true);
    if (dotenvFile.kind === 'ok')
        dotenv = parseDotEnv(dotenvFile.text); // no .env: fine
    const vars = { ...dotenv, ...env };
    const byService = new Map();
    for (const file of files) {
        let doc;
        const read = (0,safe_read/* readRegularFileSync */.c)(file, MAX_COMPOSE_FILE_BYTES, true);
        if (read.kind === 'refused' && read.why === 'too-big')
            throw new config/* InputError */.dz(`invalid input 'compose-files': ${file} is ${(0,external_node_fs_.statSync)(file).size} bytes, at most ${MAX_COMPOSE_FILE_BYTES}`);
        if (read.kind !== 'ok')
            throw new config/* InputError */.dz(`invalid input 'compose-files': ${read.kind === 'missing' ? `${file} does not exist` : read.detail}`);
        try {
            doc = ((0,dist/* parse */.qg)(read.text) ?? {});
        }
        catch (e) {
            throw new config/* InputError */.dz(`invalid input 'compose-files': ${file} is not valid YAML (${e.message.split('\n')[0]})`);
        }
        for (const [name, svc] of Object.entries(doc.services ?? {})) {
            if (!svc || typeof svc.image !== 'string')
                continue;
            if (svc.image.length > 4096)
                throw new config/* InputError */.dz(`invalid input 'compose-files': ${file}: the image of service ${JSON.stringify(name.slice(0, 60))} is ${svc.image.length} characters long`);
            const ref = interpolate(svc.image, vars, file);
            const why = (0,reference/* checkReference */.M5)(ref);
            if (why)
                throw new config/* InputError */.dz(`invalid input 'compose-files': ${file}: the image of service ${JSON.stringify(name.slice(0, 60))}, ${JSON.stringify(ref.slice(0, 80))}, ${why}`);
            byService.set(name, ref);
        }
    }
    const images = [...new Set(byService.values())];
    if (images.length > reference/* MAX_NEEDED_IMAGES */.mr)
        throw new config/* InputError */.dz(`invalid input 'compose-files': they name ${images.length} images, at most ${reference/* MAX_NEEDED_IMAGES */.mr}`);
    return { images, files };
}


/***/ })

};
