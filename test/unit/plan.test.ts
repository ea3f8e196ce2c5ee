import { planPrune } from '../../src/plan/prune-plan.js';
import { parsePruneOutput } from '../../src/docker/cli-writer.js';
import { findLocal, normalizeReference, pullEndpoints, registryOf } from '../../src/snapshot/references.js';
import { findGoneDuringJob, findLeaks } from '../../src/modes/post.js';
import { jobStateOf } from '../../src/modes/job-state.js';
import type { ContainerInfo, ImageInfo } from '../../src/model/host.js';
import { capturedSnapshot } from './helpers.js';
import { imageStoreOf } from '../../src/snapshot/snapshot.js';

const NOW = Date.parse('2026-11-22T14:00:00Z');
const DAY = 86_400_000;
const img = (id: string, over: Partial<ImageInfo> = {}): ImageInfo => ({ id: `sha256:${id.padEnd(64, '0')}`, tags: [], digests: [], dangling: true, sizeBytes: 100, createdMs: NOW - 2 * DAY, lastTagMs: undefined, ...over });
const ctr = (id: string, image: ImageInfo, over: Partial<ContainerInfo> = {}): ContainerInfo => ({ id, name: id, imageId: image.id, imageRef: image.id, state: 'exited', createdMs: NOW - 2 * DAY, service: undefined, ...over });

describe('prune plan (what docker will remove)', () => {
  test('old stopped containers and old unused dangling images; never tagged, running or young', () => {
    const oldDangling = img('a');
    const youngDangling = img('b', { createdMs: NOW - 3_600_000 });
    const tagged = img('c', { tags: ['redis:7'], dangling: false });
    const usedDangling = img('d');
    const freedDangling = img('e');
    const containers = [
      ctr('running1', usedDangling, { state: 'running' }),
      ctr('exited-old', freedDangling),
      ctr('exited-young', tagged, { createdMs: NOW - 60_000 }),
      ctr('created-old', tagged, { state: 'created' }),
    ];
    const plan = planPrune({ images: [oldDangling, youngDangling, tagged, usedDangling, freedDangling], containers, buildCacheBytes: 0 }, DAY, NOW);
    expect(plan.filter((p) => p.kind === 'container').map((p) => p.id).sort()).toEqual(['created-old', 'exited-old']);
    // the dangling image of a container that the container prune removes goes too
    expect(plan.filter((p) => p.kind === 'image').map((p) => p.id).sort()).toEqual([oldDangling.id, freedDangling.id].sort());
  });

  test("the cut-off is Docker's: now minus until, truncated to a whole second", () => {
    // Docker turns `until=1s` into a Unix timestamp in seconds: at 10.3 s the cut-off is 9 s, so
    // an object made at 9.1 s (1.2 s old, older than until) stays and one made at 8.9 s goes
    // (seen on 26.1 with the containerd store: untagged 1.64 s earlier, kept by until=1s)
    const now = 10_300;
    const atNine = img('t', { createdMs: 9_100 });
    const beforeNine = img('u', { createdMs: 8_900 });
    const stopped = [ctr('made-9.1', atNine, { createdMs: 9_100 }), ctr('made-8.9', atNine, { createdMs: 8_900 })];
    const plan = planPrune({ images: [atNine, beforeNine], containers: stopped, buildCacheBytes: 0 }, 1000, now);
    expect(plan.map((p) => p.id)).toEqual(['made-8.9', beforeNine.id]);
  });

  test('build cache appears only when there is some', () => {
    expect(planPrune({ images: [], containers: [], buildCacheBytes: 0 }, DAY, NOW)).toEqual([]);
    expect(planPrune({ images: [], containers: [], buildCacheBytes: 5 }, DAY, NOW).map((p) => p.kind)).toEqual(['builder']);
  });

  test("on the containerd store a dangling image's age runs from when its tag moved away (its record's LastTagTime), not from its build", () => {
    // built 30 days ago, its tag moved to a new pull a minute ago: the classic store calls it old
    const repulled = img('f', { createdMs: NOW - 30 * DAY, lastTagMs: NOW - 60_000 });
    const untaggedLongAgo = img('g', { createdMs: NOW - 30 * DAY, lastTagMs: NOW - 2 * DAY });
    const unknown = img('h', { createdMs: NOW - 30 * DAY, lastTagMs: undefined });
    const images = [repulled, untaggedLongAgo, unknown];
    const ids = (store: 'classic' | 'containerd') => planPrune({ images, containers: [], buildCacheBytes: 0, daemon: { imageStore: store } }, DAY, NOW)
      .map((p) => p.id).sort();
    expect(ids('classic')).toEqual([repulled.id, untaggedLongAgo.id, unknown.id].sort());
    expect(ids('containerd')).toEqual([untaggedLongAgo.id]);
  });

  test('the image store is read from the driver status docker info reports', () => {
    expect(imageStoreOf({ DriverStatus: [['driver-type', 'io.containerd.snapshotter.v1']] })).toBe('containerd');
    expect(imageStoreOf({ DriverStatus: [['Backing Filesystem', 'extfs'], ['Supports d_type', 'true'], ['Using metacopy', 'false']] })).toBe('classic');
    expect(imageStoreOf({ DriverStatus: null })).toBe('classic');
  });

  test('on the captured engine: the fresh state has nothing older than 24h', () => {
    const s = capturedSnapshot();
    expect(planPrune(s, DAY, s.takenAtMs)).toEqual([]);
    expect(planPrune(s, DAY, s.takenAtMs + 2 * DAY).filter((p) => p.kind === 'image')).toHaveLength(1);
  });
});

