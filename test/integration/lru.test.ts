/**
 * LRU eviction on a hermetic engine under real disk pressure. "Last used" is seeded through the
 * tool's own ledger file in its state dir: Docker has no such record, the ledger is the source.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEngine, type Engine } from '../bench/engine.js';
import { importImage, service, stoppedContainer, waitFor, waitRunning } from '../bench/fixtures.js';
import { runTool } from '../bench/run.js';
import type { RunReport } from '../../src/report/types.js';

const D = 86_400_000;
const MB = 1_000_000;
let e: Engine;
let tmp: string;
beforeEach(() => { e = startEngine(1024); tmp = mkdtempSync(join(e.dir, 'lru-')); });
afterEach(() => e?.stop());

const df = () => {
  const [used, avail] = e.sh(`df -B1 --output=used,avail '${e.mount}' | tail -1`).trim().split(/\s+/).map(Number) as [number, number];
  return { used, avail, percent: (used / (used + avail)) * 100 };
};
const present = (ref: string) => e.docker(['image', 'inspect', ref], { allowFail: true }) !== '';
function prune(...args: string[]) {
  const file = join(tmp, `r-${Date.now()}.json`);
  const r = runTool(e, ['prune', '--state-dir', join(tmp, 'state'), '--report-file', file, '--threshold', '80', '--target', '76', ...args]);
  return { ...r, report: JSON.parse(readFileSync(file, 'utf8')) as RunReport };
}
function seedLedger(entries: Record<string, { firstSeenDaysAgo: number; lastUsedDaysAgo: number }>): void {
  const now = Date.now();
  const images: Record<string, { firstSeenMs: number; lastUsedMs: number }> = {};
  for (const [id, v] of Object.entries(entries)) images[id] = { firstSeenMs: now - v.firstSeenDaysAgo * D, lastUsedMs: now - v.lastUsedDaysAgo * D };
  mkdirSync(join(tmp, 'state'), { recursive: true });
  writeFileSync(join(tmp, 'state', 'ledger.json'), JSON.stringify({ version: 1, images }));
}

test('one run brings the disk to the target, evicting only least-recently-used unprotected images', async () => {
  const ids: Record<string, string> = {};
  const add = (ref: string) => { ids[ref] = importImage(e, ref, 30 * MB); };
  for (const ref of ['old:40d', 'old:30d', 'old:20d', 'warm:2d', 'young:1h', 'mariadb:10.6', 'used-by-container:1', 'rollback:1', 'current:1']) add(ref);
  stoppedContainer(e, 'exited_job', 'used-by-container:1');
  service(e, 'infra_app', 'rollback:1');
  await waitRunning(e, 'infra_app');
  e.docker(['service', 'update', '--detach', '--image', 'current:1', 'infra_app']); // rollback:1 is now the previous spec
  await waitFor('the update to complete', () => e.docker(['service', 'inspect', '--format', '{{.UpdateStatus.State}}', 'infra_app']).trim() === 'completed');
  await waitRunning(e, 'infra_app');
  const age = (first: number, last: number) => ({ firstSeenDaysAgo: first, lastUsedDaysAgo: last });
  seedLedger({
    [ids['old:40d']!]: age(90, 40), [ids['old:30d']!]: age(90, 30), [ids['old:20d']!]: age(90, 20), [ids['warm:2d']!]: age(90, 2),
    [ids['young:1h']!]: age(1 / 24, 1 / 24), [ids['mariadb:10.6']!]: age(90, 60), [ids['used-by-container:1']!]: age(90, 90),
    [ids['rollback:1']!]: age(90, 90), [ids['current:1']!]: age(90, 90),
  });
  // real pressure: 80.5 % used, low watermark 76 %: ~43 MB to free, i.e. two of the 30 MB images
  const { used, avail } = df();
  e.sh(`fallocate -l ${Math.ceil((used + avail) * 0.805) - used} '${e.mount}/filler-lru'`);
  expect(df().percent).toBeGreaterThanOrEqual(80);
  const before = df();

  // check, which changes nothing, previews the same eviction a prune would do
  const checkFile = join(tmp, 'check.json');
  const check = runTool(e, ['check', '--state-dir', join(tmp, 'state'), '--report-file', checkFile, '--threshold', '80', '--target', '76', '--keep', '^mariadb:']);
  expect(check.code).toBe(0);
  expect(check.stdout).toMatch(/would evict old:40d \(3\d\.\d MB\): last used 40d ago/);
  const checkReport = JSON.parse(readFileSync(checkFile, 'utf8')) as RunReport;
  expect(checkReport.planned.filter((p) => p.kind === 'evict').map((p) => p.label)).toEqual(['old:40d', 'old:30d']);
  expect(Object.keys(ids).every(present)).toBe(true);

  const dry = prune('--keep', '^mariadb:', '--dry-run');
  expect(dry.code).toBe(0);
  expect(dry.report.planned.filter((p) => p.kind === 'evict').map((p) => p.label)).toEqual(['old:40d', 'old:30d']);
  expect(dry.stdout).toMatch(/would evict old:40d \(3\d\.\d MB\): last used 40d ago/);
  expect(dry.stdout).toMatch(/keep mariadb:10\.6 .*: keep/);
  expect(dry.stdout).toMatch(/keep warm:2d .*: keep-warm/);
  expect(dry.stdout).toMatch(/keep young:1h .*: min-age/);
  expect(Object.keys(ids).every(present)).toBe(true);

  const r = prune('--keep', '^mariadb:');
  expect(r.code).toBe(0);
  expect(r.report.removed.filter((x) => x.kind === 'evict').map((x) => x.label)).toEqual(['old:40d', 'old:30d']);
  expect(present('old:40d')).toBe(false);
  expect(present('old:30d')).toBe(false);
  for (const ref of ['old:20d', 'warm:2d', 'young:1h', 'mariadb:10.6', 'used-by-container:1', 'rollback:1', 'current:1']) expect(`${ref} ${present(ref)}`).toBe(`${ref} true`);
  const after = df();
  expect(after.percent).toBeLessThanOrEqual(76);
  // the plan's predicted reclaim (unique bytes) matches what df then shows, within 5 %
  const predicted = r.report.reclaimed.evicted;
  expect(Math.abs((before.used - after.used) - predicted) / predicted).toBeLessThan(0.05);
  process.stdout.write(`LRU: ${before.percent.toFixed(1)}% -> ${after.percent.toFixed(1)}%, predicted ${predicted} B, df ${before.used - after.used} B\n`);
  // the next run (any mode) drops the evicted images from the ledger and keeps the others' history
  expect(runTool(e, ['check', '--state-dir', join(tmp, 'state')]).code).toBe(0);
  const ledger = JSON.parse(readFileSync(join(tmp, 'state', 'ledger.json'), 'utf8')) as { images: Record<string, { lastUsedMs: number }> };
  expect(ledger.images[ids['old:40d']!]).toBeUndefined();
  expect(Date.now() - ledger.images[ids['old:20d']!]!.lastUsedMs).toBeGreaterThan(19 * D);
});

test('bounded beats warm: over the threshold, warm images yield oldest first only as far as the bound needs; an image in use never does', async () => {
  // four images nothing is known of (a fresh ledger: all "arrived now", min-age): the oldest
  // arrival is used by a stopped container, so the next oldest is the one to yield
  for (let i = 0; i < 4; i++) { importImage(e, `recipe${i}:1`, 30 * MB); await new Promise((r) => setTimeout(r, 1100)); }
  stoppedContainer(e, 'job_left_over', 'recipe0:1');
  const { used, avail } = df();
  e.sh(`fallocate -l ${Math.ceil((used + avail) * 0.815) - used} '${e.mount}/filler-warm'`);
  expect(df().percent).toBeGreaterThanOrEqual(81);
  const r = prune('--until', '1000d'); // the container prune keeps the stopped container
  expect(r.code).toBe(0);
  expect(r.report.gate).toBe('open');
  const evicted = r.report.removed.filter((x) => x.kind === 'evict');
  expect(evicted.map((x) => [x.label, x.yielded])).toEqual([['recipe1:1', 'min-age']]);
  expect(df().percent).toBeLessThan(80);
  for (const ref of ['recipe0:1', 'recipe2:1', 'recipe3:1']) expect(`${ref} ${present(ref)}`).toBe(`${ref} true`);
  expect(r.stdout).toMatch(/evicted recipe1:1 \(min-age yielded\): disk now 7\d(\.\d)?%/);
  expect(r.stderr).toMatch(/warning: the target 76% cannot be reached without evicting warm images: .* short; the protection holding the most is min-age .*; 1 warm image\(s\) \(3\d\.\d MB\) yield to keep the disk under 80%/);
  expect(r.report.kept.map((k) => [k.label, k.reason])).toEqual(expect.arrayContaining([['recipe0:1', 'in-use'], ['recipe2:1', 'min-age'], ['recipe3:1', 'min-age']]));
});

test('when what never yields and files outside Docker hold the disk, the warm cache stays and the run says what holds the disk', () => {
  for (let i = 0; i < 3; i++) importImage(e, `recipe${i}:1`, 30 * MB);
  stoppedContainer(e, 'job_left_over', 'recipe0:1');
  e.sh(`fallocate -l ${df().avail - 20 * MB} '${e.mount}/filler-full'`);
  const r = prune('--until', '1000d');
  expect(r.code).toBe(0);
  // evicting recipe1 and recipe2 would not bring the disk under 80 %: they stay warm
  expect(r.report.removed.filter((x) => x.kind === 'evict')).toEqual([]);
  for (const ref of ['recipe0:1', 'recipe1:1', 'recipe2:1']) expect(`${ref} ${present(ref)}`).toBe(`${ref} true`);
  expect(r.stderr).toMatch(/warning: the disk under 80% cannot be had even with every warm image evicted: .* short; images in use, marked by a running job or kept hold 3\d\.\d MB, and .* of the .* used on .* is no image \(volumes, containers, build cache, files outside Docker\): keeping the 2 warm image\(s\)/);
});

test('an image with several tags in one repository (app:1 + app:latest) is evicted reference by reference, never forced, and its bytes come off the disk', () => {
  const id = importImage(e, 'local/t1:1', 60 * MB);
  e.docker(['tag', 'local/t1:1', 'local/t1:latest']);
  const other = importImage(e, 'local/t2:1', 60 * MB);
  e.docker(['tag', 'local/t2:1', 'local/t2:2']);
  e.docker(['tag', 'local/t2:1', 'mirror.example/local/t2:1']);
  seedLedger({ [id]: { firstSeenDaysAgo: 60, lastUsedDaysAgo: 40 }, [other]: { firstSeenDaysAgo: 60, lastUsedDaysAgo: 30 } });
  const { used, avail } = df();
  e.sh(`fallocate -l ${Math.max(0, Math.ceil((used + avail) * 0.85) - used)} '${e.mount}/filler-tags'`);
  const before = df().used;
  const r = prune('--target', '60', '--until', '1000d');
  expect(r.code).toBe(0);
  // the containerd store refuses such an id ("must be forced"); by reference it goes on every store
  expect(r.stderr).not.toMatch(/must be forced|docker refused/);
  const labels = r.report.removed.filter((x) => x.kind === 'evict').map((x) => x.label.split(', ').sort().join(', '));
  expect(labels).toEqual(['local/t1:1, local/t1:latest', 'local/t2:1, local/t2:2, mirror.example/local/t2:1']);
  expect(before - df().used).toBeGreaterThan(100 * MB);
  for (const ref of ['local/t1:1', 'local/t1:latest', 'local/t2:1', 'local/t2:2', 'mirror.example/local/t2:1']) expect(`${ref} ${present(ref)}`).toBe(`${ref} false`);
});
