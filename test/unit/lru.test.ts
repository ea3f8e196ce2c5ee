import { planEviction, type EvictionInput } from '../../src/plan/lru.js';
import { updateLedger, type Ledger } from '../../src/ledger/ledger.js';
import { parseConfig } from '../../src/inputs/config.js';
import { freeBytes, reached, watermarks, type Goal } from '../../src/plan/goal.js';
import type { ContainerInfo, ImageInfo, ServiceInfo } from '../../src/model/host.js';
import { svc } from './helpers.js';
import { rng } from '../bench/week-trace.js'; // mulberry32: property tests without a new dependency

const NOW = Date.parse('2026-11-22T14:00:00Z');
const H = 3_600_000;
const D = 24 * H;
const MB = 1_000_000;
const config = parseConfig({ threshold: '80', target: '70' }, 'prune');
const bound = watermarks(config); // threshold 80 %, target 70 %

const id = (n: number): string => `sha256:${n.toString(16).padStart(64, '0')}`;
const image = (n: number, over: Partial<ImageInfo> = {}): ImageInfo => ({
  id: id(n), tags: [`recipe${n}:1`], digests: [], dangling: false, sizeBytes: 10 * MB, createdMs: NOW - 400 * D, lastTagMs: undefined, ...over,
});

function randomInput(seed: number): EvictionInput {
  const r = rng(seed);
  const count = 5 + Math.floor(r() * 60);
  const images: ImageInfo[] = [];
  const ledger: Ledger = { version: 1, images: {} };
  const uniqueBytes = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const img = image(i, { dangling: r() < 0.1, tags: r() < 0.1 ? [] : [r() < 0.15 ? `mariadb:${i}` : `app${i}:1`] });
    if (img.tags.length === 0) img.dangling = true;
    images.push(img);
    if (r() < 0.9) uniqueBytes.set(img.id, Math.floor(r() * 50 * MB));
    const lastUsed = NOW - Math.floor(r() * 20 * D);
    ledger.images[img.id] = { firstSeenMs: lastUsed - Math.floor(r() * 30 * D), lastUsedMs: lastUsed };
  }
  const containers: ContainerInfo[] = images.filter(() => r() < 0.15).map((img, i) => ({
    id: `c${i}`, name: `c${i}`, imageId: img.id, imageRef: img.tags[0] ?? img.id, state: r() < 0.5 ? 'exited' : 'running', createdMs: NOW, service: undefined,
  }));
  const tagged = images.filter((i) => !i.dangling);
  const services: ServiceInfo[] = tagged.filter(() => r() < 0.1).map((img, i) => svc(`s${i}`, {
    image: `${img.tags[0]}@sha256:${'f'.repeat(64)}`, previousImage: r() < 0.5 ? tagged[Math.floor(r() * tagged.length)]!.tags[0] : undefined,
  }));
  // a CI host's disk is mostly images: what else is on it (volumes, files) is a small share
  const imageBytes = images.reduce((n, i) => n + (uniqueBytes.get(i.id) ?? i.sizeBytes), 0);
  const used = Math.floor(imageBytes * (1 + r() * 0.15));
  const capacity = Math.floor(used / (0.6 + r() * 0.4));
  return {
    images, containers, services, ledger, uniqueBytes, nowMs: NOW,
    disk: { usedBytes: used, availBytes: capacity - used, bytesPercent: Math.round((used / capacity) * 1000) / 10 },
    config: { ...config, keep: [/^mariadb:/], minAgeMs: 2 * D, keepWarmMs: 7 * D }, goal: bound,
  };
}

/** Never planned: in use (containers, service current/previous spec), `keep`, dangling. */
function hardIds(input: EvictionInput): Set<string> {
  const out = new Set(input.containers.map((c) => c.imageId));
  const refs = input.services.flatMap((s) => [s.image.replace(/@sha256:.*/, ''), s.previousImage].filter(Boolean) as string[]);
  for (const img of input.images) if (img.dangling || img.tags.some((t) => refs.includes(t) || /^mariadb:/.test(t))) out.add(img.id);
  return out;
}

