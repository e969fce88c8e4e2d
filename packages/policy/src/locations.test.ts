import { describe, expect, it } from 'vitest';
import { reduceLocation } from './locations.js';

describe('reduceLocation', () => {
  it.each([
    // why: the extension says what the file is, the name may say whose it is
    ['attachment[2]:referral.pdf#page=3', 'attachment[2]:*.pdf#page=3'],
    // why: a name without an extension is hidden entirely
    ['attachment[0]:Jane Doe HIV results', 'attachment[0]:*'],
    // why: every level of nesting has its own name
    [
      'attachment[1]:records.zip/entry[3]:scans/doe_jane.tiff',
      'attachment[1]:*.zip/entry[3]:*.tiff',
    ],
    // why: embedded parts and attached messages keep their structure
    [
      'attachment[0]:fwd.eml/message/attachment[1]:lab.PDF',
      'attachment[0]:*.eml/message/attachment[1]:*.pdf',
    ],
    // why: sheet names are written by people and can be PHI; the cell is not
    ['attachment[0]:claims.xlsx#sheet=Smith, John!B7', 'attachment[0]:*.xlsx#sheet=*!B7'],
    // why: a single file scanned outside mail is named too
    ['file:Jane_Doe_1961-03-05.pdf#page=2', 'file:*.pdf#page=2'],
    ['file:exports/doe.zip/entry[0]:scan.png', 'file:*.zip/entry[0]:*.png'],
    // why: places without names stay as they are
    ['body:text', 'body:text'],
    ['header:to', 'header:to'],
    ['subject', 'subject'],
    // why: an xpath names structure, not people
    [
      'attachment[0]:ccd.xml#xpath=/ClinicalDocument/recordTarget',
      'attachment[0]:*.xml#xpath=/ClinicalDocument/recordTarget',
    ],
    // why: a long "extension" is part of the name
    ['attachment[0]:notes.janedoe', 'attachment[0]:*'],
  ])('reduces %s', (location, reduced) => {
    expect(reduceLocation(location)).toBe(reduced);
  });
});
