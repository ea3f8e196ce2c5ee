/**
 * The warm-cache check of the pre step: which images the job needs are local (warm) and which
 * are not (cold), what the cold ones would download, which registries have credentials, and
 * (with `pull`) the pulls themselves with their cost, so cold vs warm is measured on every job.
 */
import { credentialsFor, readClientAuth } from '../docker/client-auth.js';
import type { DockerCli } from '../docker/cli.js';
import type { Engine } from '../docker/engine.js';
import { manifestBytes, pull, upstreamDigest, type PullResult } from '../docker/registry.js';
import { InputError } from '../inputs/config.js';
import { MAX_NEEDED_IMAGES } from '../inputs/reference.js';
import { DOCKER_CONCURRENCY, mapLimit } from '../runtime/pool.js';
import type { Config } from '../inputs/config.js';
import { formatBytes } from '../inputs/units.js';
import { findLocal, registryOf } from '../snapshot/references.js';
import type { JobReport, NeededImage } from '../report/types.js';
import type { Output } from '../runtime/output.js';
import type { Snapshot } from '../snapshot/types.js';
import { takeSnapshot } from '../snapshot/snapshot.js';

const GO_ARCH: Record<string, string> = { x86_64: 'amd64', aarch64: 'arm64', armv7l: 'arm' };
/** The platform a manifest list is resolved to: this daemon's, in Go's words. */
export const goArch = (snap: Pick<Snapshot, 'daemon'>): string => GO_ARCH[snap.daemon.architecture] ?? snap.daemon.architecture;

/**
 * The images the job needs: `images` first, then those of `compose-files`, deduplicated. The
 * YAML parser loads only for compose files: it is the biggest module of the pre step's path.
 */
export async function neededImages(config: Pick<Config, 'images' | 'composeFiles'>, env: NodeJS.ProcessEnv): Promise<string[]> {
  const fromCompose = config.composeFiles.length ? (await import('../inputs/compose.js')).composeImages(config.composeFiles, env).images : [];
  const all = [...new Set([...config.images, ...fromCompose])];
  if (all.length > MAX_NEEDED_IMAGES) throw new InputError(`invalid input 'images': with compose-files the job needs ${all.length} images, at most ${MAX_NEEDED_IMAGES}`);
  return all;
}

/** Whether the daemon talks to `registry` without TLS (its insecure-registries, loopback): the manifest request must too. */
export function isInsecure(registry: string, snap: Pick<Snapshot, 'daemon'>): boolean {
  return snap.daemon.insecureRegistries.includes(registry) || /^(127\.|localhost(:|$))/.test(registry);
}

/**
 * What the pre step knows of the images the job needs before any pull: the job report's start,
 * and what the report must warn about (exposed registry credentials).
 */
export async function assessWarmth(docker: DockerCli, out: Output, config: Pick<Config, 'checkUpstream'>, snap: Snapshot, refs: string[],
  env: Readonly<Record<string, string | undefined>>): Promise<{ job: JobReport; warnings: string[] }> {
  let images: NeededImage[] = [];
  const warnings: string[] = [];
  const registries = await out.group('Images the job needs', async () => {
    const auth = await readClientAuth(env);
    const registries = [...new Set(refs.map(registryOf))].map((registry) => ({ registry, credentials: credentialsFor(registry, auth) }));
    for (const r of registries) out.info(`registry ${r.registry}: ${r.credentials}`);
    if (auth.exposed) warnings.push(`${auth.path} is readable by group or others (mode ${auth.mode}): registry tokens in it are exposed; chmod 600 it`);
    if (snap.daemon.mirrors.length) out.info(`registry mirrors: ${snap.daemon.mirrors.join(', ')}`);

    images = refs.map((ref) => {
      const local = findLocal(snap.images, ref);
      return { ref, warm: !!local, id: local?.id, digest: local?.digests[0], downloadBytes: undefined, pull: undefined };
    });
    const arch = goArch(snap);
    // bounded: a job with many cold images must not start a docker process for each at once
    await mapLimit(images.filter((i) => !i.warm), DOCKER_CONCURRENCY, async (i) => {
      i.downloadBytes = await manifestBytes(docker, i.ref, isInsecure(registryOf(i.ref), snap), arch);
    });
    if (config.checkUpstream) {
      await mapLimit(images.filter((i) => i.warm), DOCKER_CONCURRENCY, async (i) => {
        const digest = await upstreamDigest(docker, i.ref, isInsecure(registryOf(i.ref), snap));
        const local = findLocal(snap.images, i.ref);
        i.upstream = digest === undefined || !local?.digests.length ? 'unknown' : local.digests.some((d) => d.endsWith(`@${digest}`)) ? 'current' : 'moved';
      });
      const moved = images.filter((i) => i.upstream === 'moved');
      const n = (u: string): number => images.filter((i) => i.upstream === u).length;
      out.info(`upstream: ${n('current')} current, ${moved.length} moved${moved.length ? ` (their pulls download: ${moved.map((i) => i.ref).join(', ')})` : ''}, ${n('unknown')} not comparable`);
    }
    const cold = images.filter((i) => !i.warm);
    const coldText = cold.map((i) => (i.downloadBytes === undefined ? i.ref : `${i.ref} (${formatBytes(i.downloadBytes)} to download)`));
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
export async function pullImages(engine: Engine, out: Output, config: Config, job: JobReport, snap: Snapshot): Promise<{ errors: string[]; after: Snapshot; job: JobReport }> {
  const errors: string[] = [];
  const toPull = config.pull === 'all' ? job.images : config.pull === 'cold' ? job.images.filter((i) => !i.warm) : [];
  if (!toPull.length) return { errors, after: snap, job };
  const pulls = new Map<string, NonNullable<NeededImage['pull']>>();
  await out.group(`Pulling ${toPull.length} image(s) (pull: ${config.pull})`, async () => {
    // one at a time: the timings then measure the registry, not contention between pulls
    for (const img of toPull) {
      const r = await pull(engine.cli, img.ref);
      pulls.set(img.ref, { ms: r.ms, layersDownloaded: r.layersDownloaded, layersReused: r.layersReused, upToDate: r.upToDate });
      out.info(describePull(r, img.warm));
      if (!r.ok) errors.push(`pull of ${img.ref} failed: ${r.error}`);
    }
  });
  const after = await takeSnapshot(engine);
  const images = job.images.map((i): NeededImage => {
    const local = findLocal(after.images, i.ref);
    const pulled = pulls.get(i.ref);
    return { ...i, id: local?.id ?? i.id, digest: local?.digests[0] ?? i.digest, ...(pulled ? { pull: pulled } : {}) };
  });
  return { errors, after, job: { ...job, images } };
}

/** Bytes the cold images will download, when the registry told for every one of them. */
export function coldDownloadBytes(job: JobReport): number {
  return job.images.filter((i) => !i.warm).reduce((n, i) => n + (i.downloadBytes ?? 0), 0);
}

function describePull(r: PullResult, wasWarm: boolean): string {
  if (!r.ok) return `✗ ${r.ref}: ${r.error} (${r.ms} ms)`;
  const what = r.upToDate ? 'up to date (manifest check only)' : `${r.layersDownloaded} layer(s) downloaded, ${r.layersReused} reused`;
  return `✓ ${r.ref} ${wasWarm ? 'warm' : 'cold'}: ${what} in ${r.ms} ms`;
}