/** Warm: arrived within min-age or used within keep-warm; they yield only to the disk bound. */
function softIds(input: EvictionInput): Set<string> {
  const hard = hardIds(input);
  return new Set(input.images.filter((img) => {
    const e = input.ledger.images[img.id]!;
    return !hard.has(img.id) && (NOW - e.firstSeenMs < input.config.minAgeMs || NOW - e.lastUsedMs < input.config.keepWarmMs);
  }).map((i) => i.id));
}

describe('LRU planner properties over 300 random hosts', () => {
  const inputs = Array.from({ length: 300 }, (_, i) => randomInput(i + 1));
  const capacityOf = (input: EvictionInput): number => input.disk.usedBytes + input.disk.availBytes;
  const sum = (xs: { bytes: number }[]): number => xs.reduce((n, x) => n + x.bytes, 0);

  test('hard protections (in use, service current/previous spec, keep) and dangling images are never planned', () => {
    for (const input of inputs) {
      const guard = hardIds(input);
      for (const p of planEviction(input).evict) expect(guard.has(p.id) ? `${p.label} planned` : null).toBeNull();
    }
  });

  test('unprotected images go first, least recently used first, and stop as soon as the predicted usage reaches the target', () => {
    let planned = 0;
    for (const input of inputs) {
      const plan = planEviction(input);
      const soft = softIds(input);
      const free = plan.evict.filter((p) => !p.yields);
      expect(free.every((p) => !soft.has(p.id))).toBe(true);
      // the tiers do not interleave: every unprotected one before the first that yields
      expect(plan.evict.findIndex((p) => p.yields) === -1 || plan.evict.slice(plan.evict.findIndex((p) => p.yields)).every((p) => p.yields)).toBe(true);
      const targetUsed = Math.floor((capacityOf(input) * bound.target) / 100);
      if (free.length) {
        planned++;
        // without the last one the target was not yet reached
        expect(input.disk.usedBytes - (sum(free) - free.at(-1)!.bytes)).toBeGreaterThan(targetUsed);
        expect(plan.shortfallBytes > 0 || input.disk.usedBytes - sum(free) <= targetUsed).toBe(true);
      }
      const lastUsed = free.map((p) => input.ledger.images[p.id]!.lastUsedMs);
      expect(lastUsed).toEqual([...lastUsed].sort((a, b) => a - b));
      if (!plan.needed) expect(plan.evict).toEqual([]);
    }
    expect(planned).toBeGreaterThan(50); // the generator really exercises eviction
  });

  test('warm images yield only when the unprotected ones cannot bring the disk under the threshold, least recently used first, and no further', () => {
    let yielded = 0;
    for (const input of inputs) {
      const plan = planEviction(input);
      const soft = softIds(input);
      const warm = plan.evict.filter((p) => p.yields);
      expect(warm.every((p) => soft.has(p.id))).toBe(true);
      const boundUsed = Math.floor((capacityOf(input) * (bound.threshold - 0.1)) / 100);
      if (warm.length) {
        yielded++;
        // each one was needed: without the last, the disk would still be over the bound
        expect(input.disk.usedBytes - (sum(plan.evict) - warm.at(-1)!.bytes)).toBeGreaterThan(boundUsed);
        const lastUsed = warm.map((p) => input.ledger.images[p.id]!.lastUsedMs);
        expect(lastUsed).toEqual([...lastUsed].sort((a, b) => a - b));
        expect(plan.shortfallBytes).toBeGreaterThan(0); // the target was out of reach without them
      }
      // the bound holds unless hard protections hold more than there is to free
      const left = input.disk.usedBytes - sum(plan.evict);
      if (plan.needed) expect(left <= boundUsed || plan.overBoundBytes > 0).toBe(true);
      // out of reach even with every warm image gone (their whole sizes, an upper bound, included): the warm cache stays whole
      const whole = plan.evict.reduce((n, p) => n + Math.max(p.bytes, input.images.find((i) => i.id === p.id)!.sizeBytes), 0);
      if (plan.overBoundBytes > 0 && whole < input.disk.usedBytes - boundUsed) expect(plan.evict.filter((p) => soft.has(p.id))).toEqual([]);
    }
    expect(yielded).toBeGreaterThanOrEqual(5); // the generator really exercises yielding
  });
});

