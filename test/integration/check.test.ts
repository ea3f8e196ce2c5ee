/**
 * `check` against a hermetic engine: the report says exactly what docker itself says, with a
 * constant number of docker calls, clean shell output, and real Actions files when in Actions.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEngine, type Engine } from '../bench/engine.js';
import { APP_SERVICE, DAY_MS, importImage, importOldImage, makeDangling, service, stoppedContainer, waitRunning } from '../bench/fixtures.js';
import { cleanEnv, runTool } from '../bench/run.js';
import type { RunReport } from '../../src/report/types.js';

let e: Engine;
let tmp: string;

beforeAll(async () => {
  e = startEngine(512);
  tmp = mkdtempSync(join(e.dir, 'check-'));
  importImage(e, 'mariadb:10.11', 200_000);
  importImage(e, 'nginx:1.27', 100_000);
  importOldImage(e, 'redis:7-alpine', 3 * DAY_MS);
  e.docker(['tag', 'nginx:1.27', 'nginx:stable']);
  makeDangling(e, 'app:old', 2 * DAY_MS);
  stoppedContainer(e, 'stopped1', 'nginx:1.27');
  e.docker(['volume', 'create', 'warm_db']);
  service(e, APP_SERVICE, 'mariadb:10.11');
  await waitRunning(e, APP_SERVICE);
});
afterAll(() => e?.stop());

const count = (args: string[]): number => new Set(e.docker(args).split('\n').filter(Boolean)).size;
const report = (file: string): RunReport => JSON.parse(readFileSync(file, 'utf8')) as RunReport;

test('check reports exactly what docker reports, disk within 1 point of df', () => {
  const file = join(tmp, 'r1.json');
  const r = runTool(e, ['check', '--report-file', file, '--state-dir', join(tmp, 'state')]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const rep = report(file);
  const inv = rep.inventory.before;
  expect(inv.images).toBe(count(['image', 'ls', '--no-trunc', '--quiet']));
  expect(inv.danglingImages).toBe(count(['image', 'ls', '--no-trunc', '--quiet', '--filter', 'dangling=true']));
  expect(inv.danglingImages).toBe(1);
  expect(inv.containers).toBe(count(['container', 'ls', '--all', '--no-trunc', '--quiet']));
  expect(inv.runningContainers).toBe(count(['container', 'ls', '--no-trunc', '--quiet']));
  expect(inv.services).toBe(count(['service', 'ls', '--quiet']));
  expect(inv.volumes).toBe(count(['volume', 'ls', '--quiet']));
  expect(inv.networks).toBe(count(['network', 'ls', '--quiet']));
  // the loop filesystem, measured by df through the data root and through the mount point
  for (const path of [e.dataRoot, e.mount]) {
    const [pcent, source] = e.sh(`df --output=pcent,source '${path}' | tail -1`).trim().split(/\s+/);
    expect(source).toMatch(/^\/dev\/loop\d+$/);
    expect(Math.abs(rep.disk.before!.bytesPercent - Number(pcent!.replace('%', '')))).toBeLessThanOrEqual(1);
  }
  expect(rep.daemon.rootDir).toBe(e.dataRoot);
  expect(rep.gate).toBe('disk'); // 512 MB disk is far from 80 %: nothing would run
  expect(rep.gates.find((g) => g.name === 'stacks')).toMatchObject({ open: false });
  expect(r.stdout).toContain(APP_SERVICE);
  // plain human output from a shell: no workflow commands
  expect(r.stdout).not.toMatch(/^::/m);
});

test('docker calls per snapshot stay constant as objects grow', () => {
  const first = join(tmp, 'calls1.json');
  runTool(e, ['check', '--report-file', first]);
  for (let i = 0; i < 12; i++) importImage(e, `grow:${i}`);
  for (let i = 0; i < 8; i++) stoppedContainer(e, `grow${i}`, `grow:${i}`);
  const second = join(tmp, 'calls2.json');
  runTool(e, ['check', '--report-file', second]);
  expect(report(second).inventory.before.images).toBe(report(first).inventory.before.images + 12);
  expect(report(second).dockerCalls).toBe(report(first).dockerCalls);
  expect(report(first).dockerCalls).toBeLessThanOrEqual(12);
});

test('bad input: one clear line, exit 2, before any docker call', () => {
  const env = { ...cleanEnv(e), DOCKER_HOST: 'unix:///nonexistent/docker.sock' };
  for (const [args, msg] of [
    [['check', '--threshold', 'high'], "invalid input 'threshold': got \"high\", expected a number from 1 to 100"],
    [['check', '--until', '3x'], "invalid input 'until': got \"3x\""],
    [['nuke'], "invalid input 'mode': got \"nuke\", expected one of check, prune, pre, post"],
    [['check', '--volumes'], 'unknown option --volumes'],
  ] as const) {
    const r = runTool(e, [...args], env);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`error: ${msg}`);
    expect(r.stdout).toBe('');
  }
});

test('unreachable daemon: one clear line, exit 1', () => {
  const r = runTool(e, ['check'], { ...cleanEnv(e), DOCKER_HOST: `unix://${e.dir}/nobody.sock` });
  expect(r.code).toBe(1);
  const errors = r.stderr.trim().split('\n');
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/^error: cannot reach the Docker daemon at unix:\/\/.*nobody\.sock: /);
  // the post step reports a Docker hiccup without failing the job, unless asked to be strict
  const env = { ...cleanEnv(e), DOCKER_HOST: `unix://${e.dir}/nobody.sock` };
  const post = runTool(e, ['post', '--state-dir', join(tmp, 'pstate')], env);
  expect(post.code).toBe(0);
  expect(post.stderr).toMatch(/^warning: post step skipped: cannot reach the Docker daemon/);
  expect(runTool(e, ['post', '--state-dir', join(tmp, 'pstate'), '--fail-on-eviction'], env).code).toBe(1);
});

test('in Actions: outputs, job summary with tables, no state leaks into stdout', () => {
  const files = { out: join(tmp, 'gh-output'), summary: join(tmp, 'gh-summary'), state: join(tmp, 'gh-state') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const env = {
    ...cleanEnv(e), GITHUB_ACTIONS: 'true', INPUT_MODE: 'check', 'INPUT_STATE-DIR': join(tmp, 'state'),
    GITHUB_OUTPUT: files.out, GITHUB_STEP_SUMMARY: files.summary, GITHUB_STATE: files.state,
  };
  const r = runTool(e, [], env);
  expect(r.code).toBe(0);
  const outputs = readFileSync(files.out, 'utf8');
  expect(outputs).toMatch(/^mode<<ghadelimiter_[\w-]+\ncheck\n/m);
  expect(outputs).toMatch(/^gate<<ghadelimiter_[\w-]+\ndisk\n/m);
  expect(outputs).toContain('disk-used-percent-before<<');
  const summary = readFileSync(files.summary, 'utf8');
  expect(summary).toContain('### ci-docker-prune · check');
  expect(summary).toMatch(/\| stacks \| ⛔ closed \|/);
  expect(summary).toMatch(/\| disk \(.*\) \| `█*░*` \d+(\.\d)?% \|/);
  expect(r.stdout).toMatch(/^::group::Docker host/m);
  expect(readFileSync(files.state, 'utf8')).toContain('isPost');
});

test('Drone/Woodpecker plugin step: PLUGIN_* settings, no arguments, plain output, metrics file', () => {
  const file = join(tmp, 'plugin.json');
  const metrics = join(tmp, 'textfile', 'ci_docker_prune.prom');
  const r = runTool(e, [], { ...cleanEnv(e), PLUGIN_MODE: 'prune', PLUGIN_DRY_RUN: 'true', PLUGIN_THRESHOLD: '1', PLUGIN_TARGET: '0', PLUGIN_STATE_DIR: join(tmp, 'pstate'), PLUGIN_REPORT_FILE: file, PLUGIN_METRICS_FILE: metrics });
  expect(readFileSync(metrics, 'utf8')).toMatch(/^ci_docker_prune_dry_run 1$/m);
  expect(r.code).toBe(0);
  const rep = report(file);
  expect(rep.mode).toBe('prune');
  expect(rep.dryRun).toBe(true);
  expect(rep.gates.find((g) => g.name === 'disk')!.detail).toMatch(/≥ threshold 1%/);
  expect(r.stdout).not.toMatch(/^::/m);
  expect(runTool(e, [], { ...cleanEnv(e), PLUGIN_THRESHOLD: 'lots' }).code).toBe(2);
});

test('--help lists every option; --version prints the version', () => {
  const help = runTool(e, ['--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/^usage: ci-docker-prune <mode>/);
  expect(help.stdout).toContain('--stack-pattern <value>');
  expect(help.stdout).toContain('exit codes: 0 done or nothing to do, 1 failure, 2 bad input');
  expect(runTool(e, ['--version']).stdout).toMatch(/^ci-docker-prune \d+\.\d+\.\d+\n$/);
});
