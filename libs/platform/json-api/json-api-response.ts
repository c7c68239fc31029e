/** What a JSON:API operation answers; the HTTP layer only writes it out. */
export interface JsonApiResponse {
  status: number;
  body?: object;
  headers?: Record<string, string>;
}
