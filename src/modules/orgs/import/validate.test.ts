import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../rules.ts';
import { EXPERT_COLUMNS, PURCHASER_COLUMNS, SUPPLIER_COLUMNS } from './columns.ts';
import {
  headerErrors,
  validateExperts,
  validatePurchasers,
  validateSuppliers,
  type SheetRow,
} from './validate.ts';

const code = (first17: string): string => first17 + creditCodeCheckChar(first17);
const UNIT = code('11150430011234567');
const FIRM = code('91150430MA0R1B2C3');
const FIRM2 = code('91150430MA0R1B2C4');
/** Valid resident ID numbers (GB 11643-1999 check characters). */
const ID1 = '150430198503120020';
const ID2 = '11010519491231002X';

function rows(base: Record<string, string>, ...changes: Record<string, string>[]): SheetRow[] {
  return changes.map((c, i) => ({ row: i + 2, cells: new Map(Object.entries({ ...base, ...c })) }));
}

describe('headerErrors', () => {
  it('reports missing required columns and repeated titles on row 1', () => {
    const errors = headerErrors('suppliers', [
      '供应商名称',
      '法定代表人',
      '法定代表人',
      '企业规模',
      '行政区划代码',
    ]);
    expect(errors).toEqual([
      { row: 1, column: '法定代表人', message: '表头“法定代表人”出现了不止一次' },
      { row: 1, column: '统一社会信用代码', message: '缺少必填列“统一社会信用代码”，请使用导入模板' },
    ]);
  });
});

describe('validatePurchasers', () => {
  const P = PURCHASER_COLUMNS;
  const county = {
    [P.name.title]: '示例县教育局',
    [P.level.title]: '县直单位',
    [P.regionCode.title]: '150430',
  };
  const none = { unitLevels: new Map(), creditCodes: new Map() };

  it.each([
    [{ [P.name.title]: '' }, P.name.title, '单位名称不能为空'],
    [{ [P.level.title]: '市直' }, P.level.title, '级别“市直”不在可选值中（县直单位、乡镇、村级）'],
    [{ [P.regionCode.title]: '15043' }, P.regionCode.title, '行政区划代码“15043”应为 6 位数字的行政区划代码'],
    [
      { [P.creditCode.title]: `${UNIT.slice(0, 17)}0` },
      P.creditCode.title,
      `第 18 位校验码应为“${UNIT[17]}”，实际为“0”`,
    ],
    [
      { [P.contactPhone.title]: '12345678901' },
      P.contactPhone.title,
      '联系电话“12345678901”不是有效的 11 位手机号',
    ],
    [{ [P.parent.title]: '某乡人民政府' }, P.parent.title, '只有村级单位填写上级乡镇'],
    [{ [P.level.title]: '村级' }, P.parent.title, '村级单位须填写上级乡镇'],
    [
      { [P.level.title]: '村级', [P.parent.title]: '无此乡' },
      P.parent.title,
      '上级乡镇“无此乡”既不在本文件中，也不在系统中',
    ],
  ])('%o → %s: %s', (change, column, message) => {
    const result = validatePurchasers(rows(county, change), none);
    expect(result.records).toEqual([]);
    expect(result.errors).toEqual([{ row: 2, column, message }]);
  });

  it('accepts a county unit, a township and its village in any order, and the 旗直 name of the county level', () => {
    const result = validatePurchasers(
      rows(
        county,
        { [P.name.title]: '甲村村民委员会', [P.level.title]: '村级', [P.parent.title]: '甲乡人民政府' },
        { [P.name.title]: '甲乡人民政府', [P.level.title]: '乡镇', [P.creditCode.title]: UNIT },
        { [P.name.title]: '旗林业局', [P.level.title]: '旗直单位' },
      ),
      none,
    );
    expect(result.errors).toEqual([]);
    expect(result.records.map((r) => [r.row, r.level, r.parentName])).toEqual([
      [2, 'village', '甲乡人民政府'],
      [3, 'township', null],
      [4, 'county', null],
    ]);
  });

  it('finds the township in the database, and refuses a parent that is not a township', () => {
    const known = {
      unitLevels: new Map([
        ['乙乡人民政府', 'township' as const],
        ['县财政局', 'county' as const],
      ]),
      creditCodes: new Map(),
    };
    const village = { [P.level.title]: '村级' };
    const result = validatePurchasers(
      rows(
        county,
        { ...village, [P.name.title]: '乙村', [P.parent.title]: '乙乡人民政府' },
        { ...village, [P.name.title]: '丙村', [P.parent.title]: '县财政局' },
      ),
      known,
    );
    expect(result.records.map((r) => r.name)).toEqual(['乙村']);
    expect(result.errors).toEqual([{ row: 3, column: '上级乡镇', message: '“县财政局”不是乡镇级单位' }]);
  });

  it('names both rows for duplicates in the file, and the holder for duplicates in the database', () => {
    const known = {
      unitLevels: new Map([['县医院', 'county' as const]]),
      creditCodes: new Map([[UNIT, '县卫健委']]),
    };
    const result = validatePurchasers(
      rows(
        county,
        {},
        {},
        { [P.name.title]: '县医院' },
        { [P.name.title]: '县档案馆', [P.creditCode.title]: UNIT },
      ),
      known,
    );
    expect(result.errors).toEqual([
      { row: 3, column: '单位名称', message: '单位名称“示例县教育局”与第 2 行重复' },
      { row: 4, column: '单位名称', message: '系统中已有名为“县医院”的采购单位' },
      { row: 5, column: '统一社会信用代码', message: '统一社会信用代码已被系统中的“县卫健委”使用' },
    ]);
  });
});

