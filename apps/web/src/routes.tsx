import { Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { RequireAuth } from './components/RequireAuth.tsx';
import { RouteErrorPage } from './features/errors/RouteErrorPage.tsx';
import { AppLayout } from './features/layout/AppLayout.tsx';

// Pages load on demand: a visitor who only signs in never downloads the admin screens.
const HomePage = lazy(() => import('./features/home/HomePage.tsx').then((m) => ({ default: m.HomePage })));
const LoginPage = lazy(() => import('./features/auth/LoginPage.tsx').then((m) => ({ default: m.LoginPage })));
const RegisterPage = lazy(() => import('./features/auth/RegisterPage.tsx').then((m) => ({ default: m.RegisterPage })));
const ForgotPasswordPage = lazy(() =>
  import('./features/auth/ForgotPasswordPage.tsx').then((m) => ({ default: m.ForgotPasswordPage })),
);
const AccountPage = lazy(() => import('./features/account/AccountPage.tsx').then((m) => ({ default: m.AccountPage })));
const CertificationPage = lazy(() =>
  import('./features/certification/CertificationPage.tsx').then((m) => ({ default: m.CertificationPage })),
);
const OrgSearchPage = lazy(() => import('./features/orgs/OrgSearchPage.tsx').then((m) => ({ default: m.OrgSearchPage })));
const AdminOrgsPage = lazy(() => import('./features/admin-orgs/AdminOrgsPage.tsx').then((m) => ({ default: m.AdminOrgsPage })));
const AdminCertificationsPage = lazy(() =>
  import('./features/admin-certifications/AdminCertificationsPage.tsx').then((m) => ({ default: m.AdminCertificationsPage })),
);
const AdminOutboxPage = lazy(() =>
  import('./features/admin-outbox/AdminOutboxPage.tsx').then((m) => ({ default: m.AdminOutboxPage })),
);
const CampaignPage = lazy(() => import('./features/campaigns/CampaignPage.tsx').then((m) => ({ default: m.CampaignPage })));
const OrganizerPage = lazy(() => import('./features/organizer/OrganizerPage.tsx').then((m) => ({ default: m.OrganizerPage })));
const CampaignSettingsPage = lazy(() =>
  import('./features/organizer/settings/CampaignSettingsPage.tsx').then((m) => ({ default: m.CampaignSettingsPage })),
);
const FormEditorPage = lazy(() =>
  import('./features/organizer/form-editor/FormEditorPage.tsx').then((m) => ({ default: m.FormEditorPage })),
);
const MyEntriesPage = lazy(() => import('./features/entries/MyEntriesPage.tsx').then((m) => ({ default: m.MyEntriesPage })));
const EntryPage = lazy(() => import('./features/entries/EntryPage.tsx').then((m) => ({ default: m.EntryPage })));
const PublicEntryPage = lazy(() =>
  import('./features/entries/PublicEntryPage.tsx').then((m) => ({ default: m.PublicEntryPage })),
);
const ScreeningIndexPage = lazy(() =>
  import('./features/screening/ScreeningIndexPage.tsx').then((m) => ({ default: m.ScreeningIndexPage })),
);
const ScreeningQueuePage = lazy(() =>
  import('./features/screening/ScreeningQueuePage.tsx').then((m) => ({ default: m.ScreeningQueuePage })),
);
const VotePage = lazy(() => import('./features/voting/VotePage.tsx').then((m) => ({ default: m.VotePage })));
const PopularityPage = lazy(() => import('./features/voting/PopularityPage.tsx').then((m) => ({ default: m.PopularityPage })));
const VotingDashboardPage = lazy(() =>
  import('./features/voting/VotingDashboardPage.tsx').then((m) => ({ default: m.VotingDashboardPage })),
);
const JudgeHomePage = lazy(() =>
  import('./features/judging/judge/JudgeHomePage.tsx').then((m) => ({ default: m.JudgeHomePage })),
);
const JudgeSheetPage = lazy(() =>
  import('./features/judging/judge/JudgeSheetPage.tsx').then((m) => ({ default: m.JudgeSheetPage })),
);
const JudgeInvitationPage = lazy(() =>
  import('./features/judging/judge/JudgeInvitationPage.tsx').then((m) => ({ default: m.JudgeInvitationPage })),
);
const JudgesPoolPage = lazy(() =>
  import('./features/judging/organizer/JudgesPoolPage.tsx').then((m) => ({ default: m.JudgesPoolPage })),
);
const CampaignJudgingPage = lazy(() =>
  import('./features/judging/organizer/CampaignJudgingPage.tsx').then((m) => ({ default: m.CampaignJudgingPage })),
);
const RoundPage = lazy(() => import('./features/judging/organizer/RoundPage.tsx').then((m) => ({ default: m.RoundPage })));
const StagesPage = lazy(() => import('./features/stage/StagesPage.tsx').then((m) => ({ default: m.StagesPage })));
const HostConsolePage = lazy(() => import('./features/stage/HostConsolePage.tsx').then((m) => ({ default: m.HostConsolePage })));
const JudgePhonePage = lazy(() => import('./features/stage/JudgePhonePage.tsx').then((m) => ({ default: m.JudgePhonePage })));
const ScreenPage = lazy(() => import('./features/stage/ScreenPage.tsx').then((m) => ({ default: m.ScreenPage })));
const AwardsPage = lazy(() => import('./features/awards/AwardsPage.tsx').then((m) => ({ default: m.AwardsPage })));
const HonoursPage = lazy(() => import('./features/awards/HonoursPage.tsx').then((m) => ({ default: m.HonoursPage })));
const NoticePage = lazy(() => import('./features/notice/NoticePage.tsx').then((m) => ({ default: m.NoticePage })));
const NoticeManagerPage = lazy(() =>
  import('./features/notice/NoticeManagerPage.tsx').then((m) => ({ default: m.NoticeManagerPage })),
);
const ObjectionPage = lazy(() => import('./features/notice/ObjectionPage.tsx').then((m) => ({ default: m.ObjectionPage })));
const CertificatesPage = lazy(() =>
  import('./features/certificates/CertificatesPage.tsx').then((m) => ({ default: m.CertificatesPage })),
);
const VerifyPage = lazy(() => import('./features/certificates/VerifyPage.tsx').then((m) => ({ default: m.VerifyPage })));
const NotFoundPage = lazy(() => import('./features/errors/NotFoundPage.tsx').then((m) => ({ default: m.NotFoundPage })));

const page = (node: ReactNode) => (
  <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: '64px auto' }} />}>{node}</Suspense>
);

