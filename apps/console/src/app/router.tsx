import { createRootRoute, createRoute, createRouter, Navigate, Outlet, redirect } from '@tanstack/react-router';
import { AccountMergePage, parseMergeSearch } from '../accounts/account-merge-page';
import { AccountOverviewPage } from '../accounts/account-overview-page';
import { CustomerTreePage } from '../customers/customer-tree-page';
import { SettingsIndexPage, SettingsPage } from '../settings/settings-page';
import { PermissionMatrixPage } from '../roles/permission-matrix-page';
import { OperationsPage, parseOperationsSearch } from '../operations/operations-page';
import { SignInPage } from '../pages/sign-in-page';
import { GridPage } from '../resources/grid-page';
import { parseGridSearch } from '../resources/grid-search';
import { RecordFormPage } from '../resources/record-form-page';
import { RecordViewPage } from '../resources/record-view-page';
import { menuFor } from './menu';
import { session, useServedTypes } from './services';
import { Shell } from './shell';

const rootRoute = createRootRoute({ component: Outlet });

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'sign-in',
  validateSearch: (search: Record<string, unknown>) => (typeof search.redirect === 'string' ? { redirect: search.redirect } : {}),
  component: SignInPage,
});

/** Every page but sign-in: resumes the session after a reload (refresh token), else sends to sign-in. */
const shellRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  beforeLoad: async ({ location }) => {
    if (!session.token && !(session.resumable && (await session.renew()))) {
      throw redirect({ to: '/sign-in', search: { redirect: location.href } });
    }
  },
  component: Shell,
});

function FirstMenuEntry() {
  const served = useServedTypes();
  const first = served && menuFor(served)[0]?.types[0];
  return first ? <Navigate to="/$type" params={{ type: first }} replace /> : null;
}

const homeRoute = createRoute({ getParentRoute: () => shellRoute, path: '/', component: FirstMenuEntry });

// Generic pages for any resource of the served document. Pages made for one resource (the account 360° view, the
// customer tree, the merge wizard, the role matrix) get their own static routes, which win over these.
const gridRoute = createRoute({ getParentRoute: () => shellRoute, path: '$type', validateSearch: parseGridSearch, component: GridPage });
const createRecordRoute = createRoute({ getParentRoute: () => shellRoute, path: '$type/new', component: () => <RecordFormPage mode="create" /> });
const viewRoute = createRoute({ getParentRoute: () => shellRoute, path: '$type/$id', component: RecordViewPage });
const editRoute = createRoute({ getParentRoute: () => shellRoute, path: '$type/$id/edit', component: () => <RecordFormPage mode="edit" /> });

const accountOverviewRoute = createRoute({ getParentRoute: () => shellRoute, path: 'accounts/$id/overview', component: AccountOverviewPage });
const customerTreeRoute = createRoute({ getParentRoute: () => shellRoute, path: 'customers/tree', component: CustomerTreePage });
const settingsRoute = createRoute({ getParentRoute: () => shellRoute, path: 'settings', component: SettingsIndexPage });
const settingsSectionRoute = createRoute({ getParentRoute: () => shellRoute, path: 'settings/$section', component: SettingsPage });
const rolePermissionsRoute = createRoute({ getParentRoute: () => shellRoute, path: 'roles/$id/permissions', component: () => <PermissionMatrixPage type="roles" /> });
const customerUserRolePermissionsRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: 'customeruserroles/$id/permissions',
  component: () => <PermissionMatrixPage type="customeruserroles" />,
});
const operationsRoute = createRoute({ getParentRoute: () => shellRoute, path: 'operations', validateSearch: parseOperationsSearch, component: OperationsPage });
const accountMergeRoute = createRoute({ getParentRoute: () => shellRoute, path: 'accounts/merge', validateSearch: parseMergeSearch, component: AccountMergePage });

const routeTree = rootRoute.addChildren([
  signInRoute,
  shellRoute.addChildren([homeRoute, gridRoute, createRecordRoute, viewRoute, editRoute, accountOverviewRoute, customerTreeRoute, settingsRoute, settingsSectionRoute, rolePermissionsRoute, customerUserRolePermissionsRoute, accountMergeRoute, operationsRoute]),
]);

export const router = createRouter({ routeTree, basepath: '/admin', defaultPreload: false, scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
