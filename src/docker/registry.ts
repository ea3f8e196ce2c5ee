/**
 * Pulls and manifests through the docker CLI. A pull is the daemon's, so its credentials, mirrors
 * and insecure-registry settings apply exactly as for the recipe job itself. A manifest request is
 * the CLI's own: the same credentials, but it goes where the reference names, never through the
 * daemon's mirrors (the warm run asks a mirror by name: snapshot/references.ts pullEndpoints). A
 * failed pull is returned with the registry's own message: a local copy never hides a broken pull.
 */
import type { DockerCli } from './cli.js';
import { DockerTimeout, lastLine as cliLastLine } from './errors.js';

export interface PullResult {
  ref: string;
  ok: boolean;
  ms: number;
  /** Layers downloaded (`Pull complete`); 0 for a warm pull (manifest check only). */
  layersDownloaded: number;
  /** Layers already present (`Already exists`). */
  layersReused: number;
  upToDate: boolean;
  error: string | undefined;
}

export async function pull(docker: DockerCli, ref: string): Promise<PullResult> {
  const t0 = performance.now();
  let r;
  try {
    // `--` : whatever the reference, it is never read as an option
    r = await docker.exec(['pull', '--', ref], { pull: true });
  } catch (e) {
    if (!(e instanceof DockerTimeout)) throw e;
    r = { exitCode: 124, stdout: '', stderr: e.message };
  }
  const ms = Math.round(performance.now() - t0);
  return {
    ref,
    ok: r.exitCode === 0,
    ms,
    ...countLayers(r.stdout),
    upToDate: r.stdout.split('\n').some((l) => l.startsWith('Status: Image is up to date')),
    error: r.exitCode === 0 ? undefined : lastLine(r.stderr) || `docker pull exited ${r.exitCode}`,
  };
}

/**
 * Layers a pull downloaded and reused, from its progress lines. The classic store prints
 * `<id>: Download complete` then `<id>: Pull complete` (extracted); the containerd image store
 * only `<id>: Download complete`: a layer counts once, whichever it printed.
 */
export function countLayers(stdout: string): { layersDownloaded: number; layersReused: number } {
  const downloaded = new Set<string>();
  const reused = new Set<string>();
  for (const line of stdout.split('\n')) {
    const m = /^([0-9a-f]{12,64}): (Pull complete|Download complete|Already exists)$/.exec(line.trim());
    if (m) (m[2] === 'Already exists' ? reused : downloaded).add(m[1]!);
  }
  return { layersDownloaded: downloaded.size, layersReused: reused.size };
}

const lastLine = (s: string): string => cliLastLine(s).replace(/^Error response from daemon:\s*/, '');

interface Manifest { layers?: { size?: number }[]; config?: { size?: number; digest?: unknown }; manifests?: unknown[] }

/**
 * `docker manifest inspect --verbose <ref>` as JSON: the registry's answer through the CLI (the
 * pull's credentials, the same insecure-registry rule); undefined when it cannot say (an error,
 * garbage, a slow registry). The one place that asks for a manifest.
 */
async function inspectManifest(docker: DockerCli, ref: string, insecure: boolean): Promise<unknown> {
  const r = await askManifest(docker, ref, insecure);
  return r.kind === 'ok' ? r.doc : undefined;
}

/** The registry's answer for `ref`: its manifest, or that the tag is gone (404 / manifest unknown), or that it could not answer. */
export type ManifestAnswer = { kind: 'ok'; doc: unknown } | { kind: 'gone'; message: string } | { kind: 'denied'; message: string } | { kind: 'unreachable'; message: string };

// what the CLI prints when the registry answered "no such tag" (distribution's MANIFEST_UNKNOWN, Hub's 404)
const GONE = /no such manifest|manifest unknown|not found: manifest|manifest for .* not found|404 not found/i;
// and when it refused the credentials, or hides a repository behind them (Hub's 401 for one that does not exist)
const DENIED = /no basic auth credentials|\bunauthorized: |authentication required|requested access to the resource is denied|\b401 Unauthorized\b|\b403 Forbidden\b/i;

