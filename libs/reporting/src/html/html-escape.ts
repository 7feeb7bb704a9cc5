/** Markup that is safe to insert as is: built by `markup` (which escapes), or trusted by `trustedHtml`. */
export class SafeHtml {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

export type HtmlValue = SafeHtml | string | number | null | undefined | readonly HtmlValue[];

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  if (value === null || value === undefined) return '';
  return escapeHtml(String(value));
}

/**
 * A template tag that escapes every interpolated value unless it is already SafeHtml, so text from
 * the ledger (names can contain `<`) can never become markup.
 *
 * @example
 * markup`<td data-figure="${key}">${display}</td>`;
 */
export function markup(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, text, index) => out + text + render(values[index]), ''));
}

/** Markup the page itself produced (its stylesheet, Vega's SVG, which escapes its own text). */
export function trustedHtml(trusted: string): SafeHtml {
  return new SafeHtml(trusted);
}
