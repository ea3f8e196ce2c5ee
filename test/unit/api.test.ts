/**
 * The Engine API adapter: where it reaches (pure), how it converts the lists Docker answered
 * (JSON captured from real engines: 20.10 and 26.1 with the containerd store), and how it
 * behaves on the socket when the daemon misbehaves (a local HTTP server standing in for one:
 * an old API, an error, garbage, silence). The real engines are the integration suite's.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { apiEndpoint, EngineApi, readTlsFiles, tlsConnectionOptions, versionAtLeast } from '../../src/docker/api.js';
import * as A from '../../src/docker/api-schemas.js';
import { ApiReader, fromContainerList, fromImageList, fromServiceList } from '../../src/docker/api-reader.js';
import { ApiError, DockerTimeout, Stopped } from '../../src/docker/errors.js';
import { cliContext, openEngine, type Engine } from '../../src/docker/engine.js';
import { DaemonUnreachable, imageStoreOf } from '../../src/docker/reader.js';
import * as S from '../../src/docker/schemas.js';
import * as z from 'zod/mini';
import { planPrune } from '../../src/plan/prune-plan.js';
import { withRepoDigests } from '../../src/snapshot/snapshot.js';
import { imagesInUse } from '../../src/snapshot/references.js';
import { toImage } from '../../src/docker/cli-reader.js';
import type { ImageInfo } from '../../src/model/host.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (engine: string, name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, engine, name), 'utf8'));

describe('where the API is reached in-process, and where only the CLI can', () => {
  test.each([
    [undefined, {}, '/var/run/docker.sock'],
    ['unix:///run/user/1000/docker.sock', {}, '/run/user/1000/docker.sock'],
    [undefined, { DOCKER_HOST: 'unix:///tmp/e/docker.sock' }, '/tmp/e/docker.sock'],
  ])('%s %j → socket %s', (host, env, socket) => {
    expect(apiEndpoint(host, env)).toMatchObject({ socketPath: socket });
  });

  test('tcp:// in-process, with TLS as the CLI takes it from its environment; ssh://, a CLI context and npipe through the CLI', () => {
    expect(apiEndpoint('tcp://10.0.0.5:2375', {})).toEqual({ host: '10.0.0.5', port: 2375, target: 'tcp://10.0.0.5:2375' });
    expect(apiEndpoint('tcp://[::1]:2375', {})).toMatchObject({ host: '::1', port: 2375 });
    expect(apiEndpoint('tcp://10.0.0.5:2376', { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }))
      .toEqual({ host: '10.0.0.5', port: 2376, tls: { certDir: '/certs', verify: true }, target: 'tcp://10.0.0.5:2376' });
    // the CLI's defaults: port 2376 with TLS, the certificates in the client's config dir
    expect(apiEndpoint('tcp://builder', { DOCKER_TLS: '1', HOME: '/home/ci' })).toMatchObject({ port: 2376, tls: { certDir: '/home/ci/.docker', verify: false } });
    expect(apiEndpoint('tcp://builder', { DOCKER_TLS_VERIFY: '1', DOCKER_CONFIG: '/etc/ci/docker' })).toMatchObject({ tls: { certDir: '/etc/ci/docker', verify: true } });
    // a cert path without DOCKER_TLS(_VERIFY): the CLI talks plain TCP there; the reads follow the CLI
    expect(apiEndpoint('tcp://10.0.0.5:2376', { DOCKER_CERT_PATH: '/certs' })).toBeUndefined();
    expect(apiEndpoint('ssh://ci@builder', {})).toBeUndefined();
    expect(apiEndpoint(undefined, { DOCKER_CONTEXT: 'remote' })).toBeUndefined();
    expect(apiEndpoint(undefined, { DOCKER_CONTEXT: 'default' })).toMatchObject({ socketPath: '/var/run/docker.sock' });
    expect(apiEndpoint('npipe:////./pipe/docker_engine', {})).toBeUndefined();
  });

  test("a CLI context chosen in the client's config sends the reads through the CLI, as pulls and removals go", () => {
    // where the engine's reads go in-process; undefined: through the CLI
    const viaApi = (e: Engine): string | undefined => (e.read instanceof ApiReader ? e.read.target : undefined);
    const home = mkdtempSync(join(tmpdir(), 'cdp-ctx-'));
    try {
      const env = { HOME: home, PATH: '/nonexistent' };
      expect(cliContext(env)).toBeUndefined(); // no config: the default context
      expect(viaApi(openEngine({}, env))).toBe('unix:///var/run/docker.sock');
      mkdirSync(join(home, '.docker'));
      writeFileSync(join(home, '.docker', 'config.json'), JSON.stringify({ currentContext: 'rootless' }));
      expect(cliContext(env)).toBe('rootless');
      expect(viaApi(openEngine({}, env))).toBeUndefined();
      // a host given explicitly wins over any context, as it does for the CLI
      expect(viaApi(openEngine({ host: 'unix:///run/user/1000/docker.sock' }, env))).toBe('unix:///run/user/1000/docker.sock');
      expect(viaApi(openEngine({}, { ...env, DOCKER_HOST: 'unix:///tmp/d.sock' }))).toBe('unix:///tmp/d.sock');
    } finally { rmSync(home, { recursive: true, force: true }); }
  });

  test('API versions compare as numbers', () => {
    expect(versionAtLeast('1.41', '1.41')).toBe(true);
    expect(versionAtLeast('1.100', '1.41')).toBe(true);
    expect(versionAtLeast('1.40', '1.41')).toBe(false);
    expect(versionAtLeast('2.0', '1.41')).toBe(true);
  });
});

describe('lists as Docker 20.10 answers them (captured)', () => {
  const images = A.ImageList.parse(fixture('api-20.10', 'images-json.json')).map(fromImageList);

  test("images: one per id, the dangling one without 20.10's <none> placeholders, times in ms", () => {
    const dangling = images.filter((i) => i.dangling);
    expect(dangling).toHaveLength(1);
    expect(dangling[0]).toMatchObject({ tags: [], digests: [] });
    expect(images.find((i) => i.tags.includes('app:1'))!.tags).toEqual(['app:1', 'mirror.example/library/app:1']);
    expect(images.every((i) => i.createdMs > Date.parse('2026-01-01') && i.sizeBytes > 0 && i.lastTagMs === undefined)).toBe(true);
  });

  test('containers: names without the slash, the image id, the state and the swarm service', () => {
    const containers = A.ContainerList.parse(fixture('api-20.10', 'containers-json-all-1.json')).map(fromContainerList);
    const app = 'abcd-1a2b3c_ci_commoninternet_net_app';
    expect(containers.map((c) => [c.name.replace(/\..*/, ''), c.state, c.service]).sort()).toEqual([[app, 'running', app], ['stopped1', 'created', undefined]]);
    const appImage = images.find((i) => i.tags.includes('app:1'))!.id;
    expect(containers.every((c) => c.imageId === appImage)).toBe(true);
  });

  test('services: task counts and specs from one request', () => {
    const [s] = A.ServiceList.parse(fixture('api-20.10', 'services-status-true.json')).map(fromServiceList);
    expect(s).toMatchObject({ name: 'abcd-1a2b3c_ci_commoninternet_net_app', image: 'app:1', previousImage: undefined, mode: 'replicated', running: 1, desired: 1 });
    expect(s!.updatedMs).toBeGreaterThanOrEqual(s!.createdMs);
  });

  test('volumes and networks: names', () => {
    expect(A.VolumeList.parse(fixture('api-20.10', 'volumes.json')).Volumes!.map((v) => v.Name)).toEqual(['warm_db']);
    expect(A.NetworkList.parse(fixture('api-20.10', 'networks.json')).map((n) => n.Name).sort()).toEqual(['docker_gwbridge', 'host', 'ingress', 'none']); // (the test engine runs --bridge=none)
    expect(A.VolumeList.parse({ Volumes: null, Warnings: null }).Volumes).toBeNull();
  });

  test("a service's mode reads as the CLI words it", () => {
    const svc = (Mode: Record<string, unknown>) => fromServiceList(A.ServiceList.parse([{ ID: 'x', CreatedAt: '2026-11-25T00:00:00Z', UpdatedAt: '2026-11-25T00:00:00Z', Spec: { Name: 'x', Mode } }])[0]!);
    expect([svc({ Global: {} }), svc({ ReplicatedJob: {} }), svc({ GlobalJob: {} })].map((s) => s.mode)).toEqual(['global', 'replicated job', 'global job']);
    expect(svc({ Replicated: { Replicas: 2 } })).toMatchObject({ running: 0, desired: 0 }); // no ServiceStatus: none known running
  });
});

