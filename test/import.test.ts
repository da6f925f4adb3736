/**
 * The file import on the backend under test: a generated CSV and XLSX with Vietnamese headers and
 * a few bad rows — dry run writes nothing and reports the rows; a real run writes the valid rows
 * and dead-letters the rest; importing again writes nothing new.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { IngestCommit } from '../contracts/live';
import { ImportError, runImport, type ImportOptions, type RowProblem } from '../ingest/import/run-import';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';
import { city, pipelineOn } from './support/pipeline';

const CSV_ROWS = [
  ['BÁO CÁO HỒ SƠ TIẾP NHẬN THÁNG 9/2025'],
  [
    'Số hồ sơ',
    'Đơn vị',
    'Mã TTHC',
    'Tên thủ tục',
    'Lĩnh vực',
    'Hình thức nộp',
    'Ngày tiếp nhận',
    'Hạn xử lý',
    'Ngày trả kết quả',
    'Tình trạng',
    'Thanh toán trực tuyến',
    'Số hóa',
    'Đánh giá',
    'Ghi chú',
  ],
  [
    'IMP-1',
    'Sở Tư pháp',
    '1.001193',
    'Cấp Phiếu lý lịch tư pháp',
    'Lý lịch tư pháp',
    'Trực tuyến',
    '15/09/2025 08:30',
    '18/09/2025 17:00',
    '17/09/2025 10:00',
    'Đã trả kết quả',
    'Có',
    'Có',
    'Rất hài lòng',
    '',
  ],
  [
    'IMP-2',
    'UBND Phường Lê Chân',
    '1.000894',
    'Đăng ký khai sinh',
    'Hộ tịch',
    'Trực tiếp',
    '15/09/2025 09:00',
    '16/09/2025',
    '',
    'Đang xử lý',
    'Không',
    'x',
    '',
    'gọi lại, "gấp"',
  ],
  [
    'IMP-3',
    'so-xay-dung',
    '1.009972',
    'Cấp giấy phép xây dựng',
    'Xây dựng',
    'Bưu chính',
    '2025-09-15T10:00:00+07:00',
    '30/09/2025',
    '',
    'Trả lại',
    '',
    '',
    '',
    '',
  ],
  [
    'IMP-4',
    'Sở Tư pháp',
    '1.001193',
    'Cấp Phiếu lý lịch tư pháp',
    'Lý lịch tư pháp',
    'Fax',
    '15/09/2025 10:30',
    '18/09/2025',
    '',
    '',
    '',
    '',
    '',
    '',
  ],
  [
    'IMP-5',
    'Sở Tư pháp',
    '1.001193',
    'Cấp Phiếu lý lịch tư pháp',
    'Lý lịch tư pháp',
    'Trực tuyến',
    '31/02/2025 08:00',
    '18/09/2025',
    '',
    '',
    '',
    '',
    '',
    '',
  ],
  [],
  [
    'IMP-6',
    '',
    '1.001193',
    'Cấp Phiếu lý lịch tư pháp',
    'Lý lịch tư pháp',
    'Trực tuyến',
    '15/09/2025 11:00',
    '18/09/2025',
    '',
    '',
    '',
    '',
    '',
    '',
  ],
];
const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

describe(`file import (${BACKEND})`, () => {
  let t: TestDb;
  let dir: string;
  let csvFile: string;
  let xlsxFile: string;
  const commits: IngestCommit[] = [];

  const importFile = async (file: string, over: Partial<ImportOptions> = {}) => {
    const problems: RowProblem[] = [];
    const summary = await runImport({
      kind: 'cases',
      file,
      dryRun: false,
      city,
      db: t.db,
      publish: (c) => commits.push(c),
      onProblem: (p) => problems.push(p),
      ...over,
    });
    return { summary, problems };
  };
  const q = async <R extends Record<string, unknown>>(text: string) => (await t.db.query<R>(text)).rows;
  const events = async (prefix: string) =>
    (
      await q<{ case_id: string; event: string }>(
        `SELECT case_id, event FROM case_events WHERE case_id LIKE '${prefix}%' ORDER BY case_id, time`,
      )
    ).map((r) => `${r.case_id}:${r.event}`);

  before(async () => {
    t = await openTestDb();
    await pipelineOn(t.db);
    dir = mkdtempSync(path.join(tmpdir(), 'cityops-import-'));
    csvFile = path.join(dir, 'ho-so-thang-9.csv');
    // Excel's "CSV UTF-8": a BOM and CRLF line ends.
    writeFileSync(csvFile, `\ufeff${CSV_ROWS.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Hồ sơ');
    ws.addRow(['Danh sách hồ sơ']);
    ws.addRow([
      'Mã hồ sơ',
      'Cơ quan',
      'Mã thủ tục',
      'Tên thủ tục',
      'Cấp',
      'Kênh nộp',
      'Ngày tiếp nhận',
      'Ngày hẹn trả',
      'Ngày có kết quả',
      'Trạng thái',
      'Thanh toán trực tuyến',
      'Đánh giá',
    ]);
    // Excel keeps wall-clock time without a zone: exceljs writes a Date's UTC fields as that time.
    const wall = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(Date.UTC(y, mo - 1, d, h, mi));
    ws.addRow([
      'X-1',
      'Sở Xây dựng',
      '1.009972',
      'Cấp giấy phép xây dựng',
      'Cấp tỉnh',
      'Trực tiếp',
      wall(2025, 9, 20, 8, 0),
      wall(2025, 9, 25),
      45925.625,
      'Hoàn thành',
      true,
      4,
    ]);
    ws.addRow([
      'X-2',
      'Phường Lê Chân',
      '1.000894',
      { richText: [{ text: 'Đăng ký ' }, { font: { bold: true }, text: 'khai sinh' }] },
      'Cấp xã',
      'DVC trực tuyến',
      '20/09/2025 14:15',
      '22/09/2025 17:00',
      null,
      'Đang giải quyết',
      false,
      null,
    ]);
    ws.addRow([
      'X-3',
      'Sở Xây dựng',
      '1.009972',
      'Cấp giấy phép xây dựng',
      'Cấp tỉnh',
      'Trực tiếp',
      wall(2025, 9, 21, 9, 0),
      null,
      null,
      null,
      null,
      null,
    ]);
    ws.addRow([
      'X-4',
      'Sở Xây dựng',
      '1.009972',
      'Cấp giấy phép xây dựng',
      'Cấp tỉnh',
      'Trực tiếp',
      wall(2025, 9, 21, 9, 0),
      wall(2025, 9, 30),
      wall(2099, 1, 1, 8, 0),
      'Hoàn thành',
      null,
      null,
    ]);
    for (const c of [7, 8, 9]) ws.getColumn(c).numFmt = 'dd/mm/yyyy hh:mm';
    xlsxFile = path.join(dir, 'ho-so.xlsx');
    await wb.xlsx.writeFile(xlsxFile);
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.drop();
  });

  test('a dry run writes nothing and reports every bad row with its row number and column', async () => {
    const { summary, problems } = await importFile(csvFile, { dryRun: true, db: null });
    assert.deepEqual(
      problems.map((p) => [p.row, p.column, p.reason]),
      [
        [5, 'status_at', 'bad_record'],
        [6, 'Hình thức nộp', 'bad_record'],
        [7, 'Ngày tiếp nhận', 'bad_record'],
        [9, 'Đơn vị', 'bad_record'],
      ],
    );
    assert.match(problems[0]!.message, /status "returned" needs the time it happened/);
    assert.match(problems[1]!.message, /unknown value "Fax"/);
    assert.match(problems[2]!.message, /31\/02\/2025 08:00:00 is not a real date/);
    assert.equal(problems[3]!.message, 'is missing');
    assert.deepEqual(
      {
        read: summary.rowsRead,
        valid: summary.rowsValid,
        rejected: summary.rowsRejected,
        empty: summary.rowsEmpty,
        header: summary.headerRow,
        events: summary.eventsValid,
        newEvents: summary.eventsNew,
      },
      { read: 6, valid: 2, rejected: 4, empty: 1, header: 2, events: 3, newEvents: 0 },
    );
    assert.deepEqual(await events('IMP-'), []);
    assert.equal((await q('SELECT 1 FROM ingest_rejects')).length, 0);
  });

  test('a real import writes the valid rows and dead-letters the others under import/<file>#row<N>', async () => {
    const { summary } = await importFile(csvFile);
    assert.deepEqual(
      [summary.rowsValid, summary.rowsRejected, summary.eventsNew, summary.eventsDuplicate, summary.rejectsWritten],
      [2, 4, 3, 0, 4],
    );
    assert.deepEqual(await events('IMP-'), ['IMP-1:received', 'IMP-1:resolved', 'IMP-2:received']);
    const imp1 = await q<{
      agency_id: string;
      level: string;
      channel: string;
      time: Date;
      due_at: Date;
      online_payment: boolean;
      digitized: boolean;
      rating: number | null;
      procedure_name: string;
    }>(
      `SELECT agency_id, level, channel, time, due_at, online_payment, digitized, rating, procedure_name FROM case_events WHERE case_id = 'IMP-1' ORDER BY time`,
    );
    assert.equal(imp1[0]!.agency_id, 'so-tu-phap');
    assert.equal(imp1[0]!.level, 'province');
    assert.equal(new Date(imp1[0]!.time).toISOString(), '2025-09-15T01:30:00.000Z', '08:30 in Hải Phòng');
    assert.equal(new Date(imp1[0]!.due_at).toISOString(), '2025-09-18T10:00:00.000Z');
    assert.deepEqual(
      [imp1[0]!.online_payment, imp1[0]!.digitized, imp1[0]!.rating, imp1[1]!.rating],
      [true, true, null, 5],
    );
    assert.equal(imp1[0]!.procedure_name, 'Cấp Phiếu lý lịch tư pháp', 'diacritics kept');
    const imp2 = await q<{ agency_id: string; level: string; channel: string; due_at: Date }>(
      `SELECT agency_id, level, channel, due_at FROM case_events WHERE case_id = 'IMP-2'`,
    );
    assert.deepEqual([imp2[0]!.agency_id, imp2[0]!.level, imp2[0]!.channel], ['ubnd-11383', 'commune', 'counter']);
    assert.equal(
      new Date(imp2[0]!.due_at).toISOString(),
      '2025-09-16T16:59:59.000Z',
      'a bare due date is the end of that day',
    );
    const rejects = await q<{ topic: string; reason: string; detail: string; payload: string }>(
      `SELECT topic, reason, detail, payload FROM ingest_rejects ORDER BY id`,
    );
    assert.deepEqual(
      rejects.map((r) => r.topic),
      ['#row5', '#row6', '#row7', '#row9'].map((r) => `import/ho-so-thang-9.csv${r}`),
    );
    assert.match(rejects[1]!.detail, /^Hình thức nộp: unknown value "Fax"/);
    assert.equal(
      (JSON.parse(rejects[1]!.payload) as Record<string, string>)['Số hồ sơ'],
      'IMP-4',
      'the row as it was, under its titles',
    );
    assert.equal(commits.length, 1, 'the committed batch is published');
  });

  test('importing the same file again writes nothing new and says so', async () => {
    const before = await q<{ n: number }>('SELECT count(*)::int AS n FROM case_events');
    const { summary, problems } = await importFile(csvFile);
    assert.deepEqual(
      [summary.rowsValid, summary.rowsRejected, summary.eventsNew, summary.eventsDuplicate, summary.rejectsWritten],
      [2, 4, 0, 3, 0],
    );
    assert.equal(problems.length, 4, 'the bad rows are still reported');
    assert.deepEqual(await q<{ n: number }>('SELECT count(*)::int AS n FROM case_events'), before);
    assert.equal((await q('SELECT 1 FROM ingest_rejects')).length, 4, 'not dead-lettered twice');
  });

  test('an XLSX export: Excel dates and serials, rich text, booleans; its bad rows reported by column', async () => {
    const { summary, problems } = await importFile(xlsxFile);
    assert.deepEqual(
      problems.map((p) => [p.row, p.column, p.reason]),
      [
        [5, 'Ngày hẹn trả', 'bad_record'],
        [6, 'Ngày có kết quả', 'future_timestamp'],
      ],
    );
    assert.match(problems[1]!.message, /^resolved event: ts 2099-01-01T01:00:00.000Z is \d+ s ahead/);
    assert.deepEqual([summary.headerRow, summary.rowsValid, summary.rowsRejected, summary.eventsNew], [2, 2, 2, 3]);
    const x = await q<{
      case_id: string;
      event: string;
      time: Date;
      due_at: Date;
      agency_id: string;
      level: string;
      channel: string;
      procedure_name: string;
      online_payment: boolean;
      rating: number | null;
    }>(
      `SELECT case_id, event, time, due_at, agency_id, level, channel, procedure_name, online_payment, rating FROM case_events WHERE case_id LIKE 'X-%' ORDER BY case_id, time`,
    );
    assert.deepEqual(
      x.map((r) => [r.case_id, r.event, new Date(r.time).toISOString()]),
      [
        ['X-1', 'received', '2025-09-20T01:00:00.000Z'],
        ['X-1', 'resolved', '2025-09-25T08:00:00.000Z'], // serial 45925.625 = 25/09/2025 15:00 in Hải Phòng
        ['X-2', 'received', '2025-09-20T07:15:00.000Z'],
      ],
    );
    assert.equal(
      new Date(x[0]!.due_at).toISOString(),
      '2025-09-25T16:59:59.000Z',
      'a date cell without time: the end of that day',
    );
    assert.deepEqual(
      [x[0]!.agency_id, x[0]!.level, x[0]!.channel, x[0]!.online_payment, x[1]!.rating],
      ['so-xay-dung', 'province', 'counter', true, 4],
    );
    assert.deepEqual(
      [x[2]!.agency_id, x[2]!.level, x[2]!.channel, x[2]!.procedure_name, x[2]!.online_payment],
      ['ubnd-11383', 'commune', 'online', 'Đăng ký khai sinh', false],
    );
    const again = await importFile(xlsxFile);
    assert.deepEqual([again.summary.eventsNew, again.summary.rejectsWritten], [0, 0]);
  });

  test('documents, with the agency and direction from the command line', async () => {
    const file = path.join(dir, 'van-ban-den.csv');
    writeFileSync(
      file,
      'Số ký hiệu;Ngày đến;Hạn xử lý;Ngày xử lý xong;Độ khẩn;Ký số\n125/STP-VP;15/09/2025 08:00;20/09/2025;16/09/2025 15:30;Thượng khẩn;Có\n88/UBND;16/09/2025 09:00;;;Thường;Không\n',
    );
    const { summary, problems } = await importFile(file, {
      kind: 'documents',
      defaults: { agency_id: 'so-tu-phap', direction: 'incoming' },
    });
    assert.deepEqual(problems, []);
    assert.deepEqual([summary.rowsValid, summary.eventsNew], [2, 3]);
    const d = await q<{
      doc_id: string;
      event: string;
      agency_id: string;
      direction: string;
      urgency: string;
      signed: boolean;
    }>(`SELECT doc_id, event, agency_id, direction, urgency, signed FROM document_events ORDER BY doc_id, time`);
    assert.deepEqual(
      d.map((r) => [r.doc_id, r.event, r.agency_id, r.direction, r.urgency, r.signed]),
      [
        ['125/STP-VP', 'registered', 'so-tu-phap', 'incoming', 'flash', true],
        ['125/STP-VP', 'processed', 'so-tu-phap', 'incoming', 'flash', true],
        ['88/UBND', 'registered', 'so-tu-phap', 'incoming', 'normal', false],
      ],
    );
  });

  test('a file that cannot be imported says why: missing columns, no header, wrong type, corrupt', async () => {
    const missing = path.join(dir, 'thieu-cot.csv');
    writeFileSync(missing, 'Mã hồ sơ,Ngày tiếp nhận\nHS-1,15/09/2025\n');
    await assert.rejects(
      importFile(missing),
      (err: unknown) =>
        err instanceof ImportError &&
        /row 1 has no column for Cơ quan \(agency_id\), Mã thủ tục \(procedure_code\), Kênh nộp \(channel\), Hạn xử lý \(due_at\)/.test(
          err.message,
        ),
    );
    const legacy = path.join(dir, 'windows-1258.csv');
    writeFileSync(legacy, Buffer.from([0x4d, 0xe3, 0x20, 0x68, 0xf4, 0x20, 0x73, 0xf4, 0x0a]));
    await assert.rejects(importFile(legacy), /row 1 is not UTF-8 text; save the file as "CSV UTF-8"/);
    const noHeader = path.join(dir, 'khong-tieu-de.csv');
    writeFileSync(noHeader, 'a,b\n1,2\n');
    await assert.rejects(importFile(noHeader), /no header row/);
    await assert.rejects(importFile(path.join(dir, 'bang.xls')), /cannot read/);
    const xls = path.join(dir, 'bang.xls');
    writeFileSync(xls, 'old');
    await assert.rejects(importFile(xls), /unsupported file type "\.xls"; expected \.xlsx or \.csv/);
    const corrupt = path.join(dir, 'hong.xlsx');
    writeFileSync(corrupt, 'this is not a zip file');
    await assert.rejects(
      importFile(corrupt),
      (err: unknown) => err instanceof ImportError && /hong\.xlsx: cannot be read/.test(err.message),
    );
  });
});