describe('validateSuppliers', () => {
  const S = SUPPLIER_COLUMNS;
  const firm = {
    [S.name.title]: '示例科技有限公司',
    [S.creditCode.title]: FIRM,
    [S.legalRepresentative.title]: '李华',
    [S.size.title]: '小型',
    [S.regionCode.title]: '150430',
  };
  const none = { creditCodes: new Map<string, string>() };

  it.each([
    [{ [S.creditCode.title]: '' }, S.creditCode.title, '统一社会信用代码不能为空'],
    [{ [S.creditCode.title]: FIRM.slice(1) }, S.creditCode.title, '统一社会信用代码应为 18 位，实际为 17 位'],
    [
      { [S.creditCode.title]: `${FIRM.slice(0, 10)}I${FIRM.slice(11)}` },
      S.creditCode.title,
      '第 11 位“I”不是合法字符（只能是数字或除 I、O、S、V、Z 外的大写字母）',
    ],
    [{ [S.legalRepresentative.title]: '' }, S.legalRepresentative.title, '法定代表人不能为空'],
    [{ [S.size.title]: '特大型' }, S.size.title, '企业规模“特大型”不在可选值中（大型、中型、小型、微型）'],
    [{ [S.email.title]: 'not-an-email' }, S.email.title, '电子邮箱“not-an-email”不是有效的电子邮箱地址'],
    [{ [S.prisonEnterprise.title]: 'Y' }, S.prisonEnterprise.title, '监狱企业“Y”不在可选值中（是、否）'],
  ])('%o → %s: %s', (change, column, message) => {
    const result = validateSuppliers(rows(firm, change), none);
    expect(result.errors).toEqual([{ row: 2, column, message }]);
    expect(result.records).toEqual([]);
  });

  it('maps the Chinese values and defaults the yes/no columns to no', () => {
    const { records, errors } = validateSuppliers(
      rows(firm, { [S.size.title]: '微型企业', [S.disabledWelfareUnit.title]: '是' }),
      none,
    );
    expect(errors).toEqual([]);
    expect(records[0]).toMatchObject({ size: 'micro', prisonEnterprise: false, disabledWelfareUnit: true });
  });

  it('reports a credit code repeated in the file and one already registered', () => {
    const result = validateSuppliers(rows(firm, {}, {}, { [S.creditCode.title]: FIRM2 }), {
      creditCodes: new Map([[FIRM2, '已有公司']]),
    });
    expect(result.errors).toEqual([
      { row: 3, column: '统一社会信用代码', message: '统一社会信用代码与第 2 行重复' },
      { row: 4, column: '统一社会信用代码', message: '统一社会信用代码已被系统中的供应商“已有公司”使用' },
    ]);
  });
});