describe('lists as Docker 28.5 on the containerd store answers them (captured 2026-12-02) and as API 1.51-1.53 document them', () => {
  test('28.5: a replaced tag\'s old image is dangling (no reference at all), the container count is read, /info names the containerd socket', () => {
    const images = A.ImageList.parse(fixture('api-28.5-containerd', 'images-json.json')).map(fromImageList);
    expect(images.map((i) => [i.tags, i.dangling, i.containers])).toEqual([[[], true, 0], [['t:1'], false, 1]]);
    // no VirtualSize (gone since 1.44): Size, the content plus its unpacked snapshot, is what is read
    expect(images[0]!.sizeBytes).toBe(40_007_811);
    const info = S.DockerInfo.parse(fixture('api-28.5-containerd', 'info.json'));
    expect(info.Containerd?.Address).toBe('/tmp/cdp-sid/exec/containerd/containerd.sock');
    expect(imageStoreOf(info)).toBe('containerd');
    // API before 1.46 has no Containerd field: unknown, not an error
    expect(S.DockerInfo.parse({ ...info, Containerd: undefined }).Containerd).toBeUndefined();
  });

  test('an ImageSummary as moby api/docs/v1.52.yaml documents it (its example values); moby-dangling@ is no reference; a counted container protects the image', () => {
    const [tagged, dangling] = A.ImageList.parse(fixture('api-1.52-documented', 'images-json.json')).map(fromImageList) as [ImageInfo, ImageInfo];
    expect(tagged).toMatchObject({ tags: ['example:1.0', 'example:latest', 'example:stable', 'internal.registry.example.com:5000/example:1.0'], dangling: false, containers: 2, sizeBytes: 172_064_416 });
    // the containerd store keeps a replaced tag's old image as moby-dangling@<digest> (daemon/containerd/soft_delete.go)
    expect(dangling).toMatchObject({ tags: [], digests: [], dangling: true, containers: 0 });
    // Containers is -1 (not calculated) before 1.51: unknown, and then only the container list counts
    expect(fromImageList(A.ImageList.parse([{ Id: 'sha256:x', RepoTags: [], RepoDigests: [], Created: 1, Size: 1, Containers: -1 }])[0]!).containers).toBeUndefined();
    // the daemon counts 2 containers: in use, even where the container list shows none
    expect(imagesInUse({ images: [tagged, dangling], containers: [], services: [] })).toEqual(new Set([tagged.id]));
  });

  test('image inspect without GraphDriver (omitted on the containerd store) or VirtualSize reads', () => {
    const inspect = S.ImageInspect.parse([{ Id: 'sha256:ec3f', RepoTags: ['example:1.0'], RepoDigests: [], Size: 172_064_416, Metadata: { LastTagTime: '2026-12-01T10:00:00Z' } }]);
    expect(toImage(inspect[0]!)).toMatchObject({ tags: ['example:1.0'], sizeBytes: 172_064_416, lastTagMs: Date.parse('2026-12-01T10:00:00Z') });
  });
});

