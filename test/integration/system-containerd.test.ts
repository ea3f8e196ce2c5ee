/**
 * The host a distribution's Docker 29 makes, built hermetically (test/bench/engine.sh,
 * ENGINE_CONTAINERD=external): Debian sid's containerd 2 started by the test with a version 3
 * config, its root on a filesystem of its own; sid's dockerd 28.5 pointed at it with
 * `--containerd`, the containerd image store on. Images fill containerd's filesystem, not
 * DockerRootDir's: the tool must measure that one, evict until it is under the target (multi-tag
 * images reference by reference), say the disk is unknown when it cannot tell, and work for an
 * unprivileged runner user (who may not use containerd's socket). Always on sid's binaries,
 * whatever leg runs it.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sidEngine, startEngine, type Engine } from '../bench/engine.js';
import { DAY_MS, importImage } from '../bench/fixtures.js';
import { BUNDLE, cleanEnv, runTool } from '../bench/run.js';
import type { RunReport } from '../../src/report/types.js';

const MB = 1_000_000;
let e: Engine;
let ctr: string; // containerd's root
let tmp: string;
beforeAll(() => {
  e = startEngine(512, { containerd: 'external', bin: sidEngine(), containerdSizeMb: 512 });
  ctr = e.containerdRoot!;
  tmp = mkdtempSync(join(tmpdir(), 'cdp-sysctr-'));
  chmodSync(tmp, 0o755);
});
afterAll(() => { e?.stop(); if (tmp) rmSync(tmp, { recursive: true, force: true }); });

const df = (path: string) => {
  const [used, avail] = e.sh(`df -B1 --output=used,avail '${path}' | tail -1`).trim().split(/\s+/).map(Number) as [number, number];
  return { used, avail, percent: (used / (used + avail)) * 100 };
};
const present = (ref: string) => e.docker(['image', 'inspect', ref], { allowFail: true }) !== '';
let n = 0;
function tool(args: string[], env = cleanEnv(e)) {
  const file = join(tmp, `r-${++n}.json`);
  const r = runTool(e, [...args, '--report-file', file], env);
  if (r.code === 2) throw new Error(`${args[0]} refused its inputs: ${r.stdout}${r.stderr}`);
  return { ...r, report: JSON.parse(readFileSync(file, 'utf8')) as RunReport };
}
/** Fills containerd's filesystem to `percent` with a file beside its root. */
function fillTo(percent: number): void {
  rmSync(join(dirname(ctr), 'filler'), { force: true });
  const { used, avail } = df(ctr);
  const want = Math.ceil(((used + avail) * percent) / 100) - used;
  if (want > 0) e.sh(`fallocate -l ${want} '${join(dirname(ctr), 'filler')}'`);
}

