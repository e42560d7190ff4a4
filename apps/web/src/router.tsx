import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, redirect } from '@tanstack/react-router';
import { z } from 'zod';
import { AdminClientPage } from './admin/admin-client-page';
import { AdminClientsPage } from './admin/admin-clients-page';
import { AdminLayout } from './admin/admin-layout';
import { AgencyUsersPage } from './admin/agency-users-page';
import { queryClient, setUnauthorizedHandler } from './api/query-client';
import { queryKeys } from './api/query-keys';
import { canAdminister, homePath, meQuery } from './auth/me-query';
import { AutomationPage } from './automation/automation-page';
import { ConversationPane } from './desk/conversation-pane';
import { DeskEmptyPane } from './desk/desk-empty-pane';
import { DeskLayout } from './desk/desk-layout';
import { DeskSearch } from './desk/desk-search';
import { MailCatcherPage, UnmatchedBouncesPage } from './email';
import { PortalEscalationPage, PortalEscalationsPage } from './escalation';
import { HelpPage } from './kb/help-page';
import { AgencyKbPage, PortalKbPage } from './kb/kb-pages';
import { AppLayout } from './layout/app-layout';
import { NotFoundPage } from './layout/not-found-page';
import { RootLayout } from './layout/root-layout';
import { RouteError } from './layout/route-error';
import { LoginPage } from './login/login-page';
import { CallbacksPage } from './phone/callbacks-page';
import { CallsPage } from './phone/calls-page';
import { PortalConversationPage } from './portal/portal-conversation-page';
import { PortalListPage } from './portal/portal-list-page';
import { PortalSearch } from './portal/portal-search';
import { QueueBoardPage } from './routing/queue-board-page';

type RouterContext = { queryClient: QueryClient };

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteError,
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: z.object({ redirect: z.string().optional().catch(undefined) }),
  beforeLoad: async ({ context }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (me) throw redirect({ to: homePath(me) });
  },
  component: LoginPage,
});

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: async ({ context }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    throw redirect({ to: me ? homePath(me) : '/login' });
  },
});

const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (!me) throw redirect({ to: '/login', search: { redirect: location.href } });
    return { me };
  },
  component: AppLayout,
});

const deskRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/desk',
  validateSearch: DeskSearch,
  beforeLoad: ({ context }) => {
    if (context.me.kind !== 'agency') throw redirect({ to: homePath(context.me) });
  },
  component: DeskLayout,
});
const deskIndexRoute = createRoute({ getParentRoute: () => deskRoute, path: '/', component: DeskEmptyPane });
const deskConversationRoute = createRoute({
  getParentRoute: () => deskRoute,
  path: '/$conversationId',
  component: ConversationPane,
});

const queueRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/queue',
  beforeLoad: ({ context }) => {
    if (!canAdminister(context.me)) throw redirect({ to: homePath(context.me) });
  },
  component: QueueBoardPage,
});

const adminRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin',
  beforeLoad: ({ context }) => {
    if (!canAdminister(context.me)) throw redirect({ to: homePath(context.me) });
  },
  component: AdminLayout,
});
const adminIndexRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/admin/clients' });
  },
});
const adminClientsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/clients',
  component: AdminClientsPage,
});
const adminClientRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/clients/$clientId',
  validateSearch: z.object({
    tab: z.enum(['inboxes', 'users', 'phone', 'routing', 'sla', 'escalation']).optional().catch(undefined),
  }),
  component: AdminClientPage,
});
const adminUsersRoute = createRoute({ getParentRoute: () => adminRoute, path: '/users', component: AgencyUsersPage });
const adminAutomationRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/automation',
  validateSearch: z.object({
    client: z.string().optional().catch(undefined),
    tab: z.enum(['rules', 'macros', 'runs']).optional().catch(undefined),
  }),
  component: AutomationPage,
});
const adminMailCatcherRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/mail-catcher',
  component: MailCatcherPage,
});
const adminBouncesRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/email-bounces',
  component: UnmatchedBouncesPage,
});

const portalRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/portal',
  beforeLoad: ({ context }) => {
    if (context.me.kind !== 'client') throw redirect({ to: homePath(context.me) });
  },
});
const portalIndexRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/',
  validateSearch: PortalSearch,
  component: PortalListPage,
});
const portalConversationRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/$number',
  params: {
    parse: (raw) => ({ number: z.coerce.number().int().positive().parse(raw.number) }),
    stringify: (params) => ({ number: String(params.number) }),
  },
  component: PortalConversationPage,
});

const kbRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/kb',
  beforeLoad: ({ context }) => {
    if (context.me.kind !== 'agency') throw redirect({ to: '/portal/kb' });
  },
  component: AgencyKbPage,
});
const callsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/calls',
  beforeLoad: ({ context }) => {
    if (context.me.kind !== 'agency') throw redirect({ to: '/portal/calls' });
  },
  component: CallsPage,
});
const callbacksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/callbacks',
  beforeLoad: ({ context }) => {
    if (context.me.kind !== 'agency') throw redirect({ to: '/portal/calls' });
  },
  component: CallbacksPage,
});
const portalCallsRoute = createRoute({ getParentRoute: () => portalRoute, path: '/calls', component: CallsPage });
const portalKbRoute = createRoute({ getParentRoute: () => portalRoute, path: '/kb', component: PortalKbPage });
const portalEscalationsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/escalations',
  component: PortalEscalationsPage,
});
const portalEscalationRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/escalations/$escalationId',
  component: PortalEscalationPage,
});
const helpRoute = createRoute({ getParentRoute: () => rootRoute, path: '/help/$slug', component: HelpPage });

const routeTree = rootRoute.addChildren([
  loginRoute,
  indexRoute,
  helpRoute,
  appRoute.addChildren([
    kbRoute,
    callsRoute,
    callbacksRoute,
    deskRoute.addChildren([deskIndexRoute, deskConversationRoute]),
    queueRoute,
    adminRoute.addChildren([
      adminIndexRoute,
      adminClientsRoute,
      adminClientRoute,
      adminUsersRoute,
      adminAutomationRoute,
      adminMailCatcherRoute,
      adminBouncesRoute,
    ]),
    portalRoute.addChildren([
      portalIndexRoute,
      portalKbRoute,
      portalEscalationsRoute,
      portalEscalationRoute,
      portalCallsRoute,
      portalConversationRoute,
    ]),
  ]),
]);

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: 'intent',
  scrollRestoration: true,
});

setUnauthorizedHandler(() => {
  queryClient.setQueryData(queryKeys.me, null);
  if (router.state.location.pathname !== '/login') {
    void router.navigate({ to: '/login', search: { redirect: router.state.location.href } });
  }
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
