/**
 * Builds the week's catalogue once: base images (busybox and random bytes, `docker import`),
 * every image version FROM its base with its own random layer (so layers are shared the way
 * real recipes share them, and compressed size = size on disk), pushed to a registry storage
 * that each policy then clones. Cached under `.bench/` by the catalogue's content.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEngine } from './engine.js';
import { importImage } from './fixtures.js';
import { rng, type Trace } from './week-trace.js';
import { startRegistry } from './week-registry.js';

/** Random but reproducible bytes (the catalogue is the same for every run with the same seed). */
function bytesFor(seed: string, n: number): Buffer {
  const r = rng(Number.parseInt(createHash('sha256').update(seed).digest('hex').slice(0, 8), 16));
  const out = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i += 4) out.writeUInt32LE(Math.floor(r() * 4294967296) >>> 0, Math.min(i, n - 4));
  return out;
}

export async function buildCatalogue(trace: Trace, cacheRoot: string): Promise<string> {
  const key = createHash('sha256').update(JSON.stringify({ bases: trace.bases, images: trace.images, v: 1 })).digest('hex').slice(0, 16);
  const storage = join(cacheRoot, `catalogue-${key}`);
  if (existsSync(join(storage, 'complete'))) return storage;
  rmSync(storage, { recursive: true, force: true });
  mkdirSync(storage, { recursive: true });
  const builder = startEngine(4096);
  const reg = await startRegistry(join(builder.dir, 'registry'), join(storage, 'data'));
  try {
    for (const b of trace.bases) importImage(builder, b.name, b.bytes);
    for (const img of trace.images) {
      const ctx = join(builder.dir, `ctx-${img.repo.replace(/\W/g, '_')}-${img.tag}`);
      mkdirSync(ctx, { recursive: true });
      writeFileSync(join(ctx, 'layer'), bytesFor(`${img.repo}:${img.tag}`, img.bytes));
      writeFileSync(join(ctx, 'Dockerfile'), `FROM ${img.base}\nCOPY layer /${img.repo.replace(/\W/g, '_')}\n`);
      const ref = `${reg.address}/${img.repo}:${img.tag}`;
      builder.sh(`DOCKER_BUILDKIT=0 docker build -q -t '${ref}' '${ctx}' >/dev/null`);
      builder.docker(['push', '--quiet', ref]);
      rmSync(ctx, { recursive: true, force: true });
    }
    writeFileSync(join(storage, 'complete'), new Date().toISOString());
  } finally {
    reg.stop();
    builder.stop();
  }
  return storage;
}