describe('validateExperts', () => {
  const E = EXPERT_COLUMNS;
  const expert = {
    [E.name.title]: '赵敏',
    [E.idNumber.title]: ID1,
    [E.phone.title]: '13604761234',
    [E.titleLevel.title]: '高级',
    [E.titleName.title]: '高级工程师',
    [E.years.title]: '15',
    [E.employer.title]: '示例县住建局',
    [E.regionCode.title]: '150430',
    [E.specialties.title]: 'B0101',
  };
  const known = { idNumbers: new Map<string, string>(), specialtyCodes: new Set(['B0101', 'B0102', 'C01']) };

  it.each([
    [
      { [E.idNumber.title]: '150430198503120021' },
      E.idNumber.title,
      '身份证号“150430198503120021”不正确（位数、出生日期或校验码有误）',
    ],
    [
      { [E.idNumber.title]: '150430198502300020' },
      E.idNumber.title,
      '身份证号“150430198502300020”不正确（位数、出生日期或校验码有误）',
    ],
    [{ [E.phone.title]: '1360476123' }, E.phone.title, '手机号“1360476123”不是有效的 11 位手机号'],
    [{ [E.phone.title]: '' }, E.phone.title, '手机号不能为空'],
    [{ [E.titleLevel.title]: '初级' }, E.titleLevel.title, '职称级别“初级”不在可选值中（高级、中级）'],
    [
      { [E.titleLevel.title]: '中级', [E.years.title]: '7' },
      E.years.title,
      '中级职称须从事相关领域工作满 8 年（《政府采购评审专家管理办法》第六条），实际为 7 年',
    ],
    [{ [E.years.title]: '八' }, E.years.title, '从业年限“八”应为 0–60 的整数'],
    [{ [E.specialties.title]: 'B0101、X99' }, E.specialties.title, '专业代码不存在：X99'],
    [{ [E.specialties.title]: '' }, E.specialties.title, '专业代码不能为空'],
  ])('%o → %s: %s', (change, column, message) => {
    const result = validateExperts(rows(expert, change), known);
    expect(result.errors).toEqual([{ row: 2, column, message }]);
    expect(result.records).toEqual([]);
  });

  it('accepts an intermediate title at exactly 8 years, a lower-case x and several codes', () => {
    const { records, errors } = validateExperts(
      rows(expert, {
        [E.idNumber.title]: ID2.toLowerCase(),
        [E.titleLevel.title]: '中级',
        [E.years.title]: '8',
        [E.specialties.title]: 'B0101，B0102 B0101',
      }),
      known,
    );
    expect(errors).toEqual([]);
    expect(records[0]).toMatchObject({
      idNumber: ID2,
      titleLevel: 'intermediate',
      years: 8,
      specialtyCodes: ['B0101', 'B0102'],
    });
  });

  it('reports an ID number repeated in the file and one already in the pool', () => {
    const result = validateExperts(rows(expert, {}, {}, { [E.idNumber.title]: ID2 }), {
      ...known,
      idNumbers: new Map([[ID2, '钱七']]),
    });
    expect(result.errors).toEqual([
      { row: 3, column: '身份证号', message: '身份证号与第 2 行重复' },
      { row: 4, column: '身份证号', message: '身份证号已登记在系统中的专家“钱七”名下' },
    ]);
    expect(result.records.map((r) => r.row)).toEqual([2]);
  });
});
