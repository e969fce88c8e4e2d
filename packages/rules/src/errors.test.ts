import { describe, expect, it } from 'vitest';
import { loadPolicy, loadPolicyJson, PolicyError } from './index.js';

/** Each case: why it is here, the policy source, and the full rendered error, line by line. */
const TEXT_CASES: readonly (readonly [string, string, readonly string[]])[] = [
  [
    'a misspelt detector, with the closest id suggested',
    'policy outbound extends hipaa-baseline\n\nrule many-ssn\n  when count(distinct ssnn) >= 5\n  then block\n',
    [
      "unknown detector 'ssnn' (did you mean 'ssn'?); write a detector id, a class, or one of identifier, health_information, any_finding",
      '  at outbound.phg:4:23',
      '  4 |   when count(distinct ssnn) >= 5',
      '    |                       ^^^^',
    ],
  ],
  [
    'a misspelt action',
    'policy outbound\nrule a\n  when ssn\n  then blok\n',
    [
      "unknown action 'blok' (did you mean 'block'?); write allow, encrypt, quarantine or block",
      '  at outbound.phg:4:8',
      '  4 |   then blok',
      '    |        ^^^^',
    ],
  ],
  [
    'an action without then',
    'policy outbound\nrule a\n  when ssn at high\n  block\n',
    [
      "expected 'then' and an action after the condition, found 'block'",
      '  at outbound.phg:4:3',
      '  4 |   block',
      '    |   ^^^^^',
    ],
  ],
  [
    'a string left open',
    'policy outbound\nallow recipients "*@lab.example\n',
    [
      'this string has no closing quote; end it with " on the same line',
      '  at outbound.phg:2:18',
      '  2 | allow recipients "*@lab.example',
      '    |                  ^^^^^^^^^^^^^^',
    ],
  ],
  [
    'a C-style operator',
    'policy outbound\nrule a when ssn && mrn then block\n',
    [
      "found '&'; write 'and' between conditions",
      '  at outbound.phg:2:17',
      '  2 | rule a when ssn && mrn then block',
      '    |                 ^',
    ],
  ],
  [
    'a character the language does not use',
    'policy outbound\nrule a when ssn; then block\n',
    [
      "found ';'; statements need no separator, remove it",
      '  at outbound.phg:2:16',
      '  2 | rule a when ssn; then block',
      '    |                ^',
    ],
  ],
  [
    'a file without the policy header',
    'rule a when ssn then block\n',
    [
      "a policy starts with 'policy NAME'; found 'rule'",
      '  at outbound.phg:1:1',
      '  1 | rule a when ssn then block',
      '    | ^^^^',
    ],
  ],
  [
    'a misspelt level',
    'policy outbound\nrule a when ssn at hgh then block\n',
    [
      "unknown level 'hgh' (did you mean 'high'?); write low, medium or high",
      '  at outbound.phg:2:20',
      '  2 | rule a when ssn at hgh then block',
      '    |                    ^^^',
    ],
  ],
  [
    'a misspelt area',
    'policy outbound\nrule a when ssn in bdy then block\n',
    [
      "unknown area 'bdy' (did you mean 'body'?); write subject, body, attachment, filename or header",
      '  at outbound.phg:2:20',
      '  2 | rule a when ssn in bdy then block',
      '    |                    ^^^',
    ],
  ],
  [
    'a double equals sign',
    'policy outbound\nrule a when count(ssn) == 3 then block\n',
    [
      "found '=='; write '=' to compare for equality",
      '  at outbound.phg:2:24',
      '  2 | rule a when count(ssn) == 3 then block',
      '    |                        ^^',
    ],
  ],
  [
    'a comparison without a number',
    'policy outbound\nrule a when count(ssn) >= then block\n',
    [
      "expected a whole number, found 'then'",
      '  at outbound.phg:2:27',
      '  2 | rule a when count(ssn) >= then block',
      '    |                           ^^^^',
    ],
  ],
  [
    'a misspelt unscannable reason',
    'policy outbound\nrule a when unscannable because encrypt then quarantine\n',
    [
      "unknown unscannable reason 'encrypt' (did you mean 'encrypted'?); write one of encrypted, malformed, unsupported_type, too_large, too_many_parts, too_deep, decompression_limit, compression_ratio, too_many_pages, ocr_limit, timeout, ocr_failed, no_text, extractor_failed, scanner_failed",
      '  at outbound.phg:2:33',
      '  2 | rule a when unscannable because encrypt then quarantine',
      '    |                                 ^^^^^^^',
    ],
  ],
  [
    'one rule id twice',
    'policy outbound\nrule a when ssn then block\nrule a when mrn then block\n',
    [
      "rule 'a' is defined twice; give each rule its own id",
      '  at outbound.phg:3:6',
      '  3 | rule a when mrn then block',
      '    |      ^',
    ],
  ],
  [
    'an override of a rule the pack lacks',
    'policy outbound extends hipaa-baseline\noverride rule phi-externall when phi then block\n',
    [
      "cannot override 'phi-externall': hipaa-baseline has no such rule (did you mean 'phi-external'?)",
      '  at outbound.phg:2:15',
      '  2 | override rule phi-externall when phi then block',
      '    |               ^^^^^^^^^^^^^',
    ],
  ],
  [
    'a pack rule redefined without override',
    'policy outbound extends hipaa-baseline\nrule phi-external when phi then block\n',
    [
      "rule 'phi-external' is already defined by hipaa-baseline; write 'override rule phi-external' to replace it",
      '  at outbound.phg:2:6',
      '  2 | rule phi-external when phi then block',
      '    |      ^^^^^^^^^^^^',
    ],
  ],
  [
    'a misspelt pack',
    'policy outbound extends hipaa-basline\n',
    [
      "unknown pack 'hipaa-basline' (did you mean 'hipaa-baseline'?); write hipaa-baseline",
      '  at outbound.phg:1:25',
      '  1 | policy outbound extends hipaa-basline',
      '    |                         ^^^^^^^^^^^^^',
    ],
  ],
  [
    'a pattern with lookahead',
    'policy outbound\ndetector employee_id\n  class other_id\n  pattern "EMP-(?=[0-9])"\n',
    [
      "pattern of detector 'employee_id' cannot be compiled by re2 (invalid perl operator: (?=); use re2 syntax: no lookahead, lookbehind or backreferences",
      '  at outbound.phg:4:11',
      '  4 |   pattern "EMP-(?=[0-9])"',
      '    |           ^^^^^^^^^^^^^^^',
    ],
  ],
  [
    'a pattern that matches nothing at all',
    'policy outbound\ndetector employee_id\n  class other_id\n  pattern "[0-9]*"\n',
    [
      "pattern of detector 'employee_id' matches the empty string; require at least one character",
      '  at outbound.phg:4:11',
      '  4 |   pattern "[0-9]*"',
      '    |           ^^^^^^^^',
    ],
  ],
  [
    'a misspelt validator',
    'policy outbound\ndetector employee_id\n  class other_id\n  pattern "EMP-[0-9]{6}"\n  validator lun\n',
    [
      "unknown validator 'lun' (did you mean 'luhn'?); write luhn, verhoeff or standalone",
      '  at outbound.phg:5:13',
      '  5 |   validator lun',
      '    |             ^^^',
    ],
  ],
  [
    'a misspelt class',
    'policy outbound\ndetector employee_id\n  class other_idd\n  pattern "EMP-[0-9]{6}"\n',
    [
      "unknown class 'other_idd' (did you mean 'other_id'?); write one of the finding classes, such as other_id",
      '  at outbound.phg:3:9',
      '  3 |   class other_idd',
      '    |         ^^^^^^^^^',
    ],
  ],
  [
    'a reason code that is not snake_case',
    'policy outbound\nrule a when ssn then block reason Bulk-SSN\n',
    [
      "reason code 'Bulk-SSN' is not snake_case; write it as 'bulk_ssn'",
      '  at outbound.phg:2:35',
      '  2 | rule a when ssn then block reason Bulk-SSN',
      '    |                                   ^^^^^^^^',
    ],
  ],
  [
    'a strength on an action other than encrypt',
    'policy outbound\nrule a when ssn then block end-to-end\n',
    [
      "'end-to-end' only goes with encrypt; remove it or write 'encrypt end-to-end'",
      '  at outbound.phg:2:28',
      '  2 | rule a when ssn then block end-to-end',
      '    |                            ^^^^^^^^^^',
    ],
  ],
  [
    'a parenthesis left open',
    'policy outbound\nrule a when (ssn or mrn then block\n',
    [
      "expected ')' to close the '(' at line 2, column 13, found 'then'",
      '  at outbound.phg:2:25',
      '  2 | rule a when (ssn or mrn then block',
      '    |                         ^^^^',
    ],
  ],
  [
    'a misspelt statement',
    'policy outbound\nrul a when ssn then block\n',
    [
      "expected a statement (rule, override rule, disable rule, detector, allow, internal domains or mode), found 'rul' (did you mean 'rule'?)",
      '  at outbound.phg:2:1',
      '  2 | rul a when ssn then block',
      '    | ^^^',
    ],
  ],
  [
    'a unit the language does not know',
    'policy outbound\nrule a when message size > 10 MiB then quarantine\n',
    [
      "expected a unit (bytes, KB, MB or GB) after the number, found 'MiB' (did you mean 'MB'?)",
      '  at outbound.phg:2:31',
      '  2 | rule a when message size > 10 MiB then quarantine',
      '    |                               ^^^',
    ],
  ],
  [
    'a proximity of zero characters',
    'policy outbound\nrule a when mrn near diagnosis_code within 0 then encrypt\n',
    [
      "'within 0' is out of range; write a distance from 1 to 10000 characters",
      '  at outbound.phg:2:44',
      '  2 | rule a when mrn near diagnosis_code within 0 then encrypt',
      '    |                                            ^',
    ],
  ],
  [
    'single quotes',
    "policy outbound\ninternal domains 'acme.example'\n",
    [
      'found a single quote; write strings in double quotes',
      '  at outbound.phg:2:18',
      "  2 | internal domains 'acme.example'",
      '    |                  ^',
    ],
  ],
  [
    'a domain written as an address',
    'policy outbound\ninternal domains "@acme.example"\n',
    [
      "'@acme.example' is not a domain; write it as \"example.org\", without '@' or '*'",
      '  at outbound.phg:2:18',
      '  2 | internal domains "@acme.example"',
      '    |                  ^^^^^^^^^^^^^^^',
    ],
  ],
  [
    'a recipient without @',
    'policy outbound\nallow recipients "lab.example"\n',
    [
      '\'lab.example\' is not an address; write "name@example.org" or "*@example.org"',
      '  at outbound.phg:2:18',
      '  2 | allow recipients "lab.example"',
      '    |                  ^^^^^^^^^^^^^',
    ],
  ],
  [
    'a rule without a condition',
    'policy outbound\nrule a when then block\n',
    [
      "expected a condition after 'when', found 'then'",
      '  at outbound.phg:2:13',
      '  2 | rule a when then block',
      '    |             ^^^^',
    ],
  ],
  [
    'disable without a pack',
    'policy outbound\ndisable rule bulk-ssn\n',
    [
      "cannot disable 'bulk-ssn': there is no extended pack with a rule 'bulk-ssn'",
      '  at outbound.phg:2:14',
      '  2 | disable rule bulk-ssn',
      '    |              ^^^^^^^^',
    ],
  ],
  [
    'an allow list on a group, with the listed value hidden',
    'policy outbound\nallow values identifier "123"\n',
    [
      "'allow values' needs one detector or class, not the group 'identifier'",
      '  at outbound.phg:2:14',
      '  2 | allow values identifier "***"',
      '    |              ^^^^^^^^^^',
    ],
  ],
  [
    'a misspelt allow keyword, with the listed value hidden',
    'policy outbound\nallow value ssn "371-42-8856"\n',
    [
      "expected 'values' or 'recipients' after 'allow', found 'value'",
      '  at outbound.phg:2:7',
      '  2 | allow value ssn "***-**-****"',
      '    |       ^^^^^',
    ],
  ],
  [
    'a misspelt allow statement, with the listed value hidden',
    'policy outbound\nalow values ssn "371-42-8856"\n',
    [
      "expected a statement (rule, override rule, disable rule, detector, allow, internal domains or mode), found 'alow' (did you mean 'allow'?)",
      '  at outbound.phg:2:1',
      '  2 | alow values ssn "***-**-****"',
      '    | ^^^^',
    ],
  ],
  [
    'a stray word after a list of values that spans lines, with the values hidden',
    'policy outbound\nallow values ssn "078-05-1120",\n  "371-42-8856" oops\n',
    [
      "expected a statement (rule, override rule, disable rule, detector, allow, internal domains or mode), found 'oops'",
      '  at outbound.phg:3:17',
      '  3 |   "***-**-****" oops',
      '    |                 ^^^^',
    ],
  ],
  [
    'a listed value left open, hidden',
    'policy outbound\nallow values ssn "371-42-8856\n',
    [
      'this string has no closing quote; end it with " on the same line',
      '  at outbound.phg:2:18',
      '  2 | allow values ssn "***-**-****',
      '    |                  ^^^^^^^^^^^^',
    ],
  ],
  [
    'a listed value without quotes, hidden in the line and in the problem',
    'policy outbound\nallow values ssn 371428856\n',
    [
      'expected a value in double quotes, or matching "pattern", found a number',
      '  at outbound.phg:2:18',
      '  2 | allow values ssn *********',
      '    |                  ^^^^^^^^^',
    ],
  ],
  [
    'a detector that takes a built-in id',
    'policy outbound\ndetector ssn\n  class ssn\n  pattern "[0-9]{9}"\n',
    [
      "detector 'ssn' already exists; give the new detector another id, such as 'custom_ssn'",
      '  at outbound.phg:2:10',
      '  2 | detector ssn',
      '    |          ^^^',
    ],
  ],
  [
    'a detector without a class',
    'policy outbound\ndetector employee_id\n  pattern "EMP-[0-9]{6}"\nrule a when employee_id then block\n',
    [
      "detector 'employee_id' has no class; add a line such as 'class other_id'",
      '  at outbound.phg:2:1',
      '  2 | detector employee_id',
      '    | ^^^^^^^^',
    ],
  ],
  [
    'a number glued to its unit',
    'policy outbound\nrule a when message size > 10MB then block\n',
    [
      'a number runs into a word; put a space between them, as in 10 MB',
      '  at outbound.phg:2:28',
      '  2 | rule a when message size > 10MB then block',
      '    |                            ^^^',
    ],
  ],
  [
    'a plural after any',
    'policy outbound\nrule a when any recipients is external then block\n',
    [
      "expected 'recipient' after 'any', found 'recipients' (did you mean 'recipient'?)",
      '  at outbound.phg:2:17',
      '  2 | rule a when any recipients is external then block',
      '    |                 ^^^^^^^^^^',
    ],
  ],
  [
    'a recipient test without is',
    'policy outbound\nrule a when any recipient external then block\n',
    [
      "expected 'is external', 'is internal' or 'in [...]', found 'external'",
      '  at outbound.phg:2:27',
      '  2 | rule a when any recipient external then block',
      '    |                           ^^^^^^^^',
    ],
  ],
  [
    'a confidence over 1',
    'policy outbound\ndetector employee_id\n  class other_id\n  pattern "EMP-[0-9]{6}" confidence 7\n',
    [
      'expected a confidence from 0 to 1, such as 0.7, found the number 7',
      '  at outbound.phg:4:37',
      '  4 |   pattern "EMP-[0-9]{6}" confidence 7',
      '    |                                     ^',
    ],
  ],
  [
    'a line longer than the screen',
    'policy outbound\nrule a when ssn or ssn or ssn or ssn or ssn or ssn or ssn or ssn or ssn or ssn or ssn or ssn or ssn or ssn or ssn or ssn or ssn or ssn or ssn or ssn or ssn or ssn or ssn or ssn or ssn or ssn or ssn or ssn or ssn or ssn or zzz_unknown_thing then block\n',
    [
      "unknown detector 'zzz_unknown_thing'; write a detector id, a class, or one of identifier, health_information, any_finding",
      '  at outbound.phg:2:223',
      '  2 | ...n or ssn or ssn or ssn or ssn or ssn or zzz_unknown_thing then block',
      '    |                                            ^^^^^^^^^^^^^^^^^',
    ],
  ],
  [
    'a rule cut off after when',
    'policy outbound\nrule a when',
    [
      "expected a condition after 'when', found the end of the file",
      '  at outbound.phg:2:12',
      '  2 | rule a when',
      '    |            ^',
    ],
  ],
  [
    'a rule cut off after then',
    'policy outbound\nrule a when ssn then\n',
    [
      'expected allow, encrypt, quarantine or block, found the end of the file',
      '  at outbound.phg:3:1',
      '  3 | ',
      '    | ^',
    ],
  ],
  [
    'a misspelt level in a file with Windows line ends',
    'policy outbound\r\nrule a\r\n  when ssn at hgh\r\n  then block\r\n',
    [
      "unknown level 'hgh' (did you mean 'high'?); write low, medium or high",
      '  at outbound.phg:3:15',
      '  3 |   when ssn at hgh',
      '    |               ^^^',
    ],
  ],
];