async function askManifest(docker: DockerCli, ref: string, insecure: boolean): Promise<ManifestAnswer> {
  let r;
  try { r = await docker.exec(['manifest', 'inspect', ...(insecure ? ['--insecure'] : []), '--verbose', '--', ref]); } catch (e) {
    if (e instanceof DockerTimeout) return { kind: 'unreachable', message: e.message }; // a slow registry: it stays unknown
    throw e;
  }
  const message = lastLine(r.stderr) || `docker manifest inspect exited ${r.exitCode}`;
  if (r.exitCode !== 0) return GONE.test(r.stderr) ? { kind: 'gone', message } : DENIED.test(r.stderr) ? { kind: 'denied', message } : { kind: 'unreachable', message };
  try { return { kind: 'ok', doc: JSON.parse(r.stdout) as unknown }; } catch { return { kind: 'unreachable', message: 'the registry\'s manifest is not JSON' }; }
}

/**
 * What the nightly warm run needs of a reference, in one manifest request: whether the tag is
 * still there upstream, the digest it points at (a single-platform manifest; a list's own
 * digest is not printed), the digest of this host's platform's image config (the image id
 * on the classic store, a list's entry too) and the bytes a pull would download at most.
 */
export type UpstreamState =
  | { kind: 'ok'; digest: string | undefined; configDigest: string | undefined; bytes: number | undefined }
  | { kind: 'gone'; message: string }
  | { kind: 'denied'; message: string }
  | { kind: 'unreachable'; message: string };

export async function upstreamState(docker: DockerCli, ref: string, insecure: boolean, arch = 'amd64'): Promise<UpstreamState> {
  const r = await askManifest(docker, ref, insecure);
  if (r.kind !== 'ok') return r;
  const mine = platformManifest(r.doc, arch);
  const config = mine?.config?.digest;
  return { kind: 'ok', digest: digestOf(r.doc), configDigest: typeof config === 'string' && SHA256.test(config) ? config : undefined, bytes: bytesOfManifest(mine) };
}

const SHA256 = /^sha256:[0-9a-f]{64}$/;

function digestOf(doc: unknown): string | undefined {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const digest = (doc as { Descriptor?: { digest?: unknown } }).Descriptor?.digest;
  return typeof digest === 'string' && SHA256.test(digest) ? digest : undefined;
}

/** This platform's image manifest in `manifest inspect --verbose`'s answer (a list's entry, or the one manifest). */
function platformManifest(doc: unknown, arch: string): Manifest | undefined {
  if (doc === undefined || doc === null || typeof doc !== 'object') return undefined;
  type Entry = { Descriptor?: { platform?: { architecture?: string; os?: string } }; SchemaV2Manifest?: Manifest; OCIManifest?: Manifest };
  const entries: Entry[] = Array.isArray(doc) ? doc as Entry[] : [doc as Entry];
  const mine = entries.find((e) => !e.Descriptor?.platform || (e.Descriptor.platform.architecture === arch && e.Descriptor.platform.os === 'linux')) ?? entries[0];
  return mine?.SchemaV2Manifest ?? mine?.OCIManifest;
}

function bytesOfManifest(m: Manifest | undefined): number | undefined {
  if (!m?.layers) return undefined;
  return m.layers.reduce((n, l) => n + (l.size ?? 0), 0) + (m.config?.size ?? 0);
}

const bytesOf = (doc: unknown, arch: string): number | undefined => bytesOfManifest(platformManifest(doc, arch));

/**
 * Bytes a cold image would download (compressed layers + config), when the registry tells.
 * Multi-platform lists are resolved with `--verbose` to this host's platform.
 */
export async function manifestBytes(docker: DockerCli, ref: string, insecure: boolean, arch = 'amd64'): Promise<number | undefined> {
  return bytesOf(await inspectManifest(docker, ref, insecure), arch);
}

/**
 * The digest the registry serves for `ref` now; undefined when it cannot say: a multi-platform
 * list (its own digest is not printed; the local copy records that one), an error, a slow registry.
 */
export async function upstreamDigest(docker: DockerCli, ref: string, insecure: boolean): Promise<string | undefined> {
  return digestOf(await inspectManifest(docker, ref, insecure));
}
