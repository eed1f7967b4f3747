import type { z } from 'zod';
import {
  bundleSuggestions,
  programmeView,
  projectView,
  questionList,
  questionView,
  templateList,
  templateView,
  type answerBody,
  type approvalBody,
  type correctionBody,
  type justificationBody,
  type programmeBody,
  type projectBody,
  type projectSummary,
  type projectUpdateBody,
  type publishBody,
  type questionBody,
  type requirements,
  type templateBody,
  type terminateBody,
} from '../../../../src/modules/tendering/contract.ts';
import { api } from '../../api.ts';
import { yuanToFen } from '../../shared/money.ts';

export type ProjectView = z.infer<typeof projectView>;
export type ProjectSummary = z.infer<typeof projectSummary>;
export type Requirements = z.infer<typeof requirements>;
export type QuestionView = z.infer<typeof questionView>;
export type TemplateView = z.infer<typeof templateView>;
export type BundleSuggestion = z.infer<typeof bundleSuggestions>['items'][number];

/** Every project query is cached under this prefix, so one invalidation refreshes lists and details. */
export const projectsPath = '/api/projects';
export const programmesPath = '/api/programmes';
export const templatesPath = '/api/templates';

const projectPath = (id: string, action?: string) =>
  `${projectsPath}/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

export function fetchProject(id: string): Promise<ProjectView> {
  return api(projectPath(id), projectView);
}

export function createProject(body: z.input<typeof projectBody>): Promise<ProjectView> {
  return api(projectsPath, projectView, { method: 'POST', body });
}

export function updateProject(id: string, body: z.input<typeof projectUpdateBody>): Promise<ProjectView> {
  return api(projectPath(id), projectView, { method: 'PATCH', body });
}

export function lintProject(id: string): Promise<ProjectView> {
  return api(projectPath(id, 'lint'), projectView, { method: 'POST', body: {} });
}

export function justify(id: string, body: z.input<typeof justificationBody>): Promise<ProjectView> {
  return api(projectPath(id, 'justifications'), projectView, { method: 'POST', body });
}

export function recordApproval(id: string, body: z.input<typeof approvalBody>): Promise<ProjectView> {
  return api(projectPath(id, 'approval'), projectView, { method: 'POST', body });
}

export function publishProject(id: string, body: z.input<typeof publishBody>): Promise<ProjectView> {
  return api(projectPath(id, 'publish'), projectView, { method: 'POST', body });
}

export function correctProject(id: string, body: z.input<typeof correctionBody>): Promise<ProjectView> {
  return api(projectPath(id, 'corrections'), projectView, { method: 'POST', body });
}

export function terminateProject(id: string, body: z.input<typeof terminateBody>): Promise<ProjectView> {
  return api(projectPath(id, 'terminate'), projectView, { method: 'POST', body });
}

export function documentUrl(id: string, format: 'docx' | 'pdf'): string {
  return `${projectPath(id, 'document')}?format=${format}`;
}

export function fetchQuestions(id: string) {
  return api(projectPath(id, 'clarifications'), questionList);
}

export function askQuestion(id: string, body: z.input<typeof questionBody>): Promise<QuestionView> {
  return api(projectPath(id, 'clarifications'), questionView, { method: 'POST', body });
}

export function answerQuestion(
  id: string,
  questionId: string,
  body: z.input<typeof answerBody>,
): Promise<QuestionView> {
  return api(`${projectPath(id, 'clarifications')}/${encodeURIComponent(questionId)}/answer`, questionView, {
    method: 'POST',
    body,
  });
}

export function createProgramme(body: z.input<typeof programmeBody>) {
  return api(programmesPath, programmeView, { method: 'POST', body });
}

export function fetchBundles(year: number) {
  return api('/api/bundle-suggestions', bundleSuggestions, { query: { year } });
}

export function fetchTemplates() {
  return api(templatesPath, templateList);
}

export function reviseTemplate(kind: string, body: z.input<typeof templateBody>): Promise<TemplateView> {
  return api(`${templatesPath}/${encodeURIComponent(kind)}/versions`, templateView, {
    method: 'POST',
    body,
  });
}

// ── Labels the server sends as bare values in requests or filters ─────────────────────────────────────

export const methodLabels = {
  openTender: '公开招标',
  invitedTender: '邀请招标',
  negotiation: '竞争性谈判',
  consultation: '竞争性磋商',
  rfq: '询价',
  singleSource: '单一来源',
} as const;

export const evaluationMethodLabels = {
  lowestPrice: '最低评标价法',
  bestValue: '综合评分法',
  priceLottery: '价格摇号',
} as const;

export const projectStatusLabels = {
  draft: '草稿',
  linted: '已检查',
  approved: '已批准',
  published: '已发布',
  corrected: '已更正',
  bidsClosed: '已截止',
  opened: '已开标',
  evaluating: '评审中',
  awarded: '已定标',
  contracted: '已签约',
  failed: '废标/流标',
  terminated: '已终止',
} as const;

export const projectStatusColors: Record<string, string> = {
  draft: 'default',
  linted: 'blue',
  approved: 'cyan',
  published: 'green',
  corrected: 'gold',
  bidsClosed: 'purple',
  opened: 'purple',
  evaluating: 'purple',
  awarded: 'green',
  contracted: 'green',
  failed: 'red',
  terminated: 'red',
};

export const programmeKindLabels = {
  schoolSafety: '校安工程',
  caseByCase: '一事一议',
  other: '其他专项',
} as const;

export const noticeKindLabels = {
  prequalification: '资格预审公告',
  tender: '招标公告',
  invitation: '采购邀请',
  correction: '更正公告',
  termination: '终止公告',
  failure: '废标公告',
  result: '中标（成交）结果公告',
  contract: '合同公告',
  acceptance: '验收结果公告',
} as const;

// ── Conversions ───────────────────────────────────────────────────────────────────────────────────────

/** A percent with up to two decimals → basis points (1% = 100), by string arithmetic like money. */
export function percentToBp(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const hundredths = yuanToFen(String(value));
  return hundredths === null ? null : Number(hundredths);
}

/** Basis points → the percent shown in an input (two decimals at most, exact). */
export function bpToPercent(bp: number | null | undefined): number | undefined {
  if (bp === null || bp === undefined) return undefined;
  return Number(`${Math.trunc(bp / 100)}.${String(bp % 100).padStart(2, '0')}`);
}

export function formatBp(bp: number | null | undefined): string {
  const v = bpToPercent(bp);
  return v === undefined ? '—' : `${v}%`;
}

/** Fen → the 元 string an input shows (no grouping), exact. */
export function fenToYuanInput(fen: string | null | undefined): string {
  if (!fen) return '';
  const padded = fen.padStart(3, '0');
  const cents = padded.slice(-2);
  const yuan = padded.slice(0, -2).replace(/^0+(?=\d)/, '');
  return cents === '00' ? yuan : `${yuan}.${cents}`;
}

/** A Beijing-time wall clock (`YYYY-MM-DD` + `HH:mm`) as an ISO instant with its +08:00 offset. */
export function beijingInstant(day: string, time: string): string {
  return `${day}T${time.length === 5 ? `${time}:00` : time}+08:00`;
}

/** An instant → its Beijing date and time, for prefilling a date and a time input. */
export function beijingParts(iso: string | null | undefined): { day: string; time: string } | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const shifted = new Date(d.getTime() + 8 * 3_600_000).toISOString();
  return { day: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

/** The project may take this life-cycle step now: the caller's abilities and the state table both allow it. */
export function mayDo(project: ProjectView, ability: string, event?: string): boolean {
  if (!project.abilities.includes(ability)) return false;
  return event === undefined || project.events.some((e) => e.event === event);
}

/** Documents are edited until publication; afterwards only corrections change them. */
export function editable(project: ProjectView): boolean {
  return project.abilities.includes('edit') && ['draft', 'linted', 'approved'].includes(project.status);
}
