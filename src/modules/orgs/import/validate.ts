/**
 * Pure validation of imported rows: rows in, `{ records, errors }` out. No database, no clock: what the
 * database knows (existing names, codes, ID numbers, specialty codes) is passed in by the use case, so every
 * rule here is testable from a table of cases. Row numbers are the ones Excel shows; `column` is the Chinese
 * header title, so a clerk can find the cell.
 */
import { idNumberValid } from '../id-number.ts';
import { creditCodeProblem, type PurchaserLevel, type SupplierSize } from '../rules.ts';
import {
  CODE_SEPARATORS,
  COLUMNS,
  EXPERT_COLUMNS,
  PURCHASER_COLUMNS,
  SUPPLIER_COLUMNS,
  type ColumnSpec,
  type ImportKind,
} from './columns.ts';

/** One data row: the Excel row number and its cells by header title, already trimmed. */
export interface SheetRow {
  row: number;
  cells: ReadonlyMap<string, string>;
}

export interface RowError {
  row: number;
  column: string;
  message: string;
}

export interface Validated<T> {
  records: T[];
  errors: RowError[];
}

export interface PurchaserRecord {
  row: number;
  name: string;
  level: PurchaserLevel;
  parentName: string | null;
  regionCode: string;
  creditCode: string | null;
  financeUnit: string | null;
  contactName: string | null;
  contactPhone: string | null;
  address: string | null;
}

export interface SupplierRecord {
  row: number;
  name: string;
  creditCode: string;
  legalRepresentative: string;
  size: SupplierSize;
  regionCode: string;
  address: string | null;
  contactName: string | null;
  contactPhone: string | null;
  email: string | null;
  businessScope: string | null;
  prisonEnterprise: boolean;
  disabledWelfareUnit: boolean;
}

export interface ExpertRecord {
  row: number;
  name: string;
  idNumber: string;
  phone: string;
  titleLevel: 'senior' | 'intermediate';
  titleName: string;
  years: number;
  employer: string;
  regionCode: string;
  specialtyCodes: string[];
  email: string | null;
}

export const PHONE = /^1[3-9]\d{9}$/;
const REGION_CODE = /^\d{6}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** 政府采购评审专家管理办法（财库〔2016〕198号）第六条: an intermediate title qualifies after 8 years in the field. */
export const INTERMEDIATE_MIN_YEARS = 8;
const MAX_YEARS = 60;

/** Local names for the county level differ by region (旗直 in Inner Mongolia, 区直 in a district). */
const LEVELS: Record<string, PurchaserLevel> = {
  县直单位: 'county',
  旗直单位: 'county',
  区直单位: 'county',
  乡镇: 'township',
  村级: 'village',
};
const SIZES: Record<string, SupplierSize> = {
  大型: 'large',
  中型: 'medium',
  小型: 'small',
  微型: 'micro',
  大型企业: 'large',
  中型企业: 'medium',
  小型企业: 'small',
  微型企业: 'micro',
};
const TITLE_LEVELS: Record<string, 'senior' | 'intermediate'> = { 高级: 'senior', 中级: 'intermediate' };

/** Header problems are reported on row 1: a missing required column, or a title used twice. */
export function headerErrors(kind: ImportKind, headers: readonly string[]): RowError[] {
  const errors: RowError[] = [];
  const seen = new Set<string>();
  for (const h of headers) {
    if (h && seen.has(h)) errors.push({ row: 1, column: h, message: `表头“${h}”出现了不止一次` });
    seen.add(h);
  }
  for (const c of Object.values(COLUMNS[kind])) {
    if (c.required && !seen.has(c.title)) {
      errors.push({ row: 1, column: c.title, message: `缺少必填列“${c.title}”，请使用导入模板` });
    }
  }
  return errors;
}

/** Reads one row's cells, collecting that row's errors; `ok()` says whether the row produced none. */
function rowReader(r: SheetRow, errors: RowError[]) {
  const before = errors.length;
  const fail = (c: ColumnSpec, message: string): null => {
    errors.push({ row: r.row, column: c.title, message });
    return null;
  };
  const get = (c: ColumnSpec): string => r.cells.get(c.title) ?? '';
  const optional = (c: ColumnSpec): string | null => get(c) || null;
  const required = (c: ColumnSpec): string | null => get(c) || fail(c, `${c.title}不能为空`);
  const oneOf = <T>(c: ColumnSpec, map: Record<string, T>, must: boolean): T | null => {
    const v = get(c);
    if (!v) return must ? fail(c, `${c.title}不能为空`) : null;
    const found = Object.hasOwn(map, v) ? map[v] : undefined;
    return found ?? fail(c, `${c.title}“${v}”不在可选值中（${(c.allowed ?? []).join('、')}）`);
  };
  const matching = (c: ColumnSpec, re: RegExp, must: boolean, what: string): string | null => {
    const v = get(c);
    if (!v) return must ? fail(c, `${c.title}不能为空`) : null;
    return re.test(v) ? v : fail(c, `${c.title}“${v}”${what}`);
  };
  const phone = (c: ColumnSpec, must: boolean) => matching(c, PHONE, must, '不是有效的 11 位手机号');
  const region = (c: ColumnSpec) => matching(c, REGION_CODE, true, '应为 6 位数字的行政区划代码');
  const email = (c: ColumnSpec) => matching(c, EMAIL, false, '不是有效的电子邮箱地址');
  const creditCode = (c: ColumnSpec, must: boolean): string | null => {
    const v = get(c);
    if (!v) return must ? fail(c, `${c.title}不能为空`) : null;
    const problem = creditCodeProblem(v);
    return problem ? fail(c, problem.message) : v;
  };
  return {
    fail,
    get,
    optional,
    required,
    oneOf,
    phone,
    region,
    email,
    creditCode,
    ok: () => errors.length === before,
  };
}

