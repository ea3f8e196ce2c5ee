/** The lock names' digest is SHA-256 itself: the same hex as node:crypto's, for every kind of input the names are made of. */
import { createHash } from 'node:crypto';
import { sha256Hex } from '../../src/runtime/sha256.js';

const nodeSha = (s: string): string => createHash('sha256').update(s).digest('hex');

test('the FIPS 180-4 test vectors', () => {
  expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
});

test('equals node:crypto at every length around the block boundaries, and on names as the locks and contexts make them', () => {
  for (let n = 0; n <= 200; n++) {
    const s = 'x'.repeat(n);
    expect(sha256Hex(s)).toBe(nodeSha(s));
  }
  for (const s of ['daemon\u00008315d30f-f447-433a-8d29-d4a1bf39bdf8\u0000/var/lib/docker', 'unix:2049:1234567', 'tcp://10.0.0.5:2376',
    'my-context', 'контекст', '上下文 😀', 'ssh://ci@build-host.example']) {
    expect(sha256Hex(s)).toBe(nodeSha(s));
  }
});
