/** The tendering module's public face: routes, start-up work, and the use cases the CLI's demo drives. */
import './events.ts';

export { tenderingRoutes } from './routes.ts';
export { installStandardTemplates, projectRenderInput } from './templates.ts';
export { closeBids, tenderingJobs } from './jobs.ts';
/** For later stages that move a project on (opening, evaluation …): load it locked, ask the table, write the step. */
export { categoryOf, loadProject, methodOf, setState, stateOf, step, type LoadedProject } from './loaded.ts';
export { methodFacts } from './checks.ts';
export { METHOD_LABELS } from './rules/method.ts';
export { projects, lots, projectShares, notices, programmes, tenderTemplates } from './tables.ts';
export {
  createProject,
  justifyFinding,
  lintProject,
  recordApproval,
  retenderProject,
  updateProject,
} from './projects.ts';
export { correctProject, publishNotice, publishProject, terminateProject } from './publication.ts';
export { answerQuestion, askQuestion } from './clarifications.ts';
export { createProgramme, readBundleSuggestions } from './programmes.ts';
export {
  checkSchedule,
  deadlineAfterCorrection,
  depositRefundDeadline,
  earliestBidDeadline,
  earliestDocumentsAvailableUntil,
  type TimedMethod,
} from './rules/deadlines.ts';
export type { TemplateKind } from './documents/model.ts';
export { lotteryPrice, lotteryPriceOf, type LotteryRounding } from './rules/lottery.ts';
/** For the award module's contracts: the project's template rendered with its facts, and the .docx writer. */
export { formatDay, moneyPhrase, renderDocument, yuan, yuanInWords } from './documents/render.ts';
export { toDocx } from './documents/docx.ts';
export type { Block, RenderedDocument, RenderInput } from './documents/model.ts';
