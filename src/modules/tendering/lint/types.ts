/** Shapes shared by the tender-document linter (issue 4 "Document lint"); pure data, no I/O. */

export type Category = 'goods' | 'works' | 'services';

/** GLOSSARY.md `method`. */
export type ProcurementMethod =
  'openTender' | 'invitedTender' | 'negotiation' | 'consultation' | 'rfq' | 'singleSource' | 'framework';

/** Where a requirement sits in the document: 资格条件 / ★实质性要求 / 技术规格 / 评分标准. */
export type RequirementField = 'qualification' | 'substantive' | 'specification' | 'scoring';

/** `block`: publication refused. `justify`: allowed only with a recorded justification. */
export type Severity = 'block' | 'justify';

export interface Clause {
  id: string;
  field: RequirementField;
  text: string;
  /** Points this scoring item carries, when the clause is a scoring item. */
  scoreWeight?: number;
}

export interface TenderDocument {
  category: Category;
  method: ProcurementMethod;
  budgetFen: bigint;
  /** 投标保证金 asked for, in fen. */
  depositFen?: bigint;
  /** 履约保证金 asked for, in fen. */
  bondFen?: bigint;
  /** The finance department approved buying imported goods (财库〔2007〕119号). */
  importedGoods?: boolean;
  clauses: readonly Clause[];
  /** Price weight in percent of the total score (0–100), for 综合评分法 / 磋商. */
  priceWeight?: number;
}

export interface Finding {
  ruleId: string;
  clauseId?: string;
  /** The clause's field, or `document` for checks on structured inputs (weights, amounts). */
  field: RequirementField | 'document';
  severity: Severity;
  article: string;
  title: string;
  /** The exact text that matched (for numeric checks: the figures compared). */
  quote: string;
  /** Chinese: what is wrong and why. */
  message: string;
}
