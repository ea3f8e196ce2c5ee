import { jobVersions, roomTable, seedTable, weekUnder } from '../bench/week-bound.js';
import { makeTrace, type Trace } from '../bench/week-trace.js';

const MB = 1_000_000;
/** A week without night pulls: bytes served and downloads on the jobs' path. */
const pulls = (bytes: number, downloads: number) => ({ bytes, downloads, nightBytes: 0, nightPulls: 0 });

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
  expect(weekUnder(t, Infinity, 'lru')).toEqual(pulls(35 * MB, 3));
  // a re-push is a new version of its tag from its day on: downloaded again, on every disk
  const moved = small(['a', 'b', 'a', 'c', 'a', 'b'], { day: 1 });
  expect(jobVersions(moved).map((j) => j[0]!.key)).toEqual(['a:1', 'b:1', 'a:1', 'c:1', 'a:1-day1', 'b:1']);
  expect(weekUnder(moved, Infinity, 'clairvoyant')).toEqual(pulls(45 * MB, 4));
});

test('the week bound: room for two images, the clairvoyant order evicts what is needed last, LRU what was used longest ago', () => {
  const t = small(['a', 'b', 'a', 'c', 'a', 'b']);
  const room = 25 * MB; // the base and two images
  // a, b, a, c, a, b: at c both orders evict b (used longest ago; needed last), so b is cold again at the end
  expect(weekUnder(t, room, 'clairvoyant')).toEqual(pulls(45 * MB, 4));
  expect(weekUnder(t, room, 'lru')).toEqual(pulls(45 * MB, 4));
  // a, b, c, a, b, c: LRU always evicts the very next one (its worst case); the clairvoyant order
  // evicts b at c (a is needed sooner), then a at b (never needed again)
  const cycle = small(['a', 'b', 'c', 'a', 'b', 'c']);
  expect(weekUnder(cycle, room, 'lru')).toEqual(pulls(65 * MB, 6));
  expect(weekUnder(cycle, room, 'clairvoyant')).toEqual(pulls(45 * MB, 4));
  // room made before the pulls: 1 x the cold image fits beside one image (the same week); 2 x
  // leaves none beside it, so every job after the first evicts the image before it: each is cold
  expect(weekUnder(t, room, 'lru', { headroom: 1 })).toEqual(pulls(45 * MB, 4));
  expect(weekUnder(t, room, 'lru', { headroom: 2 })).toEqual(pulls(6 * 15 * MB, 6));
  // counted on a filesystem 10 MB larger than the threshold's room (free space, as the tool counts
  // it), 2 x fits beside one image again: the same week as without it
  expect(weekUnder(t, room, 'lru', { headroom: 2, fullBytes: room + 10 * MB })).toEqual(pulls(45 * MB, 4));
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

/** Jobs on given days (one image each, 10 MB on one 5 MB base), a re-push of a's tag on `repushDay`. */
function days(jobs: [string, number][], repushDay?: number): Trace {
  const t = small([]);
  return { ...t, events: repushDay === undefined ? [] : [{ day: repushDay, kind: 'repush', repo: 'a', tag: '1', staged: '1-day1' }],
    jobs: jobs.map(([r, day], n) => ({ n: n + 1, day, slot: n, recipe: r, refs: [`${r}:1`], build: false })), days: 3 };
}

test('the week bound: the old content of a re-pushed tag goes before any image a job used, as the dangling prune removes it', () => {
  // b, a on day 0; a's tag re-pushed on day 1, then a (its new content) and b. Room for two images:
  // the new a's pull leaves three; the old a, dangling once its tag names the new one, goes, and
  // b (used longest ago) stays warm for the last job
  const t = days([['b', 0], ['a', 0], ['a', 1], ['b', 1]], 1);
  expect(weekUnder(t, 25 * MB, 'lru')).toEqual(pulls(35 * MB, 3));
  // the clairvoyant order reaches the same: the old content is never needed again
  expect(weekUnder(t, 25 * MB, 'clairvoyant')).toEqual(pulls(35 * MB, 3));
});

test('the week bound with the nightly warm: a tag moved upstream is pulled at night, off the next job\'s path', () => {
  // a twice on day 0; a's tag re-pushed on day 1, when only b runs; a again on day 2
  const t = days([['a', 0], ['a', 0], ['b', 1], ['a', 2]], 1);
  const warm = { targetBytes: Infinity, expansion: 2, halfLifeDays: 3.5 };
  expect(weekUnder(t, Infinity, 'lru')).toEqual(pulls(35 * MB, 3));
  // the same bytes, one download fewer on a job's path: the night after day 1 pulled a:1-day1
  expect(weekUnder(t, Infinity, 'lru', { warm })).toEqual({ bytes: 35 * MB, downloads: 2, nightBytes: 10 * MB, nightPulls: 1 });
  // asked for once only, a is a one-off: not warmed, as the tool leaves it out (WARM_MIN_ASKS)
  expect(weekUnder(days([['a', 0], ['b', 1], ['a', 2]], 1), Infinity, 'lru', { warm })).toEqual(pulls(35 * MB, 3));
});

test('the week bound: a re-push lands after as many of its day\'s jobs as it says; after the last, the night\'s warm sees it first', () => {
  // a twice on day 0; on day 1 a, b, a, its tag re-pushed after two of day 1's jobs; a on day 2
  const jobs: [string, number, number][] = [['a', 0, 0], ['a', 0, 1], ['a', 1, 0], ['b', 1, 1], ['a', 1, 2], ['a', 2, 0]];
  const at = (after: number): Trace => ({
    ...small([]), days: 3, events: [{ day: 1, kind: 'repush', repo: 'a', tag: '1', staged: '1-day1', after }],
    jobs: jobs.map(([r, day, slot], n) => ({ n: n + 1, day, slot, recipe: r, refs: [`${r}:1`], build: false })),
  });
  // the first of day 1's a jobs saw the old content, the second the new one
  expect(jobVersions(at(2)).map((j) => j[0]!.key)).toEqual(['a:1', 'a:1', 'a:1', 'b:1', 'a:1-day1', 'a:1-day1']);
  const warm = { targetBytes: Infinity, expansion: 2, halfLifeDays: 3.5 };
  // landing mid-day, a job downloads it on its path, warm or not
  expect(weekUnder(at(2), Infinity, 'lru', { warm })).toEqual(pulls(35 * MB, 3));
  // landing after the day's last job (jobsPerDay is 3 here), the night's warm pulls it: off day 2's path
  expect(jobVersions(at(3)).map((j) => j[0]!.key)).toEqual(['a:1', 'a:1', 'a:1', 'b:1', 'a:1', 'a:1-day1']);
  expect(weekUnder(at(3), Infinity, 'lru', { warm })).toEqual({ bytes: 35 * MB, downloads: 2, nightBytes: 10 * MB, nightPulls: 1 });
});

test('the week bound with the nightly warm: an evicted image comes back only within the room under the target, never by evicting', () => {
  // d (4 MB, asked twice), a (20 MB), b (10 MB) on one 5 MB base; room for 30 MB under the
  // threshold: b's pull evicts d, then a (least recently used first), leaving 15 MB; d again on day 1
  const img = (repo: string, mb: number) => ({ repo, tag: '1', base: 'base/x', bytes: mb * MB });
  const t: Trace = { ...days([['d', 0], ['d', 0], ['a', 0], ['b', 0], ['d', 1]]), images: [img('d', 4), img('a', 20), img('b', 10)] };
  expect(weekUnder(t, 30 * MB, 'lru')).toEqual(pulls(43 * MB, 4));
  // the target's room (25 MB, under the threshold's) leaves 10 MB: d's whole image (its base
  // counted, 9 MB × 1) fits, a's (25 MB) does not; d is warm on day 1
  const warm = { targetBytes: 25 * MB, expansion: 1, halfLifeDays: 3.5 };
  expect(weekUnder(t, 30 * MB, 'lru', { warm })).toEqual({ bytes: 43 * MB, downloads: 3, nightBytes: 4 * MB, nightPulls: 1 });
  // the pull's disk estimate (9 MB × 2) is over the room: nothing is pulled, nothing evicted
  expect(weekUnder(t, 30 * MB, 'lru', { warm: { ...warm, expansion: 2 } })).toEqual(pulls(43 * MB, 4));
  // no room under the target (the store at it): the week is the same as without warm
  expect(weekUnder(t, 30 * MB, 'lru', { warm: { ...warm, targetBytes: 15 * MB } })).toEqual(pulls(43 * MB, 4));
});

test('the week bound with the nightly warm: the most valuable first, within what is left of the room', () => {
  // day 0: d (4 MB) twice, e (6 MB) three times; both tags re-pushed on day 1, when only b runs;
  // e again on day 2. Room for 40 MB under the threshold: nothing is evicted
  const img = (repo: string, mb: number, tag = '1') => ({ repo, tag, base: 'base/x', bytes: mb * MB });
  const repush = (repo: string) => ({ day: 1, kind: 'repush' as const, repo, tag: '1', staged: '1-day1' });
  const t: Trace = { ...days([['d', 0], ['d', 0], ['e', 0], ['e', 0], ['e', 0], ['b', 1], ['e', 2]]),
    images: [img('d', 4), img('e', 6), img('b', 10), img('d', 4, '1-day1'), img('e', 6, '1-day1')], events: [repush('d'), repush('e')] };
  expect(weekUnder(t, 40 * MB, 'lru')).toEqual(pulls(31 * MB, 4));
  // night 1: 25 MB held, 11 MB under the target's 36 MB; d's new version (2 asks, 9 MB with its
  // base) and e's (3 asks, 11 MB) each fit alone, not together: e's, worth more per byte, is
  // pulled, and day 2's job finds it warm
  expect(weekUnder(t, 40 * MB, 'lru', { warm: { targetBytes: 36 * MB, expansion: 1, halfLifeDays: 3.5 } }))
    .toEqual({ bytes: 31 * MB, downloads: 3, nightBytes: 6 * MB, nightPulls: 1 });
});

test('the room table: a row per share of the limit\'s bytes, the limit reached once the room holds the week', () => {
  const t = makeTrace({ seed: 7, days: 5, jobsPerDay: 6, recipes: 12 });
  const lines = roomTable(t, 128 * MB, { threshold: 80, target: 70, coldHeadroom: 2, halfLifeDays: 3.5 }, [0.4, 1.2]);
  const rows = lines.filter((l) => /^\| \d+ %/.test(l)).map((l) => l.split('|').map((c) => c.trim()).filter(Boolean));
  expect(rows.map((r) => r[0]!.split(' ')[0])).toEqual(['40', '120']);
  const limit = weekUnder(t, Infinity, 'lru');
  // 120 %: every order downloads what the limit does, on the jobs' path as often
  expect(rows[1]!.slice(1)).toEqual(Array(3).fill([(limit.bytes / MB).toFixed(0), '1.00', String(limit.downloads)]).flat());
  // 40 %: the tool's defaults download more than the limit, and more than the clairvoyant order
  expect(Number(rows[0]![5])).toBeGreaterThan(Number(rows[0]![2]));
  expect(Number(rows[0]![2])).toBeGreaterThan(1);
});

test('the seed table: one row per week at its disk, and how many weeks each order meets both targets on', () => {
  const t = makeTrace({ seed: 7, days: 5, jobsPerDay: 6, recipes: 12 });
  const m = { threshold: 80, target: 70, coldHeadroom: 2, halfLifeDays: 3.5 };
  const limit = weekUnder(t, Infinity, 'lru');
  // a filesystem whose room under 80 % holds the whole week (after 128 MB of its own), and one
  // whose room holds 40 % of it
  const roomy = (limit.bytes + 128 * MB) / 0.8;
  const tight = (0.4 * limit.bytes + 128 * MB) / 0.8;
  const lines = seedTable([{ label: 'roomy', trace: t, capacityBytes: roomy }, { label: 'tight', trace: t, capacityBytes: tight }], 128 * MB, m);
  expect(lines[0]).toContain('met by the clairvoyant order on 1 of 2 weeks, by the tool\'s defaults with the nightly warm on 1; on a disk that never fills, by the nightly warm on 2');
  const rows = lines.filter((l) => /^\| (roomy|tight) /.test(l)).map((l) => l.split('|').map((c) => c.trim()).filter(Boolean));
  expect(rows.map((r) => r[1])).toEqual([`${(roomy / MB).toFixed(0)} MB (100 %)`, `${(tight / MB).toFixed(0)} MB (40 %)`]);
  // roomy: every order at the limit; tight: the clairvoyant order over 1.10x, the tool over it
  // (seed 7's nightly warm never pulls on a disk that never fills: nothing there is re-pushed on a day no job asks for it twice)
  expect(rows[0]!.slice(4)).toEqual(Array(3).fill([(limit.bytes / MB).toFixed(0), '1.00', String(limit.downloads)]).flat());
  expect(Number(rows[1]![5])).toBeGreaterThan(1.1);
  expect(Number(rows[1]![8])).toBeGreaterThanOrEqual(Number(rows[1]![5]));
});
