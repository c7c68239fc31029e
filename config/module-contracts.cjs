/**
 * The contracts each module may use (boundary rule `module-uses-contracts-it-requires`): its own and those of the
 * modules its manifest `requires`. A test keeps this table equal to the manifests.
 */
module.exports = {
  CONTRACTS_USED: { crm: ['crm'], commerce: ['commerce'], integration: ['integration', 'crm', 'commerce'] },
};
