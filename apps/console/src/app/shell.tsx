import { useQuery } from '@tanstack/react-query';
import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { indexIncluded } from '../api/json-api-client';
import { recordLabel } from '../api/resource-model';
import { en, resourceLabel } from '../i18n/en';
import { menuFor } from './menu';
import { api, session, useApiDocument, useServedTypes } from './services';

/** The signed-in frame: the menu on the left (a drawer on a narrow window), the header with organization and user. */
export function Shell() {
  const served = useServedTypes();
  const document = useApiDocument().data;
  const settingsServed = Boolean(document?.paths['/admin/api/settings']);
  const operationsServed = Boolean(document?.paths['/admin/api/asyncoperations']);
  const [open, setOpen] = useState(false);
  return (
    <div className="min-h-screen bg-slate-50 text-slate-900 md:flex">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2">
        {en.app.skipToContent}
      </a>
      <nav
        aria-label={en.header.menu}
        className={`${open ? 'block' : 'hidden'} w-full shrink-0 border-r border-slate-200 bg-slate-900 text-slate-100 md:block md:min-h-screen md:w-56`}
      >
        <div className="px-4 py-3 text-base font-semibold">{en.app.title}</div>
        {served &&
          menuFor(served).map((group) => (
            <div key={group.label} className="mb-3">
              <div className="px-4 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-400">{group.label}</div>
              <ul>
                {group.types.map((type) => (
                  <li key={type}>
                    <Link
                      to="/$type"
                      params={{ type }}
                      onClick={() => setOpen(false)}
                      className="block px-4 py-1.5 text-sm text-slate-200 hover:bg-slate-800"
                      activeProps={{ className: 'bg-slate-800 font-medium text-white' }}
                      activeOptions={{ includeSearch: false }}
                    >
                      {resourceLabel(type)}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        {operationsServed && (
          <div className="px-4 py-1">
            <Link
              to="/operations"
              onClick={() => setOpen(false)}
              className="block py-0.5 text-sm text-slate-200 hover:text-white"
              activeProps={{ className: 'font-medium text-white' }}
            >
              {en.menu.operations}
            </Link>
          </div>
        )}
        {settingsServed && (
          <div className="px-4 py-1">
            <Link
              to="/settings"
              onClick={() => setOpen(false)}
              className="block py-0.5 text-sm text-slate-200 hover:text-white"
              activeProps={{ className: 'font-medium text-white' }}
            >
              {en.menu.settings}
            </Link>
          </div>
        )}
        <div className="px-4 py-2">
          <a href="/admin/api/doc" className="text-sm text-slate-300 underline hover:text-white">
            {en.app.apiReference}
          </a>
        </div>
      </nav>
      <div className="min-w-0 flex-1">
        <Header onMenu={() => setOpen((v) => !v)} />
        <main id="main" className="p-4">
          <Outlet />
        </main>
      </div>
    </div>
  );
}

function Header({ onMenu }: { onMenu: () => void }) {
  const navigate = useNavigate();
  const user = session.user;
  const me = useQuery({
    queryKey: ['me', user?.userId],
    enabled: Boolean(user),
    queryFn: () => api.get('users', user!.userId, { include: ['organization'], fields: { users: ['email', 'firstName', 'lastName', 'organization'], organizations: ['name'] } }),
  });
  const organization = me.data && indexIncluded(me.data.included).get(`organizations:${user?.organizationId}`);
  return (
    <header className="flex items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 py-2">
      <button type="button" className="rounded border border-slate-300 px-2 py-1 text-sm md:hidden" onClick={onMenu}>
        {en.header.menu}
      </button>
      <div className="text-sm text-slate-600" data-testid="organization">
        <span className="sr-only">{en.header.organization}: </span>
        {organization ? String(organization.attributes?.name ?? '') : ''}
      </div>
      <div className="flex items-center gap-3 text-sm">
        <span data-testid="current-user">{me.data ? recordLabel(me.data.data) : ''}</span>
        <button
          type="button"
          className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50"
          onClick={async () => {
            await session.signOut();
            await navigate({ to: '/sign-in' });
          }}
        >
          {en.header.signOut}
        </button>
      </div>
    </header>
  );
}
