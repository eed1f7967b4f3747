import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { Navigate, Route, Routes, useNavigate } from 'react-router-dom';
import { setUnauthorizedHandler } from './api.ts';
import { AuditPage } from './features/audit/AuditPage.tsx';
import { ComplaintsPage } from './features/award/challenges/ComplaintsPage.tsx';
import { MyChallengesPage } from './features/award/challenges/MyChallengesPage.tsx';
import { ContractDetailPage } from './features/award/contracts/ContractDetailPage.tsx';
import { ContractsPage } from './features/award/contracts/ContractsPage.tsx';
import { LettersPage } from './features/award/decision/LettersPage.tsx';
import { AcceptanceReportPage } from './features/award/performance/AcceptanceReportPage.tsx';
import { ProjectChallengesPage, ProjectContractsPage, SigningKeyPage } from './features/award/routes.tsx';
import { OpeningHallPage } from './features/bidding/OpeningHallPage.tsx';
import { OpeningKeyPage } from './features/bidding/OpeningKeyPage.tsx';
import { ChangePasswordPage } from './features/auth/ChangePasswordPage.tsx';
import { LoginPage } from './features/auth/LoginPage.tsx';
import { RequireSession } from './features/auth/RequireSession.tsx';
import { sessionKey } from './features/auth/session.ts';
import { DrawVerifyPage } from './features/evaluation/DrawVerifyPage.tsx';
import { InvitationsPage } from './features/evaluation/InvitationsPage.tsx';
import { RoomPage } from './features/evaluation/room/RoomPage.tsx';
import { ExpertCoveragePage } from './features/experts/ExpertCoveragePage.tsx';
import { ExpertDetailPage } from './features/experts/ExpertDetailPage.tsx';
import { ExpertsPage } from './features/experts/ExpertsPage.tsx';
import { MyExpertPage } from './features/experts/MyExpertPage.tsx';
import { ImportPage } from './features/imports/ImportPage.tsx';
import { IntermediariesPage } from './features/orgs/IntermediariesPage.tsx';
import { MySupplierPage } from './features/orgs/MySupplierPage.tsx';
import { PurchaserDetailPage } from './features/orgs/PurchaserDetailPage.tsx';
import { PurchasersPage } from './features/orgs/PurchasersPage.tsx';
import { SupplierDetailPage } from './features/orgs/SupplierDetailPage.tsx';
import { SuppliersPage } from './features/orgs/SuppliersPage.tsx';
import { UsersPage } from './features/orgs/UsersPage.tsx';
import { HalfYearPage } from './features/portal/HalfYearPage.tsx';
import { IntentionsPage } from './features/portal/IntentionsPage.tsx';
import { MonthlyPlanPage } from './features/portal/MonthlyPlanPage.tsx';
import { NoticeDetailPage } from './features/portal/NoticeDetail.tsx';
import { NoticesPage } from './features/portal/Notices.tsx';
import { PlanLinesPage } from './features/planning/PlanLinesPage.tsx';
import { ExpertApplyPage } from './features/portal/ExpertApplyPage.tsx';
import { IntermediaryDirectoryPage } from './features/portal/IntermediaryDirectoryPage.tsx';
import { IntermediaryRegisterPage } from './features/portal/IntermediaryRegisterPage.tsx';
import { PortalPage } from './features/portal/PortalPage.tsx';
import { ProjectPublicPage } from './features/portal/ProjectPublicPage.tsx';
import { SupplierRegisterPage } from './features/portal/SupplierRegisterPage.tsx';
import { HistoryImportPage } from './features/statistics/history/index.ts';
import { StatisticsPage } from './features/statistics/StatisticsPage.tsx';
import { BundlesPage } from './features/tendering/BundlesPage.tsx';
import { CreateProjectPage } from './features/tendering/CreateProjectPage.tsx';
import { ProgrammesPage } from './features/tendering/ProgrammesPage.tsx';
import { ProjectDetailPage } from './features/tendering/ProjectDetailPage.tsx';
import { ProjectsPage } from './features/tendering/ProjectsPage.tsx';
import { TemplatesPage } from './features/tendering/TemplatesPage.tsx';
import { DashboardPage } from './features/workspace/DashboardPage.tsx';
import { NotFoundPage, RequireAbility } from './features/workspace/RequireAbility.tsx';
import { WorkspaceLayout } from './features/workspace/WorkspaceLayout.tsx';

/** A session that ends on the server (expiry, logout in another tab, account disabled) sends the user to login. */
function SessionExpiryWatcher() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (!window.location.pathname.startsWith('/app')) return;
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      void queryClient.invalidateQueries({ queryKey: sessionKey });
      void message.warning({ content: '登录已失效，请重新登录', key: 'session-expired' });
      void navigate('/login', { replace: true });
    });
    return () => setUnauthorizedHandler(null);
  }, [navigate, queryClient, message]);
  return null;
}

function guarded(entity: string, action: string, page: ReactNode) {
  return (
    <RequireAbility entity={entity} action={action}>
      {page}
    </RequireAbility>
  );
}