describe('LRU planner cases', () => {
  const disk = (percent: number) => ({ usedBytes: percent * 10 * MB, availBytes: (100 - percent) * 10 * MB, bytesPercent: percent });
  const ledgerOf = (entries: [number, number, number][]): Ledger => ({ version: 1, images: Object.fromEntries(entries.map(([n, first, last]) => [id(n), { firstSeenMs: first, lastUsedMs: last }])) });
  const base = (over: Partial<EvictionInput>): EvictionInput => ({
    images: [], containers: [], services: [], ledger: ledgerOf([]), disk: disk(85), uniqueBytes: new Map(), nowMs: NOW, config, goal: bound, ...over,
  });

  test('oldest use first, stopping at the target; unique bytes predict the reclaim', () => {
    const images = [image(1), image(2), image(3)];
    const plan = planEviction(base({
      images, ledger: ledgerOf([[1, NOW - 90 * D, NOW - 20 * D], [2, NOW - 90 * D, NOW - 40 * D], [3, NOW - 90 * D, NOW - 30 * D]]),
      uniqueBytes: new Map([[id(1), 100 * MB], [id(2), 100 * MB], [id(3), 100 * MB]]),
    }));
    expect(plan.targetBytes).toBe(150 * MB);
    expect(plan.evict.map((p) => p.label)).toEqual(['recipe2:1', 'recipe3:1']);
    expect(plan.evict[0]!.reason).toMatch(/^last used 40d ago/);
    expect(plan.predictedPercent).toBe(65);
    expect(plan.shortfallBytes).toBe(0);
  });

  test('min-age is measured from local arrival, not the image Created time', () => {
    const old = image(1, { createdMs: NOW - 3 * 365 * D });
    // 75 %: over the target, under the threshold; the young image is kept
    const plan = planEviction(base({ images: [old], ledger: ledgerOf([[1, NOW - H, NOW - H]]), disk: disk(75) }));
    expect(plan.needed).toBe(false);
    expect(plan.evict).toEqual([]);
    expect(plan.kept).toEqual([expect.objectContaining({ id: old.id, reason: 'min-age' })]);
  });

  test('the disk bound over warmth: warm images yield LRU first, only down to just under the threshold, and say so', () => {
    // 85 % of 1 GB; three warm 30 MB images and one unprotected 10 MB one
    const images = [image(1), image(2), image(3), image(4)];
    const plan = planEviction(base({
      images, ledger: ledgerOf([[1, NOW - 9 * D, NOW - 2 * D], [2, NOW - 9 * D, NOW - 3 * D], [3, NOW - 9 * D, NOW - 1 * D], [4, NOW - 90 * D, NOW - 30 * D]]),
      uniqueBytes: new Map([[id(1), 30 * MB], [id(2), 30 * MB], [id(3), 30 * MB], [id(4), 10 * MB]]),
    }));
    // the unprotected one first, then warm ones from the least recently used: 850 - 10 - 30 = 810 > 799, - 30 = 780
    expect(plan.evict.map((p) => [p.label, p.yields])).toEqual([['recipe4:1', undefined], ['recipe2:1', 'keep-warm'], ['recipe1:1', 'keep-warm']]);
    expect(plan.evict[1]!.reason).toMatch(/^keep-warm yields to keep the disk bounded; last used 3d ago/);
    expect(plan.predictedPercent).toBe(78);
    expect(plan.kept).toEqual([expect.objectContaining({ label: 'recipe3:1', reason: 'keep-warm' })]);
    expect(plan.shortfallBytes).toBe(140 * MB); // the target 70 % stays out of reach: warmth is kept below the threshold
    expect(plan.overBoundBytes).toBe(0);
    // under the threshold nothing warm yields
    expect(planEviction(base({ images, ledger: plan.evict.length ? ledgerOf([[1, NOW - 9 * D, NOW - 2 * D]]) : ledgerOf([]), disk: disk(79) })).evict).toEqual([]);
  });

  test('what never yields: in use, a job mark, keep; the run says how much they hold over the bound', () => {
    const images = [image(1), image(2, { tags: ['mariadb:10.11'] }), image(3)];
    const ledger = { ...ledgerOf([[1, 0, 0], [2, 0, 0], [3, 0, 0]]), marks: { job: { refs: ['recipe3:1'], untilMs: NOW + H } } };
    const plan = planEviction(base({
      images, ledger, containers: [{ id: 'c', name: 'c', imageId: id(1), imageRef: 'recipe1:1', state: 'exited', createdMs: 0, service: undefined }],
      uniqueBytes: new Map(images.map((i) => [i.id, 30 * MB])), config: { ...config, keep: [/^mariadb:/] },
    }));
    expect(plan.evict).toEqual([]);
    expect(plan.kept.map((k) => k.reason)).toEqual(['in-use', 'keep', 'job']);
    expect(plan.overBoundBytes).toBe(51 * MB); // 850 MB used, 799 MB is under the bound
    // released (the job's post step ran): the image is unprotected again
    expect(planEviction(base({ images: [image(3)], ledger: { ...ledger, marks: {} } })).evict.map((p) => p.label)).toEqual(['recipe3:1']);
  });

  test("a job's min-free: warm images yield until the free bytes are met (the job must run), no further", () => {
    const images = [image(1), image(2), image(3)];
    const plan = planEviction(base({
      images, ledger: ledgerOf([[1, NOW - 9 * D, NOW - 2 * D], [2, NOW - 9 * D, NOW - 3 * D], [3, NOW - 9 * D, NOW - 1 * D]]),
      uniqueBytes: new Map(images.map((i) => [i.id, 30 * MB])), disk: disk(50), goal: freeBytes(550 * MB),
    }));
    expect(plan.evict.map((p) => [p.label, p.yields])).toEqual([['recipe2:1', 'keep-warm'], ['recipe1:1', 'keep-warm']]);
    expect(plan.overBoundBytes).toBe(0);
    // out of reach even with every warm image gone: the job fails either way, the cache stays
    const never = planEviction(base({ images, ledger: plan.evict.length ? ledgerOf([[1, NOW - 9 * D, NOW - 2 * D], [2, NOW - 9 * D, NOW - 3 * D], [3, NOW - 9 * D, NOW - 1 * D]]) : ledgerOf([]),
      uniqueBytes: new Map(images.map((i) => [i.id, 30 * MB])), disk: disk(50), goal: freeBytes(900 * MB) }));
    expect(never.evict).toEqual([]);
    expect(never.kept.map((k) => k.reason)).toEqual(['keep-warm', 'keep-warm', 'keep-warm']);
    expect(never.overBoundBytes).toBe(400 * MB);
  });

  test('unreachable target: shortfall and the protection holding the most bytes', () => {
    const images = [image(1), image(2, { tags: ['mariadb:10.11'] })];
    const plan = planEviction(base({
      images, ledger: ledgerOf([[1, NOW - 90 * D, NOW - 20 * D], [2, NOW - 90 * D, NOW - 20 * D]]),
      uniqueBytes: new Map([[id(1), 10 * MB], [id(2), 300 * MB]]), config: { ...config, keep: [/^mariadb:/] },
    }));
    expect(plan.evict.map((p) => p.label)).toEqual(['recipe1:1']);
    expect(plan.shortfallBytes).toBe(140 * MB);
    expect(plan.topProtection).toEqual({ reason: 'keep', bytes: 300 * MB });
  });

  test('service previous spec (rollback) protects its image; a missing unique size falls back and says so', () => {
    const images = [image(1), image(2)];
    const plan = planEviction(base({
      images, services: [svc('app', { image: 'recipe2:1', previousImage: 'recipe1:1' })], ledger: ledgerOf([[1, 0, 0], [2, 0, 0]]),
    }));
    expect(plan.evict).toEqual([]);
    expect(plan.kept.map((k) => k.reason)).toEqual(['in-use', 'in-use']);
    const fallback = planEviction(base({ images: [image(3)], ledger: ledgerOf([[3, 0, 0]]) }));
    expect(fallback.evict[0]!.reason).toContain('size, shared layers unknown');
  });

  test('a fresh ledger on a full disk: nothing is known of use, so images yield only as far as the bound needs, oldest arrival first', () => {
    const images = Array.from({ length: 20 }, (_, i) => image(i, { lastTagMs: NOW - (100 - i) * D }));
    const ledger = updateLedger(undefined, { images, containers: [], services: [] }, NOW);
    const plan = planEviction(base({ images, ledger, disk: disk(98), uniqueBytes: new Map(images.map((i) => [i.id, 10 * MB])) }));
    expect(plan.needed).toBe(true);
    // 980 MB used, the bound is 799 MB: 181 MB, 19 images of 10 MB; the newest arrival stays
    expect(plan.evict.every((p) => p.yields === 'min-age')).toBe(true);
    expect(plan.evict.map((p) => p.id)).toEqual(images.slice(0, 19).map((i) => i.id));
    expect(plan.kept.map((k) => k.id)).toEqual([images[19]!.id]);
    // at 79 % the same host keeps everything it knows nothing about
    expect(planEviction(base({ images, ledger, disk: disk(79) })).evict).toEqual([]);
  });
});

