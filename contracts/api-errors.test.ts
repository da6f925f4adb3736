import assert from 'node:assert/strict';
import { test } from 'node:test';
import { API_ERRORS, issueProblems, problemBody, problemSchema, problemType } from './api-errors';

test('a problem body is RFC 9457 with our code, the fields at fault and the request id', () => {
  const body = problemBody('bad_request', { problems: ['from: expected a date'] }, 'req-1');
  assert.deepEqual(body, {
    type: 'urn:cityops:problem:bad_request',
    title: API_ERRORS.bad_request.title,
    status: 400,
    detail: API_ERRORS.bad_request.title,
    code: 'bad_request',
    problems: ['from: expected a date'],
    requestId: 'req-1',
  });
  assert.equal(problemBody('not_found', { detail: 'no alarm 7' }).detail, 'no alarm 7');
});

test("a code's own members travel beside the standard ones, which they cannot overwrite", () => {
  const body = problemBody('already_acknowledged', { extra: { ack: { by: 'hà' }, status: 200, code: 'x' } });
  assert.deepEqual(body.ack, { by: 'hà' });
  assert.equal(body.status, 409);
  assert.equal(body.code, 'already_acknowledged');
});

test('every code has a 4xx or 5xx status, a title and its own type', () => {
  const types = new Set<string>();
  for (const [code, { status, title }] of Object.entries(API_ERRORS)) {
    assert.ok(status >= 400 && status < 600, code);
    assert.ok(title.length > 0, code);
    types.add(problemType(code as keyof typeof API_ERRORS));
  }
  assert.equal(types.size, Object.keys(API_ERRORS).length);
  // One name for one concept: these were once answered under two names each.
  for (const gone of ['unauthorized', 'bad_query']) assert.ok(!(gone in API_ERRORS), gone);
});

test('issues become "path: message", the whole value named', () => {
  assert.deepEqual(
    issueProblems(
      [
        { path: ['a', 0], message: 'm' },
        { path: [], message: 'n' },
      ],
      '(query)',
    ),
    ['a.0: m', '(query): n'],
  );
});

test('a client reads back any body, a problem or not', () => {
  assert.equal(problemSchema.parse(problemBody('locked', { extra: { retryAfterS: 60 } })).retryAfterS, 60);
  assert.equal(problemSchema.safeParse({ problems: 'not a list' }).success, false);
});
