import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { session } from '../app/services';
import { Alert } from '../components/ui/alert';
import { Button } from '../components/ui/button';
import { Input } from '../components/ui/input';
import { en } from '../i18n/en';

export function SignInPage() {
  const navigate = useNavigate();
  const { redirect } = useSearch({ strict: false }) as { redirect?: string };
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setWorking(true);
    setError(null);
    try {
      await session.signIn(String(form.get('email')), String(form.get('password')));
      // Only a path of this console: never a redirect to another site.
      await navigate({ to: redirect?.startsWith('/') && !redirect.startsWith('//') ? redirect : '/' });
    } catch (e) {
      setError(e instanceof Error ? e.message : en.common.error);
    } finally {
      setWorking(false);
    }
  }

  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-100 p-4">
      <form onSubmit={submit} className="w-full max-w-sm rounded-md border border-slate-200 bg-white p-6 shadow-sm" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title" className="mb-4 text-lg font-semibold text-slate-900">
          {en.app.title} — {en.signIn.title}
        </h1>
        {error && <Alert>{error}</Alert>}
        <label className="mb-3 block text-sm font-medium text-slate-700">
          {en.signIn.email}
          <Input name="email" type="email" autoComplete="username" required autoFocus className="mt-1" />
        </label>
        <label className="mb-4 block text-sm font-medium text-slate-700">
          {en.signIn.password}
          <Input name="password" type="password" autoComplete="current-password" required className="mt-1" />
        </label>
        <Button type="submit" variant="primary" disabled={working} className="w-full justify-center">
          {working ? en.signIn.working : en.signIn.submit}
        </Button>
      </form>
    </main>
  );
}
