/** The award decision's panel and pages, wired into the project page, the routes and the menu. */
export { AwardPanel } from './AwardPanel.tsx';
export { LettersPage } from './LettersPage.tsx';
export { AlertsCard } from './AlertsCard.tsx';
