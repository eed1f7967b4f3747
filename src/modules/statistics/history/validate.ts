/**
 * Pure validation of a ledger's rows: rows in, `{ records, errors }` out. What the database knows (platform
 * project codes, earlier imports' shares) and today's date are passed in by the use case, so every rule is
 * testable from a table of cases. Row numbers are the ones Excel shows; `column` is the Chinese header title, so
 * a clerk can find the cell; every problem of every row is reported, not only the first.
 */
import type { z } from 'zod';
import type { purchaserLevel } from '../../orgs/contract.ts';
import { serviceKindLabels } from '../contract.ts';

type PurchaserLevel = z.infer<typeof purchaserLevel>;
import {
  CATEGORY_VALUES,
  COLUMN_KEYS,
  HISTORY_COLUMNS,
  LEVEL_VALUES,
  METHOD_VALUES,
  SERVICE_KIND_VALUES,
  columnOf,
  normaliseTitle,
  type Category,
  type ColumnKey,
  type ColumnSpec,
  type Method,
  type ServiceKind,
} from './columns.ts';
import type { SheetRow } from './sheet.ts';
import { parseDay, parseLotNo, parseYuan, textOf, yuanText, type Cell, type Parsed } from './values.ts';

export interface RowError {
  row: number;
  column: string;
  message: string;
}

/** One purchaser share of one lot of a procurement, ready for historical_procurements. */
export interface HistoryRecord {
  row: number;
  projectCode: string;
  projectName: string;
  lotNo: number;
  purchaserName: string;
  purchaserLevel: PurchaserLevel;
  category: Category;
  serviceKind: ServiceKind | null;
  method: Method;
  programme: string | null;
  budgetFen: bigint;
  contractFen: bigint;
  paidFen: bigint | null;
  commissionedOn: string | null;
  contractedOn: string;
  supplierName: string | null;
}

/** A share already imported under one of this file's project codes. */
export interface EarlierShare {
  projectCode: string;
  lotNo: number;
  purchaserName: string;
  category: string;
  method: string;
  fileName: string;
  rowNo: number;
}

export interface HistoryKnown {
  /** Today in Asia/Shanghai: a contract cannot have been signed after it. */
  today: string;
  /** Codes of platform projects among this file's project codes. */
  platformCodes: ReadonlySet<string>;
  earlier: readonly EarlierShare[];
}

const skLabel = (k: string | null): string =>
  k === null ? '（空）' : (serviceKindLabels[k as keyof typeof serviceKindLabels] ?? k);

const MAX_TEXT = { projectCode: 100, programme: 100, other: 200 } as const;
/** 政府采购法第四十九条: an addition to a contract may not exceed 10% of it; paying more than 110% is a typo. */
const PAID_LIMIT_PERCENT = 110n;

const title = (k: ColumnKey): string => HISTORY_COLUMNS[k].title;
const CATEGORY_LABEL: Record<Category, string> = { goods: '货物', works: '工程', services: '服务' };
const METHOD_LABEL: Record<Method, string> = {
  openTender: '公开招标',
  invitedTender: '邀请招标',
  negotiation: '竞争性谈判',
  consultation: '竞争性磋商',
  rfq: '询价',
  singleSource: '单一来源',
};

/**
 * Header problems, reported on the header row: a column named twice, an amount column in 万元, a required column
 * missing (with the titles it may go by).
 */
export function headerErrors(headers: readonly string[], headerRow: number): RowError[] {
  const errors: RowError[] = [];
  const seen = new Map<ColumnKey, string>();
  for (const h of headers) {
    if (!h) continue;
    const k = columnOf(h);
    if (k === null) {
      if (/万元/.test(normaliseTitle(h))) {
        errors.push({
          row: headerRow,
          column: h,
          message: `“${h}”以万元为单位：本导入的金额一律以元为单位，请换算为元并把表头改为模板中的“…(元)”`,
        });
      }
      continue;
    }
    const first = seen.get(k);
    if (first !== undefined) {
      errors.push({
        row: headerRow,
        column: h,
        message: `表头“${h}”与“${first}”是同一列（${title(k)}），只能出现一次`,
      });
    } else seen.set(k, h);
  }
  for (const k of COLUMN_KEYS) {
    const spec: ColumnSpec = HISTORY_COLUMNS[k];
    if (spec.required && !seen.has(k)) {
      const also = spec.aliases?.length ? `（也可写作 ${spec.aliases.join('、')}）` : '';
      errors.push({
        row: headerRow,
        column: spec.title,
        message: `缺少必填列“${spec.title}”${also}，请使用导入模板的表头`,
      });
    }
  }
  return errors;
}

/** An enumeration cell: spaces dropped, ASCII letters upper-cased (ppp → PPP). */
const enumKey = (v: string): string => v.replace(/[\s\u3000]+/g, '').toUpperCase();

