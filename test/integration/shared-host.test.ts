/**
 * The usual host outside NixOS, on one hermetic engine: a root nightly and a CI runner user
 * (uid 65534, `nobody`) whose group may use the daemon's socket, as the docker group may. Before
 * `setup` the runner's pre step keeps its job mark in a ledger of its own, which the root timer
 * cannot read: the timer then evicts nothing and says why in one line. After `setup` (run once,
 * as root) the state dir is shared: the job's mark is in the one ledger, the timer keeps what
 * the job was told is warm and evicts the rest.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startEngine, type Engine } from '../bench/engine.js';
import { DAY_MS, importImage } from '../bench/fixtures.js';
import { BUNDLE, cleanEnv, runTool } from '../bench/run.js';
import type { RunReport } from '../../src/report/types.js';

const MB = 1_000_000;
let e: Engine;
let pub: string;
beforeAll(() => {
  e = startEngine(512);
  pub = mkdtempSync(join(tmpdir(), 'cdp-shared-'));
  chmodSync(pub, 0o755);
});
afterAll(() => { e?.stop(); if (pub) rmSync(pub, { recursive: true, force: true }); });

const present = (ref: string) => e.docker(['image', 'inspect', ref], { allowFail: true }) !== '';

test('root timer + runner user: before setup no eviction, said in one line; after setup the job\'s mark holds and the rest is evicted', () => {
  // the runner user's group may use the socket; it reaches the data root (statfs) and a copy of the bundle
  const sock = e.dockerHost.replace(/^unix:\/\//, '');
  chownSync(sock, 0, 65534);
  chmodSync(sock, 0o660);
  chmodSync(e.dir, 0o755);
  cpSync(dirname(BUNDLE), join(pub, 'dist'), { recursive: true });
  const home = join(pub, 'home');
  mkdirSync(home);
  chownSync(home, 65534, 65534);
  // the shared state dir as a root timer made it: root's, 0770
  const state = join(pub, 'state');
  mkdirSync(state);
  chmodSync(state, 0o770);
  const ids = { y: importImage(e, 'vic:y', 20 * MB), z: importImage(e, 'vic:z', 20 * MB) };
  const now = Date.now();
  writeFileSync(join(state, 'ledger.json'), JSON.stringify({ version: 1, images: { [ids.y]: { firstSeenMs: now - 60 * DAY_MS, lastUsedMs: now - 30 * DAY_MS }, [ids.z]: { firstSeenMs: now - 60 * DAY_MS, lastUsedMs: now - 30 * DAY_MS } } }));
  const userEnv = { ...cleanEnv(e), HOME: home, DOCKER_CONFIG: join(home, '.docker'), CI_DOCKER_PRUNE_RUN_ID: 'job-1' };
  const asRunner = (args: string[]) => spawnSync(process.execPath, [join(pub, 'dist', 'index.js'), ...args], { env: userEnv, uid: 65534, gid: 65534, encoding: 'utf8' });
  let n = 0;
  const timer = () => {
    const file = join(pub, `report-${++n}.json`);
    const r = runTool(e, ['prune', '--threshold', '1', '--target', '0', '--until', '1s', '--state-dir', state, '--report-file', file]);
    return { ...r, report: JSON.parse(readFileSync(file, 'utf8')) as RunReport };
  };

  // the job's pre step: the state dir is not writable for it, its mark goes to its own ledger
  const pre = asRunner(['pre', '--images', 'vic:y', '--state-dir', state]);
  expect(pre.status).toBe(0);
  expect(pre.stdout).toContain(`state-dir ${state} is not writable by uid 65534`);
  expect(pre.stdout).toContain('warm (present locally) 1/1');
  // the root timer while the job runs cannot see that mark: no eviction at all, in one line
  const blind = timer();
  expect(blind.code).toBe(0);
  // every user whose group may use the socket is named (Debian's sync and _apt have nogroup too)
  expect(blind.stderr).toMatch(/^warning: no eviction: (\S+, )*nobody(, \S+)* can use Docker at /m);
  expect(blind.stderr).toContain(` can use Docker at ${sock} (group nogroup) but cannot write job marks in ${state} (group root, mode 0770)`);
  expect(blind.stderr).toContain('run `ci-docker-prune setup --runner-group nogroup` once as root');
  expect(blind.report.removed.filter((r) => r.kind === 'evict')).toEqual([]);
  expect(present('vic:y') && present('vic:z')).toBe(true);

  // a pre step of root's remembers the daemon at this address in locks/ (root's, until setup)
  expect(runTool(e, ['pre', '--state-dir', state]).code).toBe(0);
  const memory = join(state, 'locks', readdirSync(join(state, 'locks'))[0]!);
  expect(statSync(memory).gid).toBe(0);

  // setup, once, as root: the state dir, the ledger and the remembered daemon become the runners' group's
  const setup = runTool(e, ['setup', '--state-dir', state, '--runner-group', 'nogroup']);
  expect(setup.code).toBe(0);
  expect(setup.stdout).toContain(`state-dir ${state}: group nogroup (gid 65534), mode 2770`);
  expect([statSync(state).gid, statSync(state).mode & 0o7777]).toEqual([65534, 0o2770]);
  expect([statSync(join(state, 'ledger.json')).gid, statSync(join(state, 'ledger.json')).mode & 0o777]).toEqual([65534, 0o660]);
  expect([statSync(join(state, 'locks')).gid, statSync(join(state, 'locks')).mode & 0o7777]).toEqual([65534, 0o2770]);
  expect([statSync(memory).gid, statSync(memory).mode & 0o777]).toEqual([65534, 0o660]);
  // as the runner user it refuses: setup is root's
  expect(asRunner(['setup', '--state-dir', state]).status).toBe(2);

  // the job's pre step now marks vic:y in the one ledger; the timer keeps it and evicts vic:z
  const pre2 = asRunner(['pre', '--images', 'vic:y', '--state-dir', state]);
  expect(pre2.status).toBe(0);
  expect(pre2.stdout).not.toContain('is not writable');
  const shared = timer();
  expect(shared.code).toBe(0);
  expect(shared.stderr).not.toContain('no eviction');
  expect(present('vic:y')).toBe(true);
  expect(present('vic:z')).toBe(false);
  expect(shared.report.kept).toEqual(expect.arrayContaining([expect.objectContaining({ label: 'vic:y', reason: 'job' })]));
  // the files the timer wrote stay the group's (setgid dir)
  expect(statSync(join(state, 'ledger.json')).gid).toBe(65534);
});
