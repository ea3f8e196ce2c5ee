/**
 * Hosts shaped like real ones: images referenced in several repositories, a job's min-free
 * on the critical path, the usual unprivileged runner user with the defaults, a daemon
 * whose DockerRootDir path exists here but is not its storage, and one reached over TLS.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startEngine, type Engine } from '../bench/engine.js';
import { DAY_MS, fillDiskTo, importImage, makeDangling } from '../bench/fixtures.js';
import { startProxy, waitForEvent, type FaultProxy } from '../bench/proxy.js';
import { BUNDLE, cleanEnv, runTool, startTool } from '../bench/run.js';
import type { RunReport } from '../../src/report/types.js';

let e: Engine;
let proxy: FaultProxy;
let tmp: string;
beforeEach(async () => {
  e = startEngine(512);
  tmp = mkdtempSync(join(e.dir, 'hosts-'));
  proxy = await startProxy(e);
});
afterEach(() => { proxy?.stop(); e?.stop(); });

const MB = 1_000_000;
const env = () => ({ ...cleanEnv(e), DOCKER_HOST: proxy.host });
const present = (ref: string) => e.docker(['image', 'inspect', ref], { allowFail: true }) !== '';
let n = 0;
const reportOf = (args: string[], runEnv = env()) => {
  const file = join(tmp, `r-${++n}.json`);
  const r = runTool(e, [...args, '--report-file', file], runEnv);
  return { ...r, report: JSON.parse(readFileSync(file, 'utf8')) as RunReport };
};
/** Seeds the ledger: every given image first seen 90 days ago, last used `daysAgo[i]` ago. */
function seed(state: string, ids: string[], daysAgo: number[]): void {
  const now = Date.now();
  mkdirSync(state, { recursive: true });
  writeFileSync(join(state, 'ledger.json'), JSON.stringify({
    version: 1, images: Object.fromEntries(ids.map((id, i) => [id, { firstSeenMs: now - 90 * DAY_MS, lastUsedMs: now - daysAgo[i]! * DAY_MS }])),
  }));
}

test('an image referenced in several repositories is evicted reference by reference; a refusal part-way keeps it and says so', async () => {
  const multi = importImage(e, 'mariadb:10.11', 20 * MB);
  e.docker(['tag', 'mariadb:10.11', 'mariadb:10.11.9']);
  e.docker(['tag', 'mariadb:10.11', 'mirror.example/library/mariadb:10.11']);
  const second = importImage(e, 'nginx:1.27', 20 * MB);
  e.docker(['tag', 'nginx:1.27', 'mirror.example/library/nginx:1.27']);
  const state = join(tmp, 'state');
  seed(state, [multi, second], [40, 30]);
  fillDiskTo(e, 86);
  // the second image's first reference removal is held at the socket while a container starts
  // from it: its last reference is then Docker's to refuse
  proxy.setRules([{ method: 'DELETE', path: '/images/.*nginx', delayMs: 3000 }]);
  const file = join(tmp, 'evict.json');
  const run = startTool(['prune', '--until', '1s', '--target', '10', '--state-dir', state, '--report-file', file], env());
  await waitForEvent(proxy, 'the first nginx reference removal', (ev) => ev.ev === 'req' && ev.method === 'DELETE' && /nginx/.test(ev.path));
  e.docker(['container', 'create', '--name', 'late-job', '--network', 'none', second, 'true']);
  const r = await run.done;
  expect(r.code).toBe(0);
  const report = JSON.parse(readFileSync(file, 'utf8')) as RunReport;
  expect(report.removed.filter((x) => x.kind === 'evict').map((x) => x.id)).toEqual([multi]);
  for (const ref of ['mariadb:10.11', 'mariadb:10.11.9', 'mirror.example/library/mariadb:10.11', multi]) expect(`${ref} ${present(ref)}`).toBe(`${ref} false`);
  expect(present(second)).toBe(true); // never forced
  expect(report.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^kept nginx:1\.27, mirror\.example\/library\/nginx:1\.27: docker refused to remove .*; already removed: /)]));
  expect(report.kept).toEqual(expect.arrayContaining([expect.objectContaining({ id: second, reason: expect.stringMatching(/^docker refused/) })]));
});

test("pre with min-free frees what the job needs, no more, and says the real goal", () => {
  const ids = [1, 2, 3, 4].map((i) => importImage(e, `old${i}:1`, 12 * MB));
  const state = join(tmp, 'state');
  seed(state, ids, [50, 40, 30, 20]);
  fillDiskTo(e, 90);
  const [, avail] = e.sh(`df -B1 --output=used,avail '${e.mount}' | tail -1`).trim().split(/\s+/).map(Number) as [number, number];
  // each image frees ~14 MB (its own layer): 20 MB short takes two evictions; the watermarks
  // (down to 70 %) would want all four
  const need = avail + 20 * MB;
  const r = reportOf(['pre', '--min-free', `${need}B`, '--state-dir', state]);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/LRU eviction: need [\d.]+ MB free, have [\d.]+ MB/);
  expect(r.report.gates.find((g) => g.name === 'disk')!.detail).toMatch(/^need [\d.]+ MB free, have [\d.]+ MB$/);
  expect(r.report.planned.filter((x) => x.kind === 'evict').map((x) => x.id)).toEqual([ids[0], ids[1]]);
  expect(r.report.removed.filter((x) => x.kind === 'evict').map((x) => x.id)).toEqual([ids[0], ids[1]]);
  expect(present('old3:1') && present('old4:1')).toBe(true);
  expect(r.stdout).not.toMatch(/threshold 1%/);
});

