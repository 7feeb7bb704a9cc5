/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const STYLE = `
  body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1b1b1b; }
  h1 { font-size: 1.5rem; } table { border-collapse: collapse; width: 100%; font-size: 13px; }
  th, td { border-bottom: 1px solid #ddd; padding: .3rem .5rem; text-align: left; vertical-align: top; }
  tr.correction td { background: #fff6e0; } code { font-size: 12px; }
  form { display: grid; gap: .6rem; max-width: 28rem; } input { font: inherit; padding: .4rem; }
  button { font: inherit; padding: .4rem 1rem; width: fit-content; } .error { color: #a40000; }
  nav a { margin-right: 1rem; }`;

/** A self-contained page: inline CSS, no script, nothing loaded from elsewhere. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — Programme Ledger</title><style>${STYLE}</style></head>
<body>${body}</body></html>`;
}
