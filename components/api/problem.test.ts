import assert from 'node:assert/strict';
import { test } from 'node:test';
import { problemBody } from '../../contracts/api-errors';
import { readProblem, throwUnlessOk } from './problem';

const answer = (status: number, body: string, type = 'application/problem+json') =>
  new Response(body, { status, headers: { 'content-type': type } });

test('a problem: its code, the fields at fault as the line to show, its other members', async () => {
  const p = await readProblem(
    answer(
      409,
      JSON.stringify(
        problemBody('already_acknowledged', { detail: 'already acknowledged by hà', extra: { ack: { by: 'hà' } } }),
      ),
    ),
  );
  assert.equal(p.status, 409);
  assert.equal(p.code, 'already_acknowledged');
  assert.equal(p.message, 'already acknowledged by hà');
  assert.deepEqual(p.members.ack, { by: 'hà' });
  const bad = await readProblem(
    answer(400, JSON.stringify(problemBody('bad_request', { problems: ['from: x', 'to: y'] }))),
  );
  assert.equal(bad.message, 'from: x; to: y');
});

test("not a problem (a proxy's page, no answer at all): still a status and a line", async () => {
  const html = await readProblem(answer(502, '<html>Bad gateway</html>', 'text/html'));
  assert.equal(html.code, null);
  assert.equal(html.message, 'HTTP 502');
  const none = await readProblem(null);
  assert.equal(none.status, 0);
  assert.equal(none.code, null);
});

test('throwUnlessOk passes an ok answer and throws the message of another', async () => {
  const ok = answer(200, '{}', 'application/json');
  assert.equal(await throwUnlessOk(ok), ok);
  await assert.rejects(
    throwUnlessOk(answer(503, JSON.stringify(problemBody('unavailable')))),
    /the database did not answer/,
  );
});
