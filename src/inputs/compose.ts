/**
 * The images a recipe's compose files need: files merged in order (a later file's `image` for a
 * service wins), `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?msg}`, `$VAR` and `$$`
 * interpolated from the environment, then from a `.env` beside the first file (the environment
 * wins, as in `docker compose`).
 */
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { InputError } from './config.js';
import { glob } from './glob.js';
import { checkReference, MAX_NEEDED_IMAGES } from './reference.js';
import { readRegularFileSync } from '../runtime/safe-read.js';

/** A recipe's compose file is a few kB; these bound what a hostile repository can make us do. */
export const MAX_COMPOSE_FILE_BYTES = 1 << 20;
export const MAX_COMPOSE_FILES = 50;

type Vars = Record<string, string | undefined>;

/** Parses a `.env` file: KEY=value lines, optional quotes, `#` comments. */
export function parseDotEnv(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2]!;
    if (/^"(.*)"$/.test(v) || /^'(.*)'$/.test(v)) v = v.slice(1, -1);
    else v = v.replace(/\s+#.*$/, '');
    vars[m[1]!] = v;
  }
  return vars;
}

/** Compose-style interpolation of one string (defaults may nest). Throws InputError for `${VAR:?msg}` when unset. */
export function interpolate(text: string, vars: Vars, where: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '$') { out += c; continue; }
    const next = text[i + 1];
    if (next === '$') { out += '$'; i++; continue; }
    if (next !== '{') {
      const bare = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
      if (!bare) { out += c; continue; }
      out += vars[bare[0]] ?? '';
      i += bare[0].length;
      continue;
    }
    // ${…}: find the matching brace (defaults may contain ${…} themselves)
    let depth = 1;
    let j = i + 2;
    for (; j < text.length && depth > 0; j++) {
      if (text[j] === '{') depth++;
      else if (text[j] === '}') depth--;
    }
    if (depth !== 0) throw new InputError(`compose file ${where}: unterminated \${ in ${JSON.stringify(text)}`);
    out += substitute(text.slice(i + 2, j - 1), vars, where);
    i = j - 1;
  }
  return out;
}

function substitute(expr: string, vars: Vars, where: string): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([\s\S]*))?$/.exec(expr);
  if (!m) throw new InputError(`compose file ${where}: bad substitution \${${expr}}`);
  const [, key, op, arg] = m as unknown as [string, string, string | undefined, string | undefined];
  const value = vars[key];
  const missing = op?.startsWith(':') ? value === undefined || value === '' : value === undefined;
  if (!op || !missing) return value ?? '';
  if (op.endsWith('-')) return interpolate(arg ?? '', vars, where);
  throw new InputError(`compose file ${where}: required variable ${key} is not set${arg ? ` (${arg})` : ''}`);
}

/** Images (in first-seen order) needed by the services of the merged compose files. */
export function composeImages(patterns: string[], env: Vars, cwd = process.cwd()): { images: string[]; files: string[] } {
  const files = patterns.flatMap((p) => {
    const found = glob(p, cwd);
    if (found.length === 0) throw new InputError(`invalid input 'compose-files': ${JSON.stringify(p)} matches no file`);
    return found;
  });
  if (files.length > MAX_COMPOSE_FILES) throw new InputError(`invalid input 'compose-files': ${files.length} files match, at most ${MAX_COMPOSE_FILES}`);
  let dotenv: Record<string, string> = {};
  // files from the repository under test: a FIFO or a device in their place must not hang the step
  const dotenvFile = readRegularFileSync(join(dirname(files[0]!), '.env'), MAX_COMPOSE_FILE_BYTES, true);
  if (dotenvFile.kind === 'ok') dotenv = parseDotEnv(dotenvFile.text); // no .env: fine
  const vars: Vars = { ...dotenv, ...env };
  const byService = new Map<string, string>();
  for (const file of files) {
    let doc: { services?: Record<string, { image?: unknown } | null> };
    const read = readRegularFileSync(file, MAX_COMPOSE_FILE_BYTES, true);
    if (read.kind === 'refused' && read.why === 'too-big') throw new InputError(`invalid input 'compose-files': ${file} is ${statSync(file).size} bytes, at most ${MAX_COMPOSE_FILE_BYTES}`);
    if (read.kind !== 'ok') throw new InputError(`invalid input 'compose-files': ${read.kind === 'missing' ? `${file} does not exist` : read.detail}`);
    try {
      doc = (parse(read.text) ?? {}) as typeof doc;
    } catch (e) {
      throw new InputError(`invalid input 'compose-files': ${file} is not valid YAML (${(e as Error).message.split('\n')[0]})`);
    }
    for (const [name, svc] of Object.entries(doc.services ?? {})) {
      if (!svc || typeof svc.image !== 'string') continue;
      if (svc.image.length > 4096) throw new InputError(`invalid input 'compose-files': ${file}: the image of service ${JSON.stringify(name.slice(0, 60))} is ${svc.image.length} characters long`);
      const ref = interpolate(svc.image, vars, file);
      const why = checkReference(ref);
      if (why) throw new InputError(`invalid input 'compose-files': ${file}: the image of service ${JSON.stringify(name.slice(0, 60))}, ${JSON.stringify(ref.slice(0, 80))}, ${why}`);
      byService.set(name, ref);
    }
  }
  const images = [...new Set(byService.values())];
  if (images.length > MAX_NEEDED_IMAGES) throw new InputError(`invalid input 'compose-files': they name ${images.length} images, at most ${MAX_NEEDED_IMAGES}`);
  return { images, files };
}
