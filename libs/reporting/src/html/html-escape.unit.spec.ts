import { describe, expect, test } from '@jest/globals';
import { escapeHtml, markup, trustedHtml } from './html-escape.js';

describe('markup', () => {
  test('given text with markup characters, when interpolated, then it is escaped for content and attributes', () => {
    const name = `<script>alert("x")</script> & 'co'`;
    expect(markup`<p title="${name}">${name}</p>`.markup).toBe(
      `<p title="${escapeHtml(name)}">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</p>`,
    );
  });

  test('given nested markup, lists, numbers and nothing, then markup passes through and the rest is rendered as text', () => {
    const items = ['a<b', 'c'].map((item) => markup`<li>${item}</li>`);
    expect(markup`<ul>${items}</ul>${42}${null}${undefined}${trustedHtml('<hr>')}`.markup).toBe(
      '<ul><li>a&lt;b</li><li>c</li></ul>42<hr>',
    );
  });
});
