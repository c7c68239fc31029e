import { Module, Provider, Type } from '@nestjs/common';

/**
 * The Nest module of a loadable module, built from what its manifest lists (as Vendure builds a plugin's Nest module
 * from the plugin's metadata): one class per module, named after it (`crm` → `CrmModule`, as Nest's logs and errors
 * name it), whose providers are the given classes once each.
 */
export function nestModuleOf(name: string, providers: Provider[]): Type<unknown> {
  const className = `${name.replace(/(?:^|[^a-zA-Z0-9]+)([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase())}Module`;
  // A computed key names the class (`class {}` alone would be anonymous).
  const nestModule = { [className]: class {} }[className];
  Module({ providers: [...new Set(providers)] })(nestModule);
  return nestModule;
}
