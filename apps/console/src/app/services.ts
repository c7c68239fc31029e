import { QueryClient, useQuery } from '@tanstack/react-query';
import { JsonApiClient } from '../api/json-api-client';
import { listedTypes, resourceModel, type OpenApiDocument, type ResourceModel } from '../api/resource-model';
import { Session } from '../auth/session';

/** One session and one API client for the page. */
export const session = new Session();
export const api = new JsonApiClient({ baseUrl: '/admin/api', accessToken: () => session.token, renewAccess: () => session.renew() });
export const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

/** The served OpenAPI document: what this deployment offers (its loaded modules' resources). */
export function useApiDocument() {
  return useQuery({
    queryKey: ['openapi'],
    staleTime: Infinity,
    queryFn: async (): Promise<OpenApiDocument> => {
      const response = await fetch('/admin/api/doc/openapi.json', { headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error(`The API description could not be read (${response.status}).`);
      return (await response.json()) as OpenApiDocument;
    },
  });
}

export function useServedTypes(): Set<string> | undefined {
  const { data } = useApiDocument();
  return data ? new Set(listedTypes(data)) : undefined;
}

export function useResourceModel(type: string): ResourceModel | null | undefined {
  const { data } = useApiDocument();
  return data ? resourceModel(data, type) : undefined;
}