export function App() {
  return (
    <>
      <SessionExpiryWatcher />
      <Routes>
        <Route path="/" element={<PortalPage />} />
        <Route path="/login" element={<LoginPage />} />
        <Route path="/register/supplier" element={<SupplierRegisterPage />} />
        <Route path="/apply/expert" element={<ExpertApplyPage />} />
        <Route path="/intermediaries" element={<IntermediaryDirectoryPage />} />
        <Route path="/intermediaries/register" element={<IntermediaryRegisterPage />} />
        <Route path="/intentions" element={<IntentionsPage />} />
        <Route path="/monthly-plan" element={<MonthlyPlanPage />} />
        <Route path="/notices" element={<NoticesPage />} />
        <Route path="/notices/:id" element={<NoticeDetailPage />} />
        <Route path="/half-year" element={<HalfYearPage />} />
        <Route path="/projects/:id" element={<ProjectPublicPage />} />
        <Route path="/draws/verify" element={<DrawVerifyPage />} />
        <Route
          path="/app"
          element={
            <RequireSession>
              <WorkspaceLayout />
            </RequireSession>
          }
        >
          <Route index element={<DashboardPage />} />
          <Route path="users" element={guarded('user', 'list', <UsersPage />)} />
          <Route path="purchasers" element={guarded('purchaser', 'list', <PurchasersPage />)} />
          {/* A purchaser reads its own unit without the list ability: the server answers for the record. */}
          <Route path="purchasers/:id" element={<PurchaserDetailPage />} />
          <Route path="suppliers" element={guarded('supplier', 'list', <SuppliersPage />)} />
          <Route path="suppliers/:id" element={guarded('supplier', 'readPublic', <SupplierDetailPage />)} />
          {/* The server's answer for /api/suppliers/me guards this page (see MySupplierPage). */}
          <Route path="my-supplier" element={<MySupplierPage />} />
          <Route path="intermediaries" element={guarded('intermediary', 'listAll', <IntermediariesPage />)} />
          <Route path="experts" element={guarded('expert', 'list', <ExpertsPage />)} />
          <Route path="experts/coverage" element={guarded('expert', 'coverage', <ExpertCoveragePage />)} />
          <Route path="experts/:id" element={guarded('expert', 'view', <ExpertDetailPage />)} />
          {/* The server's answer for /api/experts/me guards this page (see MyExpertPage). */}
          <Route path="my-expert" element={<MyExpertPage />} />
          <Route path="invitations" element={guarded('invitation', 'listMine', <InvitationsPage />)} />
          <Route path="plans" element={guarded('planLine', 'list', <PlanLinesPage />)} />
          <Route path="projects" element={guarded('project', 'list', <ProjectsPage />)} />
          <Route path="projects/new" element={guarded('project', 'create', <CreateProjectPage />)} />
          <Route path="projects/bundles" element={guarded('bundle', 'suggest', <BundlesPage />)} />
          {/* Suppliers open a published project from its notice without the list ability: the server answers. */}
          <Route path="projects/:id" element={<ProjectDetailPage />} />
          <Route path="projects/:id/opening" element={guarded('opening', 'read', <OpeningHallPage />)} />
          <Route path="projects/:id/evaluation" element={guarded('evaluation', 'read', <RoomPage />)} />
          <Route
            path="projects/:id/contracts"
            element={guarded('contract', 'list', <ProjectContractsPage />)}
          />
          <Route
            path="projects/:id/challenges"
            element={guarded('challenge', 'listProject', <ProjectChallengesPage />)}
          />
          <Route path="contracts" element={guarded('contract', 'list', <ContractsPage />)} />
          <Route path="contracts/:id" element={guarded('contract', 'list', <ContractDetailPage />)} />
          <Route path="acceptances/:id/report" element={<AcceptanceReportPage />} />
          <Route path="my/award-letters" element={guarded('awardLetter', 'listMine', <LettersPage />)} />
          <Route path="my/challenges" element={guarded('challenge', 'listMine', <MyChallengesPage />)} />
          <Route path="complaints" element={guarded('complaint', 'list', <ComplaintsPage />)} />
          <Route path="signing-key" element={guarded('signingKey', 'readOwn', <SigningKeyPage />)} />
          <Route path="programmes" element={guarded('programme', 'list', <ProgrammesPage />)} />
          <Route path="templates" element={guarded('template', 'list', <TemplatesPage />)} />
          <Route path="imports" element={guarded('import', 'import', <ImportPage />)} />
          <Route path="opening-key" element={guarded('custodian', 'manageOwnKey', <OpeningKeyPage />)} />
          <Route path="statistics" element={guarded('statistics', 'read', <StatisticsPage />)} />
          <Route
            path="statistics/history"
            element={guarded('statistics', 'importHistory', <HistoryImportPage />)}
          />
          <Route path="audit" element={guarded('audit', 'list', <AuditPage />)} />
          <Route path="password" element={guarded('session', 'changePassword', <ChangePasswordPage />)} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        <Route path="/index.html" element={<Navigate to="/" replace />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </>
  );
}
