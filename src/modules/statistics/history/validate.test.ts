import { describe, expect, it } from 'vitest';
import type { ColumnKey } from './columns.ts';
import type { SheetRow } from './sheet.ts';
import { headerErrors, validateLedger, type HistoryKnown } from './validate.ts';
import type { Cell } from './values.ts';

const KNOWN: HistoryKnown = { today: '2026-03-02', platformCodes: new Set(), earlier: [] };

const GOOD: Partial<Record<ColumnKey, Cell>> = {
  projectCode: 'YL-2025-001',
  projectName: '第一中学教学楼维修工程',
  purchaserName: '云岭县教育局',
  purchaserLevel: '县直单位',
  category: '工程',
  method: '公开招标',
  budget: '2865000',
  contract: 2563400.5,
  paid: '2563400.50',
  commissionedOn: '2025-03-01',
  contractedOn: new Date(Date.UTC(2025, 3, 18)),
};

let next = 2;
function row(over: Partial<Record<ColumnKey, Cell | undefined>> = {}, at?: number): SheetRow {
  const cells = new Map<ColumnKey, Cell>();
  for (const [k, v] of Object.entries({ ...GOOD, ...over }))
    if (v !== undefined) cells.set(k as ColumnKey, v);
  return { row: at ?? next++, cells };
}
const errorsOf = (rows: SheetRow[], known: HistoryKnown = KNOWN) => validateLedger(rows, known).errors;

describe('a good row', () => {
  it('becomes a record with exact fen, lot 1 by default and the calendar days', () => {
    const { records, errors } = validateLedger([row({}, 2)], KNOWN);
    expect(errors).toEqual([]);
    expect(records).toEqual([
      {
        row: 2,
        projectCode: 'YL-2025-001',
        projectName: '第一中学教学楼维修工程',
        lotNo: 1,
        purchaserName: '云岭县教育局',
        purchaserLevel: 'county',
        category: 'works',
        serviceKind: null,
        method: 'openTender',
        programme: null,
        budgetFen: 286_500_000n,
        contractFen: 256_340_050n,
        paidFen: 256_340_050n,
        commissionedOn: '2025-03-01',
        contractedOn: '2025-04-18',
        supplierName: null,
      },
    ]);
  });

  it('accepts the local names of levels, categories and methods', () => {
    const { records, errors } = validateLedger(
      [
        row({ purchaserLevel: '旗直', category: '服务类', serviceKind: 'ppp', method: '单一来源' }),
        row({ projectCode: 'B', purchaserLevel: '苏木', category: '货物', method: '询价' }),
        row({ projectCode: 'C', purchaserLevel: '村', method: '竞争性磋商', lotNo: 2 }),
      ],
      KNOWN,
    );
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.purchaserLevel, r.category, r.serviceKind, r.method, r.lotNo])).toEqual([
      ['county', 'services', 'ppp', 'singleSource', 1],
      ['township', 'goods', null, 'rfq', 1],
      ['village', 'works', null, 'consultation', 2],
    ]);
  });
});

