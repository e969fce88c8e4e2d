import type { DetectorDefinition } from '../../detector/types.js';
import { findCities } from './city-finder.js';
import { STATE_CODES } from './gazetteer.js';

export const cityState: DetectorDefinition = {
  id: 'city_state',
  class: 'location',
  authority: 'US Census Bureau',
  summary:
    'US cities and towns: "City, ST" and "City, State" checked against the Census 2010 ' +
    'places, a city with a hospital or a state named after "in", "from" or "near", and the ' +
    'town of a "City:" or "Town:" field on a line of its own.',
  limitations:
    'A city alone is found only after such a word or in such a field, and after a word only ' +
    'if the CMS list has a hospital there; places outside the US, counties and ' +
    'neighbourhoods are not found.',
  patterns: [
    {
      // "Smalltown, VT 05001": a city the lists may not hold, made sure by the state code
      // and the ZIP code after it.
      name: 'city_state_zip',
      regex:
        `\\b(?P<value>\\p{Lu}[\\p{Ll}'.-]+(?: \\p{Lu}[\\p{Ll}'.-]+){0,2}, (?:${STATE_CODES}))` +
        ' \\d{5}(?:-\\d{4})?\\b',
      confidence: 0.85,
    },
  ],
  find: findCities,
  context: [
    {
      words: ['lives in', 'living in', 'resides in', 'resident of', 'home in', 'moved to'],
      effect: 'raise',
      weight: 0.2,
    },
  ],
  window: { before: 20, after: 0 },
  samples: {
    positive: [
      { text: 'GI bleeding, from San Francisco, CA, on July 20', value: 'San Francisco, CA' },
      { text: 'currently living in Brooklyn, NY since 2019', value: 'Brooklyn, NY' },
      { text: 'who lives in Atlanta, GA with her son', value: 'Atlanta, GA' },
      { text: 'initially diagnosed in Salt Lake City on July 19', value: 'Salt Lake City' },
      { text: 'residing in Fresno, last seen in March', value: 'Fresno', why: 'lone city' },
      { text: 'said she was in Denver but not the date', value: 'Denver' },
      { text: 'pt is Ray P. from NYC, seen twice', value: 'NYC', why: 'alias' },
      { text: 'mailing address: Springfield, Illinois', value: 'Springfield, Illinois' },
      { text: 'HOME CARE GIVEN IN SPOKANE LAST YEAR', value: 'SPOKANE', why: 'capitals' },
      { text: 'Admitted at St. Louis, MO for sepsis', value: 'St. Louis, MO' },
      { text: 'moved from Maryland in 2020', value: 'Maryland', why: 'state after from' },
      {
        text: 'Mail: 12 Elm St, Quechee Falls, VT 05059',
        value: 'Quechee Falls, VT',
        why: 'an unlisted town before a state and a ZIP code',
      },
    ],
    negative: [
      { text: 'Jane Smith, MD reviewed the chart', why: 'MD as a degree after a surname' },
      { text: 'PAIN, OR RESTLESSNESS NOTED', why: 'OR as a word in capitals' },
      { text: 'in Center of the room', why: 'a word that names a hamlet' },
      { text: 'seen in May for follow-up', why: 'a month after in' },
      { text: 'The patient is in Hope of recovery', why: 'a common word that is a town' },
      { text: 'transferred to Rehab in the afternoon', why: 'a unit after to' },
      { text: 'Results in Table 2, IN addition', why: 'IN as a word' },
      { text: 'in Union with the family wishes', why: 'a common word' },
      { text: 'pt in bed, to chair twice', why: 'lower-case words after in' },
      { text: 'The ABC, ME guidelines', why: 'an ambiguous code after an unlisted word' },
    ],
  },
};
