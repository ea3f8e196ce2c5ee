/** The nightly warm set and its budget (pure), and the ledger's record of what jobs asked for. */
import { recordWanted, updateLedger, WANTED_HORIZON_MS, WANTED_REFS, WANTED_TIMES, type Ledger } from '../../src/ledger/ledger.js';
import { parseLedger } from '../../src/ledger/parse.js';
import { roomUnderTarget } from '../../src/plan/goal.js';
import { NAMED_WHY, WARM_MIN_ASKS, warmSet, withinBudget } from '../../src/plan/warm-plan.js';
import { disk } from './helpers.js';
import type { ImageInfo } from '../../src/model/host.js';

const img = (id: string, over: Partial<ImageInfo>): ImageInfo => ({ id: `sha256:${id}`, tags: [], digests: [], dangling: false, sizeBytes: 1, createdMs: 0, lastTagMs: undefined, ...over });

const NOW = Date.parse('2026-12-02T03:00:00Z');
const H = 3_600_000;
const DAY = 24 * H;

test('the warm set: named first, then by how often and how recently jobs asked; one line of why each', () => {
  const { candidates: set, oneOffs } = warmSet({
    wanted: { 'redis:7': [NOW - 2 * DAY, NOW - DAY, NOW - H], 'old:1': [NOW - 20 * DAY, NOW - 19 * DAY, NOW - 18 * DAY, NOW - 17 * DAY], 'twice:1': [NOW - 3 * H, NOW - 2 * H] },
    named: ['mariadb:10.11'], images: [img('r', { tags: ['redis:7'] })], nowMs: NOW, halfLifeMs: 3.5 * DAY,
  });
  expect(set.map((c) => c.ref)).toEqual(['mariadb:10.11', 'redis:7', 'twice:1', 'old:1']);
  expect(set[0]).toMatchObject({ why: 'named by the operator (warm-images, compose-files)', localId: undefined });
  expect(NAMED_WHY).toBe(set[0]!.why);
  expect(set[1]).toMatchObject({ why: 'asked for by 3 job(s), last 1h ago', localId: 'sha256:r' });
  // four asks three weeks ago weigh less than two a few hours ago
  expect(set[3]!.value).toBeLessThan(set[2]!.value);
  expect(oneOffs).toEqual([]);
});

test('the warm set: one entry per image however it was spelled, its asks counted together', () => {
  const { candidates, oneOffs } = warmSet({
    wanted: { 'lat': [NOW - 2 * H], 'lat:latest': [NOW - H], 'docker.io/library/redis:7': [NOW - 3 * H], 'redis:7': [NOW - 2 * H, NOW - H], 'reg:5000/w/x': [NOW - H] },
    named: ['mariadb:10.11', 'docker.io/library/mariadb:10.11'], images: [], nowMs: NOW, halfLifeMs: 3.5 * DAY,
  });
  // lat and lat:latest are one image asked for twice (not two one-offs); redis:7 three times
  expect(candidates.map((c) => [c.ref, c.why])).toEqual([
    ['mariadb:10.11', NAMED_WHY],
    ['redis:7', 'asked for by 3 job(s), last 1h ago'],
    ['lat:latest', 'asked for by 2 job(s), last 1h ago'],
  ]);
  expect(oneOffs).toEqual(['reg:5000/w/x:latest']);
});

test('the warm set leaves out what one job asked for once, unless the operator names it', () => {
  expect(WARM_MIN_ASKS).toBe(2);
  const { candidates, oneOffs } = warmSet({
    wanted: { 'once:1': [NOW - H], 'twice:1': [NOW - 2 * DAY, NOW - DAY], 'named-once:1': [NOW - H], 'another-once:3': [NOW - 5 * DAY] },
    named: ['named-once:1'], images: [], nowMs: NOW, halfLifeMs: 3.5 * DAY,
  });
  // a single ask an hour ago is worth more than two a day or two ago, and still left out
  expect(candidates.map((c) => c.ref)).toEqual(['named-once:1', 'twice:1']);
  expect(oneOffs).toEqual(['another-once:3', 'once:1']);
});

test('within the budget: most valuable per byte first, a big one passed over for smaller ones after it, never split', () => {
  const o = (ref: string, value: number, bytes: number) => ({ ref, why: '', value, localId: undefined, bytes });
  const { take, left } = withinBudget([o('big', 3, 300), o('small', 1, 50), o('named', Number.POSITIVE_INFINITY, 100), o('mid', 2, 100)], 260);
  expect(take.map((x) => x.ref)).toEqual(['named', 'mid', 'small']); // mid and small tie per byte: the more valuable first
  expect(left.map((x) => x.ref)).toEqual(['big']);
  expect(withinBudget([o('a', 1, 10)], 0).take).toEqual([]);
});

test('the budget is the room under the target minus min-free, never negative; inodes over the target leave none', () => {
  const d = disk(50); // 1 GB, 500 MB used
  expect(roomUnderTarget(d, 70, 0)).toBe(200e6);
  expect(roomUnderTarget(d, 70, 450e6)).toBe(50e6); // min-free eats into the room
  expect(roomUnderTarget(disk(75), 70, 0)).toBe(0);
  expect(roomUnderTarget(disk(10, 72), 70, 0)).toBe(0);
});

test('the ledger keeps what jobs asked for, bounded in times, references and age, through every update and a reload', () => {
  let l: Ledger = { version: 1, images: {} };
  for (let i = 0; i < 20; i++) l = recordWanted(l, ['redis:7'], NOW - (20 - i) * H);
  expect(l.wanted!['redis:7']).toHaveLength(WANTED_TIMES);
  for (let i = 0; i < WANTED_REFS + 10; i++) l = recordWanted(l, [`r${i}:1`], NOW - 1000 + i);
  expect(Object.keys(l.wanted!)).toHaveLength(WANTED_REFS);
  // one job naming one image twice, spelled two ways: one ask, under one name
  expect(recordWanted({ version: 1, images: {} }, ['redis', 'docker.io/library/redis:latest'], NOW).wanted).toEqual({ 'redis:latest': [NOW] });
  expect(l.wanted!['r0:1']).toBeUndefined(); // the least recently asked for went
  // a look keeps them; past the horizon they go
  const kept = updateLedger(recordWanted({ version: 1, images: {} }, ['a:1'], NOW), { images: [], containers: [], services: [] }, NOW + H);
  expect(kept.wanted).toEqual({ 'a:1': [NOW] });
  expect(updateLedger(kept, { images: [], containers: [], services: [] }, NOW + WANTED_HORIZON_MS + H).wanted).toBeUndefined();
  // on disk: a time out of range is dropped alone
  const parsed = parseLedger(JSON.stringify({ version: 1, images: {}, wanted: { 'a:1': [NOW - H, 1e300, -5], 'b:1': ['x'] } }), NOW);
  expect(parsed.kind).toBe('rebuilt'); // a string where a time must be: not ours
  const ok = parseLedger(JSON.stringify({ version: 1, images: {}, wanted: { 'a:1': [NOW - H, 1e300, -5], 'b:1': [1e300] } }), NOW);
  expect(ok.kind === 'ok' && ok.ledger.wanted).toEqual({ 'a:1': [NOW - H] });
});
