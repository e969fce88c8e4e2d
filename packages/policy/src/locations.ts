/**
 * A file name can itself be PHI (`jane-doe-hiv-results.pdf`), and so can a sheet name.
 * Locations shown in decisions and audit records keep their structure and the extension,
 * and replace every name with `*`: `attachment[2]:referral.pdf#page=3` becomes
 * `attachment[2]:*.pdf#page=3`.
 */
export function reduceLocation(location: string): string {
  const hash = location.indexOf('#');
  const path = hash === -1 ? location : location.slice(0, hash);
  const fragment = hash === -1 ? '' : location.slice(hash);
  // A name follows `]:` (attachment[N]:NAME, entry[K]:NAME) and runs to the next `/entry`,
  // `/part`, `/message` or the end.
  const reducedPath = path
    .replace(
      /\]:(.*?)(?=\/(?:entry|part|message)\b|$)/g,
      (_, name: string) => `]:${maskName(name)}`,
    )
    // A single file scanned outside mail is `file:NAME`.
    .replace(
      /^file:(.*?)(?=\/(?:entry|part|message)\b|$)/,
      (_, name: string) => `file:${maskName(name)}`,
    );
  return reducedPath + reduceFragment(fragment);
}

/** Keeps a short alphanumeric extension, which says what the file is and not whose. */
function maskName(name: string): string {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(name);
  return ext ? `*.${ext[1]!.toLowerCase()}` : '*';
}

/** `#sheet=Claims!B7` keeps the cell only; page numbers, xpaths and segments stay. */
function reduceFragment(fragment: string): string {
  return fragment.replace(/^#sheet=[^!]*(!?)/, (_, bang: string) => `#sheet=*${bang}`);
}