describe('lists as Docker 26.1 with the containerd image store answers them (captured)', () => {
  test('the store is recognised, an image in several repositories carries digest references, and a dangling age is unknown until asked', () => {
    expect(imageStoreOf(z.pick(S.DockerInfo, { DriverStatus: true }).parse(fixture('api-26.1-containerd', 'info-driver.json')))).toBe('containerd');
    const images = A.ImageList.parse(fixture('api-26.1-containerd', 'images-json.json')).map(fromImageList);
    const multi = images.find((i) => i.tags.length === 2)!;
    expect(multi.tags).toEqual(['app:1', 'app:2']);
    expect(multi.digests).toEqual([`app@${multi.id}`]);
    // the list names it by digest in one repository only; `image inspect` (and so the snapshot) in each
    const mirrored = { ...multi, tags: ['mariadb:10.11', 'mirror.example:5000/library/mariadb:10.11'], digests: [`mirror.example:5000/library/mariadb@${multi.id}`] };
    expect(withRepoDigests(mirrored).digests.sort()).toEqual([`mariadb@${multi.id}`, `mirror.example:5000/library/mariadb@${multi.id}`]);
    expect(withRepoDigests(multi)).toBe(multi);
    // without its last-tag time, no plan on that store counts a dangling image as old
    const dangling = { ...images[0]!, tags: [], dangling: true };
    expect(planPrune({ images: [dangling], containers: [], buildCacheBytes: 0, daemon: { imageStore: 'containerd' } }, 1000, Date.now())).toEqual([]);
  });
});

