/**
 * playground/dom/vnode.ts `toHtml`: the server-side renderer of the playground views. User text
 * (names, annotation values, YAML) must always come out as text, never as markup or script.
 */
import { describe, expect, it } from 'vitest';
import { escapeHtml, h, toHtml } from '../../playground/dom/vnode.ts';

describe('toHtml: text is escaped', () => {
  it('escapes <, >, &, quotes in text children', () => {
    expect(toHtml(h('p', null, '<script>alert("x")</script> & \'y\''))).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p>');
  });

  it('escapes a bare string node', () => {
    expect(toHtml('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('escapes "&" first, so existing entities are shown, not decoded', () => {
    expect(toHtml(h('span', null, '&lt;b&gt; &amp; &#106;'))).toBe('<span>&amp;lt;b&amp;gt; &amp;amp; &amp;#106;</span>');
  });

  it('cannot close a <script> or <style> element from inside', () => {
    expect(toHtml(h('script', null, '</script><script>alert(1)</script>'))).not.toMatch(/<\/script><script>/);
    expect(toHtml(h('style', null, '</style><img src=x onerror=alert(1)>'))).not.toContain('</style><img');
  });

  it('nested children and numbers', () => {
    expect(toHtml(h('ul', null, [h('li', null, 'a<b'), [h('li', null, 2)]], null, false, undefined))).toBe('<ul><li>a&lt;b</li><li>2</li></ul>');
  });

  it('void elements have no closing tag and drop children', () => {
    expect(toHtml(h('br'))).toBe('<br>');
    expect(toHtml(h('input', { value: 'x' }))).toBe('<input value="x">');
  });

  it('escapeHtml covers the five characters', () => {
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });
});

describe('toHtml: attribute values are escaped', () => {
  it('quotes cannot break out of the attribute', () => {
    const html = toHtml(h('div', { title: '" onmouseover="alert(1)', 'data-x': "' autofocus onfocus='alert(1)" }));
    expect(html).toBe('<div title="&quot; onmouseover=&quot;alert(1)" data-x="&#39; autofocus onfocus=&#39;alert(1)"></div>');
  });

  it('< > & in attribute values are escaped', () => {
    expect(toHtml(h('a', { href: '/x?a=1&b=<2>' }, 'x'))).toBe('<a href="/x?a=1&amp;b=&lt;2&gt;">x</a>');
  });

  it('true gives a bare attribute; false, null and undefined drop it; numbers are printed', () => {
    expect(toHtml(h('input', { disabled: true, hidden: false, name: null, id: undefined, tabindex: 0 }))).toBe('<input disabled tabindex="0">');
  });
});

describe('toHtml: dangerous attributes are dropped', () => {
  it('drops on* event handlers, whatever their case', () => {
    const html = toHtml(h('button', { onclick: 'alert(1)', ONMOUSEOVER: 'alert(2)', onFocus: 'alert(3)', type: 'button' }, 'ok'));
    expect(html).toBe('<button type="button">ok</button>');
  });

  it('drops attribute names that are not plain names', () => {
    const html = toHtml(h('div', { 'x onclick': 'alert(1)', '"><script>': 'x', 'a=b': 'c', 'data-ok': 'y' }));
    expect(html).toBe('<div data-ok="y"></div>');
  });

  it('drops javascript:, data: and vbscript: URLs in href and src', () => {
    for (const url of ['javascript:alert(1)', 'JavaScript:alert(1)', '  javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'DATA:image/svg+xml;base64,PHN2Zz4=', 'vbscript:msgbox(1)']) {
      expect(toHtml(h('a', { href: url }, 'x')), url).toBe('<a>x</a>');
      expect(toHtml(h('img', { src: url })), url).toBe('<img>');
      expect(toHtml(h('use', { 'xlink:href': url })), url).toBe('<use></use>');
    }
  });

  it('drops script URLs that browsers still run after stripping tabs, newlines and leading controls (fixed)', () => {
    // The URL parser removes ASCII tab/newline anywhere and C0 controls/spaces at the start.
    for (const url of ['java\tscript:alert(1)', 'java\nscript:alert(1)', 'jav\r\nascript:alert(1)', '\u0001javascript:alert(1)', '\u0000 javascript:alert(1)', 'data\t:text/html,x']) {
      expect(toHtml(h('a', { href: url }, 'x')), JSON.stringify(url)).toBe('<a>x</a>');
    }
  });

  it('drops script URLs in upper-case attribute names and in form actions (fixed)', () => {
    expect(toHtml(h('a', { HREF: 'javascript:alert(1)' }, 'x'))).toBe('<a>x</a>');
    expect(toHtml(h('form', { action: 'javascript:alert(1)' }))).toBe('<form></form>');
    expect(toHtml(h('button', { formaction: 'javascript:alert(1)' }, 'go'))).toBe('<button>go</button>');
  });

  it('keeps ordinary URLs, including ones that merely mention javascript', () => {
    expect(toHtml(h('a', { href: 'https://github.com/kserve/kserve/issues/4312' }, 'x'))).toBe('<a href="https://github.com/kserve/kserve/issues/4312">x</a>');
    expect(toHtml(h('a', { href: '#1.abc' }, 'x'))).toBe('<a href="#1.abc">x</a>');
    expect(toHtml(h('a', { href: '/search?q=javascript:' }, 'x'))).toBe('<a href="/search?q=javascript:">x</a>');
    // Other attributes may carry the text "javascript:" as plain text.
    expect(toHtml(h('span', { title: 'javascript:alert(1)' }))).toBe('<span title="javascript:alert(1)"></span>');
  });
});
