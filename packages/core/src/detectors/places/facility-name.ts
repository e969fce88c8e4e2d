import type { DetectorDefinition } from '../../detector/types.js';
import { findFacilities } from './facility-finder.js';

export const facilityName: DetectorDefinition = {
  id: 'facility_name',
  class: 'location',
  authority: 'convention',
  summary:
    'Names of hospitals, clinics and health systems: capitalised words before a facility ' +
    'word, well-known institutions, and capitalised words after "seen at" or "admitted to".',
  limitations:
    'A facility named without a facility word, outside the short list of well-known ' +
    'institutions and with no verb of care before it, is not found; in all-capitals notes ' +
    'only names ending in a facility word are.',
  patterns: [
    {
      // Veterans Affairs hospitals: "VA Medical Center", "Baltimore VA", "VAMC".
      name: 'veterans_affairs',
      regex:
        '\\b(?P<value>(?:\\p{Lu}[\\p{L}]+ )?(?:VA (?:Medical Center|Hospital|Clinic|MEDICAL ' +
        'CENTER|HOSPITAL|CLINIC)|VAMC)|\\p{Lu}[\\p{L}]+ VA)\\b',
      confidence: 0.8,
    },
  ],
  find: findFacilities,
  context: [
    {
      // An ambiguous institution ("Stanford", "Duke") counts where care happens.
      words: ['seen at', 'treated at', 'admitted to', 'transferred to', 'transferred from', 'at'],
      effect: 'raise',
      weight: 0.3,
    },
    {
      words: ['university', 'college', 'school', 'study', 'trial', 'guidelines', 'professor'],
      effect: 'lower',
      weight: 0.2,
    },
  ],
  window: { before: 16, after: 12 },
  samples: {
    positive: [
      {
        text: 'previously treated at Riverside Hospital on May 3',
        value: 'Riverside Hospital',
      },
      { text: 'procedure done at UCLA Medical Center last year', value: 'UCLA Medical Center' },
      { text: "surgery at St. Luke's Hospital, MRN on file", value: "St. Luke's Hospital" },
      { text: 'PT WAS ADMITTED TO HOWARD MEMORIAL FOR CP', value: 'HOWARD MEMORIAL' },
      { text: '74 YO WOMAN TRANSFERRED FROM VAMC FOR CATH', value: 'VAMC', why: 'standalone' },
      { text: 'a patient seen at Johns Hopkins in May', value: 'Johns Hopkins', why: 'known' },
      { text: 'was admitted to Cedars-Sinai on March 12', value: 'Cedars-Sinai' },
      { text: 'last seen at Pine Ridge on October 2nd', value: 'Pine Ridge', why: 'care verb' },
      { text: 'evaluated at UCLA Med Ctr from 01/12/2024', value: 'UCLA Med Ctr' },
      { text: 'admitted to Stanford on Feb 18', value: 'Stanford', why: 'context raises it' },
      { text: 'FOLLOWED AT RICHMOND VA. DM2.', value: 'RICHMOND VA', why: 'VA' },
      {
        text: 'followed at Mercy Health Clinic since March',
        value: 'Mercy Health Clinic',
        why: 'facility words run on',
      },
    ],
    negative: [
      { text: 'The hospital called about the bill.', why: 'a facility word alone' },
      { text: 'Outpatient clinic visits are covered.', why: 'lower-case facility words' },
      { text: 'Stanford researchers published the trial.', why: 'a university, not care' },
      { text: 'TRANSFERRED TO CCU FOR MONITORING', why: 'a unit, not a facility' },
      { text: 'seen at the clinic on Monday', why: 'no name before the facility word' },
      { text: 'Health insurance questions go to billing.', why: 'a facility word at the start' },
      { text: 'admitted to ICU overnight', why: 'a unit after a care verb' },
      { text: 'Duke ate his dinner and slept.', why: 'a name, not the university' },
      { text: 'PT STABLE ON MED FLOOR', why: 'capitals without a facility name' },
      { text: 'She visited Dr. Smith in May.', why: 'a person after a care verb' },
      { text: 'Memorial Day travel plans', why: 'a holiday' },
      { text: 'VA loan paperwork is attached', why: 'VA with no name or facility word' },
    ],
  },
};