test('the usual runner, an unprivileged user in the docker group, with the defaults: pre, post and prune exit 0, and prune prunes', () => {
  chmodSync(e.dir, 0o755); // the data root's path, for statfs (Docker's own root dir stays 0710)
  proxy.shareWith(65534); // the runner user's group may use Docker, as the docker group may
  const home = mkdtempSync(join(tmpdir(), 'cdp-runner-'));
  chmodSync(home, 0o755);
  const dist = join(home, 'dist');
  cpSync(dirname(BUNDLE), dist, { recursive: true });
  chownSync(home, 65534, 65534);
  try {
    const dangling = makeDangling(e, 'app:1', 2 * DAY_MS);
    fillDiskTo(e, 86);
    const userEnv = { ...env(), HOME: home, DOCKER_CONFIG: join(home, '.docker'), CI_DOCKER_PRUNE_RUN_ID: 'job-1' };
    const run = (args: string[]) => spawnSync(process.execPath, [join(dist, 'index.js'), ...args], { env: userEnv, uid: 65534, gid: 65534, encoding: 'utf8' });
    for (const mode of ['pre', 'post', 'prune']) {
      const r = run(mode === 'prune' ? ['prune', '--until', '1s'] : [mode]);
      expect(`${mode} ${r.status}`).toBe(`${mode} 0`);
      expect(r.stderr).not.toMatch(/error|EACCES/);
      expect(r.stdout).toContain('state-dir /var/lib/ci-docker-prune is not writable by uid 65534');
      expect(r.stdout).toContain(`using ${join(home, '.local', 'state', 'ci-docker-prune')}`);
      expect(`${r.stdout}${r.stderr}`).not.toMatch(/^\s+at /m);
    }
    expect(present(dangling)).toBe(false);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('a daemon whose DockerRootDir path exists here but is not its storage: the disk gate fails closed, saying why', () => {
  fillDiskTo(e, 95);
  importImage(e, 'app:1');
  const dataRoot = e.docker(['info', '--format', '{{.DockerRootDir}}']).trim();
  const elsewhere = mkdtempSync(join(tmpdir(), 'cdp-elsewhere-'));
  try {
    // another mount namespace where that path is some other directory (as for a daemon in a
    // container, rootless, or behind tcp://): the old measure would read this filesystem
    const file = join(tmp, 'ns.json');
    const r = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c',
      `mount --bind '${elsewhere}' '${dataRoot}' && exec '${process.execPath}' '${BUNDLE}' check --state-dir '${join(tmp, 'state')}' --report-file '${file}'`],
    { env: env(), encoding: 'utf8' });
    expect(r.status).toBe(0);
    const report = JSON.parse(readFileSync(file, 'utf8')) as RunReport;
    expect(report.disk.before).toBeUndefined();
    expect(report.gates.find((g) => g.name === 'disk')!.detail).toMatch(/^cannot prove .* is this daemon's storage: none of the files the daemon keeps .*; failing closed$/);
    // and from here, where the path is the daemon's, the disk is measured (95 %)
    const ok = reportOf(['check', '--state-dir', join(tmp, 'state')]);
    expect(ok.report.disk.before!.usedPercent).toBeGreaterThanOrEqual(95);
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }
});

test('a daemon reached over tcp:// with TLS, as operators set it up (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH): read in-process, verified; a CA that did not sign it is refused, saying so', () => {
  importImage(e, 'app:1');
  // no docker CLI anywhere on PATH: every read of `check` must go through the API in-process
  const tls = { ...cleanEnv(e), DOCKER_HOST: e.tlsHost, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: e.tlsCertPath, PATH: '/nonexistent' };
  const ok = reportOf(['check', '--state-dir', join(tmp, 'state')], tls);
  expect(ok.code).toBe(0);
  expect(ok.report.daemon.serverVersion).toBe(e.docker(['version', '--format', '{{.Server.Version}}']).trim());
  expect(ok.report.inventory.before.images).toBe(1);
  expect(ok.report.disk.before).toBeDefined(); // the daemon's storage is on this host, proved as such

  const other = join(tmp, 'other-ca');
  mkdirSync(other);
  for (const f of ['cert.pem', 'key.pem']) cpSync(join(e.tlsCertPath, f), join(other, f));
  const ca = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=another-ca', '-keyout', join(other, 'ca-key.pem'), '-out', join(other, 'ca.pem')], { encoding: 'utf8' });
  expect(ca.status).toBe(0);
  const refused = runTool(e, ['check', '--state-dir', join(tmp, 'state')], { ...tls, DOCKER_CERT_PATH: other });
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(`cannot reach the Docker daemon at ${e.tlsHost} over TLS (verified against ${other}): unable to verify the first certificate`);
});