describe('containerd image store on a containerd of its own, its root on another filesystem', () => {
  const ids: Record<string, string> = {};
  beforeAll(() => {
    for (const ref of ['app:1', 'old:a', 'old:b', 'old:c', 'warm:1']) ids[ref] = importImage(e, ref, 40 * MB);
    e.docker(['tag', 'app:1', 'app:latest']); // one image, two tags in one repository (refused by id on this store)
    const now = Date.now();
    const ago = (days: number) => ({ firstSeenMs: now - 90 * DAY_MS, lastUsedMs: now - days * DAY_MS });
    mkdirSync(join(tmp, 'state'), { recursive: true });
    writeFileSync(join(tmp, 'state', 'ledger.json'), JSON.stringify({ version: 1, images: {
      [ids['app:1']!]: ago(50), [ids['old:a']!]: ago(40), [ids['old:b']!]: ago(30), [ids['old:c']!]: ago(20), [ids['warm:1']!]: ago(1),
    } }));
  });

  test('the images fill containerd\'s filesystem only; check measures both and gates on the fullest, named', () => {
    fillTo(86);
    const root = df(e.dataRoot);
    expect(root.percent).toBeLessThan(40); // DockerRootDir's filesystem: nearly empty
    const r = tool(['check', '--state-dir', join(tmp, 'state'), '--metrics-file', join(tmp, 'check.prom')]);
    expect(r.code).toBe(0);
    expect(r.report.disk.before).toMatchObject({ path: ctr, holds: 'containerd root' });
    expect(r.report.disk.before!.usedPercent).toBeGreaterThanOrEqual(85);
    expect(r.report.disk.filesystems.map((d) => d.path)).toEqual([e.dataRoot, ctr]);
    expect(r.report.gates.find((g) => g.name === 'disk')).toMatchObject({ open: true });
    expect(r.stdout).toMatch(new RegExp(`disk ${ctr} \\(containerd root, the fullest of 2\\): .*; also ${e.dataRoot} \\(DockerRootDir\\) \\d`));
    const prom = readFileSync(join(tmp, 'check.prom'), 'utf8');
    expect(prom).toContain(`ci_docker_prune_filesystem_used_ratio{path="${ctr}",holds="containerd root"} 0.8`);
    expect(prom).toMatch(new RegExp(`ci_docker_prune_filesystem_used_ratio\\{path="${e.dataRoot}",holds="DockerRootDir"\\} 0\\.[0-3]`));
  });

  test('a runner user (no access to containerd\'s socket or root) measures the same filesystem', () => {
    const sock = e.dockerHost.replace(/^unix:\/\//, '');
    const was = statSync(sock);
    chownSync(sock, 0, 65534);
    chmodSync(sock, 0o660);
    chmodSync(e.dir, 0o755);
    cpSync(dirname(BUNDLE), join(tmp, 'dist'), { recursive: true });
    const home = join(tmp, 'home');
    mkdirSync(home, { recursive: true });
    chownSync(home, 65534, 65534);
    const file = join(home, 'report.json');
    const env = { ...cleanEnv(e), HOME: home, DOCKER_CONFIG: join(home, '.docker') };
    const r = spawnSync(process.execPath, [join(tmp, 'dist', 'index.js'), 'check', '--state-dir', join(home, 'state'), '--report-file', file], { env, uid: 65534, gid: 65534, encoding: 'utf8' });
    // the socket back to root's alone: the later prunes must not wait for this user's job marks
    chownSync(sock, was.uid, was.gid);
    chmodSync(sock, was.mode & 0o777);
    expect(r.stderr).not.toMatch(/disk|containerd/);
    expect(r.status).toBe(0);
    const report = JSON.parse(readFileSync(file, 'utf8')) as RunReport;
    expect(report.disk.before).toMatchObject({ path: ctr, holds: 'containerd root' });
    expect(report.gates.find((g) => g.name === 'disk')).toMatchObject({ open: true });
  });

  test('where no probe can see containerd (its own pid namespace), the disk gate fails closed and says why; store-paths names it', () => {
    const bundle = ['unshare', '--pid', '--fork', '--mount-proc', process.execPath, BUNDLE];
    const blind = spawnSync(bundle[0]!, [...bundle.slice(1), 'prune', '--state-dir', join(tmp, 'state'), '--threshold', '80', '--target', '65'], { env: cleanEnv(e), encoding: 'utf8' });
    expect(blind.status).toBe(0);
    expect(blind.stdout).toContain('disk: unknown (cannot tell where containerd keeps this daemon\'s images (the containerd image store): no containerd process serving');
    expect(blind.stdout).toContain('name that filesystem with store-paths');
    expect(blind.stdout).toMatch(/✗ disk\s+cannot tell where containerd keeps/);
    expect(['app:1', 'old:a', 'old:b'].every(present)).toBe(true);
    // named explicitly, it is measured (and the run is a check: nothing removed yet)
    const file = join(tmp, 'named.json');
    const named = spawnSync(bundle[0]!, [...bundle.slice(1), 'check', '--state-dir', join(tmp, 'state'), '--store-paths', dirname(ctr), '--report-file', file], { env: cleanEnv(e), encoding: 'utf8' });
    expect(named.status).toBe(0);
    const report = JSON.parse(readFileSync(file, 'utf8')) as RunReport;
    expect(report.disk.before).toMatchObject({ path: dirname(ctr), holds: 'store-paths' });
    expect(report.gates.find((g) => g.name === 'disk')).toMatchObject({ open: true });
  });

  test('prune evicts on containerd\'s filesystem to the target, a multi-tag image reference by reference; reclaimed within 5% of df', () => {
    const before = df(ctr);
    expect(before.percent).toBeGreaterThanOrEqual(85);
    const r = tool(['prune', '--state-dir', join(tmp, 'state'), '--threshold', '80', '--target', '65']);
    expect(r.code).toBe(0);
    expect(r.report.errors).toEqual([]);
    const after = df(ctr);
    expect(after.percent).toBeLessThanOrEqual(65);
    // least recently used first: app (both tags), then old:a, old:b; old:c and the warm image stay
    expect(['app:1', 'app:latest', 'old:a', 'old:b'].filter(present)).toEqual([]);
    expect(present('old:c') && present('warm:1')).toBe(true);
    const evicted = r.report.removed.filter((x) => x.kind === 'evict');
    expect(evicted.map((x) => x.id).sort()).toEqual([ids['app:1'], ids['old:a'], ids['old:b']].sort());
    // the sizes the tool predicts and reports are what df sees go (content + unpacked snapshot)
    const freed = before.used - after.used;
    expect(Math.abs(r.report.reclaimed.evicted - freed) / freed).toBeLessThanOrEqual(0.05);
    const planned = r.report.planned.filter((p) => evicted.some((x) => x.id === p.id)).reduce((s, p) => s + p.bytes, 0);
    expect(Math.abs(planned - freed) / freed).toBeLessThanOrEqual(0.05);
    expect(r.report.disk.after).toMatchObject({ path: ctr });
  });

  test('pre\'s min-free is counted on the fullest filesystem, and its gated prune frees room there', () => {
    fillTo(90);
    const { avail } = df(ctr);
    const need = (Math.ceil(avail / MB) + 30) * MB; // more than containerd's filesystem has, far less than DockerRootDir's
    expect(df(e.dataRoot).avail).toBeGreaterThan(need);
    const r = tool(['pre', '--state-dir', join(tmp, 'state'), '--min-free', `${need / MB}MB`, '--threshold', '80', '--target', '65']);
    expect(r.stderr).toContain(`free on ${ctr}, the job needs`);
    expect(r.report.removed.filter((x) => x.kind === 'evict').map((x) => x.id)).toEqual([ids['old:c']]);
    expect(df(ctr).avail).toBeGreaterThanOrEqual(need);
    expect(r.code).toBe(0);
  });
});