describe('one measure everywhere', () => {
  const three = [image(1), image(2), image(3)];
  const old: Ledger = { version: 1, images: Object.fromEntries(three.map((i, n) => [i.id, { firstSeenMs: NOW - 90 * D, lastUsedMs: NOW - (60 - n) * D }])) };
  const base = (disk: EvictionInput['disk'], goal: Goal = bound): EvictionInput => ({
    images: three, containers: [], services: [], ledger: old, uniqueBytes: new Map(three.map((i) => [i.id, 10 * MB])), nowMs: NOW,
    disk, config, goal,
  });

  test("a job's min-free: evictions only until the free bytes are met, not down to the target", () => {
    // 85 % used of 1 GB, 150 MB free; the job needs 165 MB: one 10 MB image is not enough, two are
    const plan = planEviction(base({ usedBytes: 850 * MB, availBytes: 150 * MB, bytesPercent: 85 }, freeBytes(165 * MB)));
    expect(plan.needed).toBe(true);
    expect(plan.targetBytes).toBe(15 * MB);
    expect(plan.evict.map((e) => e.id)).toEqual([id(1), id(2)]);
    // enough free already: nothing, whatever the watermarks say
    expect(planEviction(base({ usedBytes: 850 * MB, availBytes: 150 * MB, bytesPercent: 85 }, freeBytes(100 * MB))).evict).toEqual([]);
  });

  test('inodes over the threshold trigger the eviction and, bytes being no guide, list every candidate in LRU order', () => {
    const plan = planEviction(base({ usedBytes: 300 * MB, availBytes: 700 * MB, bytesPercent: 30, inodesPercent: 92 }));
    expect(plan.needed).toBe(true);
    expect(plan.evict.map((e) => e.id)).toEqual([id(1), id(2), id(3)]);
    expect(plan.shortfallBytes).toBe(0);
    expect(planEviction(base({ usedBytes: 300 * MB, availBytes: 700 * MB, bytesPercent: 30, inodesPercent: 40 })).evict).toEqual([]);
  });
});

describe('the executor stops by the measured disk', () => {
  const item = (yields?: 'keep-warm') => ({ kind: 'evict' as const, id: 'x', label: 'x', bytes: 1, reason: '', ...(yields ? { yields } : {}) });
  test('at the target before an unprotected image; under the threshold before a warm one; at a job\'s free bytes', () => {
    expect(reached({ availBytes: 0, usedPercent: 75 }, bound, item())).toBe(false);
    expect(reached({ availBytes: 0, usedPercent: 70 }, bound, item())).toBe(true);
    expect(reached({ availBytes: 0, usedPercent: 79.9 }, bound, item('keep-warm'))).toBe(true);
    expect(reached({ availBytes: 0, usedPercent: 80 }, bound, item('keep-warm'))).toBe(false);
    expect(reached({ availBytes: 0, usedPercent: 75 }, bound, undefined)).toBe(false); // the plan ends anyway
    expect(reached({ availBytes: 5, usedPercent: 99 }, freeBytes(5), item('keep-warm'))).toBe(true);
    expect(reached({ availBytes: 4, usedPercent: 1 }, freeBytes(5), item())).toBe(false);
  });
});
