import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where the reference page loads its script from: served by us, so the page needs no other host. */
export const API_REFERENCE_SCRIPT_PATH = '/admin/api/doc/reference.js';

/** The interactive API reference's browser bundle, read once from the installed package. */
export function apiReferenceScript(): Buffer {
  return readFileSync(join(dirname(require.resolve('@scalar/api-reference')), 'browser', 'standalone.js'));
}

/**
 * The interactive reference of the served OpenAPI documents (back office first, then storefront). Everything it loads
 * comes from this server: its script, the documents, and no web fonts (system fonts instead).
 */
export function renderApiDocPage(sources: Array<{ title: string; url: string }>): string {
  const config = {
    sources: sources.map((source, index) => ({ ...source, slug: `doc-${index}`, default: index === 0 })),
    withDefaultFonts: false,
    hideClientButton: true,
    telemetry: false,
    agent: { disabled: true },
    mcp: { disabled: true },
    showDeveloperTools: 'never',
    documentDownloadType: 'json',
    customCss: ':root{--scalar-font:system-ui,sans-serif;--scalar-font-code:ui-monospace,monospace}',
  };
  // `<` is escaped so that no value can close the script element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>API reference</title></head>
<body><noscript>This reference needs JavaScript. The documents themselves:
${sources.map((s) => `<a href="${s.url}">${s.title}</a>`).join(', ')}.</noscript>
<div id="app"></div>
<script src="${API_REFERENCE_SCRIPT_PATH}"></script>
<script>Scalar.createApiReference('#app', ${json})</script>
</body></html>`;
}