/** Reads one row's cells, collecting that row's errors; `ok()` says whether the row produced none. */
function rowReader(r: SheetRow, errors: RowError[]) {
  const before = errors.length;
  const fail = (k: ColumnKey, message: string): null => {
    errors.push({ row: r.row, column: title(k), message });
    return null;
  };
  const cell = (k: ColumnKey): Cell | undefined => r.cells.get(k);
  const parsed = <T>(k: ColumnKey, p: Parsed<T>): T | null =>
    p.ok ? p.value : fail(k, `${title(k)}${p.message.startsWith('“') ? '' : '：'}${p.message}`);
  const text = (k: ColumnKey, must: boolean, max: number): string | null => {
    const c = cell(k);
    if (c === undefined) return must ? fail(k, `${title(k)}不能为空`) : null;
    const v = parsed(k, textOf(c));
    if (v === null) return null;
    if (v.length > max) return fail(k, `${title(k)}超过 ${max} 个字（${v.length} 个字）`);
    return v;
  };
  const oneOf = <T>(k: ColumnKey, map: Readonly<Record<string, T>>, must: boolean): T | null => {
    const c = cell(k);
    if (c === undefined) return must ? fail(k, `${title(k)}不能为空`) : null;
    const raw = typeof c === 'string' ? c : String(c);
    const key = enumKey(raw);
    const found = Object.hasOwn(map, key) ? map[key] : undefined;
    const spec: ColumnSpec = HISTORY_COLUMNS[k];
    const allowed: readonly string[] = spec.allowed ?? [];
    return found ?? fail(k, `${title(k)}“${raw}”不在可选值中（${allowed.join('、')}）`);
  };
  const amount = (k: ColumnKey, must: boolean): bigint | null => {
    const c = cell(k);
    if (c === undefined) return must ? fail(k, `${title(k)}不能为空`) : null;
    return parsed(k, parseYuan(c));
  };
  const day = (k: ColumnKey, must: boolean): string | null => {
    const c = cell(k);
    if (c === undefined) return must ? fail(k, `${title(k)}不能为空`) : null;
    return parsed(k, parseDay(c));
  };
  return { fail, cell, parsed, text, oneOf, amount, day, ok: () => errors.length === before };
}

