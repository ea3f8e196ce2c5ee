/**
 * The product's promise: never `--all`, never `--volumes`, never `system prune`, never a forced
 * image removal. These tests fail if anyone makes such a command expressible or writes one.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertAllowed, PRUNE_KINDS, pruneCommand, removeImageCommand, removeImageRefCommand } from '../../src/docker/commands.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ID = `sha256:${'a'.repeat(64)}`;
const FORBIDDEN_FLAG = ['--' + 'all', '-' + 'a', '-' + 'af', '-' + 'fa', '--' + 'volumes', '-f', '--force'];

describe('destructive command builder', () => {
  test('builds exactly the operators three prunes and a plain image rm', () => {
    expect(PRUNE_KINDS.map((k) => pruneCommand(k, 86_400_000).args)).toEqual([
      ['container', 'prune', '--force', '--filter', 'until=24h'],
      ['image', 'prune', '--force', '--filter', 'until=24h'],
      ['builder', 'prune', '--force', '--filter', 'until=24h'],
    ]);
    expect(removeImageCommand(ID).args).toEqual(['image', 'rm', ID]);
    // one reference of a multi-repository image: a tag or a digest reference, nothing else
    expect(removeImageRefCommand('mariadb:10.11').args).toEqual(['image', 'rm', 'mariadb:10.11']);
    expect(removeImageRefCommand('127.0.0.1:5000/library/mariadb:10.11').args).toEqual(['image', 'rm', '127.0.0.1:5000/library/mariadb:10.11']);
    expect(removeImageRefCommand(`mariadb@${ID}`).args).toEqual(['image', 'rm', `mariadb@${ID}`]);
  });

  test('a reference must name its tag or digest, and can never be an option', () => {
    for (const bad of ['mariadb', '127.0.0.1:5000/x', '-f', '--force', '-a', 'a:--force', 'A:1', 'a b:1', 'a:1 --force', '', 'a:1\n--force']) {
      expect(() => removeImageRefCommand(bad)).toThrow(/refusing to run a destructive command/);
    }
  });

  test('every variant with a forbidden flag, an extra argument or another verb is refused', () => {
    const refused: string[][] = [
      ['system', 'prune', '--force', '--filter', 'until=24h'],
      ['volume', 'prune', '--force', '--filter', 'until=24h'],
      ['network', 'prune', '--force', '--filter', 'until=24h'],
      ['image', 'prune', '--force'],
      ['image', 'prune', '--force', '--filter', 'until=24h', 'extra'],
      ['image', 'prune', '--force', '--filter', 'dangling=false'],
      ['image', 'rm', 'redis'],
      ['image', 'rm', 'redis:7', 'nginx:1'],
      ['image', 'rm', ID, ID],
      ['rmi', ID],
      ['container', 'rm', ID],
    ];
    for (const flag of FORBIDDEN_FLAG) {
      for (const kind of PRUNE_KINDS) {
        if (flag !== '--force') refused.push([kind, 'prune', flag, '--filter', 'until=24h']);
        refused.push([kind, 'prune', '--force', '--filter', 'until=24h', flag]);
      }
      refused.push(['image', 'rm', flag, ID], ['image', 'rm', flag, 'redis:7'], ['image', 'rm', 'redis:7', flag]);
    }
    for (const args of refused) expect(() => assertAllowed(args)).toThrow(/refusing to run a destructive command/);
  });

  test('an image id that is not a full sha256 id cannot be removed', () => {
    expect(() => removeImageCommand('redis:7')).toThrow();
    expect(() => removeImageCommand(`sha256:${'a'.repeat(12)}`)).toThrow();
  });
});

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p, ext) : ext.test(n) ? [p] : [];
  });
}

describe('no unsafe prune anywhere in the code that runs', () => {
  // A docker argument list or command line that prunes with --all/-a/-af/--volumes, or a system prune.
  const unsafe = [
    /["'`]prune["'`][^;\]\n]{0,160}["'`](--all|-a|-af|-fa|--volumes)["'`]/,
    /["'`](--all|-a|-af|-fa|--volumes)["'`][^;\]\n]{0,160}["'`]prune["'`]/,
    /["'`]system["'`]\s*,\s*["'`]prune["'`]/,
    /\bprune\s+(-a\b|-af\b|-fa\b|--all\b|--volumes\b)/,
    /\bsystem\s+prune\b/,
  ];

  test.each([['src', /\.ts$/], ['dist', /\.js$/]] as const)('%s holds no unsafe prune invocation', (dir, ext) => {
    const found = files(join(root, dir), ext).length;
    expect(found).toBeGreaterThan(0);
    for (const f of files(join(root, dir), ext)) {
      const text = readFileSync(f, 'utf8');
      for (const re of unsafe) {
        const m = re.exec(text);
        expect(m ? `${f}: ${m[0]}` : null).toBeNull();
      }
    }
  });

  test('only docker/commands.ts builds a prune or an image removal', () => {
    for (const f of files(join(root, 'src'), /\.ts$/)) {
      if (f.endsWith(join('docker', 'commands.ts'))) continue;
      const text = readFileSync(f, 'utf8');
      // an argument list whose verb removes: ['image', 'prune', …], ['image', 'rm', …], ['rmi', …]
      expect(/['"`](container|image|builder|system|volume|network|buildx)['"`]\s*,\s*['"`](prune|rm)['"`]|\[\s*['"`](rmi|rm)['"`]/.test(text) ? f : null).toBeNull();
    }
  });

  test('only the CLI writer, behind the port, can make one: no mode, plan or executor imports the allowlist', () => {
    const importers = files(join(root, 'src'), /\.ts$/).filter((f) => /from\s+['"][./]*(docker\/)?commands\.js['"]/.test(readFileSync(f, 'utf8')));
    // cli.ts re-checks every command against the allowlist before it runs (DockerCli.destroy)
    expect(importers.map((f) => f.slice(root.length + 1)).sort()).toEqual([join('src', 'docker', 'cli-writer.ts'), join('src', 'docker', 'cli.ts')]);
  });

  test('the scanner itself catches the patterns it is meant to catch', () => {
    const samples = [
      `["image","prune","--all","--force"]`, `['system', 'prune']`, `docker image prune -af`,
      `["volume","prune","--force","--volumes"]`, `"docker system prune"`,
    ];
    for (const s of samples) expect(unsafe.some((re) => re.test(s))).toBe(true);
    expect(unsafe.some((re) => re.test(`["container","prune","--force","--filter","until=24h"]`))).toBe(false);
  });
});

describe('the Engine API adapter can only read', () => {
  test('its one request method is GET: no POST, PUT or DELETE is expressible through it', () => {
    const adapter = files(join(root, 'src', 'docker'), /^api.*\.ts$/);
    expect(adapter.map((f) => f.replace(/.*\//, '')).sort()).toEqual(['api-reader.ts', 'api-schemas.ts', 'api.ts']);
    for (const f of adapter) {
      const text = readFileSync(f, 'utf8').replace(/^\s*(\/\/|\*).*$/gm, ''); // code, not comments
      expect(text.match(/\bmethod\s*:\s*['"`](\w+)/g) ?? []).toEqual(f.endsWith('api.ts') ? ["method: 'GET"] : []);
      expect(/['"`](POST|PUT|DELETE|PATCH|HEAD)['"`]/.test(text) ? f : null).toBeNull();
    }
  });
});

test('the environment is read in main only and handed down (no process.env anywhere else in src/)', () => {
  for (const f of files(join(root, 'src'), /\.ts$/)) {
    if (f.endsWith(join('src', 'main.ts'))) continue;
    const code = readFileSync(f, 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '');
    expect(/process\.env\b/.test(code) ? f : null).toBeNull();
  }
});
