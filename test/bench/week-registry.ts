/**
 * The week replay's registry: Debian's `docker-registry` (distribution 2.8) on loopback, no
 * auth, its access log on disk so every byte a policy downloads is counted where it is served.
 * One storage is built once; each policy gets its own clone (blobs hard-linked: the registry
 * never rewrites a blob; tag links copied: it rewrites those in place), so a tag moved upstream
 * during one policy's week does not move for another.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { FREE_PORTS } from './paths.js';

export interface Registry {
  /** `127.0.0.1:port`: Docker treats 127.0.0.0/8 as insecure by default, no daemon flag needed. */
  address: string;
  storage: string;
  /** Bytes of every GET response so far (manifests and blobs): what pulls downloaded. */
  bytesServed(): number;
  /** Points `repo:tag` at the manifest `repo:from` has now: the tag moved upstream. */
  moveTag(repo: string, tag: string, from: string): Promise<void>;
  stop(): void;
}

/** A free port below the kernel's ephemeral range (see free-ports.cjs for why). */
function freePort(): number {
  return Number(execFileSync('node', [FREE_PORTS, '1'], { encoding: 'utf8' }).trim());
}

async function waitPort(port: number, log: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = connect(port, '127.0.0.1');
      c.once('connect', () => { c.destroy(); resolve(true); });
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the registry did not start on 127.0.0.1:${port}: ${readFileSync(log, 'utf8').slice(-500)}`);
}

/** Copies a registry storage: blobs hard-linked, everything else (tag and layer links) copied. */
export function cloneStorage(from: string, to: string): void {
  const v2 = join('docker', 'registry', 'v2');
  mkdirSync(join(to, v2), { recursive: true });
  const r = spawnSync('cp', ['-al', join(from, v2, 'blobs'), join(to, v2, 'blobs')]);
  if (r.status !== 0) throw new Error(`cp -al of the registry blobs failed: ${r.stderr}`);
  cpSync(join(from, v2, 'repositories'), join(to, v2, 'repositories'), { recursive: true });
}

const MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';

export async function startRegistry(dir: string, storage: string): Promise<Registry> {
  mkdirSync(dir, { recursive: true });
  mkdirSync(storage, { recursive: true });
  const port = freePort();
  const config = join(dir, 'registry.yml');
  const access = join(dir, 'access.log');
  writeFileSync(config, [
    'version: 0.1',
    'log: {level: error}',
    `storage: {filesystem: {rootdirectory: ${storage}}, delete: {enabled: true}}`,
    `http: {addr: 127.0.0.1:${port}}`,
  ].join('\n'));
  // the access log (combined log format) goes to stdout, the rest to stderr
  const child = spawn('docker-registry', ['serve', config], {
    stdio: ['ignore', openSync(access, 'a'), openSync(join(dir, 'registry.err'), 'a')], detached: true,
  });
  child.unref();
  const stop = (): void => { try { process.kill(child.pid!, 'SIGKILL'); } catch { /* gone */ } };
  process.on('exit', stop);
  await waitPort(port, join(dir, 'registry.err'));
  const address = `127.0.0.1:${port}`;
  return {
    address,
    storage,
    bytesServed() {
      let n = 0;
      for (const m of readFileSync(access, 'utf8').matchAll(/"GET [^"]*" (\d{3}) (\d+)/g)) if (m[1]!.startsWith('2')) n += Number(m[2]);
      return n;
    },
    async moveTag(repo, tag, from) {
      const base = `http://${address}/v2/${repo}/manifests`;
      const got = await fetch(`${base}/${from}`, { headers: { accept: MANIFEST } });
      if (!got.ok) throw new Error(`GET ${repo}:${from}: ${got.status}`);
      const body = Buffer.from(await got.arrayBuffer());
      const put = await fetch(`${base}/${tag}`, { method: 'PUT', headers: { 'content-type': got.headers.get('content-type') ?? MANIFEST }, body });
      if (!put.ok) throw new Error(`PUT ${repo}:${tag}: ${put.status} ${await put.text()}`);
    },
    stop,
  };
}
