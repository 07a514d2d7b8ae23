import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { escapeHtml, html, joinHtml, trustedHtml } from './html.js';

describe('html tagged template', () => {
  test('escapes every interpolated string, in text and in attributes', () => {
    const evil = `<script>alert("x")</script> & 'quoted'`;
    assert.equal(
      html`<p title="${evil}">${evil}</p>`.toString(),
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;</p>',
    );
  });

  test('keeps Html values, flattens lists, prints numbers, drops null/undefined/booleans', () => {
    const inner = html`<b>${'a<b'}</b>`;
    assert.equal(html`${inner}|${[inner, 'c&d', 3]}|${null}${undefined}${false}${true}|${0}`.toString(), '<b>a&lt;b</b>|<b>a&lt;b</b>c&amp;d3||0');
  });

  test('joinHtml escapes its separator; trustedHtml passes markup through', () => {
    assert.equal(joinHtml([html`<i>1</i>`, html`<i>2</i>`], ' < ').toString(), '<i>1</i> &lt; <i>2</i>');
    assert.equal(trustedHtml('<hr>').toString(), '<hr>');
    assert.equal(escapeHtml(`&<>"'`), '&amp;&lt;&gt;&quot;&#39;');
  });
});
