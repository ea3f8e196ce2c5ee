/** The ledger on disk: `<state-dir>/ledger.json`, written atomically (write, then rename). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomic } from '../report/publish.js';
import { parseLedger, type Ledger } from './ledger.js';

export const ledgerPath = (stateDir: string): string => join(stateDir, 'ledger.json');

export async function loadLedger(stateDir: string): Promise<{ ledger: Ledger | undefined; warning: string | undefined }> {
  let text: string;
  try {
    text = await readFile(ledgerPath(stateDir), 'utf8');
  } catch {
    return { ledger: undefined, warning: 'no usage ledger yet: every image counts as used now' };
  }
  return parseLedger(text);
}

/** Never throws: a full disk must not stop the prune that would free it. */
export async function saveLedger(stateDir: string, ledger: Ledger): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    await writeAtomic(ledgerPath(stateDir), JSON.stringify(ledger), 0o600);
    return { ok: true };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
