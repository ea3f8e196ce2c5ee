import { planEviction, type EvictionInput } from '../../src/plan/lru.js';
import { updateLedger, type Ledger } from '../../src/ledger/ledger.js';
import { parseConfig } from '../../src/inputs/config.js';
import type { ContainerInfo, ImageInfo, ServiceInfo } from '../../src/snapshot/types.js';
import { svc } from './helpers.js';

const NOW = Date.parse('2026-11-22T14:00:00Z');
const H = 3_600_000;
const D = 24 * H;
const MB = 1_000_000;
const config = parseConfig({ threshold: '80', target: '70' }, 'prune');

/** Small deterministic PRNG (mulberry32): property tests without a new dependency. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
    const lastUsed = NOW - Math.floor(r() * 60 * D);
    ledger.images[img.id] = { firstSeenMs: lastUsed - Math.floor(r() * 30 * D), lastUsedMs: lastUsed };
  }
  const containers: ContainerInfo[] = images.filter(() => r() < 0.15).map((img, i) => ({
    id: `c${i}`, name: `c${i}`, imageId: img.id, imageRef: img.tags[0] ?? img.id, state: r() < 0.5 ? 'exited' : 'running', createdMs: NOW, service: undefined,
  }));
  const tagged = images.filter((i) => !i.dangling);
  const services: ServiceInfo[] = tagged.filter(() => r() < 0.1).map((img, i) => svc(`s${i}`, {
    image: `${img.tags[0]}@sha256:${'f'.repeat(64)}`, previousImage: r() < 0.5 ? tagged[Math.floor(r() * tagged.length)]!.tags[0] : undefined,
  }));
  const capacity = 1000 * MB;
  const used = Math.floor(capacity * (0.5 + r() * 0.5));
  return {
    images, containers, services, ledger, uniqueBytes, nowMs: NOW,
    disk: { usedBytes: used, availBytes: capacity - used, bytesPercent: Math.round((used / capacity) * 1000) / 10 },
    config: { ...config, keep: [/^mariadb:/], minAgeMs: 2 * D, keepWarmMs: 7 * D },
  };
}

function protectedIds(input: EvictionInput): Set<string> {
  const out = new Set(input.containers.map((c) => c.imageId));
  const refs = input.services.flatMap((s) => [s.image.replace(/@sha256:.*/, ''), s.previousImage].filter(Boolean) as string[]);
  for (const img of input.images) {
    const e = input.ledger.images[img.id]!;
    if (img.dangling || img.tags.some((t) => refs.includes(t) || /^mariadb:/.test(t))
      || NOW - e.firstSeenMs < input.config.minAgeMs || NOW - e.lastUsedMs < input.config.keepWarmMs) out.add(img.id);
  }
  return out;
}

describe('LRU planner properties over 300 random hosts', () => {
  const inputs = Array.from({ length: 300 }, (_, i) => randomInput(i + 1));

  test('protected images (in use, service current/previous spec, keep, min-age, keep-warm, dangling) are never planned', () => {
    for (const input of inputs) {
      const guard = protectedIds(input);
      for (const p of planEviction(input).evict) expect(guard.has(p.id) ? `${p.label} planned` : null).toBeNull();
    }
  });

  test('the plan stops as soon as the predicted usage reaches the target, in last-used order', () => {
    let planned = 0;
    for (const input of inputs) {
      const plan = planEviction(input);
      const capacity = input.disk.usedBytes + input.disk.availBytes;
      const targetUsed = Math.floor((capacity * input.config.target) / 100);
      const freed = plan.evict.reduce((n, p) => n + p.bytes, 0);
      if (plan.evict.length) {
        planned++;
        // without the last one the target was not yet reached
        expect(input.disk.usedBytes - (freed - plan.evict.at(-1)!.bytes)).toBeGreaterThan(targetUsed);
        expect(plan.shortfallBytes > 0 || input.disk.usedBytes - freed <= targetUsed).toBe(true);
      }
      const lastUsed = plan.evict.map((p) => input.ledger.images[p.id]!.lastUsedMs);
      expect(lastUsed).toEqual([...lastUsed].sort((a, b) => a - b));
      if (!plan.needed) expect(plan.evict).toEqual([]);
    }
    expect(planned).toBeGreaterThan(50); // the generator really exercises eviction
  });
});

