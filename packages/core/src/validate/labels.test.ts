import { describe, expect, it } from 'vitest';
import { RE2 } from '../regex/re2.js';
import {
  digitCount,
  insideUrl,
  isYearOrSpan,
  LABELLED_TOKEN,
  labelledPattern,
  labelPattern,
} from './labels.js';

function valueIn(pattern: string, text: string): string | undefined {
  const match = new RE2(pattern, 'di').exec(text);
  return match?.groups?.value;
}

describe('label patterns', () => {
  it('accepts spaces and full stops between the words of a label', () => {
    const pattern = labelPattern('Med Rec No');
    expect(new RE2(pattern, 'i').test('Med. Rec. No. 12')).toBe(true);
    expect(new RE2(pattern, 'i').test('med rec no')).toBe(true);
  });

  it('rejects a label that is only the start of a longer word', () => {
    expect(new RE2(labelPattern('MR'), 'i').test('MRI done')).toBe(false);
    expect(new RE2(labelPattern('MR#'), 'i').test('MR# 4')).toBe(true);
  });

  it('finds the value after a colon, a hash or "is"', () => {
    const pattern = labelledPattern(['MRN', 'Member ID'], LABELLED_TOKEN);
    expect(valueIn(pattern, 'MRN: #CS-123456 seen')).toBe('CS-123456');
    expect(valueIn(pattern, 'member id is W12345678.')).toBe('W12345678');
    expect(valueIn(pattern, '(MRN 12345-NYP)')).toBe('12345-NYP');
  });

  it('finds the value of a later label when an earlier label is followed by a word', () => {
    const pattern = labelledPattern(['Insurance', 'Policy Number'], LABELLED_TOKEN);
    expect(valueIn(pattern, 'insurance policy number QW-987654')).toBe('QW-987654');
  });

  it('rejects a value that is not next to its label', () => {
    const pattern = labelledPattern(['MRN'], LABELLED_TOKEN);
    expect(valueIn(pattern, 'MRN was not given; call 5551234 instead')).toBeUndefined();
  });

  it('counts only ASCII digits', () => {
    expect(digitCount('CS-98a7')).toBe(3);
    expect(digitCount('ABC')).toBe(0);
  });

  it('rejects a value inside a web address and accepts one outside it', () => {
    const url = 'see https://portal.example.org/chart?mrn=004512 now';
    expect(insideUrl({ text: url, start: url.indexOf('004512') })).toBe(true);
    const plain = 'see MRN: 004512 now';
    expect(insideUrl({ text: plain, start: plain.indexOf('004512') })).toBe(false);
  });

  it.each([
    ['2024', 'a year'],
    ['2023-2024', 'a span of years'],
    ['2023/24', 'a short span'],
  ])('rejects %s as an identifier (%s)', (value) => {
    expect(isYearOrSpan(value)).toBe(true);
  });

  it.each([
    ['20245', 'five digits'],
    ['2023-12345', 'a year and a serial'],
    ['3024', 'not a year of this era'],
  ])('accepts %s as an identifier (%s)', (value) => {
    expect(isYearOrSpan(value)).toBe(false);
  });
});
