import {
  ACTIONS,
  type ActionSpec,
  type AllowValuesSpec,
  AREAS,
  type Area,
  COMPARISONS,
  type Comparison,
  type Condition,
  type DetectorSpec,
  LEVELS,
  type Level,
  MODES,
  type Mode,
  OVERRIDES,
  type PolicyDocument,
  type RecipientTarget,
  type RuleSpec,
  type Selector,
  STRENGTHS,
} from './document.js';
import { didYouMean, PolicyError, type PolicySource, type SourceRange } from './errors.js';
import { type Token, tokenize } from './lexer.js';
import { DEFAULT_POLICY_LIMITS, type PolicyLimits } from './limits.js';

/** Where each part of the document came from, by its path (`rules[0].when.of[1]`). */
export type RangeMap = Map<string, SourceRange>;

/** The typed document and where each of its parts is in the source. */
export interface ParsedPolicy {
  readonly document: PolicyDocument;
  readonly ranges: RangeMap;
}

/** Words that start a statement at the top level of a policy. */
const STATEMENTS = ['rule', 'override', 'disable', 'detector', 'allow', 'internal', 'mode'];

/** Words that cannot name a detector or class because the grammar uses them. */
const RESERVED = new Set([
  ...STATEMENTS,
  'policy',
  'extends',
  'when',
  'unless',
  'then',
  'and',
  'or',
  'not',
  'count',
  'distinct',
  'any',
  'all',
  'sender',
  'message',
  'unscannable',
  'attachment',
  'phi',
  'near',
  'before',
  'after',
  'within',
  'at',
  'in',
  'reason',
]);

