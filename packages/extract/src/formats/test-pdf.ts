/**
 * A minimal PDF writer for tests that need a real file with chosen objects: a text page, a
 * cut or xref-less file, a page that keeps pdfjs busy.
 */

/**
 * A PDF made of numbered objects (each the text between `N 0 obj` and `endobj`), with a
 * correct cross-reference table unless `xref` is false. Object 1 must be the catalog.
 */
export function pdf(objects: readonly string[], options: { xref?: boolean } = {}): Buffer {
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(out, 'latin1');
  if (options.xref !== false) {
    out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  }
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * A valid one-page PDF whose content stream shows one character `shows` times. pdfjs reads
 * about 150,000 of them a second and does not yield inside the page, so it stands for a
 * crafted PDF that keeps a parser busy.
 */
export function busyPdf(shows: number): Buffer {
  const content = 'BT /F1 12 Tf 72 720 Td (x) Tj ET\n'.repeat(shows);
  return pdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R ' +
      '/Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}endstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]);
}
