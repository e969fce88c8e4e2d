import { describe, expect, it } from 'vitest';
import type { DetectorDefinition } from '../detector/types.js';
import { userDetector } from '../detector/user.js';
import { builtInDetectors } from '../detectors/index.js';
import { PatternError } from '../regex/re2.js';
import { CompiledDetectors, DuplicateDetectorError } from './compiled.js';
import { CHUNK_LENGTH, Scanner } from './scanner.js';

const KEY = 'test-key-0123456789abcdef';

/** A detector for `AB-123456` badge numbers, raised by "badge" and lowered by "order". */
const badge: DetectorDefinition = {
  id: 'badge',
  class: 'other_id',
  authority: 'test',
  summary: 'Badge numbers.',
  limitations: 'Test only.',
  patterns: [
    { name: 'plain', regex: '\\b(?P<value>AB-\\d{6})\\b', confidence: 0.5 },
    { name: 'bare', regex: '\\b(?P<value>\\d{6})\\b', confidence: 0.3, requiresContext: true },
  ],
  validate: (value) => !value.endsWith('000000'),
  context: [
    { words: ['badge', 'badge no'], effect: 'raise' },
    { words: ['order'], effect: 'lower' },
    { words: ['issued on'], effect: 'raise', role: 'service', weight: 0.1 },
  ],
  samples: { positive: [], negative: [] },
};

const scanner = new Scanner({ detectors: [badge], fingerprintKey: KEY });

