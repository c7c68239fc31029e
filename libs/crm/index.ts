// The module's only export: its manifest (its Nest module is derived from it). Other modules use libs/contracts instead.
export { crmManifest } from './crm.manifest';