/** Remembers the first row of each key; a second sighting is an error naming both rows. */
function firstSeen() {
  const rows = new Map<string, number>();
  return (key: string, row: number): number | null => {
    const first = rows.get(key);
    if (first !== undefined) return first;
    rows.set(key, row);
    return null;
  };
}

const byRow = (errors: RowError[]): RowError[] => errors.sort((a, b) => a.row - b.row);

export interface PurchaserKnown {
  /** Units already in the database among the names this file uses (as units or as 上级乡镇), with their level. */
  unitLevels: ReadonlyMap<string, PurchaserLevel>;
  /** Credit codes already in the database among this file's, with the unit holding each. */
  creditCodes: ReadonlyMap<string, string>;
}

export function validatePurchasers(
  rows: readonly SheetRow[],
  known: PurchaserKnown,
): Validated<PurchaserRecord> {
  const C = PURCHASER_COLUMNS;
  const errors: RowError[] = [];
  const records: PurchaserRecord[] = [];
  const nameSeen = firstSeen();
  const codeSeen = firstSeen();
  // Levels of the units this file creates, for checking 上级乡镇 against rows above or below.
  const fileLevels = new Map<string, PurchaserLevel>();
  for (const r of rows) {
    const level = LEVELS[r.cells.get(C.level.title) ?? ''];
    const name = r.cells.get(C.name.title);
    if (name && level && !fileLevels.has(name)) fileLevels.set(name, level);
  }
  for (const r of rows) {
    const x = rowReader(r, errors);
    const name = x.required(C.name);
    if (name) {
      const first = nameSeen(name, r.row);
      if (first !== null) x.fail(C.name, `单位名称“${name}”与第 ${first} 行重复`);
      else if (known.unitLevels.has(name)) x.fail(C.name, `系统中已有名为“${name}”的采购单位`);
    }
    const level = x.oneOf(C.level, LEVELS, true);
    const parentName = x.optional(C.parent);
    if (level === 'village' && !parentName) x.fail(C.parent, '村级单位须填写上级乡镇');
    if (level !== null && level !== 'village' && parentName) x.fail(C.parent, '只有村级单位填写上级乡镇');
    if (level === 'village' && parentName) {
      const parentLevel = fileLevels.get(parentName) ?? known.unitLevels.get(parentName);
      if (parentLevel === undefined) {
        x.fail(C.parent, `上级乡镇“${parentName}”既不在本文件中，也不在系统中`);
      } else if (parentLevel !== 'township') {
        x.fail(C.parent, `“${parentName}”不是乡镇级单位`);
      }
    }
    const regionCode = x.region(C.regionCode);
    const creditCode = x.creditCode(C.creditCode, false);
    if (creditCode) {
      const first = codeSeen(creditCode, r.row);
      const holder = known.creditCodes.get(creditCode);
      if (first !== null) x.fail(C.creditCode, `统一社会信用代码与第 ${first} 行重复`);
      else if (holder !== undefined) x.fail(C.creditCode, `统一社会信用代码已被系统中的“${holder}”使用`);
    }
    const contactPhone = x.phone(C.contactPhone, false);
    if (x.ok() && name && level && regionCode) {
      records.push({
        row: r.row,
        name,
        level,
        parentName: level === 'village' ? parentName : null,
        regionCode,
        creditCode,
        financeUnit: x.optional(C.financeUnit),
        contactName: x.optional(C.contactName),
        contactPhone,
        address: x.optional(C.address),
      });
    }
  }
  return { records, errors: byRow(errors) };
}

export interface SupplierKnown {
  /** Credit codes already registered among this file's, with the supplier holding each. */
  creditCodes: ReadonlyMap<string, string>;
}

