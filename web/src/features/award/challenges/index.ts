/** 质疑 and 投诉 pages and panels, wired into the app's routes, menu and project page by the lead. */
export { MyChallengesPage } from './MyChallengesPage.tsx';
export { ChallengesPanel } from './ChallengesPanel.tsx';
export { ComplaintsPage } from './ComplaintsPage.tsx';
export { ChallengeForm } from './ChallengeForm.tsx';
export { ComplaintForm } from './ComplaintForm.tsx';
export { ChallengeDetails, ComplaintDetails } from './common.tsx';
