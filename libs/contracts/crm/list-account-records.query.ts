/** The first records of a kind linked to an account, and how many there are in all. */
export interface AccountRecordsPage<T> {
  total: number;
  items: T[];
}

export interface AccountContactView {
  id: string;
  firstName: string | null;
  lastName: string | null;
  ownerId: string | null;
}

export interface AccountB2bCustomerView {
  id: string;
  name: string;
  /** Exact decimal string in the base currency. */
  lifetime: string;
  ownerId: string | null;
}

export interface AccountRecordsOptions {
  limit: number;
  /** Only the records this user owns (a caller whose access to them is "own"). */
  ownerId?: string;
}
