/** The historical import's public face, for the CLI and the demo seed. */
export { historyRoutes } from './routes.ts';
export {
  historyTemplate,
  importHistory,
  listHistoryImports,
  withdrawHistoryImport,
  type HistoryFile,
  type HistoryImportOptions,
  type HistoryOutcome,
  type HistoryPhase,
} from './commands.ts';
export { HISTORY_COLUMNS } from './columns.ts';
export { MAX_ROWS as MAX_HISTORY_ROWS } from './sheet.ts';
