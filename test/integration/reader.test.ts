/**
 * The Engine port's two readers on a real engine: what the Engine API answers in-process and
 * what the docker CLI prints are the same host, object by object (on every engine of the
 * matrix, both image stores). The API reader is what every run uses where it reaches the
 * daemon itself; the CLI reader serves ssh://, TLS and CLI contexts.
 */
import { startEngine, type Engine } from '../bench/engine.js';
import { APP_SERVICE, DAY_MS, buildCache, importImage, makeDangling, service, stoppedContainer, waitRunning } from '../bench/fixtures.js';
import { cleanEnv } from '../bench/run.js';
import { openEngine } from '../../src/docker/engine.js';
import type { Engine as Port } from '../../src/docker/engine.js';
import { ApiReader } from '../../src/docker/api-reader.js';
import { takeSnapshot, withPruneAges } from '../../src/snapshot/snapshot.js';

let e: Engine;
let api: Port;
let cli: Port;

beforeAll(async () => {
  e = startEngine(512);
  importImage(e, 'mariadb:10.11', 200_000);
  e.docker(['tag', 'mariadb:10.11', 'mirror.example/library/mariadb:10.11']);
  importImage(e, 'nginx:1.27');
  makeDangling(e, 'app:old', 2 * DAY_MS);
  buildCache(e, 300_000);
  stoppedContainer(e, 'stopped1', 'nginx:1.27');
  e.docker(['volume', 'create', 'warm_db']);
  e.docker(['secret', 'create', 'db_password', '-'], { input: 'not printed anywhere' });
  service(e, APP_SERVICE, 'mariadb:10.11');
  await waitRunning(e, APP_SERVICE);
  api = openEngine({ host: e.dockerHost }, cleanEnv(e));
  cli = openEngine({ host: e.dockerHost, api: false }, cleanEnv(e));
});
afterAll(() => e?.stop());

const byId = <T extends { id: string }>(l: T[]): T[] => [...l].sort((a, b) => a.id.localeCompare(b.id));

test('the API and the CLI readers describe the same host', async () => {
  expect(api.read).toBeInstanceOf(ApiReader);
  expect(cli.read).not.toBeInstanceOf(ApiReader);
  const [a, c] = [await takeSnapshot(api), await takeSnapshot(cli)];
  // one request per list, not per object
  expect(a.dockerCalls).toBeLessThanOrEqual(9);
  expect(a.daemon).toEqual(c.daemon);
  expect(a.swarm).toEqual(c.swarm);
  expect(a.disk?.path).toBe(c.disk?.path);
  expect(a.diskError).toBeUndefined();
  // images: the same ids, references and ages (the list gives seconds, inspect nanoseconds)
  const img = (s: typeof a) => byId(s.images).map((i) => ({ id: i.id, tags: [...i.tags].sort(), digests: [...i.digests].sort(), dangling: i.dangling, createdS: Math.floor(i.createdMs / 1000) }));
  expect(img(a)).toEqual(img(c));
  expect(a.images.filter((i) => i.dangling)).toHaveLength(1);
  if (e.store === 'classic') expect(byId(a.images).map((i) => i.sizeBytes)).toEqual(byId(c.images).map((i) => i.sizeBytes));
  // the containerd store's prune age of a dangling image: asked of the API for those only, and
  // only where a plan is made
  const aged = await withPruneAges(api, a);
  const dangling = (s: typeof a) => s.images.find((i) => i.dangling)!.lastTagMs;
  if (e.store === 'containerd') expect([dangling(a), dangling(aged)]).toEqual([undefined, dangling(c)]);
  else expect(aged).toBe(a);
  const ctr = (s: typeof a) => byId(s.containers).map((x) => ({ ...x, imageRef: undefined, createdMs: Math.floor(x.createdMs / 1000) }));
  expect(ctr(a)).toEqual(ctr(c));
  expect(a.containers.map((x) => x.state).sort()).toEqual(['created', 'running']);
  expect(byId(a.services!)).toEqual(byId(c.services!));
  expect(a.services!.map((s) => [s.name, s.mode, s.running, s.desired])).toEqual([[APP_SERVICE, 'replicated', 1, 1]]);
  expect([a.volumes, a.networks, a.secrets, a.configs].map((l) => [...(l ?? [])].sort()))
    .toEqual([c.volumes, c.networks, c.secrets, c.configs].map((l) => [...(l ?? [])].sort()));
  expect(a.secrets).toEqual(['db_password']);
});

test('the disk-usage walks agree: build cache and what removing each image frees (the CLI rounds to 4 digits)', async () => {
  const [a, c] = [await api.read.uniqueImageBytes(), await cli.read.uniqueImageBytes()];
  expect([...a.keys()].sort()).toEqual([...c.keys()].sort());
  expect(a.size).toBeGreaterThan(2);
  for (const [id, bytes] of a) expect(Math.abs(bytes - c.get(id)!)).toBeLessThanOrEqual(Math.max(1000, bytes * 0.001));
  const [ab, cb] = [await api.read.buildCacheBytes(), await cli.read.buildCacheBytes()];
  expect(ab).toBeGreaterThan(100_000);
  expect(Math.abs(ab! - cb!)).toBeLessThanOrEqual(ab! * 0.001 + 1000);
});

test('a worker-shaped answer: an engine without swarm has no services, and says so the same way', async () => {
  e.docker(['swarm', 'leave', '--force']);
  const [a, c] = [await takeSnapshot(api), await takeSnapshot(cli)];
  expect(a.swarm).toEqual(c.swarm);
  expect(a.services).toEqual([]);
  expect(c.services).toEqual([]);
  expect(a.servicesError).toBe(c.servicesError);
});

test('no daemon: one clear line naming where it was asked', async () => {
  const gone = openEngine({ host: `unix://${e.dir}/no-such.sock` }, cleanEnv(e));
  await expect(takeSnapshot(gone)).rejects.toThrow(`cannot reach the Docker daemon at unix://${e.dir}/no-such.sock`);
});
