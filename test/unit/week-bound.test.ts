import { jobVersions, weekUnder } from '../bench/week-bound.js';
import { makeTrace, type Trace } from '../bench/week-trace.js';

const MB = 1_000_000;

/** Three 10 MB images on one 5 MB base; jobs need one each: a, b, a, c, a, b. */
function small(refs: string[], repush?: { day: number }): Trace {
  const img = (repo: string, tag = '1') => ({ repo, tag, base: 'base/x', bytes: 10 * MB });
  return {
    bases: [{ name: 'base/x', bytes: 5 * MB }],
    images: [img('a'), img('b'), img('c'), img('a', '1-day1')],
    recipes: [],
    events: repush ? [{ day: repush.day, kind: 'repush', repo: 'a', tag: '1', staged: '1-day1' }] : [],
    jobs: refs.map((r, n) => ({ n: n + 1, day: n < 3 ? 0 : 1, slot: n, recipe: r, refs: [`${r}:1`], build: false })),
    days: 2,
    jobsPerDay: 3,
  };
}

test('the week bound: an infinite disk downloads each version once, the base once', () => {
  const t = small(['a', 'b', 'a', 'c', 'a', 'b']);
  expect(weekUnder(t, Infinity, 'lru')).toEqual({ bytes: 35 * MB, downloads: 3 });
  // a re-push is a new version of its tag from its day on: downloaded again, on every disk
  const moved = small(['a', 'b', 'a', 'c', 'a', 'b'], { day: 1 });
  expect(jobVersions(moved).map((j) => j[0]!.key)).toEqual(['a:1', 'b:1', 'a:1', 'c:1', 'a:1-day1', 'b:1']);
  expect(weekUnder(moved, Infinity, 'clairvoyant')).toEqual({ bytes: 45 * MB, downloads: 4 });
});

test('the week bound: room for two images, the clairvoyant order evicts what is needed last, LRU what was used longest ago', () => {
  const t = small(['a', 'b', 'a', 'c', 'a', 'b']);
  const room = 25 * MB; // the base and two images
  // a, b, a, c, a, b: at c both orders evict b (used longest ago; needed last), so b is cold again at the end
  expect(weekUnder(t, room, 'clairvoyant')).toEqual({ bytes: 45 * MB, downloads: 4 });
  expect(weekUnder(t, room, 'lru')).toEqual({ bytes: 45 * MB, downloads: 4 });
  // a, b, c, a, b, c: LRU always evicts the very next one (its worst case); the clairvoyant order
  // evicts b at c (a is needed sooner), then a at b (never needed again)
  const cycle = small(['a', 'b', 'c', 'a', 'b', 'c']);
  expect(weekUnder(cycle, room, 'lru')).toEqual({ bytes: 65 * MB, downloads: 6 });
  expect(weekUnder(cycle, room, 'clairvoyant')).toEqual({ bytes: 45 * MB, downloads: 4 });
  // room made before the pulls: 1 x the cold image fits beside one image (the same week); 2 x
  // leaves none beside it, so every job after the first evicts the image before it: each is cold
  expect(weekUnder(t, room, 'lru', { headroom: 1 })).toEqual({ bytes: 45 * MB, downloads: 4 });
  expect(weekUnder(t, room, 'lru', { headroom: 2 })).toEqual({ bytes: 6 * 15 * MB, downloads: 6 });
  // counted on a filesystem 10 MB larger than the threshold's room (free space, as the tool counts
  // it), 2 x fits beside one image again: the same week as without it
  expect(weekUnder(t, room, 'lru', { headroom: 2, fullBytes: room + 10 * MB })).toEqual({ bytes: 45 * MB, downloads: 4 });
});

test('the week bound on the replay trace: never below the limit, the clairvoyant order never above LRU', () => {
  const t = makeTrace({ seed: 7, days: 5, jobsPerDay: 6, recipes: 12 });
  const limit = weekUnder(t, Infinity, 'lru');
  for (const room of [250, 300, 350].map((m) => m * MB)) {
    const best = weekUnder(t, room, 'clairvoyant');
    const lru = weekUnder(t, room, 'lru');
    expect(best.bytes).toBeGreaterThanOrEqual(limit.bytes);
    expect(best.downloads).toBeGreaterThanOrEqual(limit.downloads);
    expect(lru.bytes).toBeGreaterThanOrEqual(best.bytes);
  }
});
