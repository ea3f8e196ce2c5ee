/**
 * Builders for a realistic CI-host state on a hermetic engine, without any registry on the
 * internet: busybox images via `docker import`, images with an old Created time, dangling
 * images, run-app stacks, crash-looping services, volumes, build cache, and disk pressure.
 */
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from './engine.js';

export const DAY_MS = 86_400_000;
/** A service name the default stack pattern treats as a live run-app stack. */
export const APP_SERVICE = 'abcd-1a2b3c_ci_commoninternet_net_app';

/**
 * Random payload bytes for an image that takes `diskBytes` more than busybox on disk. The
 * containerd store keeps both the (incompressible) content and its unpacked snapshot, so the
 * same footprint needs half the payload there: tests then assert the same sizes on both stores.
 */
export const payloadBytes = (e: Engine, diskBytes: number): number => (e.store === 'containerd' ? Math.round(diskBytes / 2) : diskBytes);

/** Imports a busybox image taking about `extraBytes` more on disk (random data: sizes and content differ). */
export function importImage(e: Engine, ref: string, extraBytes = 0): string {
  const root = mkdtempSync(join(e.dir, 'rootfs-'));
  try {
    mkdirSync(join(root, 'bin'));
    copyFileSync('/bin/busybox', join(root, 'bin', 'busybox'));
    for (const l of ['sh', 'sleep', 'true', 'false', 'cat', 'ls']) symlinkSync('busybox', join(root, 'bin', l));
    // Random data also makes every import a distinct image (a distinct layer).
    writeFileSync(join(root, 'payload'), randomBytes(Math.max(payloadBytes(e, extraBytes), 16)));
    e.sh(`tar -C '${root}' -c . | docker import - '${ref}' >/dev/null`);
    return imageId(e, ref);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function imageId(e: Engine, ref: string): string {
  return e.docker(['image', 'inspect', '--format', '{{.Id}}', ref]).trim();
}

/**
 * An image whose Created time is `ageMs` in the past: a `docker save`-format archive written
 * here (busybox rootfs layer, a config with that `created`) and `docker load`ed; `extraBytes`
 * as in importImage. Both image stores load this format; the image id is the config digest on
 * the classic store and the manifest digest on the containerd store, so it is read back.
 */
export function importOldImage(e: Engine, ref: string, ageMs: number, extraBytes = 0): string {
  const work = mkdtempSync(join(e.dir, 'save-'));
  const root = mkdtempSync(join(e.dir, 'rootfs-'));
  try {
    mkdirSync(join(root, 'bin'));
    copyFileSync('/bin/busybox', join(root, 'bin', 'busybox'));
    for (const l of ['sh', 'sleep', 'true', 'false', 'cat', 'ls']) symlinkSync('busybox', join(root, 'bin', l));
    writeFileSync(join(root, 'payload'), randomBytes(Math.max(payloadBytes(e, extraBytes), 16)));
    e.sh(`tar -C '${root}' -cf '${work}/layer.tar' .`);
    const diffId = createHash('sha256').update(readFileSync(join(work, 'layer.tar'))).digest('hex');
    mkdirSync(join(work, diffId));
    renameSync(join(work, 'layer.tar'), join(work, diffId, 'layer.tar'));
    const created = new Date(Date.now() - ageMs).toISOString();
    const config = Buffer.from(JSON.stringify({
      architecture: GO_ARCH[process.arch] ?? process.arch, os: 'linux', created, config: { Cmd: ['sh'] },
      rootfs: { type: 'layers', diff_ids: [`sha256:${diffId}`] }, history: [{ created, created_by: 'ci-docker-prune test fixture' }],
    }));
    const digest = createHash('sha256').update(config).digest('hex');
    writeFileSync(join(work, `${digest}.json`), config);
    writeFileSync(join(work, 'manifest.json'), JSON.stringify([{ Config: `${digest}.json`, RepoTags: [ref], Layers: [`${diffId}/layer.tar`] }]));
    e.sh(`tar -C '${work}' -c . | docker load -q >/dev/null`);
    return imageId(e, ref);
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  }
}

const GO_ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64' };

/**
 * How long an object must wait to count as older than the tests' `until=1s`: Docker truncates
 * the cut-off (now - 1 s) to a whole second, so anything younger than 2 s may still be kept.
 */
export const PAST_UNTIL_1S_MS = 2_100;

/** Waits until what exists now is older than `until=1s` by Docker's rule. */
export function pastUntil1s(): Promise<void> {
  return new Promise((r) => setTimeout(r, PAST_UNTIL_1S_MS));
}

/**
 * A dangling image: `ref` imported, then `ref` moved to a newer image by `docker tag`. Returns
 * the dangling id. The tag moves (as a build or pull moves it) because an import or load over
 * the tag deletes the old image on the containerd store instead of leaving it dangling.
 */
export function makeDangling(e: Engine, ref: string, ageMs = 0, extraBytes = 0): string {
  const old = ageMs > 0 ? importOldImage(e, ref, ageMs, extraBytes) : importImage(e, ref, extraBytes);
  const next = `${ref.replace(/:[^:/]*$/, '')}-next:${Date.now().toString(36)}`;
  importImage(e, next);
  e.docker(['tag', next, ref]);
  e.docker(['image', 'rm', next]); // only untags: `ref` still names the newer image
  // on the containerd store its prune age starts now (when the tag moved): the tests prune with
  // until=1s, so it is made older than that, by Docker's rule, before any run can look at it
  if (e.store === 'containerd') e.sh(`sleep ${PAST_UNTIL_1S_MS / 1000}`);
  return old;
}

/** A stopped container (state `created`) using `image`. */
export function stoppedContainer(e: Engine, name: string, image: string): string {
  return e.docker(['container', 'create', '--name', name, '--network', 'none', image, 'true']).trim();
}

/** A replicated swarm service running `sleep` (a live run-app stack when named like APP_SERVICE). */
export function service(e: Engine, name: string, image: string, command: string[] = ['sleep', '600'], restartDelay = '1s'): string {
  return e.docker(['service', 'create', '--detach', '--quiet', '--name', name, '--restart-delay', restartDelay, image, ...command]).trim();
}

/**
 * A service whose task exits 1 at once: it stays 0/1 (stuck, or converging while young). Its
 * task is up for an instant at each restart; 10 s between restarts keeps those instants rare, so
 * that two checks a few milliseconds apart (the Engine API's) do not both land in one.
 */
export function crashingService(e: Engine, name: string, image: string): string {
  return service(e, name, image, ['sh', '-c', 'exit 1'], '10s');
}

/** Waits until `cond` holds, polling; throws after `timeoutMs`. */
export async function waitFor(what: string, cond: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Waits for a service's running tasks to reach its desired count. */
export async function waitRunning(e: Engine, name: string): Promise<void> {
  await waitFor(`${name} to run`, () => {
    const r = e.docker(['service', 'ls', '--filter', `name=${name}`, '--format', '{{.Replicas}}']).trim();
    const m = /^(\d+)\/(\d+)/.exec(r);
    return m !== null && m[1] === m[2] && m[1] !== '0';
  });
}

/** Build cache via BuildKit (Debian's 20.10 client has it built in; no network needed). */
export function buildCache(e: Engine, bytes: number, tag = 'built:cache'): void {
  const ctx = mkdtempSync(join(e.dir, 'build-'));
  try {
    writeFileSync(join(ctx, 'blob'), randomBytes(bytes));
    importImage(e, 'build-base:1');
    writeFileSync(join(ctx, 'Dockerfile'), 'FROM build-base:1\nCOPY blob /blob\n');
    e.sh(`DOCKER_BUILDKIT=1 /usr/bin/docker build -q --network none -t '${tag}' '${ctx}' >/dev/null 2>&1`);
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
}

/** Fills the engine's filesystem until it is at least `percent` used (a real filler file). */
export function fillDiskTo(e: Engine, percent: number, name = 'filler'): void {
  const out = e.sh(`df -B1 --output=used,avail '${e.mount}' | tail -1`).trim().split(/\s+/).map(Number);
  const [used, avail] = out as [number, number];
  const want = Math.ceil(((used + avail) * percent) / 100) - used;
  if (want > 0) e.sh(`fallocate -l ${want + (1 << 20)} '${e.mount}/${name}-${Date.now()}'`);
}

/** Removes filler files again. */
export function clearFiller(e: Engine): void {
  e.sh(`rm -f '${e.mount}'/filler-*`);
}

/** Everything a prune must not touch unexpectedly: a sorted inventory to compare before/after. */
export function inventory(e: Engine): { images: string[]; containers: string[]; volumes: string[] } {
  const lines = (args: string[]): string[] => e.docker(args).split('\n').map((l) => l.trim()).filter(Boolean).sort();
  return {
    images: lines(['image', 'ls', '--no-trunc', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}']),
    containers: lines(['container', 'ls', '--all', '--no-trunc', '--format', '{{.ID}}']),
    volumes: lines(['volume', 'ls', '--format', '{{.Name}}']),
  };
}