describe('Scanner', () => {
  it('reports offsets in the caller text, before any rewrite', () => {
    const text = '😀 Badge: ＡＢ-１２\u200B３４５６ ok';
    const [finding] = scanner.scan(text).findings;
    expect(finding).toBeDefined();
    expect(text.slice(finding!.start, finding!.end)).toBe('ＡＢ-１２\u200B３４５６');
  });

  it('raises and lowers confidence by context and says which words did it', () => {
    const raised = scanner.scan('badge no AB-123456').findings[0]!;
    const lowered = scanner.scan('order AB-123456').findings[0]!;
    const plain = scanner.scan('see AB-123456').findings[0]!;
    expect(raised.confidence).toBeGreaterThan(plain.confidence);
    expect(raised.context).toEqual([{ word: 'badge no', effect: 'raise' }]);
    expect(lowered?.confidence ?? 0).toBeLessThan(plain.confidence);
  });

  it('drops a context-only pattern when no context word is near', () => {
    expect(scanner.scan('value 123456 here').findings).toEqual([]);
    expect(scanner.scan('badge 123456').findings).toHaveLength(1);
  });

  it('does not count a context word cut off at the window edge', () => {
    // "xbadge" is not the word "badge", even when the window starts inside it.
    expect(scanner.scan('xbadge 123456').findings).toEqual([]);
  });

  it('takes the role from the nearest context word that has one', () => {
    const [finding] = scanner.scan('issued on AB-123456').findings;
    expect(finding?.role).toBe('service');
  });

  it('drops values the validator rejects', () => {
    expect(scanner.scan('badge AB-000000').findings).toEqual([]);
  });

  it('never puts the matched value in a finding', () => {
    const result = scanner.scan('badge AB-987654');
    expect(JSON.stringify(result)).not.toContain('987654');
    expect(result.findings[0]!.masked).toBe('**-**7654');
  });

  it('gives equal values equal fingerprints under one key, and different ones under another', () => {
    const a = scanner.scan('badge AB-987654').findings[0]!;
    const b = scanner.scan('Badge: AB-987654, again').findings[0]!;
    const other = new Scanner({ detectors: [badge], fingerprintKey: 'another-key-0123456789' });
    const c = other.scan('badge AB-987654').findings[0]!;
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(c.fingerprint).not.toBe(a.fingerprint);
  });

  it('finds a match that straddles a chunk boundary exactly once', () => {
    const filler = 'x'.repeat(CHUNK_LENGTH - 5);
    const text = `${filler} AB-123456 and later AB-654321`;
    const found = scanner.scan(text).findings;
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual(['AB-123456', 'AB-654321']);
  });

  it('sees context words in the previous chunk', () => {
    const filler = 'y '.repeat(CHUNK_LENGTH / 2 + 2);
    const text = `${filler}badge 123456`;
    expect(text.indexOf('123456')).toBeGreaterThan(CHUNK_LENGTH);
    expect(scanner.scan(text).findings).toHaveLength(1);
  });

  it('locates findings in segments and their regions', () => {
    const result = scanner.scanSegments([
      { location: 'subject', area: 'subject', text: 'badge AB-111111' },
      {
        location: 'attachment[0]:a.pdf',
        area: 'attachment',
        text: 'page one\fbadge AB-222222',
        regions: [
          { start: 0, end: 9, location: 'attachment[0]:a.pdf#page=1' },
          { start: 9, end: 24, location: 'attachment[0]:a.pdf#page=2' },
        ],
      },
    ]);
    expect(result.findings.map((f) => [f.segment, f.location, f.area])).toEqual([
      [0, 'subject', 'subject'],
      [1, 'attachment[0]:a.pdf#page=2', 'attachment'],
    ]);
  });

  it('gives a located finding every field of the finding scan gives', () => {
    const full = new Scanner({ detectors: builtInDetectors, fingerprintKey: KEY });
    const text = 'Patient DOB 03/14/1962, SSN 219-09-9999, seen 04/02/2024 for E11.9.';
    const plain = full.scan(text).findings;
    const located = full.scanSegments([{ location: 'body', area: 'body', text }]).findings;
    expect(plain.some((f) => f.role !== undefined)).toBe(true);
    expect(located.map(({ segment, location, area, ...rest }) => rest)).toEqual(plain);
    expect(located.every((f) => f.segment === 0 && f.location === 'body')).toBe(true);
  });

  it('refuses a pattern re2 cannot run, naming the detector', () => {
    const broken = {
      ...badge,
      id: 'broken',
      patterns: [{ name: 'p', regex: '(?<=a)b', confidence: 0.5 }],
    };
    expect(() => new Scanner({ detectors: [broken] })).toThrow(PatternError);
    expect(() => new Scanner({ detectors: [broken] })).toThrow(/detector 'broken', pattern 'p'/);
  });

  it('refuses a pattern that matches the empty string', () => {
    const empty = {
      ...badge,
      id: 'empty',
      patterns: [{ name: 'p', regex: 'a*', confidence: 0.5 }],
    };
    expect(() => new Scanner({ detectors: [empty] })).toThrow(/matches the empty string/);
  });

  it('refuses two detectors with one id', () => {
    expect(() => new Scanner({ detectors: [badge, badge] })).toThrow(DuplicateDetectorError);
  });

  it('keeps a match whose validator throws, and reports the failure', () => {
    const fragile = {
      ...badge,
      id: 'fragile',
      validate: () => {
        throw new Error('broken check');
      },
    };
    const result = new Scanner({ detectors: [fragile] }).scan('badge AB-123456');
    expect(result.findings.map((f) => f.detector)).toEqual(['fragile']);
    // Both patterns matched (the labelled badge and its six digits), so the check failed twice.
    expect(result.failures).toEqual([{ detector: 'fragile', stage: 'validate', count: 2 }]);
  });

  it('reports a dictionary search that throws instead of crashing the scan', () => {
    const broken = {
      ...badge,
      id: 'broken_find',
      patterns: [],
      find: () => {
        throw new Error('no data');
      },
    };
    const result = new Scanner({ detectors: [broken, badge] }).scanSegments([
      { location: 'body', text: 'badge AB-123456' },
    ]);
    expect(result.findings.map((f) => f.detector)).toEqual(['badge']);
    expect(result.failures).toEqual([
      { detector: 'broken_find', stage: 'find', count: 1, segment: 0 },
    ]);
  });

  it('runs a user detector through the same path', () => {
    const employee = userDetector({
      id: 'employee_badge',
      class: 'other_id',
      patterns: [{ name: 'badge', regex: '\\bEB-\\d{6}\\b', confidence: 0.7 }],
      validators: ['standalone'],
    });
    const custom = new Scanner({ detectors: [employee] });
    expect(custom.scan('id EB-123456 ok').findings.map((f) => f.detector)).toEqual([
      'employee_badge',
    ]);
    expect(custom.scan('id EB-123456-7 ok').findings).toEqual([]);
  });

  it('reads groups by name when a pattern cannot be made positional', () => {
    // re2 takes a group name that starts with a digit; the positional rewrite does not, so
    // this pattern runs as written and its groups are read by name.
    const seen: (string | undefined)[] = [];
    const odd: DetectorDefinition = {
      ...badge,
      id: 'odd_groups',
      patterns: [{ name: 'odd', regex: '(?P<1x>AB)-(?P<value>\\d{6})', confidence: 0.5 }],
      validate: (_value, facts) => {
        seen.push(facts.groups['1x']);
        return true;
      },
    };
    const [finding] = new Scanner({ detectors: [odd] }).scan('é AB-123456').findings;
    expect([finding?.start, finding?.end]).toEqual([5, 11]);
    expect(seen).toEqual(['AB']);
  });

  it('rejects a malformed user detector with the field named', () => {
    expect(() =>
      userDetector({
        id: 'Bad Id',
        class: 'other_id',
        patterns: [{ name: 'p', regex: 'x', confidence: 2 }],
      }),
    ).toThrow(/id|confidence/);
  });

  describe('matches read in one split call and one exec per match agree', () => {
    /** Ward codes `W-12-345`: the value is in the middle, the groups feed the validator. */
    const ward = (regex: string): DetectorDefinition => ({
      id: 'ward',
      class: 'other_id',
      authority: 'test',
      summary: 'Ward codes.',
      limitations: 'Test only.',
      patterns: [{ name: 'coded', regex, confidence: 0.6 }],
      validate: (_value, facts) => facts.groups.floor !== '13',
      samples: { positive: [], negative: [] },
    });
    // The same pattern twice: once as written, once with a top-level choice that keeps it
    // from being split (the second branch never matches in these texts).
    const split = new Scanner({
      detectors: [ward('ward (?P<value>W-(?P<floor>\\d{2})-\\d{3})\\b')],
      fingerprintKey: KEY,
    });
    const exec = new Scanner({
      detectors: [ward('ward (?P<value>W-(?P<floor>\\d{2})-\\d{3})\\b|qqqq(?P<unused>zz)')],
      fingerprintKey: KEY,
    });

    it('compiles the first to a split form and the second without', () => {
      expect(new CompiledDetectors(split.detectors).patterns[0]!.split).toBeDefined();
      expect(new CompiledDetectors(exec.detectors).patterns[0]!.split).toBeUndefined();
    });

    it.each([
      ['plain text', 'ward W-12-345 then ward W-13-111 and ward W-14-222.'],
      ['wide characters before', '😀 Ünïcødé — ward W-12-345, 🏥 ward W-15-999'],
      ['long runs without spaces', `${'x'.repeat(3000)} ward W-12-345 ${'y'.repeat(5000)}`],
    ])('%s', (_name, text) => {
      const a = split.scan(text).findings;
      const b = exec.scan(text).findings;
      expect(a.length).toBeGreaterThan(0);
      expect(a.map((f) => text.slice(f.start, f.end))).not.toContain('W-13-111');
      expect(a.map((f) => [f.start, f.end, f.fingerprint])).toEqual(
        b.map((f) => [f.start, f.end, f.fingerprint]),
      );
    });
  });

  it('reads every built-in pattern with one split call per region', () => {
    const slow = new CompiledDetectors(builtInDetectors).patterns.filter((p) => !p.split);
    expect(slow.map((p) => `${p.detector.definition.id}/${p.definition.name}`)).toEqual([]);
  });

  describe('scanStream', () => {
    /** About 2.6 MB: badges every so often, some by context words, some across boundaries. */
    function longText(): string {
      const parts: string[] = [];
      let length = 0;
      for (let i = 0; length < 2.6 * CHUNK_LENGTH; i++) {
        const part =
          i % 7 === 0
            ? `badge ${String(100000 + i).slice(-6)} é😀 `
            : `AB-${String(200000 + i).slice(-6)} ${'filler words '.repeat(i % 13)}`;
        parts.push(part);
        length += part.length;
      }
      return parts.join('');
    }

    /** Cuts `text` into pieces of pseudo-random sizes from `sizes`. */
    function cut(text: string, sizes: readonly number[]): string[] {
      const pieces: string[] = [];
      for (let at = 0, k = 0; at < text.length; k++) {
        const size = sizes[k % sizes.length]!;
        pieces.push(text.slice(at, at + size));
        at += size;
      }
      return pieces;
    }

    async function streamed(
      source: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
    ) {
      const findings = [];
      const lengths = [];
      for await (const part of scanner.scanStream(source)) {
        findings.push(...part.findings);
        lengths.push(part.length);
      }
      return { findings, lengths };
    }

    const text = longText();
    const whole = scanner.scan(text).findings;

    it('gives the findings scan gives, however the text is cut', async () => {
      expect(whole.length).toBeGreaterThan(1000);
      for (const sizes of [[text.length], [65_536], [1, 7, 4099, 65_537, 300_001]]) {
        const { findings, lengths } = await streamed(cut(text, sizes));
        expect(findings).toEqual(whole);
        expect(lengths.at(-1)).toBe(text.length);
        expect(lengths.length).toBeGreaterThan(2);
      }
    });

    it('reads UTF-8 bytes cut inside a character', async () => {
      const bytes = Buffer.from(text, 'utf8');
      const pieces: Uint8Array[] = [];
      for (let at = 0; at < bytes.length; at += 65_537)
        pieces.push(bytes.subarray(at, at + 65_537));
      const { findings } = await streamed(pieces);
      expect(findings).toEqual(whole);
    });

    it('yields findings before the source ends', async () => {
      let pulled = 0;
      const pieces = cut(text, [65_536]);
      async function* source() {
        for (const piece of pieces) {
          pulled++;
          yield piece;
        }
      }
      const stream = scanner.scanStream(source());
      const first = await stream.next();
      expect(first.done).toBe(false);
      expect(first.value!.findings.length).toBeGreaterThan(0);
      expect(pulled).toBeLessThan(pieces.length);
      await stream.return(undefined);
    });

    it('yields one empty result for an empty source', async () => {
      const { findings, lengths } = await streamed([]);
      expect(findings).toEqual([]);
      expect(lengths).toEqual([0]);
    });
  });
});