export function validateSuppliers(
  rows: readonly SheetRow[],
  known: SupplierKnown,
): Validated<SupplierRecord> {
  const C = SUPPLIER_COLUMNS;
  const errors: RowError[] = [];
  const records: SupplierRecord[] = [];
  const codeSeen = firstSeen();
  const yesNo = { 是: true, 否: false };
  for (const r of rows) {
    const x = rowReader(r, errors);
    const name = x.required(C.name);
    const creditCode = x.creditCode(C.creditCode, true);
    if (creditCode) {
      const first = codeSeen(creditCode, r.row);
      const holder = known.creditCodes.get(creditCode);
      if (first !== null) x.fail(C.creditCode, `统一社会信用代码与第 ${first} 行重复`);
      else if (holder !== undefined)
        x.fail(C.creditCode, `统一社会信用代码已被系统中的供应商“${holder}”使用`);
    }
    const legalRepresentative = x.required(C.legalRepresentative);
    const size = x.oneOf(C.size, SIZES, true);
    const regionCode = x.region(C.regionCode);
    const contactPhone = x.phone(C.contactPhone, false);
    const email = x.email(C.email);
    const prisonEnterprise = x.oneOf(C.prisonEnterprise, yesNo, false) ?? false;
    const disabledWelfareUnit = x.oneOf(C.disabledWelfareUnit, yesNo, false) ?? false;
    if (x.ok() && name && creditCode && legalRepresentative && size && regionCode) {
      records.push({
        row: r.row,
        name,
        creditCode,
        legalRepresentative,
        size,
        regionCode,
        address: x.optional(C.address),
        contactName: x.optional(C.contactName),
        contactPhone,
        email,
        businessScope: x.optional(C.businessScope),
        prisonEnterprise,
        disabledWelfareUnit,
      });
    }
  }
  return { records, errors: byRow(errors) };
}

export interface ExpertKnown {
  /** ID numbers already in the pool among this file's, with the expert's name. */
  idNumbers: ReadonlyMap<string, string>;
  /** Every specialty code of the classification. */
  specialtyCodes: ReadonlySet<string>;
}

export function validateExperts(rows: readonly SheetRow[], known: ExpertKnown): Validated<ExpertRecord> {
  const C = EXPERT_COLUMNS;
  const errors: RowError[] = [];
  const records: ExpertRecord[] = [];
  const idSeen = firstSeen();
  for (const r of rows) {
    const x = rowReader(r, errors);
    const name = x.required(C.name);
    // A lower-case x is the same check character; Excel users type either.
    const rawId = x.get(C.idNumber).toUpperCase();
    let idNumber: string | null = null;
    if (!rawId) x.fail(C.idNumber, '身份证号不能为空');
    else if (!idNumberValid(rawId))
      x.fail(C.idNumber, `身份证号“${rawId}”不正确（位数、出生日期或校验码有误）`);
    else {
      const first = idSeen(rawId, r.row);
      const holder = known.idNumbers.get(rawId);
      if (first !== null) x.fail(C.idNumber, `身份证号与第 ${first} 行重复`);
      else if (holder !== undefined) x.fail(C.idNumber, `身份证号已登记在系统中的专家“${holder}”名下`);
      else idNumber = rawId;
    }
    const phone = x.phone(C.phone, true);
    const titleLevel = x.oneOf(C.titleLevel, TITLE_LEVELS, true);
    const titleName = x.required(C.titleName);
    const rawYears = x.get(C.years);
    let years: number | null = null;
    if (!rawYears) x.fail(C.years, '从业年限不能为空');
    else if (!/^\d{1,2}$/.test(rawYears) || Number(rawYears) > MAX_YEARS) {
      x.fail(C.years, `从业年限“${rawYears}”应为 0–${MAX_YEARS} 的整数`);
    } else if (titleLevel === 'intermediate' && Number(rawYears) < INTERMEDIATE_MIN_YEARS) {
      x.fail(
        C.years,
        `中级职称须从事相关领域工作满 ${INTERMEDIATE_MIN_YEARS} 年（《政府采购评审专家管理办法》第六条），实际为 ${rawYears} 年`,
      );
    } else years = Number(rawYears);
    const employer = x.required(C.employer);
    const regionCode = x.region(C.regionCode);
    const codes = x
      .get(C.specialties)
      .split(CODE_SEPARATORS)
      .filter((c) => c !== '');
    if (codes.length === 0) x.fail(C.specialties, '专业代码不能为空');
    const unknown = codes.filter((c) => !known.specialtyCodes.has(c));
    if (unknown.length) x.fail(C.specialties, `专业代码不存在：${unknown.join('、')}`);
    const email = x.email(C.email);
    if (
      x.ok() &&
      name &&
      idNumber &&
      phone &&
      titleLevel &&
      titleName &&
      years !== null &&
      employer &&
      regionCode
    ) {
      records.push({
        row: r.row,
        name,
        idNumber,
        phone,
        titleLevel,
        titleName,
        years,
        employer,
        regionCode,
        specialtyCodes: [...new Set(codes)],
        email,
      });
    }
  }
  return { records, errors: byRow(errors) };
}
