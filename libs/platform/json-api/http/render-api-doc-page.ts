import type { OpenApiDocument } from '../openapi/build-openapi';

/** A plain, self-contained HTML page listing every resource and route of the OpenAPI documents (no external assets). */
export function renderApiDocPage(...documents: OpenApiDocument[]): string {
  const sections = documents.map((doc) => {
    const routes = Object.entries(doc.paths)
      .flatMap(([path, item]) =>
        Object.entries(item)
          .filter(([method]) => ['get', 'post', 'patch', 'delete'].includes(method))
          .map(([method, op]) => {
            const operation = op as { summary?: string; operationId?: string };
            return `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escape(path)}</code></td><td>${escape(operation.summary ?? operation.operationId ?? '')}</td></tr>`;
          }),
      )
      .join('\n');
    return `<h2>${escape(doc.info.title)}</h2>
<p><a href="${doc === documents[0] ? '/admin/api/doc/openapi.json' : '/api/doc/openapi.json'}">OpenAPI 3.1 document</a></p>
<table><thead><tr><th>Method</th><th>Path</th><th>Operation</th></tr></thead><tbody>
${routes || '<tr><td colspan="3">No resources are loaded.</td></tr>'}
</tbody></table>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>API documentation</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left}code{font-size:.9rem}</style></head>
<body><h1>API documentation</h1>
<p>Requests send <code>Authorization: Bearer …</code>, <code>Accept: application/vnd.api+json</code> and, with a
body, <code>Content-Type: application/vnd.api+json</code>.</p>
${sections.join('\n')}
</body></html>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
