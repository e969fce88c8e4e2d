import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractFile, extractMessage } from './index.js';

const ARCHIVES = join(import.meta.dirname, '../../../fixtures/archives/files');
const archive = (name: string) => readFileSync(join(ARCHIVES, name));

/**
 * Writes a ZIP with deflated entries. `declare` overrides the uncompressed size written in
 * the headers, to build archives that lie about it.
 */
function makeZip(entries: { name: string; data: Uint8Array; declare?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const packed = deflateRawSync(entry.data);
    const size = entry.declare ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(entry.data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(entry.data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Runs `work` while sampling RSS, and returns the largest growth seen, in bytes. */
async function peakRssGrowth(work: () => Promise<unknown>): Promise<number> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 2);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage().rss) - before;
}

const MB = 1024 * 1024;

describe('zip archives from the adversarial corpus', () => {
  it('reads or reports every archive, never throwing', async () => {
    for (const name of readdirSync(ARCHIVES)) {
      const result = await extractFile(archive(name), { filename: name });
      // Each archive either gives text or says why not; dummy.zip is empty and gives neither.
      if (name !== 'dummy.zip') {
        expect(result.segments.length + result.unscannable.length, name).toBeGreaterThan(1);
      }
    }
  });

  it('stops the overlapping bomb zbsm.zip at the ratio limit with bounded memory', async () => {
    let result: Awaited<ReturnType<typeof extractFile>> | undefined;
    const growth = await peakRssGrowth(async () => {
      result = await extractFile(archive('zbsm.zip'), { filename: 'zbsm.zip' });
    });
    expect(growth).toBeLessThan(300 * MB);
    const reasons = new Set(result?.unscannable.map((u) => u.reason));
    expect([...reasons]).toEqual(['compression_ratio']);
    expect(result?.unscannable).toHaveLength(250);
  });

  it('stops zbsm.zip at maxDecompressedBytes while inflating when the ratio limit is raised', async () => {
    let result: Awaited<ReturnType<typeof extractFile>> | undefined;
    const growth = await peakRssGrowth(async () => {
      result = await extractFile(archive('zbsm.zip'), {
        filename: 'zbsm.zip',
        limits: { maxCompressionRatio: 1000 },
      });
    });
    expect(growth).toBeLessThan(300 * MB);
    const reasons = result?.unscannable.map((u) => u.reason) ?? [];
    expect(reasons).toContain('decompression_limit');
    expect(reasons.length).toBeLessThan(20);
  });

  it('reports the recursive bomb 42.zip as encrypted (its entries need the password 42)', async () => {
    let result: Awaited<ReturnType<typeof extractFile>> | undefined;
    const growth = await peakRssGrowth(async () => {
      result = await extractFile(archive('42.zip'), { filename: '42.zip' });
    });
    expect(growth).toBeLessThan(300 * MB);
    expect(result?.unscannable.map((u) => u.reason)).toEqual(Array(16).fill('encrypted'));
  });

  it('reports ZipCrypto entries as encrypted and still scans their names', async () => {
    const result = await extractFile(archive('issue_05_password.zip'), { filename: 'p.zip' });
    expect(result.unscannable.map((u) => u.reason)).toEqual(['encrypted', 'encrypted']);
    const names = result.segments.filter((s) => s.area === 'filename').map((s) => s.text);
    expect(names).toContain('issue_05/foo/bar');
  });

  it('keeps zip-slip names as text, encoded so they cannot forge a location', async () => {
    const result = await extractFile(archive('zip-slip-linux.zip'), { filename: 'z.zip' });
    const evil = result.segments.find((s) => s.area === 'filename' && s.text.includes('../'));
    expect(evil?.location).toMatch(/^file:z\.zip\/entry\[\d+\]:(?:\.\.%2F)+/);
    expect(evil?.location.split('/')).toHaveLength(2);
  });

  it('reports the malformed directories of the CVE-2023-48107 samples', async () => {
    for (const name of ['poc0.zip', 'poc1.zip']) {
      const result = await extractFile(archive(name), { filename: name });
      expect(
        result.unscannable.map((u) => u.reason),
        name,
      ).toEqual(['malformed']);
    }
  });
});

describe('zip limits enforced while inflating', () => {
  it('stops at maxDecompressedBytes across entries, counting real inflated bytes', async () => {
    const entries = Array.from({ length: 6 }, (_, i) => ({
      name: `z${i}.txt`,
      data: new Uint8Array(MB),
    }));
    const result = await extractFile(makeZip(entries), {
      filename: 'many.zip',
      limits: { maxDecompressedBytes: 3 * MB },
    });
    const reasons = result.unscannable.map((u) => u.reason);
    expect(reasons).toContain('decompression_limit');
    // The fourth entry crosses the limit; reading stops there.
    expect(result.unscannable.find((u) => u.reason === 'decompression_limit')?.location).toBe(
      'file:many.zip/entry[3]:z3.txt',
    );
  });

  it('catches an entry that inflates past the size its headers declare', async () => {
    const zip = makeZip([
      { name: 'liar.txt', data: new Uint8Array(8 * MB).fill(65), declare: 100 },
    ]);
    const result = await extractFile(zip, { filename: 'liar.zip' });
    expect(result.unscannable.map((u) => u.reason)).toEqual(['malformed']);
    expect(result.segments.filter((s) => s.via === 'text')).toEqual([]);
  });

  it('applies the ratio limit to what inflates, past a 1 MiB floor', async () => {
    const zip = makeZip([{ name: 'blank.txt', data: new Uint8Array(4 * MB).fill(32) }]);
    const result = await extractFile(zip, {
      filename: 'r.zip',
      limits: { maxCompressionRatio: 10 },
    });
    expect(result.unscannable.map((u) => u.reason)).toEqual(['compression_ratio']);
  });

  it('reports archives nested deeper than maxDepth as too_deep', async () => {
    let zip = makeZip([{ name: 'note.txt', data: Buffer.from('deep note') }]);
    for (let i = 0; i < 4; i++) zip = makeZip([{ name: `level${i}.zip`, data: zip }]);
    const shallow = await extractFile(zip, { filename: 'n.zip', limits: { maxDepth: 3 } });
    expect(shallow.unscannable.map((u) => u.reason)).toEqual(['too_deep']);
    const deep = await extractFile(zip, { filename: 'n.zip' });
    expect(deep.unscannable).toEqual([]);
    expect(deep.segments.find((s) => s.text === 'deep note')?.location).toBe(
      'file:n.zip/entry[0]:level3.zip/entry[0]:level2.zip/entry[0]:level1.zip/entry[0]:level0.zip/entry[0]:note.txt',
    );
  });

  it('stops at maxParts and says so once', async () => {
    const entries = Array.from({ length: 20 }, (_, i) => ({
      name: `f${i}.txt`,
      data: Buffer.from(`row ${i}`),
    }));
    const result = await extractFile(makeZip(entries), {
      filename: 'p.zip',
      limits: { maxParts: 5 },
    });
    expect(result.unscannable.map((u) => u.reason)).toEqual(['too_many_parts']);
    expect(result.segments.filter((s) => s.via === 'text')).toHaveLength(5);
  });
});

describe('zip inside a message', () => {
  it('locates text inside a zipped attachment under its entry', async () => {
    const zip = makeZip([{ name: 'records/patient.txt', data: Buffer.from('SSN: 123-45-6789\n') }]);
    const message = [
      'From: Clinic <clinic@example.org>',
      'To: someone@example.com',
      'Subject: records',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'see attached',
      '--b1',
      'Content-Type: application/octet-stream; name="records.zip"',
      'Content-Transfer-Encoding: base64',
      'Content-Disposition: attachment; filename="records.zip"',
      '',
      zip.toString('base64').replace(/.{76}/g, '$&\r\n'),
      '--b1--',
      '',
    ].join('\r\n');
    const result = await extractMessage(message);
    const hit = result.segments.find((s) => s.text.includes('123-45-6789'));
    expect(hit?.location).toBe('attachment[0]:records.zip/entry[0]:records%2Fpatient.txt');
    expect(hit?.area).toBe('attachment');
    expect(result.attachments.map((a) => a.detectedType)).toEqual(['zip', 'text']);
  });
});

describe('gzip', () => {
  it('reads the file inside, located as entry 0', async () => {
    const result = await extractFile(gzipSync(Buffer.from('MRN 00123456\n')), {
      filename: 'note.txt.gz',
    });
    const text = result.segments.find((s) => s.via === 'text');
    expect(text?.location).toBe('file:note.txt.gz/entry[0]:note.txt');
    expect(text?.text).toBe('MRN 00123456\n');
  });

  it('stops a gzip bomb at the ratio limit while inflating', async () => {
    const bomb = gzipSync(new Uint8Array(64 * MB));
    const result = await extractFile(bomb, { filename: 'bomb.gz' });
    expect(result.unscannable.map((u) => u.reason)).toEqual(['compression_ratio']);
  });

  it('reports truncated gzip data as malformed', async () => {
    const bytes = gzipSync(Buffer.from('x'.repeat(1000)));
    const result = await extractFile(bytes.subarray(0, 12), { filename: 'cut.gz' });
    expect(result.unscannable.map((u) => u.reason)).toEqual(['malformed']);
  });
});
