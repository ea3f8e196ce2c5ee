/**
 * The Recorder owns the run's report: a warning or an error is logged and recorded in one
 * call, removals and reclaimed bytes add up in one place, and no mode writes a report field by
 * hand (a source scan holds it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Recorder } from '../../src/report/recorder.js';

const START = Date.parse('2026-11-22T14:00:00Z');

function recorder(): { rec: Recorder; log: string[] } {
  const log: string[] = [];
  const rec = new Recorder({ warn: (m) => log.push(`warn ${m}`), error: (m) => log.push(`error ${m}`) }, { mode: 'prune', dryRun: false }, START);
  return { rec, log };
}

test('a warning and an error: each logged once and recorded once, in order; an error fails the run', () => {
  const { rec, log } = recorder();
  rec.warn('w1');
  expect(rec.failed).toBe(false);
  rec.fail('e1');
  rec.warn('w2');
  expect(log).toEqual(['warn w1', 'error e1', 'warn w2']);
  expect(rec.report.warnings).toEqual(['w1', 'w2']);
  expect(rec.report.errors).toEqual(['e1']);
  expect(rec.failed).toBe(true);
});

test('removals and reclaimed bytes: docker\'s per-prune totals and the eviction\'s bytes add up; pruned follows them', () => {
  const { rec } = recorder();
  rec.reclaimed('containers', 0);
  expect(rec.report.pruned).toBe(false); // a prune that removed nothing
  rec.removed({ kind: 'container', id: 'c1', label: 'old', bytes: 0, reason: 'stopped' });
  expect(rec.report.pruned).toBe(true);
  rec.reclaimed('images', 1_000);
  rec.reclaimed('evicted', 500);
  expect(rec.report.reclaimed).toEqual({ containers: 0, images: 1_000, buildCache: 0, evicted: 500, total: 1_500 });
});

test('a stop part-way names the gate, says where it stopped, and warns once', () => {
  const { rec, log } = recorder();
  rec.gates({ gate: 'open', gates: [{ name: 'disk', open: true, detail: '85%' }] });
  rec.stopped('stopped before the image prune: gate stacks closed (a stack went live)', 'stacks');
  expect(rec.report).toMatchObject({ gate: 'stacks', stopped: 'stopped before the image prune: gate stacks closed (a stack went live)' });
  expect(log).toEqual(['warn stopped before the image prune: gate stacks closed (a stack went live)']);
  rec.closedLater({ name: 'lock', open: false, detail: 'another prune is running' });
  expect(rec.report.gate).toBe('lock');
  expect(rec.report.gates.map((g) => g.name)).toEqual(['disk', 'lock']);
});

test('finish fills in the requests made and the run\'s duration from its start', () => {
  const { rec } = recorder();
  const report = rec.finish(9, START + 1_234);
  expect(report).toMatchObject({ dockerCalls: 9, durationMs: 1_234, startedAt: '2026-11-22T14:00:00.000Z', mode: 'prune' });
});

test('no mode, executor or entry writes a report field by hand: every write goes through the Recorder', () => {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');
  const files = ['modes', 'execute'].flatMap((d) => readdirSync(join(root, d)).map((f) => join(root, d, f))).concat(join(root, 'main.ts'));
  const byHand = /\breport\.[\w.[\]]+\s*(?:=(?!=)|\+=|-=)|\breport\.\w+\.(?:push|splice|unshift)\(/;
  const offenders = files.flatMap((f) => readFileSync(f, 'utf8').split('\n').map((l, i) => [f, i + 1, l] as const)).filter(([, , l]) => byHand.test(l));
  expect(offenders).toEqual([]);
  // the scan itself sees what it must refuse
  expect(byHand.test('  report.gate = verdict.gate;')).toBe(true);
  expect(byHand.test('  report.warnings.push(message);')).toBe(true);
  expect(byHand.test('  report.reclaimed.total += n;')).toBe(true);
  expect(byHand.test('  if (report.removed.length) out.info(x);')).toBe(false);
});
