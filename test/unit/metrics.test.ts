import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderMetrics, writeMetrics } from '../../src/report/metrics.js';
import { REPORT_VERSION, type RunReport } from '../../src/report/types.js';
import { disk } from './helpers.js';
import { REPO } from '../bench/paths.js';

const inv = { images: 9, danglingImages: 2, imageBytes: 1e9, containers: 4, runningContainers: 1, services: 2, volumes: 3, networks: 4, buildCacheBytes: 0 };
const report: RunReport = {
  version: REPORT_VERSION, tool: 'ci-docker-prune', mode: 'prune', dryRun: false, startedAt: '2026-11-22T14:00:00.000Z', durationMs: 1500,
  daemon: { serverVersion: '20.10.24', rootDir: '/var/lib/docker', driver: 'overlay2', swarm: 'manager', hostname: 'ci-1', nodeId: 'n0de1d', managerHost: undefined },
  disk: { before: disk(86), after: disk(71.5), filesystems: [disk(71.5)] }, inventory: { before: inv, after: { ...inv, images: 6 } },
  gate: 'open', gates: [{ name: 'swarm-role', open: true, detail: '' }, { name: 'disk', open: true, detail: '"quoted" \\ back' }, { name: 'stacks', open: true, detail: '' }, { name: 'converging', open: true, detail: '' }],
  planned: [], removed: [
    { kind: 'image', id: 'sha256:1', label: 'a', bytes: 1 }, { kind: 'container', id: 'c', label: 'c', bytes: 0 },
    { kind: 'evict', id: 'sha256:2', label: 'old:1', bytes: 2 }, { kind: 'evict', id: 'sha256:3', label: 'old:2', bytes: 3 },
  ],
  reclaimed: { containers: 0, images: 40_000_000, buildCache: 5_000_000, evicted: 90_000_000, total: 135_000_000 }, pruned: true, stopped: undefined,
  kept: [], warnings: ['w'], errors: [], dockerCalls: 17, job: undefined,
};
const NOW = Date.parse('2026-11-22T14:00:02Z');

test('values: disk ratios, reclaimed and removed by kind, gates, timestamps; no mode label, no duplicates', () => {
  const text = renderMetrics(report, NOW);
  expect(text).toContain('ci_docker_prune_disk_used_ratio{when="before"} 0.86');
  expect(text).toContain('ci_docker_prune_disk_used_ratio{when="after"} 0.715');
  expect(text).toContain('ci_docker_prune_reclaimed_bytes{kind="evicted"} 90000000');
  expect(text).toContain('ci_docker_prune_reclaimed_bytes{kind="build_cache"} 5000000');
  expect(text).toContain('ci_docker_prune_removed_objects{kind="evicted"} 2');
  expect(text).toContain('ci_docker_prune_gate_open{gate="disk"} 1');
  expect(text).toContain(`ci_docker_prune_last_run_timestamp_seconds ${NOW / 1000}`);
  expect(text).toContain(`ci_docker_prune_last_success_timestamp_seconds ${NOW / 1000}`);
  expect(text).toContain('ci_docker_prune_duration_seconds 1.5');
  // pre, post and the timer may share one file: no series may depend on the mode
  expect(text).not.toMatch(/mode=/);
  expect(text).not.toMatch(/images_evicted|gates_open/);
  const names = text.split('\n').filter((l) => l.startsWith('# TYPE')).map((l) => l.split(' ')[2]);
  expect(new Set(names).size).toBe(names.length);
});

test('a failed run keeps the previous success time; a success sets it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdp-metrics-'));
  try {
    const path = join(dir, 'm.prom');
    await writeMetrics(path, report, NOW);
    const failed = { ...report, errors: ['docker image prune … timed out after 2m (docker-timeout)'] };
    await writeMetrics(path, failed, NOW + 3_600_000);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain(`ci_docker_prune_last_success_timestamp_seconds ${NOW / 1000}`);
    expect(text).toContain(`ci_docker_prune_last_run_timestamp_seconds ${NOW / 1000 + 3600}`);
    expect(text).toContain('ci_docker_prune_errors 1');
    // a first run that fails has no success to report yet
    expect(renderMetrics(failed, NOW)).not.toContain('last_success_timestamp_seconds');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the example alert rules load in promtool and fire as documented', () => {
  execFileSync('promtool', ['check', 'rules', join(REPO, 'docs', 'alerts.yml')], { stdio: ['ignore', 'pipe', 'pipe'] });
  execFileSync('promtool', ['test', 'rules', join(REPO, 'test', 'unit', 'fixtures', 'alerts.test.yml')], { cwd: join(REPO, 'test', 'unit', 'fixtures'), stdio: ['ignore', 'pipe', 'pipe'] });
});

test('promtool accepts the exposition (Debian prometheus package)', () => {
  const closed = renderMetrics({ ...report, gate: 'stacks', gates: [{ name: 'stacks', open: false, detail: '' }], disk: { before: undefined, after: undefined, filesystems: [] } }, NOW);
  for (const text of [renderMetrics(report, NOW), closed]) {
    // promtool check metrics exits non-zero on a malformed exposition (lint warnings alone do not)
    execFileSync('promtool', ['check', 'metrics'], { input: text, stdio: ['pipe', 'pipe', 'pipe'] });
  }
  expect(closed).toContain('ci_docker_prune_disk_used_ratio{when="before"} NaN');
  expect(() => execFileSync('promtool', ['check', 'metrics'], { input: 'ci_docker_prune_x{a="1} 1\n', stdio: ['pipe', 'pipe', 'pipe'] })).toThrow();
});

test('writeMetrics writes exactly the rendering, atomically (no temp file left)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdp-metrics-'));
  try {
    const path = join(dir, 'textfile', 'ci_docker_prune.prom');
    await writeMetrics(path, report, NOW);
    expect(readFileSync(path, 'utf8')).toBe(renderMetrics(report, NOW));
    expect(readdirSync(join(dir, 'textfile'))).toEqual(['ci_docker_prune.prom']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a warm run: its outcomes, its one-offs, and whether it skipped (a week of skipped nights can be alerted on)', () => {
  const warm = (skipped: string | undefined): RunReport => ({ ...report, mode: 'warm', warm: {
    budgetBytes: skipped ? 0 : 5e8, grewBytes: 0, skipped, oneOffs: ['once:1', 'once:2'],
    items: [{ ref: 'evicted:1', why: 'asked for by 2 job(s), last 1h ago', local: false, state: 'over-budget', detail: 'no room under the target' }],
  } });
  const ran = renderMetrics(warm(undefined), NOW);
  expect(ran).toContain('ci_docker_prune_warm_skipped 0');
  expect(ran).toContain('ci_docker_prune_warm_one_offs 2');
  expect(ran).toContain('ci_docker_prune_warm_images{state="over-budget"} 1');
  expect(renderMetrics(warm('no room under the target: 78% used on /var/lib/docker, target 70%'), NOW)).toContain('ci_docker_prune_warm_skipped 1');
  // not a warm run: no warm series at all
  expect(renderMetrics(report, NOW)).not.toContain('warm_');
});
