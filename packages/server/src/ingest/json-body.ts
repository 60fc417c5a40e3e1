/**
 * Turns a webhook body into a JSON value the way real senders need it: they add a UTF-8 BOM,
 * label JSON as form data (alprd), wrap it in a form field, or send integers above 2^53
 * (OpenALPR heartbeats) that `JSON.parse` would silently round.
 */
import { DecodeError, type RawPayload } from './decoder.types.ts';

export interface JsonBodyOptions {
  /**
   * Keep integers beyond ±(2^53 − 1) exact (default). A format whose numbers are all small (our
   * own read format) turns it off and saves a scan of every body.
   */
  exactBigIntegers?: boolean;
}

/** Form fields that senders use to carry a JSON document, in order of preference. */
const JSON_FIELDS = ['json', 'data', 'payload', 'body'];

/**
 * Parses a request body as JSON without trusting its Content-Type.
 *
 * - A UTF-8 BOM (or a UTF-16 body with BOM) is accepted.
 * - A body starting with `{` or `[` is JSON whatever its label says.
 * - Otherwise a form body whose single field (or a `json`/`data`/`payload`/`body` field)
 *   holds JSON is unwrapped; a lone url-encoded key that is JSON works too.
 * - Integer literals beyond ±(2^53 − 1) come back as their exact decimal string.
 *
 * @throws DecodeError `empty body`, or `invalid JSON at position N (line L column C): …`.
 * @example parseJsonBody({ body: Buffer.from('json=%7B%22a%22%3A1%7D'), receivedAt: 0 }) // { a: 1 }
 */
export function parseJsonBody(payload: RawPayload, opts: JsonBodyOptions = {}): unknown {
  const parse = opts.exactBigIntegers === false ? parsePlainJson : parseJsonText;
  // Positions in error messages count from the decoded body, so the untrimmed text is parsed.
  const text = decodeText(payload.body);
  const trimmed = text.trim();
  if (trimmed === '') throw new DecodeError('empty body');
  const first = trimmed[0];
  if (first === '{' || first === '[') return parse(text);
  if (trimmed.includes('=') || /^%(7B|5B)/i.test(trimmed) || isFormType(payload.contentType)) {
    const inner = jsonFromForm(trimmed);
    if (inner !== undefined) return parse(inner);
  }
  return parse(text);
}

/**
 * `JSON.parse` that keeps integers beyond ±(2^53 − 1) as exact decimal strings.
 * @throws DecodeError with the position of the first syntax error.
 * @example parseJsonText('{"id":18446744073709551615}') // { id: '18446744073709551615' }
 */
export function parseJsonText(text: string): unknown {
  try {
    // The reviver costs a call per value; only bodies with a 16+ digit run can hold an unsafe integer.
    return /\d{16}/.test(text) ? JSON.parse(text, keepBigIntegers as Reviver) : JSON.parse(text);
  } catch (err) {
    throw new DecodeError(describeSyntaxError(text), { cause: err });
  }
}

function parsePlainJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new DecodeError(describeSyntaxError(text), { cause: err });
  }
}

type Reviver = (this: unknown, key: string, value: unknown) => unknown;

/** Node ≥ 21 passes the literal's source text to the reviver (TC39 "JSON.parse source text access"). */
function keepBigIntegers(_key: string, value: unknown, context?: { source?: string }): unknown {
  if (typeof value === 'number' && !Number.isSafeInteger(value) && context?.source !== undefined) {
    if (/^-?\d+$/.test(context.source)) return context.source;
  }
  return value;
}

function decodeText(body: Buffer): string {
  if (body.length >= 2 && body[0] === 0xff && body[1] === 0xfe) return new TextDecoder('utf-16le').decode(body);
  if (body.length >= 2 && body[0] === 0xfe && body[1] === 0xff) return new TextDecoder('utf-16be').decode(body);
  // Buffer's decoder is several times faster than TextDecoder on large batches; both replace
  // invalid sequences with U+FFFD. The UTF-8 BOM is dropped here.
  const bom = body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf;
  return body.toString('utf8', bom ? 3 : 0);
}

function isFormType(contentType: string | undefined): boolean {
  return contentType !== undefined && /application\/x-www-form-urlencoded/i.test(contentType);
}

/** The JSON text carried by a form body, or undefined when the body is not such a form. */
function jsonFromForm(text: string): string | undefined {
  const fields = [...new URLSearchParams(text)];
  if (fields.length === 0) return undefined;
  const looksJson = (s: string) => /^\s*[[{]/.test(s);
  if (fields.length === 1) {
    const [key, value] = fields[0];
    if (value === '' && looksJson(key)) return key;
    if (looksJson(value)) return value;
    throw new DecodeError(`form body field "${truncate(key)}" does not hold JSON`);
  }
  for (const name of JSON_FIELDS) {
    const hit = fields.find(([k]) => k.toLowerCase() === name);
    if (hit && looksJson(hit[1])) return hit[1];
  }
  const jsonish = fields.filter(([, v]) => looksJson(v));
  if (jsonish.length === 1) return jsonish[0][1];
  throw new DecodeError(
    `form body with ${fields.length} fields and no single JSON field (${fields.map(([k]) => truncate(k)).join(', ')})`,
  );
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/**
 * V8 names a position for some syntax errors but not others ("Unexpected token …"), and quotes
 * the body in those; a small scanner finds the offset so every message has the same shape.
 */
function describeSyntaxError(text: string): string {
  const found = scanJson(text);
  const offset = found?.offset ?? text.length;
  const problem = found?.problem ?? 'not valid JSON';
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `invalid JSON at position ${offset} (line ${line} column ${offset - lineStart + 1}): ${problem}`;
}

interface SyntaxProblem {
  offset: number;
  problem: string;
}

/** Returns the first syntax error of `text` as JSON, or undefined when it is valid. */
function scanJson(text: string): SyntaxProblem | undefined {
  let i = 0;
  const fail = (problem: string): never => {
    throw { offset: i, problem } satisfies SyntaxProblem;
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const at = () => (i < text.length ? `unexpected ${JSON.stringify(text[i])}` : 'unexpected end of input');
  const string = () => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) return void i++;
      if (c < 32) fail('control character in string');
      if (c === 92) {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('bad \\u escape');
          i += 5;
        } else if (i < text.length && '"\\/bfnrt'.includes(text[i])) i++;
        else fail('bad escape');
      } else i++;
    }
    fail('unterminated string');
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`${at()}, expected a double-quoted property name`);
        string();
        ws();
        if (text[i] !== ':') fail(`${at()}, expected ':'`);
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail(`${at()}, expected ',' or '}'`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail(`${at()}, expected ',' or ']'`);
      }
    }
    if (c === '"') return string();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) fail(`${at()}, expected a value`);
    i += m![0].length;
  };
  try {
    value();
    ws();
    if (i < text.length) fail(`${at()} after the JSON value`);
    return undefined;
  } catch (e) {
    if (e && typeof e === 'object' && 'offset' in e) return e as SyntaxProblem;
    // Only a stack overflow gets here: a body nested deeper than the scanner can follow.
    return { offset: i, problem: 'nesting too deep' };
  }
}