test('docker prune output parsing (container, image and build cache prunes)', () => {
  const image = parsePruneOutput(`Deleted Images:\nuntagged: foo@sha256:${'1'.repeat(64)}\ndeleted: sha256:${'2'.repeat(64)}\ndeleted: sha256:${'3'.repeat(64)}\n\nTotal reclaimed space: 1.98MB\n`);
  expect(image).toEqual({ deleted: [`sha256:${'2'.repeat(64)}`, `sha256:${'3'.repeat(64)}`], reclaimedBytes: 1_980_000 });
  const containers = parsePruneOutput(`Deleted Containers:\n${'f'.repeat(64)}\n\nTotal reclaimed space: 0B\n`);
  expect(containers).toEqual({ deleted: ['f'.repeat(64)], reclaimedBytes: 0 });
  const cache = parsePruneOutput('Deleted build cache objects:\nwg55fl2borcm260196j20sks1\n\nTotal reclaimed space: 3MB\n');
  expect(cache).toEqual({ deleted: ['wg55fl2borcm260196j20sks1'], reclaimedBytes: 3_000_000 });
  expect(parsePruneOutput('Total reclaimed space: 0B\n')).toEqual({ deleted: [], reclaimedBytes: 0 });
});

describe('image references', () => {
  test.each([
    ['redis', 'redis:latest'], ['redis:7-alpine', 'redis:7-alpine'], ['docker.io/library/redis:7', 'redis:7'],
    ['docker.io/foo/bar', 'foo/bar:latest'], ['127.0.0.1:5000/app', '127.0.0.1:5000/app:latest'],
    ['git.coopcloud.tech/coop-cloud/abra:1.2', 'git.coopcloud.tech/coop-cloud/abra:1.2'],
  ])('%s → %s', (ref, want) => expect(normalizeReference(ref)).toBe(want));

  test('registry of a reference', () => {
    expect(registryOf('redis:7')).toBe('docker.io');
    expect(registryOf('foo/bar')).toBe('docker.io');
    expect(registryOf('127.0.0.1:5000/app:1')).toBe('127.0.0.1:5000');
    expect(registryOf('ghcr.io/x/y')).toBe('ghcr.io');
  });

  test('finds local images by tag or digest', () => {
    const images = [img('a', { tags: ['redis:7'], digests: [`redis@sha256:${'9'.repeat(64)}`], dangling: false })];
    expect(findLocal(images, 'docker.io/library/redis:7')?.id).toBe(images[0]!.id);
    expect(findLocal(images, `redis@sha256:${'9'.repeat(64)}`)?.id).toBe(images[0]!.id);
    expect(findLocal(images, 'redis:6')).toBeUndefined();
  });
});

