import { spaceNeeded } from '../../src/modes/pre.js';

const MB = 1_000_000;
const disk = { path: '/d', usedBytes: 800 * MB, availBytes: 200 * MB, usedPercent: 80, bytesPercent: 80, inodesPercent: 1 } as never;

test('the room pre keeps: min-free, or cold-headroom × the cold download bytes, whichever is more; named in the log', () => {
  expect(spaceNeeded(disk, { minFree: undefined, coldHeadroom: 2 }, 0)).toBeUndefined(); // nothing cold, nothing asked
  expect(spaceNeeded(disk, { minFree: undefined, coldHeadroom: 0 }, 50 * MB)).toBeUndefined(); // turned off
  expect(spaceNeeded(disk, { minFree: undefined, coldHeadroom: 2 }, 50 * MB)).toEqual({ bytes: 100 * MB, minFree: 0, why: 'room for the cold images: 2 × 50.0 MB' });
  expect(spaceNeeded(disk, { minFree: { kind: 'percent', percent: 30 }, coldHeadroom: 2 }, 50 * MB))
    .toEqual({ bytes: 300 * MB, minFree: 300 * MB, why: 'min-free 300 MB, room for the cold images: 2 × 50.0 MB' });
  expect(spaceNeeded(undefined, { minFree: undefined, coldHeadroom: 2 }, 50 * MB)).toBeUndefined(); // disk unknown: nothing to compare
});
