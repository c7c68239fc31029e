import { customerAddressesResource, customerUserAddressesResource } from '../addresses/address.resource';
import { customerUserRolesResource } from '../customer-user-roles/customer-user-role.resource';
import { customerUsersResource } from '../customer-users/customer-user.resource';
import { customersResource } from '../customers/customer.resource';
import { ordersResource } from '../orders/order.resource';
import { DeleteStorefrontCustomerUsers, SaveStorefrontCustomerUser } from './storefront-customer-user.commands';
import { DeleteCustomerUserRoles } from '../customer-user-roles/customer-user-role.commands';
import { SaveStorefrontCustomerUserRole } from './storefront-role.handlers';
import { storefrontView } from './storefront-view';
import { SaveStorefrontAddress } from './storefront-address.handler';
import { type AddressOwner, CUSTOMER_ADDRESSES, CUSTOMER_USER_ADDRESSES } from '../addresses/address-owner';
import type { Caller, ResourceInput } from '../../platform';

/** The address fields and owner are writable at the caller's CREATE/EDIT/DELETE levels (its owner cannot change). */
function addressWrites(owner: AddressOwner) {
  return {
    writable: [...ADDRESS_FIELDS.filter((name) => name !== 'createdAt' && name !== 'updatedAt'), owner.relationship],
    operations: ['list', 'get', 'create', 'update', 'delete', 'getRelationship'] as const,
    writes: {
      create: (input: ResourceInput, caller: Caller) => new SaveStorefrontAddress(owner, caller, null, input),
      update: (id: string, input: ResourceInput, caller: Caller) => new SaveStorefrontAddress(owner, caller, id, input),
    },
  };
}

const ADDRESS_FIELDS = ['label', 'namePrefix', 'firstName', 'middleName', 'lastName', 'nameSuffix', 'organization', 'street', 'street2', 'city', 'postalCode', 'country', 'region', 'regionText', 'phone', 'primary', 'types', 'createdAt', 'updatedAt'];

/**
 * The storefront API (`/api`): what a customer user sees of its company, each record evaluated with the storefront
 * levels of its roles (domain §5.1) against its frontend owner — customer-user-owned records (the user itself, its
 * addresses, its orders) and customer-owned ones (the customer, its addresses, its roles). Read-only for now.
 */
export const storefrontResources = [
  storefrontView(customersResource, {
    description: "The caller's customer and, at the corporate level, its subsidiaries.",
    attributes: ['name', 'createdAt', 'updatedAt'],
    relationships: { parent: 'parent', children: 'children', users: 'users', addresses: 'addresses' },
    frontendOwner: { customer: 'r.id' },
  }),
  storefrontView(customerUsersResource, {
    description: "Customer users of the caller's company: itself, its colleagues (department) and, at the corporate level, the users of its subsidiaries.",
    attributes: ['email', 'namePrefix', 'firstName', 'middleName', 'lastName', 'nameSuffix', 'birthday', 'enabled', 'confirmed', 'password', 'createdAt', 'updatedAt'],
    relationships: { customer: 'customer', userRoles: 'roles', addresses: 'addresses' },
    frontendOwner: { customerUser: 'r.id', customer: 'r.customer_id' },
    // Administrators manage the users of their customer and its subsidiaries (§5.2).
    writable: ['email', 'namePrefix', 'firstName', 'middleName', 'lastName', 'nameSuffix', 'birthday', 'enabled', 'password', 'customer', 'userRoles'],
    operations: ['list', 'get', 'create', 'update', 'delete', 'getRelationship', 'updateRelationship', 'addRelationship', 'deleteRelationship'],
    writes: {
      create: (input, caller) => new SaveStorefrontCustomerUser(caller, null, input),
      update: (id, input, caller) => new SaveStorefrontCustomerUser(caller, id, input),
      delete: (ids, caller) => new DeleteStorefrontCustomerUsers(caller, ids),
    },
  }),
  storefrontView(customerUserRolesResource, {
    description: "Roles the caller may give: self-managed, public ones, predefined (for every customer) or its company's own.",
    attributes: ['role', 'label', 'selfManaged', 'public', 'permissions'],
    relationships: { customer: 'customer', customerUsers: 'customerUsers' },
    frontendOwner: { customer: 'r.customer_id', onlyWhere: 'r.self_managed AND r.public', alsoVisible: 'r.customer_id IS NULL' },
    // Administrators manage their company's roles; editing a predefined one makes the company's own copy (§5.3).
    writable: ['label', 'public', 'permissions', 'customer'],
    operations: ['list', 'get', 'create', 'update', 'delete', 'getRelationship'],
    writes: {
      create: (input, caller) => new SaveStorefrontCustomerUserRole(caller, null, input),
      update: (id, input, caller) => new SaveStorefrontCustomerUserRole(caller, id, input),
      delete: (ids, caller) => new DeleteCustomerUserRoles(caller, ids),
      updateMayCopy: true,
    },
  }),
  storefrontView(customerAddressesResource, {
    description: 'Addresses of the customers the caller may see; an Administrator manages them.',
    attributes: ADDRESS_FIELDS,
    relationships: { customer: 'customer' },
    frontendOwner: { customer: 'r.customer_id' },
    ...addressWrites(CUSTOMER_ADDRESSES),
  }),
  storefrontView(customerUserAddressesResource, {
    description: 'Addresses of the customer users the caller may see; an Administrator manages them.',
    attributes: ADDRESS_FIELDS,
    relationships: { customerUser: 'customerUser' },
    frontendOwner: { customerUser: 'r.customer_user_id', customer: '(SELECT u.customer_id FROM commerce.customer_user u WHERE u.id = r.customer_user_id)' },
    ...addressWrites(CUSTOMER_USER_ADDRESSES),
  }),
  storefrontView(ordersResource, {
    description: 'Orders: a Buyer its own, an Administrator those of its customer and subsidiaries.',
    attributes: ['identifier', 'currency', 'subtotal', 'total', 'internalStatus', 'paymentStatus', 'createdAt', 'updatedAt'],
    relationships: { customer: 'customer', customerUser: 'customerUser' },
    frontendOwner: { customerUser: 'r.customer_user_id', customer: 'r.customer_id' },
  }),
];