describe('post-job proof', () => {
  const before = capturedSnapshot();
  const state = jobStateOf(before);

  test('an image gone with all its tags is an eviction; a moved tag or a dangling image is not', () => {
    const base = before.images.find((i) => i.tags.includes('base:1'))!;
    expect(findGoneDuringJob(state, before)).toEqual([]);
    const withoutBase = { images: before.images.filter((i) => i.id !== base.id) };
    expect(findGoneDuringJob(state, withoutBase)).toEqual([{ id: base.id, tags: base.tags }]);
    const retagged = { images: [...withoutBase.images, img('new', { tags: ['base:1'], dangling: false })] };
    expect(findGoneDuringJob(state, retagged)).toEqual([]);
    const withoutDangling = { images: before.images.filter((i) => !i.dangling) };
    expect(findGoneDuringJob(state, withoutDangling)).toEqual([]);
  });

  test('objects created during the job and still there are leaks', () => {
    const after = { ...before, volumes: [...before.volumes, 'abcd-1a2b3c_ci_commoninternet_net_db'], networks: [...before.networks, 'abcd-1a2b3c_ci_commoninternet_net_default'] };
    expect(findLeaks(state, after)).toEqual({ volumes: ['abcd-1a2b3c_ci_commoninternet_net_db'], networks: ['abcd-1a2b3c_ci_commoninternet_net_default'] });
    expect(findLeaks(state, before)).toEqual({});
  });
});

test('service references resolve to local ids by tag and by pinned digest (as swarm stores them)', async () => {
  const { indexImages, resolveIds } = await import('../../src/snapshot/references.js');
  const a = img('a', { tags: ['redis:7'], digests: [`redis@sha256:${'9'.repeat(64)}`], dangling: false });
  const b = img('b', { tags: ['127.0.0.1:5000/ci/app:2'], digests: [`127.0.0.1:5000/ci/app@sha256:${'8'.repeat(64)}`], dangling: false });
  const index = indexImages([a, b]);
  expect(resolveIds(index, `redis:7@sha256:${'9'.repeat(64)}`)).toEqual([a.id, a.id]);
  expect(resolveIds(index, `docker.io/library/redis:6@sha256:${'9'.repeat(64)}`)).toEqual([a.id]); // tag moved, digest still here
  expect(resolveIds(index, `127.0.0.1:5000/ci/app:2@sha256:${'8'.repeat(64)}`)).toEqual([b.id, b.id]);
  expect(resolveIds(index, 'nginx:1.27')).toEqual([]);
});

test('where a pull goes: a Docker Hub image through each of the daemon\'s mirrors first, then Hub; any other registry as named', () => {
  const insecure = (host: string) => host.startsWith('127.');
  const mirrors = ['http://127.0.0.1:5001', 'https://mirror.gcr.io/', 'not a url'];
  expect(pullEndpoints('redis:7', mirrors, insecure)).toEqual([
    { ref: '127.0.0.1:5001/library/redis:7', insecure: true },
    { ref: 'mirror.gcr.io/library/redis:7', insecure: false },
    { ref: 'redis:7', insecure: false },
  ]);
  expect(pullEndpoints('docker.io/foo/bar', ['https://m.example'], insecure)).toEqual([
    { ref: 'm.example/foo/bar:latest', insecure: false },
    { ref: 'docker.io/foo/bar', insecure: false },
  ]);
  // pinned by digest: through the mirrors too; not on Hub: only where it is named
  expect(pullEndpoints(`redis@sha256:${'a'.repeat(64)}`, ['https://m.example'], insecure)).toEqual([
    { ref: `m.example/library/redis@sha256:${'a'.repeat(64)}`, insecure: false }, { ref: `redis@sha256:${'a'.repeat(64)}`, insecure: false },
  ]);
  expect(pullEndpoints('127.0.0.1:5000/w/x:1', mirrors, insecure)).toEqual([{ ref: '127.0.0.1:5000/w/x:1', insecure: true }]);
  expect(pullEndpoints('ghcr.io/a/b:1', mirrors, insecure)).toEqual([{ ref: 'ghcr.io/a/b:1', insecure: false }]);
  expect(pullEndpoints('redis:7', [], insecure)).toEqual([{ ref: 'redis:7', insecure: false }]);
});