const JSON_CASES: readonly (readonly [string, string, readonly string[]])[] = [
  [
    'a JSON policy with a misspelt action',
    '{"policy": "x", "rules": [{"id":"a","when":{"kind":"phi"},"outcome":{"action":"blok"}}]}',
    [
      'rules[0].outcome.action: invalid option: expected one of "allow"|"encrypt"|"quarantine"|"block"',
      '  at outbound.json: rules[0].outcome.action',
    ],
  ],
  [
    'a JSON policy with a misspelt detector',
    '{"policy": "x", "rules": [{"id":"a","when":{"kind":"found","select":{"ref":"ssnn"}},"outcome":{"action":"block"}}]}',
    [
      "unknown detector 'ssnn' (did you mean 'ssn'?); write a detector id, a class, or one of identifier, health_information, any_finding",
      '  at outbound.json: rules[0].when.select.ref',
    ],
  ],
  [
    'JSON cut short',
    '{"policy": "x",',
    [
      'the policy is not valid JSON: expected double-quoted property name',
      '  at outbound.json:1:16',
      '  1 | {"policy": "x",',
      '    |                ^',
    ],
  ],
];

function errorOf(load: () => unknown): PolicyError {
  try {
    load();
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error('expected a PolicyError');
}

describe('policy errors', () => {
  it.each(TEXT_CASES)('rejects %s', (_why, source, lines) => {
    const error = errorOf(() => loadPolicy(source, { name: 'outbound.phg' }));
    expect(error.message).toBe(lines.join('\n'));
  });

  it.each(JSON_CASES)('rejects %s', (_why, source, lines) => {
    const error = errorOf(() => loadPolicyJson(source, { name: 'outbound.json' }));
    expect(error.message).toBe(lines.join('\n'));
  });
});
