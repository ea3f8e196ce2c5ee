/** Image reference matching the way Docker names local images (pure). */
import type { ImageInfo } from '../snapshot/types.js';

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
