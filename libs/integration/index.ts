// The module's only export: its manifest (which carries its Nest module). Other modules use libs/contracts instead.
export { integrationManifest } from './integration.manifest';
