/** The ledger on disk: `<state-dir>/ledger.json`, written atomically (write, then rename). */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomic } from '../runtime/atomic-file.js';
import { STATE_DIR_MODE, STATE_FILE_MODE } from '../runtime/state-dir.js';
import type { Ledger } from './ledger.js';

export const ledgerPath = (stateDir: string): string => join(stateDir, 'ledger.json');

/** Far above a real host's ledger (10,000 images ≈ 1 MB): a bigger file is not ours to parse. */
export const MAX_LEDGER_BYTES = 16 << 20;

export async function loadLedger(stateDir: string): Promise<{ ledger: Ledger | undefined; warning: string | undefined }> {
  let text: string;
  try {
    // the size before the parse: a huge or garbage file must not cost gigabytes of memory
    const { size } = await stat(ledgerPath(stateDir));
    if (size > MAX_LEDGER_BYTES) {
      return { ledger: undefined, warning: `the usage ledger is ${size} bytes, over the ${MAX_LEDGER_BYTES}-byte limit: rebuilt, every image counts as used now` };
    }
    text = await readFile(ledgerPath(stateDir), 'utf8');
  } catch {
    return { ledger: undefined, warning: 'no usage ledger yet: every image counts as used now' };
  }
  return (await import(/* webpackMode: "eager" */ './parse.js')).parseLedger(text);
}

/** Never throws: a full disk must not stop the prune that would free it. */
export async function saveLedger(stateDir: string, ledger: Ledger): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    await writeAtomic(ledgerPath(stateDir), JSON.stringify(ledger), STATE_FILE_MODE, STATE_DIR_MODE);
    return { ok: true };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
