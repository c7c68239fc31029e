import { BusinessRuleViolation } from '../../platform';

export interface ContactItem {
  value: string;
  primary: boolean;
}

/**
 * A contact's e-mails or phones as sent: a non-empty list needs a primary item; if several are flagged, the first one
 * stays primary and the others' flags are cleared (as Oro does when a second primary is added).
 */
export function normalizeItems(raw: unknown, kind: 'email' | 'phone'): ContactItem[] {
  const list = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<Record<string, unknown>> | null;
  const items = (list ?? []).map((item) => ({ value: String(item[kind]).trim(), primary: item.primary === true }));
  if (items.length === 0) return items;
  const first = items.findIndex((item) => item.primary);
  if (first === -1) throw new BusinessRuleViolation('One of the items must be set as primary.', { attribute: `${kind}s` });
  return items.map((item, i) => ({ ...item, primary: i === first }));
}