export function validateLedger(
  rows: readonly SheetRow[],
  known: HistoryKnown,
): { records: HistoryRecord[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const records: HistoryRecord[] = [];
  const shareKey = (code: string, lot: number, purchaser: string) => `${code}\u0000${lot}\u0000${purchaser}`;
  const earlierShares = new Map(
    known.earlier.map((e) => [shareKey(e.projectCode, e.lotNo, e.purchaserName), e]),
  );
  const earlierProject = new Map<string, EarlierShare>();
  for (const e of known.earlier) if (!earlierProject.has(e.projectCode)) earlierProject.set(e.projectCode, e);
  const sharesSeen = new Map<string, number>();
  const projectsSeen = new Map<
    string,
    {
      row: number;
      category: Category | null;
      method: Method | null;
      programme: string | null;
      serviceKind: string | null;
    }
  >();

  for (const r of rows) {
    const x = rowReader(r, errors);
    const projectCode = x.text('projectCode', true, MAX_TEXT.projectCode);
    if (projectCode !== null && known.platformCodes.has(projectCode)) {
      x.fail(
        'projectCode',
        `项目编号“${projectCode}”是平台中已有项目的编号：平台中的项目已计入统计，不能再作为历史记录导入；如确为另一项目，请给台账编号加上前缀以示区别`,
      );
    }
    const projectName = x.text('projectName', true, MAX_TEXT.other);
    const lotCell = x.cell('lotNo');
    const lotNo = lotCell === undefined ? 1 : x.parsed('lotNo', parseLotNo(lotCell));
    const purchaserName = x.text('purchaserName', true, MAX_TEXT.other);
    const purchaserLevel = x.oneOf('purchaserLevel', LEVEL_VALUES, true);
    const category = x.oneOf('category', CATEGORY_VALUES, true);
    const serviceKind = x.oneOf('serviceKind', SERVICE_KIND_VALUES, false);
    if (serviceKind !== null && category !== null && category !== 'services') {
      x.fail(
        'serviceKind',
        `服务细分只用于服务类项目，本行采购类别为“${CATEGORY_LABEL[category]}”，请清空该单元格`,
      );
    }
    const method = x.oneOf('method', METHOD_VALUES, true);
    const programme = x.text('programme', false, MAX_TEXT.programme);
    const supplierName = x.text('supplierName', false, MAX_TEXT.other);

    const budgetFen = x.amount('budget', true);
    if (budgetFen !== null && budgetFen <= 0n) x.fail('budget', '预算金额应大于零');
    const contractFen = x.amount('contract', true);
    if (budgetFen !== null && contractFen !== null && budgetFen > 0n && contractFen > budgetFen) {
      x.fail(
        'contract',
        `合同金额（${yuanText(contractFen)}）超过预算金额（${yuanText(budgetFen)}）：政府采购合同金额不得超过采购预算，请核对金额及单位`,
      );
    }
    const paidFen = x.amount('paid', false);
    if (paidFen !== null && contractFen !== null && paidFen * 100n > contractFen * PAID_LIMIT_PERCENT) {
      x.fail(
        'paid',
        `实际支付金额（${yuanText(paidFen)}）超过合同金额（${yuanText(contractFen)}）的 110%：追加金额不得超过原合同金额的百分之十（政府采购法第四十九条），请核对`,
      );
    }

    const contractedOn = x.day('contractedOn', true);
    if (contractedOn !== null && contractedOn > known.today) {
      x.fail(
        'contractedOn',
        `合同签订日期 ${contractedOn} 晚于今天（${known.today}）：历史台账只导入已经签订的合同`,
      );
    }
    const commissionedOn = x.day('commissionedOn', false);
    if (commissionedOn !== null && contractedOn !== null && commissionedOn > contractedOn) {
      x.fail('commissionedOn', `委托日期 ${commissionedOn} 晚于合同签订日期 ${contractedOn}，请核对`);
    }

    // One share of a lot per purchaser, in this file and across imports.
    if (projectCode !== null && lotNo !== null && purchaserName !== null) {
      const key = shareKey(projectCode, lotNo, purchaserName);
      const first = sharesSeen.get(key);
      const earlier = earlierShares.get(key);
      if (first !== undefined) {
        x.fail(
          'projectCode',
          `与第 ${first} 行重复：项目编号、标段(包)号、采购人都相同（每个采购人在一个标段只填一行）`,
        );
      } else if (earlier) {
        x.fail(
          'projectCode',
          `与已导入的“${earlier.fileName}”第 ${earlier.rowNo} 行重复：项目编号、标段(包)号、采购人都相同；如需更正，请先撤回那一批导入`,
        );
      } else sharesSeen.set(key, r.row);
    }
    // A procurement has one category and one method, whichever row or import tells of it.
    const kindOf = category === 'services' ? (serviceKind ?? 'nonPreselected') : null;
    if (projectCode !== null) {
      const inFile = projectsSeen.get(projectCode);
      const before = earlierProject.get(projectCode);
      if (inFile) {
        if (category !== null && inFile.category !== null && category !== inFile.category) {
          x.fail(
            'category',
            `同一项目编号在第 ${inFile.row} 行为“${CATEGORY_LABEL[inFile.category]}”，本行为“${CATEGORY_LABEL[category]}”：同一项目的采购类别应一致`,
          );
        }
        if (method !== null && inFile.method !== null && method !== inFile.method) {
          x.fail(
            'method',
            `同一项目编号在第 ${inFile.row} 行为“${METHOD_LABEL[inFile.method]}”，本行为“${METHOD_LABEL[method]}”：同一项目的采购方式应一致`,
          );
        }
        // The statistics count a procurement under one programme and one service kind (facts.ts).
        if (programme !== inFile.programme) {
          x.fail(
            'programme',
            `同一项目编号在第 ${inFile.row} 行的专项为“${inFile.programme ?? '（空）'}”，本行为“${programme ?? '（空）'}”：同一项目的专项应一致`,
          );
        }
        if (kindOf !== inFile.serviceKind) {
          x.fail(
            'serviceKind',
            `同一项目编号在第 ${inFile.row} 行的服务细分为“${skLabel(inFile.serviceKind)}”，本行为“${skLabel(kindOf)}”：同一项目的服务细分应一致`,
          );
        }
      } else {
        projectsSeen.set(projectCode, { row: r.row, category, method, programme, serviceKind: kindOf });
      }
      if (before) {
        const where = `已导入的“${before.fileName}”第 ${before.rowNo} 行`;
        if (category !== null && before.category !== category) {
          x.fail(
            'category',
            `同一项目编号在${where}为“${CATEGORY_LABEL[before.category as Category]}”：同一项目的采购类别应一致`,
          );
        }
        if (method !== null && before.method !== method) {
          x.fail(
            'method',
            `同一项目编号在${where}为“${METHOD_LABEL[before.method as Method]}”：同一项目的采购方式应一致`,
          );
        }
      }
    }

    if (
      x.ok() &&
      projectCode !== null &&
      projectName !== null &&
      lotNo !== null &&
      purchaserName !== null &&
      purchaserLevel !== null &&
      category !== null &&
      method !== null &&
      budgetFen !== null &&
      contractFen !== null &&
      contractedOn !== null
    ) {
      records.push({
        row: r.row,
        projectCode,
        projectName,
        lotNo,
        purchaserName,
        purchaserLevel,
        category,
        // Services without a sub-type are 非预选 (the template says so): stored as such, so a filter finds them.
        serviceKind: category === 'services' ? (serviceKind ?? 'nonPreselected') : null,
        method,
        programme,
        budgetFen,
        contractFen,
        paidFen,
        commissionedOn,
        contractedOn,
        supplierName,
      });
    }
  }
  return { records, errors: errors.sort((a, b) => a.row - b.row) };
}
