/**
 * The account merge (Oro's merge wizard, CRM `POST /admin/api/accountmerges`): 2–5 accounts, one master that stays,
 * and for each mergeable field the account to take its value from (the master unless chosen otherwise).
 */
export const MERGE_MIN = 2;
export const MERGE_MAX = 5;

/** The fields a merge can take from any merged account (the CRM's list), as attributes or to-one relationships. */
export const MERGE_FIELDS: ReadonlyArray<{ name: string; relationship: boolean }> = [
  { name: 'name', relationship: false },
  { name: 'owner', relationship: true },
  { name: 'extend_description', relationship: false },
  { name: 'externalId', relationship: false },
  { name: 'defaultContact', relationship: true },
  { name: 'referredBy', relationship: true },
];

export interface MergePlan {
  ids: string[];
  master: string;
  /** Field → account chosen as its source; fields not listed come from the master. */
  sources: Record<string, string>;
}

/** Ids from the URL: distinct, digits only, in order. */
export function mergeIds(raw: unknown): string[] {
  const list = typeof raw === 'string' ? raw.split(',') : Array.isArray(raw) ? raw.map(String) : [];
  return [...new Set(list.map((id) => id.trim()).filter((id) => /^\d{1,18}$/.test(id)))];
}

export function canMerge(count: number): boolean {
  return count >= MERGE_MIN && count <= MERGE_MAX;
}

/** A new master keeps the fields chosen from other accounts and takes back those that pointed at it implicitly. */
export function withMaster(plan: MergePlan, master: string): MergePlan {
  return { ...plan, master, sources: Object.fromEntries(Object.entries(plan.sources).filter(([, source]) => source !== master)) };
}

export function withSource(plan: MergePlan, field: string, source: string): MergePlan {
  const sources = { ...plan.sources };
  if (source === plan.master) delete sources[field];
  else sources[field] = source;
  return { ...plan, sources };
}

export function sourceOf(plan: MergePlan, field: string): string {
  return plan.sources[field] ?? plan.master;
}

/** The `accountmerges` document the plan is sent as. */
export function mergeDocument(plan: MergePlan) {
  return {
    type: 'accountmerges',
    attributes: { fields: plan.sources },
    relationships: {
      master: { data: { type: 'accounts', id: plan.master } },
      accounts: { data: plan.ids.map((id) => ({ type: 'accounts', id })) },
    },
  };
}
