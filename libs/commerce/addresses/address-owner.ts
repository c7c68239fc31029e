/**
 * The two kinds of typed address (domain §1.13) differ only in whom they belong to: a customer or a customer user.
 * Everything else — fields, rules, default types — is shared and parameterised by this description.
 */
export interface AddressOwner {
  /** JSON:API type of the addresses. */
  type: 'customeraddresses' | 'customeruseraddresses';
  table: string;
  /** Rows of (address, owner, address type, default). */
  typeTable: string;
  /** The relationship naming the owner, and its column on both tables. */
  relationship: 'customer' | 'customerUser';
  column: 'customer_id' | 'customer_user_id';
  ownerType: 'customers' | 'customerusers';
  /** Said in messages: "The customer of an address cannot be changed." */
  noun: string;
}

export const CUSTOMER_ADDRESSES: AddressOwner = {
  type: 'customeraddresses',
  table: 'commerce.customer_address',
  typeTable: 'commerce.customer_address_type',
  relationship: 'customer',
  column: 'customer_id',
  ownerType: 'customers',
  noun: 'customer',
};

export const CUSTOMER_USER_ADDRESSES: AddressOwner = {
  type: 'customeruseraddresses',
  table: 'commerce.customer_user_address',
  typeTable: 'commerce.customer_user_address_type',
  relationship: 'customerUser',
  column: 'customer_user_id',
  ownerType: 'customerusers',
  noun: 'customer user',
};

export const ADDRESS_OWNERS: Record<AddressOwner['type'], AddressOwner> = {
  customeraddresses: CUSTOMER_ADDRESSES,
  customeruseraddresses: CUSTOMER_USER_ADDRESSES,
};
