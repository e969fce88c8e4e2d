import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures.js';
import { collect } from './test-context.js';
import { unzipAll, zipAll } from './test-zip.js';
import { serialToDate, xlsxExtractor } from './xlsx.js';

async function read(name: string, limits = {}) {
  const run = collect(limits);
  await xlsxExtractor.extract(fixture(`xlsx/${name}`), run.context);
  return run;
}

/** The text of the region at `fragment` in any segment. */
function at(run: Awaited<ReturnType<typeof read>>, fragment: string): string | undefined {
  for (const segment of run.segments) {
    const region = segment.regions?.find((r) => r.location.endsWith(fragment));
    if (region) return segment.text.slice(region.start, region.end);
  }
  return undefined;
}

describe('xlsxExtractor', () => {
  it('writes each cell after its column header, with a region per cell', async () => {
    const run = await read('gold.xlsx');
    expect(run.unscannable).toEqual([]);
    expect(run.segments[0]?.location).toBe('attachment[0]:gold.xlsx#sheet=Values');
    expect(at(run, '#sheet=Values!A1')).toBe('Text');
    expect(at(run, '#sheet=Values!B2')).toBe('I am Text: 3.14');
  });

  it('reads hidden rows and columns', async () => {
    const run = await read('google-sheets.xlsx');
    expect(at(run, '#sheet=Sheet1!A2')).toBe('BEGIN: HIDDEN');
  });

  it('reads hidden sheets', async () => {
    const run = await read('test-pr-728.xlsx');
    expect(run.segments.map((s) => s.location.split('#')[1])).toEqual([
      'sheet=Sheet1',
      'sheet=Sheet2',
      'sheet=Sheet3',
    ]);
    expect(run.segments[1]?.text).toBe('hidden');
  });

  it('reads cell comments at their cell', async () => {
    const run = await read('comments.xlsx');
    expect(run.text()).toContain('Comment: 51422:\ntest');
  });

  it('shows date-formatted serials as dates and leaves plain numbers alone', async () => {
    const run = await read('dateIssue.xlsx');
    // "Page" is what its footer, `&CPage &P`, prints besides the page number.
    expect(run.text()).toBe('Date\nDate: 11/20/2020\nPage');
    expect(at(await read('gold.xlsx'), '#sheet=Values!B3')).toBe('I am Text: 5');
  });

  it('decodes the _xHHHH_ escapes of shared strings', async () => {
    expect((await read('shared_string_with_escape.xlsx')).text()).toBe('_x000D_');
  });

  it('reports a workbook with broken XML or missing parts as malformed', async () => {
    expect((await read('invalid-xml.xlsx')).reasons()).toEqual(['malformed']);
    expect((await read('missing-bits.xlsx')).reasons()).toEqual(['malformed']);
  });

  it('reads the cells of a workbook whose relationships are lost, and reports it', async () => {
    // A renamed relationships part: the workbook names its sheet but not where it is.
    const entries = await unzipAll(fixture('xlsx/gold.xlsx').bytes);
    const rels = entries.get('xl/_rels/workbook.xml.rels');
    expect(rels).toBeDefined();
    entries.delete('xl/_rels/workbook.xml.rels');
    entries.set('xl/_rdls/workbook.xml.rels', rels!);
    const run = collect();
    await xlsxExtractor.extract({ bytes: zipAll(entries), location: 'x' }, run.context);
    expect(run.reasons()).toEqual(['malformed']);
    expect(run.unscannable[0]?.location).toBe('x#sheet=Values');
    expect(at(run, '#sheet=sheet1!B2')).toBe('I am Text: 3.14');
  });

  it('reports cells whose shared strings are lost, and still reads the others', async () => {
    const entries = await unzipAll(fixture('xlsx/gold.xlsx').bytes);
    expect(entries.delete('xl/sharedStrings.xml')).toBe(true);
    const run = collect();
    await xlsxExtractor.extract({ bytes: zipAll(entries), location: 'x' }, run.context);
    expect(run.reasons()).toEqual(['malformed']);
    expect(run.unscannable[0]?.detail).toMatch(/^\d+ cells point at shared strings/);
    // Numbers are kept in the sheet itself.
    expect(run.text()).toMatch(/\d/);
  });

  it('reads a worksheet part that no sheet of the workbook reaches', async () => {
    const entries = await unzipAll(fixture('xlsx/gold.xlsx').bytes);
    const hidden = '<c r="A1" t="inlineStr"><is><t>078-05-1120</t></is></c>';
    entries.set(
      'xl/worksheets/sheet9.xml',
      Buffer.from(
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
          `<sheetData><row r="1">${hidden}</row></sheetData></worksheet>`,
      ),
    );
    const run = collect();
    await xlsxExtractor.extract({ bytes: zipAll(entries), location: 'x' }, run.context);
    expect(run.unscannable).toEqual([]);
    expect(at(run, '#sheet=Values!B2')).toBe('I am Text: 3.14');
    expect(at(run, '#sheet=sheet9!A1')).toBe('078-05-1120');
  });

  it('reads page headers and footers without their codes', async () => {
    const entries = await unzipAll(fixture('xlsx/gold.xlsx').bytes);
    const path = 'xl/worksheets/sheet1.xml';
    const xml = Buffer.from(entries.get(path) ?? []).toString('utf8');
    const margins =
      '<headerFooter><oddHeader>&amp;L&amp;"Arial,Bold"&amp;12Patient: Jane Roe&amp;RPage &amp;P</oddHeader>' +
      '<oddFooter>&amp;CSmith&amp;&amp;Jones MRN 445566</oddFooter></headerFooter>';
    expect(xml).toContain('</worksheet>');
    entries.set(path, Buffer.from(xml.replace('</worksheet>', `${margins}</worksheet>`)));
    const run = collect();
    await xlsxExtractor.extract({ bytes: zipAll(entries), location: 'x' }, run.context);
    expect(at(run, '#sheet=Values!oddHeader')).toBe('Patient: Jane Roe Page');
    expect(at(run, '#sheet=Values!oddFooter')).toBe('Smith&Jones MRN 445566');
  });

  it('reads a comments part that no sheet reaches, at the part', async () => {
    const whole = await read('comments.xlsx');
    const entries = await unzipAll(fixture('xlsx/comments.xlsx').bytes);
    expect(entries.delete('xl/worksheets/_rels/sheet1.xml.rels')).toBe(true);
    const run = collect();
    await xlsxExtractor.extract({ bytes: zipAll(entries), location: 'x' }, run.context);
    expect(run.unscannable).toEqual([]);
    const orphan = run.segments.find((s) => s.location === 'x#comments1');
    expect(orphan?.text).toContain('Comment: 51422:\ntest');
    // Every comment read from the whole file is still read, only placed elsewhere.
    const comments = (text: string) => text.split('\n').filter((l) => l.startsWith('Comment: '));
    expect(comments(run.text()).sort()).toEqual(comments(whole.text()).sort());
  });

  it('reports a package over the decompression allowance before inflating it', async () => {
    const run = await read('gold.xlsx', { maxDecompressedBytes: 1000 });
    expect(run.segments).toEqual([]);
    expect(run.reasons()).toEqual(['decompression_limit']);
  });

  it('reads inline strings, which some writers use instead of shared strings', async () => {
    const entries = await unzipAll(fixture('xlsx/gold.xlsx').bytes);
    const path = 'xl/worksheets/sheet1.xml';
    const xml = Buffer.from(entries.get(path) ?? []).toString('utf8');
    const cell = '<c r="Z9" t="inlineStr"><is><t>078-05-1120</t></is></c>';
    entries.set(
      path,
      Buffer.from(xml.replace('</sheetData>', `<row r="9">${cell}</row></sheetData>`)),
    );
    const run = collect();
    await xlsxExtractor.extract({ bytes: zipAll(entries), location: 'x' }, run.context);
    expect(at(run, '!Z9')).toBe('078-05-1120');
  });
});

describe('serialToDate', () => {
  it.each([
    // 1 Jan 1900 is serial 1 in the 1900 system.
    [1, false, '01/01/1900'],
    // 44155 is 20 Nov 2020, as dateIssue.xlsx shows it.
    [44155, false, '11/20/2020'],
    // The 1904 system counts from 1 Jan 1904.
    [1, true, '01/02/1904'],
    // The time of day is dropped.
    [44155.75, false, '11/20/2020'],
  ])('turns serial %d (1904: %s) into %s', (serial, date1904, text) => {
    expect(serialToDate(serial, date1904)).toBe(text);
  });

  it('rejects serials outside the calendar Excel shows', () => {
    expect(serialToDate(-1, false)).toBeUndefined();
    expect(serialToDate(3_000_000, false)).toBeUndefined();
  });
});
