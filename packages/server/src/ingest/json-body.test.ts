import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJsonBody, parseJsonText } from './json-body.ts';
import { DecodeError } from './decoder.types.ts';

const payload = (body: string | Buffer, contentType?: string) => ({
  body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
  contentType,
  receivedAt: 0,
});

test('plain JSON object and array', () => {
  assert.deepEqual(parseJsonBody(payload('{"a":1,"b":[true,null,"x"]}', 'application/json')), {
    a: 1,
    b: [true, null, 'x'],
  });
  assert.deepEqual(parseJsonBody(payload('  [1, 2]\n')), [1, 2]);
});

test('a UTF-8 BOM before the JSON is accepted', () => {
  const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"plate":"ABC123"}')]);
  assert.deepEqual(parseJsonBody(payload(body)), { plate: 'ABC123' });
});

test('a UTF-16LE body with BOM is accepted', () => {
  const body = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"plate":"ABC123"}', 'utf16le')]);
  assert.deepEqual(parseJsonBody(payload(body)), { plate: 'ABC123' });
});

test('JSON labelled form-urlencoded or text/plain (as alprd sends it) is parsed as JSON', () => {
  // '+' and '=' inside the JSON must survive: a form decoder would turn '+' into a space.
  const json = '{"note":"a+b=c","n":1}';
  assert.deepEqual(parseJsonBody(payload(json, 'application/x-www-form-urlencoded')), { note: 'a+b=c', n: 1 });
  assert.deepEqual(parseJsonBody(payload(json, 'text/plain; charset=utf-8')), { note: 'a+b=c', n: 1 });
});

test('a form body whose json= field holds the JSON is unwrapped', () => {
  const body = `json=${encodeURIComponent('{"note":"a+b","n":2}')}`;
  assert.deepEqual(parseJsonBody(payload(body, 'application/x-www-form-urlencoded')), { note: 'a+b', n: 2 });
});

test('a form body with several fields picks the JSON one', () => {
  const body = `token=abc&data=${encodeURIComponent('[1,2,3]')}&x=1`;
  assert.deepEqual(parseJsonBody(payload(body, 'application/x-www-form-urlencoded')), [1, 2, 3]);
});

test('a lone url-encoded key that is JSON is unwrapped', () => {
  const body = encodeURIComponent('{"plate":"XYZ987"}');
  assert.deepEqual(parseJsonBody(payload(body, 'application/x-www-form-urlencoded')), { plate: 'XYZ987' });
  // Even when the sender forgot the content type.
  assert.deepEqual(parseJsonBody(payload(body)), { plate: 'XYZ987' });
});

test('a form body without any JSON field is a DecodeError', () => {
  assert.throws(
    () => parseJsonBody(payload('a=1&b=2', 'application/x-www-form-urlencoded')),
    (e: unknown) => e instanceof DecodeError && /no single JSON field/.test(e.message),
  );
});

test('integers beyond 2^53 come back as exact strings; safe numbers stay numbers', () => {
  const v = parseJsonBody(
    payload('{"cam":18446744073709551615,"neg":-9007199254740993,"safe":9007199254740991,"f":1234567890123456.5,"e":1e300}'),
  ) as Record<string, unknown>;
  assert.equal(v.cam, '18446744073709551615');
  assert.equal(v.neg, '-9007199254740993');
  assert.equal(v.safe, 9007199254740991);
  assert.equal(v.f, 1234567890123456.5);
  assert.equal(v.e, 1e300);
});

test('a 16-digit run inside a string does not change values', () => {
  assert.deepEqual(parseJsonText('{"s":"12345678901234567890","n":5}'), { s: '12345678901234567890', n: 5 });
});

test('an empty or whitespace-only body is DecodeError("empty body")', () => {
  for (const body of ['', '   \n', '\ufeff']) {
    assert.throws(
      () => parseJsonBody(payload(body)),
      (e: unknown) => e instanceof DecodeError && e.message === 'empty body',
    );
  }
});

test('invalid JSON is a DecodeError naming position, line and column', () => {
  const cases: [string, number, number, number][] = [
    ['garbage', 0, 1, 1],
    ['{"a":1,}', 7, 1, 8],
    ['{\n  "a": tru\n}', 9, 2, 8],
    ['[1,2 3]', 5, 1, 6],
    ['{"a":1', 6, 1, 7],
    ['{} x', 3, 1, 4],
  ];
  for (const [body, pos, line, col] of cases) {
    assert.throws(
      () => parseJsonBody(payload(body, 'application/json')),
      (e: unknown) =>
        e instanceof DecodeError && e.message.startsWith(`invalid JSON at position ${pos} (line ${line} column ${col})`),
      body,
    );
  }
});