const SIZE_UNITS: Record<string, number> = { bytes: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** Default `within` for proximity, in characters. */
export const DEFAULT_WITHIN = 300;

/**
 * Parses policy text into the typed document, recording where each part came from so later
 * checks can point at it. Throws `PolicyError` and nothing else.
 */
export function parsePolicy(
  source: PolicySource,
  limits: PolicyLimits = DEFAULT_POLICY_LIMITS,
): ParsedPolicy {
  return new Parser(source, tokenize(source), limits).policy();
}

class Parser {
  private index = 0;
  private depth = 0;
  readonly ranges: RangeMap = new Map();

  constructor(
    private readonly source: PolicySource,
    private readonly tokens: readonly Token[],
    private readonly limits: PolicyLimits,
  ) {}

  policy(): ParsedPolicy {
    const first = this.peek();
    if (!this.isWord('policy')) {
      this.fail(
        'missing_header',
        `a policy starts with 'policy NAME'; found ${describe(first)}`,
        first,
      );
    }
    this.next();
    const policy = this.name('policy', 'a policy name');
    let base: string | undefined;
    if (this.isWord('extends')) {
      this.next();
      base = this.name('extends', 'the name of a pack, such as hipaa-baseline');
    }

    let mode: Mode | undefined;
    const internalDomains: string[] = [];
    const detectors: DetectorSpec[] = [];
    const allowValues: AllowValuesSpec[] = [];
    const allowRecipients: string[] = [];
    const disable: string[] = [];
    const rules: RuleSpec[] = [];

    // Cursor at the start of a statement, or at the end of the file.
    while (this.peek().kind !== 'eof') {
      const token = this.peek();
      const word = token.kind === 'word' ? token.text : '';
      if (word === 'rule' || (word === 'override' && this.peekWord(1) === 'rule')) {
        if (rules.length >= this.limits.maxRules) {
          this.fail(
            'too_many_rules',
            `this policy has more than ${this.limits.maxRules} rules; split it or raise maxRules`,
            token,
          );
        }
        rules.push(this.rule(`rules[${rules.length}]`));
      } else if (word === 'disable') {
        this.next();
        this.expectWord('rule', "after 'disable'");
        disable.push(this.name(`disable[${disable.length}]`, 'the id of a rule to disable'));
      } else if (word === 'detector') {
        if (detectors.length >= this.limits.maxDetectors) {
          this.fail(
            'too_many_detectors',
            `this policy declares more than ${this.limits.maxDetectors} detectors; raise ` +
              `maxDetectors`,
            token,
          );
        }
        detectors.push(this.detector(`detectors[${detectors.length}]`));
      } else if (word === 'allow') {
        this.next();
        if (this.isWord('recipients')) {
          this.next();
          const at = allowRecipients.length;
          allowRecipients.push(...this.strings(`allowRecipients`, at, 'an address or "*@domain"'));
        } else if (this.isWord('values')) {
          this.next();
          allowValues.push(this.allowValues(`allowValues[${allowValues.length}]`));
        } else {
          this.fail(
            'unknown_allow',
            `expected 'values' or 'recipients' after 'allow', found ${describe(this.peek())}`,
            this.peek(),
          );
        }
      } else if (word === 'internal') {
        this.next();
        this.expectWord('domains', "after 'internal'");
        internalDomains.push(
          ...this.strings(
            'internalDomains',
            internalDomains.length,
            'a domain in quotes, such as "example.org"',
          ),
        );
      } else if (word === 'mode') {
        this.next();
        mode = this.choice('mode', MODES, 'mode', 'mode');
      } else {
        const hint = token.kind === 'word' ? didYouMean(word, STATEMENTS) : '';
        this.fail(
          'unknown_statement',
          `expected a statement (rule, override rule, disable rule, detector, allow, internal ` +
            `domains or mode), found ${describe(token)}${hint}`,
          token,
        );
      }
    }

    const document: PolicyDocument = {
      policy,
      ...(base === undefined ? {} : { extends: base }),
      ...(mode === undefined ? {} : { mode }),
      ...(internalDomains.length ? { internalDomains } : {}),
      ...(detectors.length ? { detectors } : {}),
      ...(allowValues.length ? { allowValues } : {}),
      ...(allowRecipients.length ? { allowRecipients } : {}),
      ...(disable.length ? { disable } : {}),
      rules,
    };
    return { document, ranges: this.ranges };
  }

  /** `[override] rule ID ["title"] when C [unless C] then ACTION ...` */
  private rule(path: string): RuleSpec {
    const override = this.isWord('override');
    if (override) this.next();
    this.next();
    const id = this.name(`${path}.id`, 'a rule id, such as bulk-ssn');
    let title: string | undefined;
    if (this.peek().kind === 'string') title = this.next().text;
    if (this.peek().kind === 'punct' && this.peek().text === ':') this.next();
    this.expectWord('when', `after the rule id '${id}'`);
    const when = this.condition(`${path}.when`, "'when'");
    let unless: Condition | undefined;
    if (this.isWord('unless')) {
      this.next();
      unless = this.condition(`${path}.unless`, "'unless'");
    }
    if (!this.isWord('then')) {
      this.fail(
        'expected_then',
        `expected 'then' and an action after the condition, found ${describe(this.peek())}`,
        this.peek(),
      );
    }
    this.next();
    const outcome = this.action(`${path}.outcome`);
    return {
      id,
      ...(title === undefined ? {} : { title }),
      ...(override ? { override } : {}),
      when,
      ...(unless === undefined ? {} : { unless }),
      outcome,
    };
  }

  /** `ACTION [transport|end-to-end] [reason CODE] [override KIND] [mode MODE]` */
  private action(path: string): ActionSpec {
    const action = this.choice(`${path}.action`, ACTIONS, 'action', 'action');
    let strength: ActionSpec['strength'];
    let reason: string | undefined;
    let override: ActionSpec['override'];
    let mode: Mode | undefined;
    if (
      this.peek().kind === 'word' &&
      (STRENGTHS as readonly string[]).includes(this.peek().text)
    ) {
      const token = this.peek();
      strength = this.choice(`${path}.strength`, STRENGTHS, 'encryption strength', 'strength');
      if (action !== 'encrypt') {
        this.fail(
          'strength_without_encrypt',
          `'${strength}' only goes with encrypt; remove it or write 'encrypt ${strength}'`,
          token,
        );
      }
    }
    // Cursor after the action: optional modifiers in any order, each at most once.
    for (;;) {
      if (this.isWord('reason') && reason === undefined) {
        this.next();
        const token = this.peek();
        reason = this.name(`${path}.reason`, 'a reason code in snake_case');
        if (!/^[a-z][a-z0-9_]*$/.test(reason)) {
          this.fail(
            'bad_reason_code',
            `reason code '${reason}' is not snake_case; write it as ` +
              `'${reason.replace(/-/g, '_').toLowerCase()}'`,
            token,
          );
        }
      } else if (this.isWord('override') && this.peekWord(1) !== 'rule' && override === undefined) {
        this.next();
        override = this.choice(`${path}.override`, OVERRIDES, 'override kind', 'override');
      } else if (this.isWord('mode') && mode === undefined) {
        this.next();
        mode = this.choice(`${path}.mode`, MODES, 'mode', 'mode');
      } else break;
    }
    return {
      action,
      ...(strength === undefined ? {} : { strength }),
      ...(reason === undefined ? {} : { reason }),
      ...(override === undefined ? {} : { override }),
      ...(mode === undefined ? {} : { mode }),
    };
  }

  /** `detector ID` followed by its fields, each on its own line by convention. */
  private detector(path: string): DetectorSpec {
    const start = this.next();
    const id = this.name(`${path}.id`, 'a detector id, such as employee_id');
    let cls: string | undefined;
    let confidence: number | undefined;
    let ignoreCase = false;
    let requiresContext = false;
    const patterns: { regex: string; confidence?: number }[] = [];
    const validators: string[] = [];
    const context: string[] = [];
    // Cursor on a detector field, or on the next statement.
    for (;;) {
      if (this.isWord('class')) {
        this.next();
        cls = this.name(`${path}.class`, 'a finding class, such as other_id');
      } else if (this.isWord('pattern')) {
        this.next();
        const at = `${path}.patterns[${patterns.length}]`;
        const regex = this.string(`${at}.regex`, 'a pattern in double quotes');
        if (this.isWord('confidence')) {
          this.next();
          patterns.push({ regex, confidence: this.fraction(`${at}.confidence`) });
        } else patterns.push({ regex });
      } else if (this.isWord('confidence')) {
        this.next();
        confidence = this.fraction(`${path}.confidence`);
      } else if (this.isWord('validator')) {
        this.next();
        do
          validators.push(
            this.name(`${path}.validators[${validators.length}]`, 'a validator name, such as luhn'),
          );
        while (this.comma());
      } else if (this.isWord('context')) {
        this.next();
        context.push(
          ...this.strings(`${path}.context`, context.length, 'a context word in double quotes'),
        );
      } else if (this.isWord('ignore')) {
        this.next();
        this.expectWord('case', "after 'ignore'");
        ignoreCase = true;
      } else if (this.isWord('requires')) {
        this.next();
        this.expectWord('context', "after 'requires'");
        requiresContext = true;
      } else break;
    }
    if (cls === undefined) {
      this.fail(
        'detector_without_class',
        `detector '${id}' has no class; add a line such as 'class other_id'`,
        start,
      );
    }
    if (patterns.length === 0) {
      this.fail(
        'detector_without_pattern',
        `detector '${id}' has no pattern; add a line such as 'pattern "EMP-[0-9]{6}"'`,
        start,
      );
    }
    return {
      id,
      class: cls!,
      patterns,
      ...(confidence === undefined ? {} : { confidence }),
      ...(ignoreCase ? { ignoreCase } : {}),
      ...(validators.length ? { validators } : {}),
      ...(context.length ? { context } : {}),
      ...(requiresContext ? { requiresContext } : {}),
    };
  }

  /** `allow values REF "v", ...` or `allow values REF matching "pattern", ...` */
  private allowValues(path: string): AllowValuesSpec {
    const ref = this.name(`${path}.ref`, 'a detector id or class, such as ssn');
    if (this.isWord('matching')) {
      this.next();
      return { ref, patterns: this.strings(`${path}.patterns`, 0, 'a pattern in double quotes') };
    }
    const what = 'a value in double quotes, or matching "pattern"';
    // An unquoted value is named by its kind only: the error must not repeat it.
    return { ref, values: this.strings(`${path}.values`, 0, what, { hideFound: true }) };
  }

  // Conditions, from the loosest binding to the tightest: or, and, not, primary.

  private condition(path: string, after: string): Condition {
    const token = this.peek();
    if (
      token.kind === 'eof' ||
      (token.kind === 'word' && ['then', 'unless'].includes(token.text))
    ) {
      this.fail(
        'expected_condition',
        `expected a condition after ${after}, found ${describe(token)}`,
        token,
      );
    }
    return this.or(path);
  }

  private or(path: string): Condition {
    return this.chain(path, 'or', (p) => this.and(p));
  }

  private and(path: string): Condition {
    return this.chain(path, 'and', (p) => this.unary(p));
  }

  private chain(path: string, word: 'and' | 'or', operand: (path: string) => Condition): Condition {
    const start = this.peek();
    const first = operand(path);
    if (!this.isWord(word)) return first;
    // Operands were parsed at `path`; move them under `path.of[i]` once we know it is a chain.
    const of = [first];
    this.moveRanges(path, `${path}.of[0]`);
    while (this.isWord(word)) {
      this.next();
      of.push(operand(`${path}.of[${of.length}]`));
    }
    this.mark(path, start);
    return { kind: word, of };
  }

  private unary(path: string): Condition {
    if (this.isWord('not')) {
      const token = this.next();
      const of = this.nested(() => this.unary(`${path}.of`));
      this.mark(path, token);
      return { kind: 'not', of };
    }
    return this.primary(path);
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > this.limits.maxDepth) {
      this.fail(
        'too_deep',
        `conditions nest deeper than ${this.limits.maxDepth} levels; split the rule or raise ` +
          `maxDepth`,
        this.peek(),
      );
    }
    const result = parse();
    this.depth--;
    return result;
  }

  private primary(path: string): Condition {
    const token = this.peek();
    if (token.kind === 'punct' && token.text === '(') {
      this.next();
      const inner = this.nested(() => this.or(path));
      if (!this.isPunct(')')) {
        this.fail(
          'unclosed_parenthesis',
          `expected ')' to close the '(' at line ${token.range.start.line}, column ` +
            `${token.range.start.column}, found ${describe(this.peek())}`,
          this.peek(),
        );
      }
      this.next();
      return inner;
    }
    if (token.kind !== 'word') {
      this.fail(
        'expected_condition',
        `expected a condition, such as 'ssn' or 'count(distinct ssn) >= 5', found ` +
          `${describe(token)}`,
        token,
      );
    }
    this.mark(path, token);
    switch (token.text) {
      case 'count':
        return this.count(path);
      case 'phi':
        this.next();
        return { kind: 'phi' };
      case 'any':
      case 'all': {
        this.next();
        const plural = token.text === 'all';
        this.expectWord(plural ? 'recipients' : 'recipient', `after '${token.text}'`);
        return {
          kind: 'recipients',
          quantifier: plural ? 'all' : 'any',
          target: this.target(path, plural ? 'are' : 'is'),
        };
      }
      case 'sender':
        this.next();
        return { kind: 'sender', target: this.target(path, 'is') };
      case 'attachment': {
        this.next();
        this.expectWord('type', "after 'attachment'");
        this.expectWord('in', "after 'attachment type'");
        return { kind: 'attachment_type', types: this.list(`${path}.types`) };
      }
      case 'unscannable': {
        this.next();
        if (!this.isWord('because')) return { kind: 'unscannable', reasons: [] };
        this.next();
        if (this.isPunct('['))
          return { kind: 'unscannable', reasons: this.list(`${path}.reasons`) };
        return {
          kind: 'unscannable',
          reasons: [this.name(`${path}.reasons[0]`, 'a reason such as encrypted')],
        };
      }
      case 'message': {
        this.next();
        this.expectWord('size', "after 'message'");
        const op = this.comparison(`${path}.op`);
        return { kind: 'message_size', op, bytes: this.size(`${path}.bytes`) };
      }
      default:
        return this.proximity(path);
    }
  }

  /** `count(SELECTOR)`, `count(distinct SELECTOR)` or `count(recipients)`, then a comparison. */
  private count(path: string): Condition {
    this.next();
    this.expectPunct('(', "after 'count'");
    let distinct = false;
    if (this.isWord('distinct')) {
      this.next();
      distinct = true;
    }
    const what = this.peek();
    if (
      !distinct &&
      what.kind === 'word' &&
      ['recipients', 'attachments', 'unscannable'].includes(what.text)
    ) {
      this.next();
      this.expectPunct(')', `after '${what.text}'`);
      const op = this.comparison(`${path}.op`);
      const of = what.text as 'recipients' | 'attachments' | 'unscannable';
      return { kind: 'tally', of, op, value: this.integer(`${path}.value`) };
    }
    const select = this.selector(`${path}.select`);
    this.expectPunct(')', 'after what is counted');
    const op = this.comparison(`${path}.op`);
    return { kind: 'count', select, distinct, op, value: this.integer(`${path}.value`) };
  }

  /** A selector, optionally followed by `near|before|after SELECTOR [within N [characters]]`. */
  private proximity(path: string): Condition {
    const first = this.selector(`${path}.select`);
    const order = this.peek();
    if (!(order.kind === 'word' && ['near', 'before', 'after'].includes(order.text))) {
      this.moveRanges(`${path}.select`, `${path}.select`);
      return { kind: 'found', select: first };
    }
    this.moveRanges(`${path}.select`, `${path}.first`);
    this.next();
    const second = this.selector(`${path}.second`);
    let within = DEFAULT_WITHIN;
    if (this.isWord('within')) {
      this.next();
      const token = this.peek();
      within = this.integer(`${path}.within`);
      if (within < 1 || within > this.limits.maxDistance) {
        this.fail(
          'bad_distance',
          `'within ${within}' is out of range; write a distance from 1 to ` +
            `${this.limits.maxDistance} characters`,
          token,
        );
      }
      if (this.isWord('characters') || this.isWord('chars')) this.next();
    }
    return {
      kind: 'near',
      first,
      second,
      order: order.text as 'near' | 'before' | 'after',
      within,
    };
  }

  /** `REF [at LEVEL [confidence]] [in AREA | in [AREA, ...]]` */
  private selector(path: string): Selector {
    const token = this.peek();
    if (token.kind !== 'word' || RESERVED.has(token.text)) {
      this.fail(
        'expected_reference',
        `expected a detector id or class, such as ssn or diagnosis_code, found ${describe(token)}`,
        token,
      );
    }
    const ref = this.name(`${path}.ref`, 'a detector id or class');
    let level: Level | undefined;
    let areas: Area[] | undefined;
    if (this.isWord('at')) {
      this.next();
      if (this.isWord('least')) this.next();
      level = this.choice(`${path}.level`, LEVELS, 'level', 'level');
      if (this.isWord('confidence')) this.next();
    }
    if (this.isWord('in')) {
      this.next();
      if (this.isPunct('[')) {
        this.next();
        areas = [];
        do areas.push(this.choice(`${path}.areas[${areas.length}]`, AREAS, 'area', 'area'));
        while (this.comma());
        this.expectPunct(']', 'after the list of areas');
      } else areas = [this.choice(`${path}.areas[0]`, AREAS, 'area', 'area')];
    }
    return { ref, ...(level ? { level } : {}), ...(areas ? { areas } : {}) };
  }

  /** After `any recipient`, `all recipients` or `sender`: `is external|internal` or `in [..]`. */
  private target(path: string, verb: 'is' | 'are'): RecipientTarget {
    if (this.isWord('in')) {
      this.next();
      return { in: this.list(`${path}.target.in`) };
    }
    if (this.isWord('is') || this.isWord('are')) this.next();
    else
      this.fail(
        'expected_target',
        `expected '${verb} external', '${verb} internal' or 'in [...]', found ` +
          `${describe(this.peek())}`,
        this.peek(),
      );
    return this.choice(
      `${path}.target`,
      ['external', 'internal'] as const,
      'recipient kind',
      'target',
    );
  }

  // Small pieces.

  private comparison(path: string): Comparison {
    const token = this.peek();
    if (token.kind !== 'punct' || !(COMPARISONS as readonly string[]).includes(token.text)) {
      this.fail(
        'expected_comparison',
        `expected a comparison (>=, >, <=, <, = or !=), found ${describe(token)}`,
        token,
      );
    }
    this.mark(path, token);
    this.next();
    return token.text as Comparison;
  }

  private integer(path: string): number {
    const token = this.peek();
    if (token.kind !== 'number' || token.text.includes('.')) {
      this.fail('expected_number', `expected a whole number, found ${describe(token)}`, token);
    }
    this.mark(path, token);
    this.next();
    return Number(token.text);
  }

  private fraction(path: string): number {
    const token = this.peek();
    const value = token.kind === 'number' ? Number(token.text) : Number.NaN;
    if (!(value >= 0 && value <= 1)) {
      this.fail(
        'expected_confidence',
        `expected a confidence from 0 to 1, such as 0.7, found ${describe(token)}`,
        token,
      );
    }
    this.mark(path, token);
    this.next();
    return value;
  }

  /** A number and a unit: `10 MB`, `500 KB`, `2000 bytes`. */
  private size(path: string): number {
    const number = this.peek();
    if (number.kind !== 'number')
      this.fail(
        'expected_size',
        `expected a size such as 10 MB, found ${describe(number)}`,
        number,
      );
    this.next();
    const unit = this.peek();
    const factor = unit.kind === 'word' ? SIZE_UNITS[unit.text.toLowerCase()] : undefined;
    if (factor === undefined) {
      const hint = unit.kind === 'word' ? didYouMean(unit.text, ['bytes', 'KB', 'MB', 'GB']) : '';
      this.fail(
        'expected_unit',
        `expected a unit (bytes, KB, MB or GB) after the number, found ${describe(unit)}${hint}`,
        unit,
      );
    }
    this.next();
    this.mark(path, number);
    return Math.round(Number(number.text) * factor!);
  }

  private choice<T extends string>(
    path: string,
    options: readonly T[],
    what: string,
    code: string,
  ): T {
    const token = this.peek();
    if (token.kind === 'word' && (options as readonly string[]).includes(token.text)) {
      this.mark(path, token);
      this.next();
      return token.text as T;
    }
    if (token.kind !== 'word') {
      this.fail(`expected_${code}`, `expected ${orList(options)}, found ${describe(token)}`, token);
    }
    const hint = didYouMean(token.text, options);
    this.fail(
      `unknown_${code}`,
      `unknown ${what} '${token.text}'${hint}; write ${orList(options)}`,
      token,
    );
  }

  private name(path: string, what: string): string {
    const token = this.peek();
    if (token.kind !== 'word')
      this.fail('expected_name', `expected ${what}, found ${describe(token)}`, token);
    this.mark(path, token);
    this.next();
    return token.text;
  }

  private string(path: string, what: string, options: { hideFound?: boolean } = {}): string {
    const token = this.peek();
    if (token.kind !== 'string') {
      const found = options.hideFound ? kindOf(token) : describe(token);
      this.fail('expected_string', `expected ${what}, found ${found}`, token);
    }
    this.mark(path, token);
    this.next();
    return token.text;
  }

  /** One or more strings separated by commas, recorded at `path[from + i]`. */
  private strings(
    path: string,
    from: number,
    what: string,
    options: { hideFound?: boolean } = {},
  ): string[] {
    const out: string[] = [];
    do {
      this.checkListSize(out.length);
      out.push(this.string(`${path}[${from + out.length}]`, what, options));
    } while (this.comma());
    return out;
  }

  /** `[item, ...]` where items are words or strings. */
  private list(path: string): string[] {
    this.expectPunct('[', 'to start a list');
    const out: string[] = [];
    do {
      this.checkListSize(out.length);
      const token = this.peek();
      if (token.kind !== 'word' && token.kind !== 'string') {
        this.fail(
          'expected_list_item',
          `expected a word or a string in the list, found ${describe(token)}`,
          token,
        );
      }
      this.mark(`${path}[${out.length}]`, token);
      out.push(this.next().text);
    } while (this.comma());
    this.expectPunct(']', 'to end the list');
    return out;
  }

  private checkListSize(size: number): void {
    if (size >= this.limits.maxListItems) {
      this.fail(
        'list_too_long',
        `this list has more than ${this.limits.maxListItems} items; raise maxListItems`,
        this.peek(),
      );
    }
  }

  private comma(): boolean {
    if (!this.isPunct(',')) return false;
    this.next();
    return true;
  }

  private expectWord(word: string, where: string): void {
    const token = this.peek();
    if (token.kind === 'word' && token.text === word) {
      this.next();
      return;
    }
    const hint = token.kind === 'word' ? didYouMean(token.text, [word]) : '';
    this.fail(
      `expected_${word}`,
      `expected '${word}' ${where}, found ${describe(token)}${hint}`,
      token,
    );
  }

  private expectPunct(mark: string, where: string): void {
    if (this.isPunct(mark)) {
      this.next();
      return;
    }
    this.fail(
      'expected_punctuation',
      `expected '${mark}' ${where}, found ${describe(this.peek())}`,
      this.peek(),
    );
  }

  private isWord(word: string): boolean {
    const token = this.peek();
    return token.kind === 'word' && token.text === word;
  }

  private isPunct(mark: string): boolean {
    const token = this.peek();
    return token.kind === 'punct' && token.text === mark;
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private peekWord(ahead: number): string | undefined {
    const token = this.tokens[this.index + ahead];
    return token?.kind === 'word' ? token.text : undefined;
  }

  private next(): Token {
    const token = this.tokens[this.index]!;
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  private mark(path: string, token: Token): void {
    if (!this.ranges.has(path)) this.ranges.set(path, token.range);
  }

  /** Re-keys every range recorded under `from` to `to` (a chain discovered after its head). */
  private moveRanges(from: string, to: string): void {
    if (from === to) return;
    for (const [key, range] of [...this.ranges]) {
      if (key === from || key.startsWith(`${from}.`)) {
        this.ranges.delete(key);
        this.ranges.set(to + key.slice(from.length), range);
      }
    }
  }

  private fail(code: string, problem: string, token: Token): never {
    throw new PolicyError(code, problem, this.source, token.range);
  }
}

/** How a token is named in a message: `'word'`, `"string"`, `number 5` or `the end of the file`. */
function describe(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'the end of the file';
    case 'string':
      return 'a string';
    case 'number':
      return `the number ${token.text}`;
    default:
      return `'${token.text}'`;
  }
}

/** A token by its kind alone, for places where its text may be a value: `a number`. */
function kindOf(token: Token): string {
  if (token.kind === 'number') return 'a number';
  if (token.kind === 'word') return 'a word';
  return describe(token);
}

/** `a, b or c` with each option quoted. */
function orList(options: readonly string[]): string {
  const quoted = options.map((o) => o);
  return quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}