export const router = createBrowserRouter([
  // The hall's big screen: public, full-window, no header or footer (issue 11 item 4).
  { path: 'stages/:stageId/screen', element: page(<ScreenPage />), errorElement: <RouteErrorPage /> },
  {
    element: <AppLayout />,
    // The header stays usable when one page fails: the error renders inside the layout's outlet.
    children: [
      {
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: page(<HomePage />) },
          { path: 'login', element: page(<LoginPage />) },
          { path: 'register', element: page(<RegisterPage />) },
          { path: 'forgot-password', element: page(<ForgotPasswordPage />) },
          { path: 'reset-password', element: <Navigate to="/forgot-password" replace /> },
          { path: 'orgs', element: page(<OrgSearchPage />) },
          { path: 'campaigns/:id', element: page(<CampaignPage />) },
          { path: 'campaigns/:campaignId/vote', element: page(<VotePage />) },
          { path: 'account', element: <RequireAuth>{page(<AccountPage />)}</RequireAuth> },
          { path: 'certification', element: <RequireAuth>{page(<CertificationPage />)}</RequireAuth> },
          {
            path: 'admin/organizations',
            element: <RequireAuth ability="manageOrganizations">{page(<AdminOrgsPage />)}</RequireAuth>,
          },
          { path: 'admin/orgs', element: <Navigate to="/admin/organizations" replace /> },
          {
            path: 'admin/certifications',
            element: <RequireAuth ability="reviewCertifications">{page(<AdminCertificationsPage />)}</RequireAuth>,
          },
          {
            path: 'admin/outbox',
            element: <RequireAuth ability="manageOutbox">{page(<AdminOutboxPage />)}</RequireAuth>,
          },
          { path: 'organizer', element: <RequireAuth>{page(<OrganizerPage />)}</RequireAuth> },
          { path: 'organizer/campaigns/:id', element: <RequireAuth>{page(<CampaignSettingsPage />)}</RequireAuth> },
          { path: 'organizer/campaigns/:id/popularity', element: <RequireAuth>{page(<PopularityPage />)}</RequireAuth> },
          { path: 'organizer/campaigns/:id/voting', element: <RequireAuth>{page(<VotingDashboardPage />)}</RequireAuth> },
          { path: 'organizer/campaigns/:id/form', element: <RequireAuth>{page(<FormEditorPage />)}</RequireAuth> },
          { path: 'entries', element: <RequireAuth>{page(<MyEntriesPage />)}</RequireAuth> },
          { path: 'entries/public/:id', element: page(<PublicEntryPage />) },
          { path: 'campaigns/:campaignId/entries/:id', element: page(<PublicEntryPage />) },
          { path: 'entries/:id', element: <RequireAuth>{page(<EntryPage />)}</RequireAuth> },
          { path: 'screening', element: <RequireAuth>{page(<ScreeningIndexPage />)}</RequireAuth> },
          { path: 'screening/:campaignId', element: <RequireAuth>{page(<ScreeningQueuePage />)}</RequireAuth> },
          { path: 'judging', element: <RequireAuth>{page(<JudgeHomePage />)}</RequireAuth> },
          { path: 'judging/assignments/:assignmentId', element: <RequireAuth>{page(<JudgeSheetPage />)}</RequireAuth> },
          { path: 'judging/invitations/:token', element: page(<JudgeInvitationPage />) },
          { path: 'organizer/:organizerId/judges', element: <RequireAuth>{page(<JudgesPoolPage />)}</RequireAuth> },
          { path: 'organizer/campaigns/:id/judging', element: <RequireAuth>{page(<CampaignJudgingPage />)}</RequireAuth> },
          { path: 'organizer/judging/rounds/:roundId', element: <RequireAuth>{page(<RoundPage />)}</RequireAuth> },
          { path: 'campaigns/:campaignId/stages', element: <RequireAuth>{page(<StagesPage />)}</RequireAuth> },
          { path: 'stages/:stageId/host', element: <RequireAuth>{page(<HostConsolePage />)}</RequireAuth> },
          { path: 'stages/:stageId/judge', element: <RequireAuth>{page(<JudgePhonePage />)}</RequireAuth> },
          { path: 'organizer/campaigns/:id/awards', element: <RequireAuth>{page(<AwardsPage />)}</RequireAuth> },
          { path: 'organizer/campaigns/:id/notice', element: <RequireAuth>{page(<NoticeManagerPage />)}</RequireAuth> },
          { path: 'organizer/campaigns/:id/certificates', element: <RequireAuth>{page(<CertificatesPage />)}</RequireAuth> },
          { path: 'objections/:objectionId', element: <RequireAuth>{page(<ObjectionPage />)}</RequireAuth> },
          { path: 'campaigns/:campaignId/notice', element: page(<NoticePage />) },
          { path: 'campaigns/:campaignId/honours', element: page(<HonoursPage />) },
          { path: 'v/:ref', element: page(<VerifyPage />) },
          { path: '*', element: page(<NotFoundPage />) },
        ],
      },
    ],
  },
]);