describe('refusals, each with row, column and a Chinese reason', () => {
  it('reports every problem of every row', () => {
    const errors = errorsOf([
      row({ projectCode: undefined, purchaserLevel: '省直', budget: '0' }, 2),
      row({ category: '物资', method: '招标', contract: '12.345' }, 3),
    ]);
    expect(errors).toEqual([
      { row: 2, column: '项目编号', message: '项目编号不能为空' },
      { row: 2, column: '采购人层级', message: expect.stringContaining('采购人层级“省直”不在可选值中') },
      { row: 2, column: '预算金额(元)', message: '预算金额应大于零' },
      { row: 3, column: '采购类别', message: '采购类别“物资”不在可选值中（货物、工程、服务）' },
      { row: 3, column: '采购方式', message: expect.stringContaining('采购方式“招标”不在可选值中') },
      {
        row: 3,
        column: '合同金额(元)',
        message: '合同金额(元)“12.345”超过两位小数：金额以元为单位，精确到分',
      },
    ]);
  });

  it('refuses 服务细分 on goods and works', () => {
    expect(errorsOf([row({ serviceKind: '预选' }, 5)])).toEqual([
      {
        row: 5,
        column: '服务细分',
        message: '服务细分只用于服务类项目，本行采购类别为“工程”，请清空该单元格',
      },
    ]);
  });

  it('refuses a commission after the contract, and a contract after today', () => {
    expect(
      errorsOf([
        row({ commissionedOn: '2025-05-01' }, 2),
        row({ projectCode: 'X', contractedOn: '2026-03-03' }, 3),
      ]),
    ).toEqual([
      { row: 2, column: '委托日期', message: '委托日期 2025-05-01 晚于合同签订日期 2025-04-18，请核对' },
      {
        row: 3,
        column: '合同签订日期',
        message: '合同签订日期 2026-03-03 晚于今天（2026-03-02）：历史台账只导入已经签订的合同',
      },
    ]);
    expect(errorsOf([row({ contractedOn: '2026-03-02' })])).toEqual([]);
  });

  it('refuses a contract over budget, a payment over 110% of it, and negative amounts', () => {
    const errors = errorsOf([
      row({ contract: '2865000.01' }, 2),
      row({ projectCode: 'P', paid: '2819741.55' }, 3),
      row({ projectCode: 'Q', paid: '-1' }, 4),
    ]);
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, '合同金额(元)'],
      [3, '实际支付金额(元)'],
      [4, '实际支付金额(元)'],
    ]);
    expect(errors[0]?.message).toContain('合同金额（2865000.01元）超过预算金额（2865000.00元）');
    expect(errors[2]?.message).toBe('实际支付金额(元)“-1”为负数，金额不能为负');
  });

  it('refuses a share twice in the file, or already imported, or a platform project code', () => {
    const known: HistoryKnown = {
      ...KNOWN,
      platformCodes: new Set(['ZC2025-0001']),
      earlier: [
        {
          projectCode: 'YL-OLD',
          lotNo: 1,
          purchaserName: '云岭县教育局',
          category: 'works',
          method: 'openTender',
          fileName: '2024台账.xlsx',
          rowNo: 12,
        },
      ],
    };
    const errors = errorsOf(
      [
        row({}, 2),
        row({ lotNo: 2 }, 3),
        row({ lotNo: '1' }, 4),
        row({ projectCode: 'YL-OLD' }, 5),
        row({ projectCode: 'ZC2025-0001' }, 6),
      ],
      known,
    );
    expect(errors).toEqual([
      {
        row: 4,
        column: '项目编号',
        message: '与第 2 行重复：项目编号、标段(包)号、采购人都相同（每个采购人在一个标段只填一行）',
      },
      {
        row: 5,
        column: '项目编号',
        message:
          '与已导入的“2024台账.xlsx”第 12 行重复：项目编号、标段(包)号、采购人都相同；如需更正，请先撤回那一批导入',
      },
      { row: 6, column: '项目编号', message: expect.stringContaining('是平台中已有项目的编号') },
    ]);
    // Another purchaser's share of the same lot is a row of its own, not a duplicate.
    expect(errorsOf([row({}, 2), row({ purchaserName: '云岭县卫生健康委员会' }, 3)])).toEqual([]);
  });

  it('keeps one category and one method per project', () => {
    const errors = errorsOf([row({}, 2), row({ lotNo: 2, category: '货物', method: '询价' }, 3)]);
    expect(errors).toEqual([
      {
        row: 3,
        column: '采购类别',
        message: '同一项目编号在第 2 行为“工程”，本行为“货物”：同一项目的采购类别应一致',
      },
      {
        row: 3,
        column: '采购方式',
        message: '同一项目编号在第 2 行为“公开招标”，本行为“询价”：同一项目的采购方式应一致',
      },
    ]);
  });

  it('keeps one programme and one service kind per project (a blank service kind is 非预选)', () => {
    const services = { category: '服务', method: '竞争性磋商' };
    const errors = errorsOf([
      row({ programme: '校安工程' }, 2),
      row({ lotNo: 2 }, 3),
      row({ ...services, projectCode: 'YL-2025-002' }, 4),
      row({ ...services, projectCode: 'YL-2025-002', lotNo: 2, serviceKind: '非预选' }, 5),
      row({ ...services, projectCode: 'YL-2025-002', lotNo: 3, serviceKind: '预选' }, 6),
    ]);
    expect(errors).toEqual([
      {
        row: 3,
        column: '专项',
        message: '同一项目编号在第 2 行的专项为“校安工程”，本行为“（空）”：同一项目的专项应一致',
      },
      {
        row: 6,
        column: '服务细分',
        message: '同一项目编号在第 4 行的服务细分为“非预选类”，本行为“预选类”：同一项目的服务细分应一致',
      },
    ]);
  });

  it('refuses text too long, and dates typed into text columns', () => {
    const errors = errorsOf([row({ projectName: '工'.repeat(201), purchaserName: new Date() }, 2)]);
    expect(errors.map((e) => e.column)).toEqual(['项目名称', '采购人']);
  });
});

describe('headers', () => {
  it('accepts the template titles with Chinese brackets and aliases', () => {
    expect(
      headerErrors(
        [
          '序号',
          '项目编号',
          '项目名称',
          '包号',
          '采购单位',
          '采购人层级',
          '采购类别',
          '采购方式',
          '预算金额（元）',
          '成交金额(元)',
          '合同签订日期',
          '备注',
        ],
        1,
      ),
    ).toEqual([]);
  });

  it('names missing, doubled and 万元 columns on the header row', () => {
    expect(headerErrors(['项目编号', '项目名称', '采购人', '采购单位', '预算金额(万元)'], 3)).toEqual([
      { row: 3, column: '采购单位', message: '表头“采购单位”与“采购人”是同一列（采购人），只能出现一次' },
      {
        row: 3,
        column: '预算金额(万元)',
        message:
          '“预算金额(万元)”以万元为单位：本导入的金额一律以元为单位，请换算为元并把表头改为模板中的“…(元)”',
      },
      { row: 3, column: '采购人层级', message: '缺少必填列“采购人层级”，请使用导入模板的表头' },
      { row: 3, column: '采购类别', message: '缺少必填列“采购类别”，请使用导入模板的表头' },
      { row: 3, column: '采购方式', message: '缺少必填列“采购方式”，请使用导入模板的表头' },
      {
        row: 3,
        column: '预算金额(元)',
        message: '缺少必填列“预算金额(元)”（也可写作 采购预算(元)、预算(元)），请使用导入模板的表头',
      },
      {
        row: 3,
        column: '合同金额(元)',
        message: expect.stringContaining('缺少必填列“合同金额(元)”'),
      },
      { row: 3, column: '合同签订日期', message: expect.stringContaining('缺少必填列“合同签订日期”') },
    ]);
  });
});
