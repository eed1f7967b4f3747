/**
 * What a procurement document is made from (a project, its lots, its requirements as data, its schedule and the
 * centre's current template) and what rendering produces: a list of format-neutral blocks that the .docx, HTML
 * and PDF writers each lay out. Money stays integer fen until the renderer spells it.
 */
import type { Requirements } from '../contract.ts';

export type TemplateKind = 'goods' | 'propertyServices' | 'communityServices' | 'medicalEquipment' | 'works';
export type ProjectCategory = 'goods' | 'works' | 'services';
export type ProjectMethod =
  'openTender' | 'invitedTender' | 'negotiation' | 'consultation' | 'rfq' | 'singleSource';

export interface TemplateSection {
  heading: string;
  /** One paragraph per line; `## ` / `### ` start sub-headings, `|` lines form a table, `{{…}}` are placeholders. */
  body: string;
}

export interface RenderLot {
  no: number;
  name: string;
  budgetFen: bigint;
  ceilingFen: bigint | null;
  quantity: string | null;
  description: string | null;
}

export interface RenderSchedule {
  /** Shanghai calendar days, `YYYY-MM-DD`. */
  noticePublishedOn: string | null;
  documentsIssuedOn: string | null;
  documentsAvailableUntil: string | null;
  bidDeadlineAt: Date | null;
  openingAt: Date | null;
  openingPlace: string | null;
}

export interface RenderInput {
  /** e.g. 云岭县政府采购中心 */
  centreName: string;
  centreAddress: string | null;
  centrePhone: string | null;
  project: {
    code: string;
    name: string;
    year: number;
    category: ProjectCategory;
    method: ProjectMethod;
    purchaserNames: string[];
    budgetFen: bigint;
  };
  lots: RenderLot[];
  requirements: Requirements;
  schedule: RenderSchedule;
  template: { kind: TemplateKind; version: number; title: string; sections: TemplateSection[] };
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; header: string[]; rows: string[][] };

export interface RenderedDocument {
  /** The project name, the cover's main line. */
  title: string;
  /** What the document is: 招标文件, 竞争性磋商文件, 询价通知书 … */
  subtitle: string;
  /** The remaining cover lines (project code, centre, date); absent for documents not made by renderDocument. */
  cover?: { projectCode: string; purchasers: string; centreName: string; date: string };
  blocks: Block[];
}
