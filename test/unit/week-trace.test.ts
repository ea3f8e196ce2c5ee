import { makeTrace, weekBytes } from '../bench/week-trace.js';

test('the week replay trace: reproducible from its seed, skewed popularity, upstream moves the jobs follow', () => {
  const opts = { seed: 7, days: 5, jobsPerDay: 6, recipes: 12 };
  const t = makeTrace(opts);
  expect(makeTrace(opts)).toEqual(t); // same seed, same week
  expect(makeTrace({ ...opts, seed: 8 }).jobs).not.toEqual(t.jobs);
  expect(t.jobs).toHaveLength(30);
  for (const r of t.recipes) expect(r.images.length === 2 || r.images.length === 3).toBe(true);
  // a warm set and a long tail: the most popular recipe runs several times more often than the median one
  const counts = [...t.recipes.map((r) => t.jobs.filter((j) => j.recipe === r.name).length)].sort((a, b) => b - a);
  expect(counts[0]!).toBeGreaterThanOrEqual(3 * Math.max(1, counts[6]!));
  // a re-push is staged in the registry from the start; a new tag is used from its day on, never before
  for (const ev of t.events) {
    if (ev.kind === 'repush') expect(t.images.some((i) => i.repo === ev.repo && i.tag === ev.staged)).toBe(true);
    else {
      const refs = t.jobs.flatMap((j) => j.refs.filter((r) => r.startsWith(`${ev.repo}:`)).map((r) => [j.day, r] as const));
      for (const [day, ref] of refs) expect(ref).toBe(day >= ev.day ? `${ev.repo}:${ev.tag}` : `${ev.repo}:1`);
    }
  }
  expect(weekBytes(t)).toBeGreaterThan(400e6);
});

test('re-pushes in any gap of their day: the same week otherwise, each landing after 0 to all of its day\'s jobs', () => {
  const opts = { seed: 7, days: 5, jobsPerDay: 6, recipes: 12 };
  const start = makeTrace(opts);
  const any = makeTrace({ ...opts, moves: 'any-gap' });
  expect(makeTrace({ ...opts, moves: 'any-gap' })).toEqual(any);
  // the jobs, images and recipes are the day-start week's: only when a re-push lands differs
  expect({ ...any, events: [] }).toEqual({ ...start, events: [] });
  expect(any.events.map((e) => { const { after: _, ...rest } = { after: undefined, ...e }; return rest; })).toEqual(start.events);
  const afters = any.events.flatMap((e) => (e.kind === 'repush' ? [e.after] : []));
  expect(afters.every((a) => Number.isInteger(a) && a! >= 0 && a! <= opts.jobsPerDay)).toBe(true);
  expect(new Set(afters).size).toBeGreaterThan(1); // not all in one gap (seed 7: 4, 4, 2)
  expect(start.events.every((e) => !('after' in e))).toBe(true);
});
