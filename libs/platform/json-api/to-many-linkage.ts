/**
 * How many resource identifiers a to-many relationship carries in a resource object (primary or included): the first
 * page of its related list (Oro's default page size), ordered by id. A relationship with more gets `meta.hasMore` and
 * `links.related` (the paged list of the rest), so an answer's size and cost never depend on how many records point at
 * the one read (a customer group with 10 000 customers answers like one with 10).
 */
export const TO_MANY_LINKAGE_LIMIT = 10;

/** The relationship object's links: its identifiers (`self`) and the related records as a paged list (`related`). */
export function relationshipLinks(basePath: string, type: string, id: string, name: string) {
  const record = `${basePath}/${type}/${id}`;
  return { self: `${record}/relationships/${name}`, related: `${record}/${name}` };
}