describe('on the socket', () => {
  let dir: string;
  let server: Server;
  let requests: string[];
  let answer: (url: string, res: ServerResponse) => void;
  const api = (timeoutMs = 2000, stop = { signal: undefined as string | undefined }) =>
    new EngineApi({ socketPath: join(dir, 'd.sock'), target: `unix://${join(dir, 'd.sock')}` }, timeoutMs, stop);
  const ping = (res: ServerResponse, version = '1.45') => { res.setHeader('API-Version', version); res.end('OK'); };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cdp-api-'));
    server = createServer((req, res) => { requests.push(req.url!); answer(req.url!, res); });
    await new Promise<void>((r) => server.listen(join(dir, 'd.sock'), r));
  });
  beforeEach(() => { requests = []; });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  test('requests carry no version prefix (the daemon answers at its own), /_ping goes once alongside', async () => {
    answer = (url, res) => (url === '/_ping' ? ping(res) : res.end(JSON.stringify([{ Name: 'bridge' }])));
    const a = api();
    await a.get('/networks', A.NetworkList);
    await a.get('/networks', A.NetworkList);
    expect(requests.sort()).toEqual(['/_ping', '/networks', '/networks']);
    expect(a.calls).toBe(3);
  });

  test('every answer is bounded: one past 64 MiB is an error naming the request, read no further', async () => {
    const mib = Buffer.alloc(1 << 20, 0x20);
    answer = (url, res) => {
      if (url === '/_ping') return ping(res);
      res.write('[');
      let sent = 0;
      // a runaway daemon: megabyte after megabyte, until the client hangs up
      const more = (): void => { while (sent++ < 200 && !res.destroyed) if (!res.write(mib)) { res.once('drain', more); return; } res.end(']'); };
      res.on('close', () => { sent = 1e9; });
      more();
    };
    const rss = process.memoryUsage().rss;
    await expect(api().get('/images/json', A.ImageList)).rejects.toThrow('GET /images/json failed (HTTP 200): the answer is over 64 MiB: refused');
    expect(process.memoryUsage().rss - rss).toBeLessThan(160 << 20);
  });

  test('an API older than 1.41 is refused, naming the version: no answer of it is used', async () => {
    answer = (url, res) => (url === '/_ping' ? ping(res, '1.40') : res.end('[]'));
    await expect(api().get('/networks', A.NetworkList)).rejects.toThrow(/speaks Docker API 1\.40; this tool reads 1\.41 \(Docker 20\.10\) or newer/);
  });

  test("an HTTP error carries the daemon's own message; a worker's swarm lists read as not visible", async () => {
    answer = (url, res) => {
      if (url === '/_ping') return ping(res);
      res.statusCode = 503;
      res.end(JSON.stringify({ message: 'This node is not a swarm manager. Worker nodes can\'t be used to view or modify cluster state.' }));
    };
    const err = await api().get('/services?status=true', A.ServiceList).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as Error).message).toBe("GET /services?status=true failed (HTTP 503): This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state.");
    expect(await new ApiReader(api()).swarm()).toEqual({ services: undefined, secrets: undefined, configs: undefined });
  });

  test('garbage and a wrong shape are errors naming the request, never a SyntaxError', async () => {
    answer = (url, res) => (url === '/_ping' ? ping(res) : res.end(url.startsWith('/networks') ? '{"not": json' : '{"Volumes": [{"Name": 1}]}'));
    await expect(api().get('/networks', A.NetworkList)).rejects.toThrow(/^GET \/networks failed \(HTTP 200\): answer is not JSON/);
    await expect(api().get('/volumes', A.VolumeList)).rejects.toThrow(/^GET \/volumes failed \(HTTP 200\): unexpected answer shape/);
  });

  test('a daemon that accepts and never answers, or stops half-way through: the request times out naming itself', async () => {
    answer = (url, res) => {
      if (url === '/_ping') return ping(res);
      if (url === '/volumes') { res.writeHead(200); res.write('{"Volumes": ['); } // then silence
      /* else: silence from the start */
    };
    for (const path of ['/info', '/volumes']) {
      const t0 = Date.now();
      const err = await api(300).get<unknown>(path, A.VolumeList).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DockerTimeout);
      expect((err as Error).message).toBe(`GET ${path} timed out after 300ms (docker-timeout)`);
      expect(Date.now() - t0).toBeLessThan(2000);
    }
  });

  test('the disk-usage walk: narrowed on 1.42+; on 1.41 one full walk answers the build cache and the images until a removal', async () => {
    const df = { Images: [{ Id: 'sha256:a', Size: 10, SharedSize: 4 }], BuildCache: [{ Size: 7, Shared: false }, { Size: 5, Shared: true }] };
    for (const version of ['1.41', '1.45']) {
      answer = (url, res) => (url === '/_ping' ? ping(res, version) : res.end(JSON.stringify(df)));
      requests = [];
      const a = api();
      const reader = new ApiReader(a);
      expect(await reader.buildCacheBytes()).toBe(7);
      expect(await reader.uniqueImageBytes()).toEqual(new Map([['sha256:a', 6]]));
      const walks = () => requests.filter((r) => r.startsWith('/system/df'));
      expect(walks()).toEqual(version === '1.41' ? ['/system/df'] : ['/system/df?type=build-cache', '/system/df?type=image']);
      reader.forgetDiskUsage(); // what the writer does after every removal: the walk before it is stale
      await reader.buildCacheBytes();
      expect(walks()).toHaveLength(version === '1.41' ? 2 : 3);
    }
  });

  test('/system/df as API 1.52 documents it (moby api/docs/v1.52.yaml, api/types/system/disk_usage.go at b985e23): the usage objects are read first; without the legacy lists (1.53\'s intent) the same figures', async () => {
    // 2 images sharing 74.8 MB of layers; 2 build cache records, one shared: the unique bytes and the cache's own
    const expected = { cache: 52_428_800, images: new Map([['sha256:af3fe2cf543a71d26c2475cb626a50058dbc7f367dc16a936b9c5b5803d3595d', 81_105_408 - 74_813_952], ['sha256:5c65edfd04cbc964114cf16d94f4c341daf231ec04cbe651205621285105b767', 91_591_168 - 74_813_952]]) };
    for (const name of ['system-df.json', 'system-df-new-fields-only.json']) {
      const body = fixture('api-1.52-documented', name) as Record<string, unknown>;
      answer = (url, res) => (url === '/_ping' ? ping(res, '1.52') : res.end(JSON.stringify(body)));
      const reader = new ApiReader(api());
      expect(await reader.buildCacheBytes()).toBe(expected.cache);
      expect(await reader.uniqueImageBytes()).toEqual(expected.images);
    }
    // the legacy lists alone (up to 1.51) still read; a usage object without items gives its total
    const legacy = fixture('api-1.52-documented', 'system-df.json') as Record<string, unknown>;
    answer = (url, res) => (url === '/_ping' ? ping(res, '1.51') : res.end(JSON.stringify({ Images: legacy.Images, BuildCache: legacy.BuildCache })));
    expect(await new ApiReader(api()).buildCacheBytes()).toBe(expected.cache);
    answer = (url, res) => (url === '/_ping' ? ping(res, '1.53') : res.end(JSON.stringify({ BuildCacheUsage: { TotalCount: 2, TotalSize: 56_623_104 }, ImageUsage: {} })));
    const brief = new ApiReader(api());
    expect(await brief.buildCacheBytes()).toBe(56_623_104);
    expect(await brief.uniqueImageBytes()).toEqual(new Map()); // unknown: the planner falls back to each image's size
  });

  test('no daemon at the socket: DaemonUnreachable naming where; a stop request: no request at all', async () => {
    const gone = new EngineApi({ socketPath: join(dir, 'none.sock'), target: `unix://${join(dir, 'none.sock')}` }, 1000, { signal: undefined });
    await expect(new ApiReader(gone).info()).rejects.toThrow(DaemonUnreachable);
    await expect(new ApiReader(gone).info()).rejects.toThrow(`cannot reach the Docker daemon at unix://${join(dir, 'none.sock')}`);
    answer = (url, res) => ping(res);
    const stopped = api(1000, { signal: 'SIGTERM' });
    await expect(stopped.get('/info', S.DockerInfo)).rejects.toThrow(Stopped);
    expect(requests).toEqual([]);
  });
});

