/** Minimal file globbing (`*`, `?`, `[…]`, `**`) for `compose-files`; Node 20 has no fs.glob. */
import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

const isMagic = (seg: string): boolean => /[*?[]/.test(seg);

function segmentRegExp(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 1);
      if (end === -1) { re += '\\['; continue; }
      re += `[${seg.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
      i = end;
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function entries(dir: string): { name: string; dir: boolean }[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).map((d) => ({ name: d.name, dir: d.isDirectory() }));
  } catch {
    return [];
  }
}

/** Files matching `pattern` (relative to `cwd`), sorted; a pattern without magic is returned as is if it exists. */
export function glob(pattern: string, cwd: string): string[] {
  const abs = isAbsolute(pattern) ? pattern : resolve(cwd, pattern);
  const segs = abs.split('/').filter(Boolean);
  const firstMagic = segs.findIndex(isMagic);
  if (firstMagic === -1) {
    try { return statSync(abs).isFile() ? [abs] : []; } catch { return []; }
  }
  const base = `/${segs.slice(0, firstMagic).join('/')}`;
  const out = new Set<string>();
  const walk = (dir: string, rest: string[]): void => {
    if (rest.length === 0) return;
    const [seg, ...tail] = rest as [string, ...string[]];
    if (seg === '**') {
      walk(dir, tail); // zero directories
      for (const e of entries(dir)) if (e.dir && !e.name.startsWith('.')) walk(join(dir, e.name), rest);
      return;
    }
    const re = segmentRegExp(seg);
    for (const e of entries(dir)) {
      if (!re.test(e.name) || (e.name.startsWith('.') && !seg.startsWith('.'))) continue;
      const p = join(dir, e.name);
      if (tail.length === 0) { if (!e.dir) out.add(p); } else if (e.dir) walk(p, tail);
    }
  };
  walk(base, segs.slice(firstMagic));
  return [...out].sort();
}
