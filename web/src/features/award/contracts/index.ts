export { ContractsPage } from './ContractsPage.tsx';
export { ContractDetailPage } from './ContractDetailPage.tsx';
export { GenerateContractsForm } from './GenerateContractsForm.tsx';
export { SigningKeyCard } from './SigningKeyCard.tsx';