describe('LRU planner cases', () => {
  const disk = (percent: number) => ({ usedBytes: percent * 10 * MB, availBytes: (100 - percent) * 10 * MB, bytesPercent: percent });
  const ledgerOf = (entries: [number, number, number][]): Ledger => ({ version: 1, images: Object.fromEntries(entries.map(([n, first, last]) => [id(n), { firstSeenMs: first, lastUsedMs: last }])) });
  const base = (over: Partial<EvictionInput>): EvictionInput => ({
    images: [], containers: [], services: [], ledger: ledgerOf([]), disk: disk(85), uniqueBytes: new Map(), nowMs: NOW, config, ...over,
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
    const plan = planEviction(base({ images: [old], ledger: ledgerOf([[1, NOW - H, NOW - H]]) }));
    expect(plan.evict).toEqual([]);
    expect(plan.kept).toEqual([expect.objectContaining({ id: old.id, reason: 'min-age' })]);
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

  test('a fresh ledger on a full disk evicts no tagged image: everything counts as used now', () => {
    const images = Array.from({ length: 20 }, (_, i) => image(i));
    const ledger = updateLedger(undefined, { images, containers: [], services: [] }, NOW);
    const plan = planEviction(base({ images, ledger, disk: disk(99) }));
    expect(plan.needed).toBe(true);
    expect(plan.evict).toEqual([]);
    expect(new Set(plan.kept.map((k) => k.reason))).toEqual(new Set(['min-age']));
  });
});

describe('one measure everywhere', () => {
  const three = [image(1), image(2), image(3)];
  const old: Ledger = { version: 1, images: Object.fromEntries(three.map((i, n) => [i.id, { firstSeenMs: NOW - 90 * D, lastUsedMs: NOW - (60 - n) * D }])) };
  const base = (disk: EvictionInput['disk'], over: Partial<EvictionInput['config']> = {}): EvictionInput => ({
    images: three, containers: [], services: [], ledger: old, uniqueBytes: new Map(three.map((i) => [i.id, 10 * MB])), nowMs: NOW,
    disk, config: { ...config, ...over },
  });

  test("a job's min-free: evictions only until the free bytes are met, not down to the target", () => {
    // 85 % used of 1 GB, 150 MB free; the job needs 165 MB: one 10 MB image is not enough, two are
    const plan = planEviction(base({ usedBytes: 850 * MB, availBytes: 150 * MB, bytesPercent: 85 }, { goalFreeBytes: 165 * MB }));
    expect(plan.needed).toBe(true);
    expect(plan.targetBytes).toBe(15 * MB);
    expect(plan.evict.map((e) => e.id)).toEqual([id(1), id(2)]);
    // enough free already: nothing, whatever the watermarks say
    expect(planEviction(base({ usedBytes: 850 * MB, availBytes: 150 * MB, bytesPercent: 85 }, { goalFreeBytes: 100 * MB })).evict).toEqual([]);
  });

  test('inodes over the threshold trigger the eviction and, bytes being no guide, list every candidate in LRU order', () => {
    const plan = planEviction(base({ usedBytes: 300 * MB, availBytes: 700 * MB, bytesPercent: 30, inodesPercent: 92 }));
    expect(plan.needed).toBe(true);
    expect(plan.evict.map((e) => e.id)).toEqual([id(1), id(2), id(3)]);
    expect(plan.shortfallBytes).toBe(0);
    expect(planEviction(base({ usedBytes: 300 * MB, availBytes: 700 * MB, bytesPercent: 30, inodesPercent: 40 })).evict).toEqual([]);
  });
});
