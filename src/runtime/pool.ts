/** Bounded concurrency: never more than `limit` tasks at once, whatever the input size. */

/** Docker processes (or registry requests) a run may have in flight at once. */
export const DOCKER_CONCURRENCY = 4;

/** Like `Promise.all(items.map(fn))`, with at most `limit` calls of `fn` running at a time. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