describe('a wave of requests', () => {
  // the daemon in a thread of its own, counting the requests it has received in shared memory,
  // so this thread can read the count while it is busy (as it is while zod and the schemas load)
  test("every request asked at once is written before the first answer's schema loads", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdp-wave-'));
    const sock = join(dir, 'd.sock');
    const received = new Int32Array(new SharedArrayBuffer(4));
    const daemon = new Worker(`
      const { parentPort, workerData } = require('node:worker_threads');
      require('node:http').createServer((req, res) => {
        Atomics.add(workerData.received, 0, 1);
        res.setHeader('API-Version', '1.45');
        res.end(req.url === '/_ping' ? 'OK' : '[]');
      }).listen(workerData.sock, () => parentPort.postMessage('listening'));`, { eval: true, workerData: { sock, received } });
    try {
      await new Promise<void>((ready) => daemon.once('message', () => ready()));
      const a = new EngineApi({ socketPath: sock, target: `unix://${sock}` }, 5000, { signal: undefined });
      let receivedDuringLoad = 0;
      // the first request's loader stands in for zod's first load: it holds this thread until
      // the daemon has the whole wave (/_ping and three lists), or for 2 s
      const slowLoad = async () => {
        const until = Date.now() + 2000;
        while (Atomics.load(received, 0) < 4 && Date.now() < until) { /* busy, as a compile is */ }
        receivedDuringLoad = Atomics.load(received, 0);
        return A.NetworkList;
      };
      await Promise.all([a.get('/networks', slowLoad), a.get('/secrets', A.SpecNamedList), a.get('/configs', A.SpecNamedList)]);
      // written before the load, so the daemon worked on them meanwhile (before the fix: 2, the
      // other two waited for the load to end)
      expect(receivedDuringLoad).toBe(4);
    } finally {
      await daemon.terminate();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('TLS files', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'cdp-tls-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('the CA only when verifying; the client certificate and key where both exist', () => {
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(dir, f), f);
    expect(Object.keys(readTlsFiles({ certDir: dir, verify: true })).sort()).toEqual(['ca', 'cert', 'key']);
    expect(Object.keys(readTlsFiles({ certDir: dir, verify: false })).sort()).toEqual(['cert', 'key']);
    rmSync(join(dir, 'cert.pem'));
    expect(() => readTlsFiles({ certDir: dir, verify: true })).toThrow(`${dir} holds key.pem without cert.pem`);
    rmSync(join(dir, 'key.pem'));
    expect(Object.keys(readTlsFiles({ certDir: dir, verify: true }))).toEqual(['ca']); // no client certificate: none presented
  });

  test('a file that is there but cannot be read is an error naming it, not a quiet downgrade', () => {
    mkdirSync(join(dir, 'ca.pem')); // a directory where the CA should be
    expect(() => readTlsFiles({ certDir: dir, verify: true })).toThrow(`${join(dir, 'ca.pem')}: EISDIR`);
  });

  test('the daemon\'s name is checked when verifying (by SNI name, or by IP address), never skipped silently', () => {
    const verified = tlsConnectionOptions('docker.ci.example', 2376, { certDir: dir, verify: true }, {});
    expect(verified).toMatchObject({ host: 'docker.ci.example', port: 2376, servername: 'docker.ci.example', rejectUnauthorized: true });
    expect(verified.checkServerIdentity).toBeUndefined();
    expect(tlsConnectionOptions('10.0.0.5', 2376, { certDir: dir, verify: true }, {})).not.toHaveProperty('servername');
    expect(tlsConnectionOptions('10.0.0.5', 2376, { certDir: dir, verify: false }, {}).rejectUnauthorized).toBe(false);
  });
});
