/** Image references: matching them the way Docker names local images, and which images containers and services use (pure). */
import type { ImageInfo } from '../model/host.js';
import type { Snapshot } from './types.js';

/**
 * `redis` → `redis:latest`; `docker.io/library/redis:7` → `redis:7`; `docker.io/foo/bar` →
 * `foo/bar:latest`; digests are kept (`redis@sha256:…`). Matches how `docker image ls` shows tags.
 */
export function normalizeReference(ref: string): string {
  let r = ref.trim();
  r = r.replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '');
  r = r.replace(/^library\//, '');
  if (r.includes('@')) return r;
  const lastSlash = r.lastIndexOf('/');
  return r.slice(lastSlash + 1).includes(':') ? r : `${r}:latest`;
}

/** A reference as one registry endpoint serves it, and whether that endpoint is plain HTTP. */
export interface Endpoint { ref: string; insecure: boolean }

/**
 * Where the daemon's pull of `ref` goes, in its order: a Docker Hub image through each of the
 * daemon's `registry-mirrors` first (`redis:7` as `<mirror>/library/redis:7`), then the registry
 * itself. `insecure(host)`: whether a registry host is spoken to over plain HTTP.
 */
export function pullEndpoints(ref: string, mirrors: readonly string[], insecure: (host: string) => boolean): Endpoint[] {
  const own = { ref, insecure: insecure(registryOf(ref)) };
  const path = normalizeReference(ref);
  if (registryOf(path) !== 'docker.io') return [own];
  const hubPath = path.includes('/') ? path : `library/${path}`;
  const viaMirrors = mirrors.flatMap((m) => {
    const u = /^(https?):\/\/([^/]+)\/?$/.exec(m.trim());
    return u ? [{ ref: `${u[2]}/${hubPath}`, insecure: u[1] === 'http' || insecure(u[2]!) }] : [];
  });
  return [...viaMirrors, own];
}

/** The registry host an image is pulled from (`docker.io` when none is named). */
export function registryOf(ref: string): string {
  const first = ref.split('/')[0]!;
  const isHost = ref.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return isHost ? first : 'docker.io';
}

/** The local image a reference resolves to, if present. */
export function findLocal(images: readonly ImageInfo[], ref: string): ImageInfo | undefined {
  const want = normalizeReference(ref);
  if (want.includes('@')) {
    const [name, digest] = want.split('@') as [string, string];
    const bare = name.replace(/:[^/:]+$/, '');
    return images.find((i) => i.digests.some((d) => d === `${bare}@${digest}`));
  }
  return images.find((i) => i.tags.includes(want));
}

/** Tag and digest lookups built once, for resolving many references against many images. */
export interface ImageIndex { byTag: Map<string, string>; byDigest: Map<string, string> }

export function indexImages(images: readonly ImageInfo[]): ImageIndex {
  const byTag = new Map<string, string>();
  const byDigest = new Map<string, string>();
  for (const i of images) {
    for (const t of i.tags) byTag.set(t, i.id);
    for (const d of i.digests) byDigest.set(d, i.id);
  }
  return { byTag, byDigest };
}

/**
 * Local image ids a service's image reference names: by its tag (`redis:7`) and, when it is
 * pinned (`redis:7@sha256:…`, as swarm stores it), by its digest.
 */
export function resolveIds(index: ImageIndex, ref: string): string[] {
  const [named, digest] = ref.split('@') as [string, string | undefined];
  const ids: string[] = [];
  const byTag = index.byTag.get(normalizeReference(named));
  if (byTag) ids.push(byTag);
  if (digest) {
    const bare = normalizeReference(named).replace(/:[^/:]+$/, '');
    const byDigest = index.byDigest.get(`${bare}@${digest}`);
    if (byDigest) ids.push(byDigest);
  }
  return ids;
}

/** The repository of a reference: `mariadb:10.11` and `mariadb@sha256:…` → `mariadb`. */
export function repositoryOf(ref: string): string {
  const at = ref.indexOf('@');
  if (at !== -1) return ref.slice(0, at);
  const colon = ref.lastIndexOf(':');
  return colon > ref.lastIndexOf('/') ? ref.slice(0, colon) : ref;
}

/** Ids of images in use now: by any container in any state, or named by a service (current or previous spec). */
export function imagesInUse(snap: Pick<Snapshot, 'images' | 'containers' | 'services'>): Set<string> {
  const used = new Set(snap.containers.map((c) => c.imageId));
  // the daemon's own count (API 1.51+) too: a container our list did not show still counts
  for (const i of snap.images) if ((i.containers ?? 0) > 0) used.add(i.id);
  const index = indexImages(snap.images);
  for (const s of snap.services ?? []) {
    for (const ref of [s.image, s.previousImage]) if (ref) for (const id of resolveIds(index, ref)) used.add(id);
  }
  return used;
}
