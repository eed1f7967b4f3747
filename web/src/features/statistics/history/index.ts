export { HistoryImportPage } from './HistoryImportPage.tsx';
