/**
 * The NixOS unit's exact ExecStart command lines, run against a hermetic engine: the prune
 * prunes as `prune` mode does, then the warm run. Store paths are replaced by real ones (node,
 * this repo's dist/, docker). The engine is named by the module's extraArgs (--docker-host);
 * DOCKER_HOST names a socket that does not exist, so a run that missed extraArgs fails and no
 * run ever talks to an engine the test did not start.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startEngine, type Engine } from '../bench/engine.js';
import { DAY_MS, fillDiskTo, importOldImage, inventory, makeDangling, stoppedContainer } from '../bench/fixtures.js';
import { BUNDLE } from '../bench/paths.js';
import { evalModule, renderUnits, splitExecStart } from '../bench/units.js';
import type { RunReport } from '../../src/report/types.js';

let e: Engine;
beforeAll(() => { e = startEngine(512); });
afterAll(() => e?.stop());

test('ExecStart of ci-docker-prune.service prunes the hermetic engine like prune mode', async () => {
  const dir = mkdtempSync(join(e.dir, 'nix-'));
  for (const d of ['node/bin', 'pkg/lib/ci-docker-prune', 'docker/bin']) mkdirSync(join(dir, d), { recursive: true });
  symlinkSync(process.execPath, join(dir, 'node/bin/node'));
  symlinkSync(dirname(BUNDLE), join(dir, 'pkg/lib/ci-docker-prune/dist'));
  const docker = spawnSync('bash', ['-c', 'command -v docker'], { encoding: 'utf8' }).stdout.trim();
  symlinkSync(docker, join(dir, 'docker/bin/docker'));

  const oldDangling = makeDangling(e, 'app:1', 2 * DAY_MS);
  const tagged = importOldImage(e, 'mariadb:10.11', 3 * DAY_MS);
  stoppedContainer(e, 'old-job', 'mariadb:10.11');
  e.docker(['volume', 'create', 'warm_db']);
  await new Promise((r) => setTimeout(r, 2500));
  fillDiskTo(e, 85);
  const before = inventory(e);

  const metrics = join(dir, 'textfile', 'cdp.prom');
  const ev = evalModule({
    enable: true, until: '1s', stateDir: join(dir, 'state'), metricsFile: metrics, minFree: '1MB', warmImages: ['mariadb:10.11'],
    extraArgs: ['--docker-host', e.dockerHost, '--report-file', join(dir, 'report.json')], warmExtraArgs: ['--report-file', join(dir, 'warm.json')],
  }, { nodejs: join(dir, 'node'), package: join(dir, 'pkg'), docker: join(dir, 'docker') });
  expect(ev.warnings).toEqual([]);
  const env = { PATH: '', DOCKER_HOST: `unix://${join(dir, 'no-such-engine.sock')}`, HOME: dir };
  const unit = renderUnits(ev).service;
  const [execStart, warmStart] = unit.split('\n').filter((l) => l.startsWith('ExecStart=')).map((l) => l.slice('ExecStart='.length)) as [string, string];
  env.PATH = `${/^Environment="PATH=(.*)"$/m.exec(unit)![1]!}:/usr/bin:/bin`;
  const [bin, ...args] = splitExecStart(execStart);
  const r = spawnSync(bin!, args, { encoding: 'utf8', env });
  expect(r.status).toBe(0);
  // the filler file, not images, holds the disk: evicting the two warm tagged images (mariadb:10.11,
  // app:1) would not bring it under 80 %, so they stay, and the LRU step says what holds the disk
  expect(r.stderr.trim().split('\n')).toEqual([
    expect.stringMatching(/^warning: the target 70% cannot be reached without evicting warm images: .* short; the protection holding the most is min-age/),
    expect.stringMatching(/^warning: the disk under 80% cannot be had even with every warm image evicted: .* is no image \(volumes, containers, build cache, files outside Docker\): keeping the 2 warm image\(s\)/),
  ]);
  expect(r.stdout).not.toMatch(/^::/m); // journal output: no workflow commands

  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as RunReport;
  expect(report.mode).toBe('prune');
  expect(report.gate).toBe('open');
  expect(report.removed.filter((x) => x.kind === 'image').map((x) => x.id)).toEqual([oldDangling]);
  expect(report.removed.filter((x) => x.kind === 'container').map((x) => x.label)).toEqual(['old-job']);
  const after = inventory(e);
  expect(after.volumes).toEqual(before.volumes);
  expect(report.removed.filter((x) => x.kind === 'evict')).toEqual([]);
  expect(report.kept.map((k) => [k.label, k.reason]).sort()).toEqual([['app:1', 'min-age'], ['mariadb:10.11', 'min-age']]);
  expect(after.images.some((l) => l.startsWith(tagged))).toBe(true);
  expect(after.images.some((l) => l.startsWith(oldDangling))).toBe(false);
  expect(readFileSync(metrics, 'utf8')).toMatch(/^ci_docker_prune_gate_open\{gate="stacks"\} 1$/m);
  expect(dirname(metrics)).toBe(join(dir, 'textfile'));
  // then the unit's second line, the warm run, on the same engine (extraArgs' --docker-host): the
  // filler holds the disk over the target, and the jobs' min-free is part of what it says; its
  // report goes to its own file (warmExtraArgs) and it leaves the prune's report and metrics alone
  const [metricsText, reportText] = [readFileSync(metrics, 'utf8'), readFileSync(join(dir, 'report.json'), 'utf8')];
  const [wbin, ...wargs] = splitExecStart(warmStart);
  const w = spawnSync(wbin!, wargs, { encoding: 'utf8', env });
  expect(w.status).toBe(0);
  expect(w.stdout).toMatch(/^not warming: no room under the target: 8\d(\.\d)?% used on .*, target 70%, min-free 1\.00 MB$/m);
  const warm = JSON.parse(readFileSync(join(dir, 'warm.json'), 'utf8')) as RunReport;
  expect(warm.mode).toBe('warm');
  expect(warm.warm).toMatchObject({ budgetBytes: 0, items: [], skipped: expect.stringMatching(/min-free 1\.00 MB$/) });
  expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe(reportText);
  expect(readFileSync(metrics, 'utf8')).toBe(metricsText);
  expect(inventory(e).images).toEqual(after.images);
});
