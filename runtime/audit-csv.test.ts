import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditCsvHeader, auditCsvLine, csvCell, localIso } from './audit-csv';

test('a cell that starts like a formula is shown, not run; quotes and line breaks are quoted', () => {
  assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
  for (const f of ['+1', '-1+2', '@SUM(A1)', '\tx']) assert.equal(csvCell(f), `'${f}`);
  assert.equal(csvCell('\rx'), `"'\rx"`);
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('dòng\n2'), '"dòng\n2"');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell('Nguyễn Văn A'), 'Nguyễn Văn A');
});

test('times are the city wall clock with its offset', () => {
  assert.equal(localIso(Date.UTC(2026, 10, 25, 17, 30, 1, 123), 'Asia/Ho_Chi_Minh'), '2026-11-26T00:30:01.123+07:00');
  assert.equal(localIso(Date.UTC(2026, 0, 1), 'UTC'), '2026-01-01T00:00:00.000+00:00');
});

test('one line per row: the detail as JSON text, hostile text neutralised', () => {
  const line = auditCsvLine(
    {
      source: 'audit',
      id: 1,
      atMs: Date.UTC(2026, 0, 1),
      actor: null,
      action: 'auth.sign_in_failed',
      target: '=cmd|calc',
      ip: '192.0.2.7',
      detail: { reason: 'password' },
    },
    'Asia/Ho_Chi_Minh',
  );
  assert.equal(
    line,
    `2026-01-01T07:00:00.000+07:00,audit,,auth.sign_in_failed,'=cmd|calc,192.0.2.7,"{""reason"":""password""}"\r\n`,
  );
  assert.equal(auditCsvHeader('en'), 'Time,Source,Actor,Action,Target,Address,Detail\r\n');
});
