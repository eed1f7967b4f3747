export { ContractPerformance } from './ContractPerformance.tsx';
export { AcceptanceReportPage } from './AcceptanceReportPage.tsx';
