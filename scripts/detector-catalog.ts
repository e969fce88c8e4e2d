import { builtInDetectors, type DetectorDefinition } from '../packages/core/src/index.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

function contextWords(detector: DetectorDefinition, effect: 'raise' | 'lower'): string {
  const words = (detector.context ?? []).filter((g) => g.effect === effect).flatMap((g) => g.words);
  if (words.length === 0) return '—';
  const shown = words.slice(0, 8).map((w) => `\`${w}\``);
  return words.length > 8 ? `${shown.join(', ')} and ${words.length - 8} more` : shown.join(', ');
}

/**
 * Renders docs/detectors.md from the detector definitions themselves, so the catalogue
 * cannot drift from the code: a test fails when the committed file differs.
 */
export function renderDetectorCatalog(
  detectors: readonly DetectorDefinition[] = builtInDetectors,
): string {
  const lines = [
    '# Detectors',
    '',
    'Every built-in detector, in priority order (when overlapping findings tie on confidence and',
    'length, the earlier detector wins). This file is generated from the definitions in',
    '`packages/core/src/detectors/` by `pnpm docs:detectors`; do not edit it by hand.',
    '',
    'Confidence levels: low below 0.5, medium from 0.5, high from 0.8. Findings below 0.3 are not',
    'reported unless a scanner is built with a lower `minConfidence`.',
    '',
    '| id | class | authority | finds | does not cover |',
    '|---|---|---|---|---|',
    ...detectors.map(
      (d) =>
        `| \`${d.id}\` | \`${d.class}\` | ${cell(d.authority)} | ${cell(d.summary)} | ${cell(d.limitations)} |`,
    ),
    '',
  ];
  for (const d of detectors) {
    lines.push(`## \`${d.id}\``, '', cell(d.summary), '');
    lines.push(`- Class: \`${d.class}\`; authority: ${cell(d.authority)}.`);
    if (d.patterns.length > 0) {
      const patterns = d.patterns.map(
        (p) =>
          `\`${p.name}\` (${p.confidence}${p.requiresContext ? ', needs a context word' : ''})`,
      );
      lines.push(`- Patterns, with base confidence: ${patterns.join(', ')}.`);
    }
    if (d.find) lines.push('- Also searches by dictionary, outside the patterns.');
    lines.push(
      `- Checks: ${[d.validate ? 'validator' : '', d.prune ? 'known-invalid values pruned' : ''].filter(Boolean).join('; ') || 'format only'}.`,
    );
    lines.push(`- Raised by: ${contextWords(d, 'raise')}.`);
    lines.push(`- Lowered by: ${contextWords(d, 'lower')}.`);
    lines.push(`- Does not cover: ${cell(d.limitations)}`);
    lines.push(
      `- Samples: ${d.samples.positive.length} true positives, ${d.samples.negative.length} false positives (run in \`packages/core/src/detectors/samples.test.ts\`).`,
      '',
    );
  }
  return lines.join('\n');
}
