import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { JsonApiError, type ResourceObject } from '../api/json-api-client';
import { api } from '../app/services';
import { Alert } from '../components/ui/alert';
import { Button } from '../components/ui/button';
import { en } from '../i18n/en';

/**
 * Queues a dead letter's work again (`POST /admin/api/deadletters/{id}/retry`); a dead letter is retried once, after
 * which the button is gone and the view shows when.
 */
export function RetryDeadLetter({ id }: { id: string }) {
  const queries = useQueryClient();
  const key = ['record', 'deadletters', id];
  // The view page's own read of the record (same key): no second request.
  const record = useQuery({ queryKey: key, queryFn: () => api.get('deadletters', id), enabled: false });
  const [notice, setNotice] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const retry = useMutation({
    mutationFn: () => api.send<{ data: ResourceObject }>('POST', `/deadletters/${encodeURIComponent(id)}/retry`),
    onSuccess: (document) => {
      // The answer has no `meta.title`: the page keeps the one it read.
      queries.setQueryData(key, (old: { data: ResourceObject; included: ResourceObject[] } | undefined) => ({
        data: { ...document.data, meta: old?.data.meta },
        included: old?.included ?? [],
      }));
      void queries.invalidateQueries({ queryKey: ['list', 'deadletters'] });
      setNotice({ tone: 'success', text: en.deadLetters.retried });
    },
    onError: (error) => setNotice({ tone: 'error', text: error instanceof JsonApiError ? error.message : en.common.error }),
  });
  const retriedAt = record.data?.data.attributes?.retriedAt;
  return (
    <>
      {!retriedAt && (
        <Button variant="primary" disabled={retry.isPending} onClick={() => retry.mutate()}>
          {retry.isPending ? en.deadLetters.retrying : en.deadLetters.retry}
        </Button>
      )}
      {notice && (
        <div className="basis-full">
          <Alert tone={notice.tone} onClose={() => setNotice(null)}>
            {notice.text}
          </Alert>
        </div>
      )}
    </>
  );
}
