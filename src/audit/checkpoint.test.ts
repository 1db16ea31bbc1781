import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyIdOf, makeCheckpoint, merkleRoot, signedMessage, type ChainHead } from './checkpoint.ts';

const sha = (...parts: Buffer[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** RFC 6962 §2.1, written as the RFC does: split at the largest power of two below n. */
function rfcTreeHash(leaves: ChainHead[]): Buffer {
  if (leaves.length === 0) return sha();
  if (leaves.length === 1) {
    const h = leaves[0]!;
    return sha(Buffer.from([0]), Buffer.from(`${h.stream}\n${h.seq}\n${h.hash}`));
  }
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha(Buffer.from([1]), rfcTreeHash(leaves.slice(0, k)), rfcTreeHash(leaves.slice(k)));
}

const heads = (n: number): ChainHead[] =>
  Array.from({ length: n }, (_, i) => ({
    stream: `matter:${i + 1}`,
    seq: (i % 7) + 1,
    hash: createHash('sha256').update(String(i)).digest('hex'),
  }));

describe('checkpoint Merkle root', () => {
  it('is the RFC 6962 tree hash over the heads sorted by stream, for every size up to 70', () => {
    for (let n = 0; n <= 70; n++) {
      const sorted = [...heads(n)].sort((a, b) => (a.stream < b.stream ? -1 : 1));
      expect(merkleRoot(heads(n).reverse())).toBe(rfcTreeHash(sorted).toString('hex'));
    }
  });

  it('changes with any head: its seq, its hash, or a head removed', () => {
    const base = heads(9);
    const root = merkleRoot(base);
    expect(merkleRoot(base.map((h, i) => (i === 4 ? { ...h, seq: h.seq + 1 } : h)))).not.toBe(root);
    expect(merkleRoot(base.map((h, i) => (i === 8 ? { ...h, hash: '0'.repeat(64) } : h)))).not.toBe(root);
    expect(merkleRoot(base.slice(1))).not.toBe(root);
  });

  it('signs time, counts, root and key id with Ed25519', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const c = makeCheckpoint(heads(5), new Date('2026-03-02T01:00:00Z'), privateKey);
    expect(c).toMatchObject({ v: 1, streams: 5, events: 15, keyId: keyIdOf(publicKey) });
    expect(verify(null, signedMessage(c), publicKey, Buffer.from(c.signature, 'base64'))).toBe(true);
    expect(
      verify(null, signedMessage({ ...c, events: 14 }), publicKey, Buffer.from(c.signature, 'base64')),
    ).toBe(false);
  });
});
