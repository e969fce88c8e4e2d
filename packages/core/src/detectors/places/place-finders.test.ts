import { describe, expect, it } from 'vitest';
import { findCities } from './city-finder.js';
import { findFacilities } from './facility-finder.js';

function spans(found: readonly { start: number; end: number }[], text: string): string[] {
  return found.map((c) => text.slice(c.start, c.end));
}

describe('findCities', () => {
  it('finds a listed city with its state code and its state name', () => {
    const text = 'Fresno, CA and later Springfield, Illinois.';
    expect(spans(findCities(text), text)).toEqual(['Fresno, CA', 'Springfield, Illinois']);
  });

  it('rejects an ambiguous state code written without its comma', () => {
    const text = 'UNDERSTANDS AND CAN CONVERSE IN ENGLISH';
    expect(findCities(text)).toEqual([]);
  });

  it('finds any listed place after "lives in", in lower case too', () => {
    const text = 'her son lives in towson. pt independent';
    expect(spans(findCities(text), text)).toEqual(['towson']);
  });

  it('finds the town of a "City:" field on a line of its own, listed or not', () => {
    const text = 'City: Sea Isle City\nState: NJ\nTown: Quillborough\nCity: home\n';
    const found = findCities(text);
    expect(spans(found, text)).toEqual(['Sea Isle City', 'Quillborough']);
    // An unlisted town is kept below medium: "City: Unknown" is a form value too.
    expect(found.map((c) => c.confidence >= 0.5)).toEqual([true, false]);
    // Inside a sentence the label is an ordinary word.
    expect(findCities('the city: Parnell is far')).toEqual([]);
  });
});

describe('findFacilities', () => {
  it('finds a ward with its number after a verb of moving, in any case', () => {
    const text = 'plan: transfer to westbrook 2 in am';
    expect(spans(findFacilities(text), text)).toEqual(['westbrook']);
  });

  it('rejects a drug and its dose after "on"', () => {
    const text = 'PT REMAINS ON PROPOFOL 20 MCG';
    expect(findFacilities(text)).toEqual([]);
  });

  it('finds an abbreviated hospital before a unit of care', () => {
    const text = 'presented to MH ED with chest pain';
    expect(spans(findFacilities(text), text)).toEqual(['MH']);
  });
});
