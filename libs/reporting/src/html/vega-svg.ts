import type { TopLevelSpec } from 'vega-lite';

// The SVG root names its namespaces with http:// URLs. Inline in HTML the parser supplies them, and
// the printed page must not reference any URL at all.
const NAMESPACE_ATTRIBUTE = /\s+xmlns(?::[a-z]+)?="[^"]*"/g;

function withoutNamespaces(svg: string): string {
  return svg.replace(/^<svg\b[^>]*>/, (root) => root.replace(NAMESPACE_ATTRIBUTE, ''));
}

/**
 * Renders a Vega-Lite spec to SVG markup on the server: compiled to Vega, run headless (no canvas,
 * no DOM), no script left in the page. Vega and Vega-Lite are ESM only, hence the dynamic imports.
 *
 * @example
 * const svg = await renderVegaLiteSvg({ data: { values: [{ a: 1 }] }, mark: 'bar', encoding: { x: { field: 'a' } } });
 */
export async function renderVegaLiteSvg(spec: TopLevelSpec): Promise<string> {
  const vl = await import('vega-lite');
  const vega = await import('vega');
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  try {
    return withoutNamespaces(await view.toSVG());
  } finally {
    view.finalize();
  }
}
