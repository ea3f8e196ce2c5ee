/** Parsing of the human units used by inputs: durations (90s, 30m, 24h, 7d) and sizes (5GiB, 10%). */

const DURATION_UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Ten years: longer than any sane retention, and far inside Go's 290-year time.Duration. */
export const MAX_DURATION_MS = 3650 * 86_400_000;

/** `90s` → 90000 ms; `0` → 0. Undefined when the text is not a duration or exceeds 3650d. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (t === '0') return 0;
  const m = /^(\d{1,12})(s|m|h|d|w)$/.exec(t);
  if (!m) return undefined;
  const ms = Number(m[1]) * DURATION_UNITS[m[2]!]!;
  return ms <= MAX_DURATION_MS ? ms : undefined;
}

/** The filter value docker understands for a duration in ms (`until=24h`). Docker takes Go durations: no `d`. */
export function toGoDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${Math.round(ms / 1000)}s`;
}

/** 90500 → `1m31s`: the largest unit and the next one (`40d`, not `40d4s`). */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = Math.round(ms / 1000);
  const units: [number, string][] = [[86400, 'd'], [3600, 'h'], [60, 'm'], [1, 's']];
  const i = units.findIndex(([size]) => s >= size);
  const [big, bigName] = units[i]!;
  const next = units[i + 1];
  const rest = next ? Math.floor((s % big) / next[0]) : 0;
  return `${Math.floor(s / big)}${bigName}${rest ? `${rest}${next![1]}` : ''}`;
}

const SIZE_UNITS: Record<string, number> = {
  b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12,
  kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40,
};

export type FreeSpec = { kind: 'bytes'; bytes: number } | { kind: 'percent'; percent: number };

/** `5GiB`, `500MB`, `10%` → a free-space requirement. Undefined when unparsable. */
export function parseFreeSpec(text: string): FreeSpec | undefined {
  const t = text.trim();
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(t);
  if (pct) {
    const percent = Number(pct[1]);
    return percent > 0 && percent < 100 ? { kind: 'percent', percent } : undefined;
  }
  const bytes = parseBytes(t);
  return bytes === undefined ? undefined : { kind: 'bytes', bytes };
}

/** `1.98MB` / `5GiB` / `0B` → bytes. Docker prints decimal units (MB = 1e6). */
export function parseBytes(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]i?b|b)$/i.exec(text.trim());
  if (!m) return undefined;
  return Math.round(Number(m[1]) * SIZE_UNITS[m[2]!.toLowerCase()]!);
}

/** Bytes → `1.23 GB` (decimal, like docker). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = Math.abs(bytes);
  let i = 0;
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  const text = i === 0 ? String(v) : v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2);
  return `${bytes < 0 ? '-' : ''}${text} ${units[i]}`;
}
