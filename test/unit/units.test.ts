import { formatBytes, formatDuration, parseBytes, parseDuration, parseFreeSpec, toGoDuration } from '../../src/inputs/units.js';

test('durations', () => {
  expect(parseDuration('90s')).toBe(90_000);
  expect(parseDuration('30m')).toBe(1_800_000);
  expect(parseDuration('24h')).toBe(86_400_000);
  expect(parseDuration('7d')).toBe(604_800_000);
  expect(parseDuration('0')).toBe(0);
  for (const bad of ['', '5', '1.5h', '-3h', 'h', '3 h']) expect(parseDuration(bad)).toBeUndefined();
  expect(toGoDuration(7 * 86_400_000)).toBe('168h');
  expect(toGoDuration(90_000)).toBe('90s');
  expect(toGoDuration(1_800_000)).toBe('30m');
  expect(formatDuration(90_500)).toBe('1m31s');
  expect(formatDuration(40 * 86_400_000 + 4000)).toBe('40d');
  expect(formatDuration(26 * 3_600_000)).toBe('1d2h');
  expect(formatDuration(450)).toBe('450ms');
});

test('sizes as docker prints them and as users write them', () => {
  expect(parseBytes('1.98MB')).toBe(1_980_000);
  expect(parseBytes('0B')).toBe(0);
  expect(parseBytes('5GiB')).toBe(5 * 2 ** 30);
  expect(parseBytes('40B')).toBe(40);
  expect(parseBytes('3 kB')).toBe(3000);
  expect(parseBytes('lots')).toBeUndefined();
  expect(parseFreeSpec('10%')).toEqual({ kind: 'percent', percent: 10 });
  expect(parseFreeSpec('100%')).toBeUndefined();
  expect(formatBytes(1_234_567)).toBe('1.23 MB');
  expect(formatBytes(999)).toBe('999 B');
});
