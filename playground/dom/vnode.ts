/**
 * A tiny virtual-node tree so one view function serves the server (escaped HTML string, at
 * build time) and the browser (real DOM nodes). Text is always text: nothing user-supplied is
 * ever parsed as markup, on either side.
 */
export type Attr = string | number | boolean | null | undefined;
export type Child = VNode | string | number | null | undefined | false | Child[];

export interface VNode {
  tag: string;
  attrs: Record<string, Attr>;
  children: (VNode | string)[];
}

export function h(tag: string, attrs: Record<string, Attr> | null = null, ...children: Child[]): VNode {
  return { tag, attrs: attrs ?? {}, children: flatten(children) };
}

function flatten(children: Child[]): (VNode | string)[] {
  const out: (VNode | string)[] = [];
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) out.push(...flatten(child));
    else out.push(typeof child === 'number' ? String(child) : child);
  }
  return out;
}

const VOID = new Set(['area', 'br', 'col', 'hr', 'img', 'input', 'link', 'meta', 'source', 'wbr']);
const SVG_NS = 'http://www.w3.org/2000/svg';
const SAFE_ATTR = /^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/;
const URL_ATTRS = new Set(['href', 'src', 'xlink:href', 'action', 'formaction']);

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Event-handler attributes and script URLs are dropped: views never need them. */
function allowed(name: string, value: Attr): boolean {
  if (!SAFE_ATTR.test(name) || /^on/i.test(name)) return false;
  // Browsers drop tabs and newlines anywhere in a URL and leading control characters, so "java\tscript:" runs too.
  if (URL_ATTRS.has(name.toLowerCase()) && typeof value === 'string' && /^(javascript|data|vbscript):/i.test(value.replace(/[\u0000-\u0020]/g, ''))) return false;
  return value !== null && value !== undefined && value !== false;
}

export function toHtml(node: VNode | string): string {
  if (typeof node === 'string') return escapeHtml(node);
  const attrs = Object.entries(node.attrs)
    .filter(([name, value]) => allowed(name, value))
    .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`))
    .join('');
  if (VOID.has(node.tag)) return `<${node.tag}${attrs}>`;
  return `<${node.tag}${attrs}>${node.children.map(toHtml).join('')}</${node.tag}>`;
}

export function toDom(node: VNode | string, doc: Document = document, inSvg = false): Node {
  if (typeof node === 'string') return doc.createTextNode(node);
  const svg = inSvg || node.tag === 'svg';
  const element = svg ? doc.createElementNS(SVG_NS, node.tag) : doc.createElement(node.tag);
  for (const [name, value] of Object.entries(node.attrs)) {
    if (allowed(name, value)) element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of node.children) element.appendChild(toDom(child, doc, svg && node.tag !== 'foreignObject'));
  return element;
}

/**
 * Brings the children of `parent` in line with `nodes`, reusing the elements already there where
 * the tag (and `data-key`, when given) matches: attributes and text are updated in place, and only
 * what differs is created or removed. A redraw then inserts few nodes (the browser re-matches
 * selectors for each inserted node), keeps focus and scroll positions, and costs little when
 * little changed. Same escaping rules as toDom: text is always text.
 */
export function patch(parent: Element, nodes: VNode | (VNode | string)[]): void {
  const list = Array.isArray(nodes) ? nodes : [nodes];
  const doc = parent.ownerDocument;
  const svg = parent.namespaceURI === SVG_NS && parent.localName !== 'foreignObject';
  let current = parent.firstChild;
  for (const node of list) {
    const next = current?.nextSibling ?? null;
    if (current && sameKind(current, node)) {
      if (typeof node === 'string') {
        if (current.nodeValue !== node) current.nodeValue = node;
      } else {
        patchAttributes(current as Element, node);
        if (!VOID.has(node.tag)) patch(current as Element, node.children);
        syncProperties(current as Element, node);
      }
      current = next;
      continue;
    }
    parent.insertBefore(toDom(node, doc, svg), current);
  }
  while (current) {
    const next = current.nextSibling;
    parent.removeChild(current);
    current = next;
  }
}

function sameKind(dom: Node, node: VNode | string): boolean {
  if (typeof node === 'string') return dom.nodeType === 3;
  if (dom.nodeType !== 1) return false;
  const element = dom as Element;
  if (element.localName !== node.tag) return false;
  const key = node.attrs['data-key'];
  return key === undefined || key === null || element.getAttribute('data-key') === String(key);
}

/** A control the user touched no longer follows its attributes: set what the view says directly. */
function syncProperties(element: Element, node: VNode): void {
  if (node.tag === 'select') {
    const chosen = node.children.find((c): c is VNode => typeof c !== 'string' && c.attrs.selected === true);
    const value = chosen ? String(chosen.attrs.value ?? '') : null;
    if (value !== null && (element as HTMLSelectElement).value !== value) (element as HTMLSelectElement).value = value;
  } else if (node.tag === 'input' && (node.attrs.type === 'checkbox' || node.attrs.type === 'radio')) {
    (element as HTMLInputElement).checked = node.attrs.checked === true;
  }
}

function patchAttributes(element: Element, node: VNode): void {
  for (const attr of Array.from(element.attributes)) {
    // A disclosure the view does not open or close is the reader's: a redraw must not shut a menu just opened.
    if (attr.name === 'open' && node.tag === 'details' && !('open' in node.attrs)) continue;
    if (!allowed(attr.name, node.attrs[attr.name])) element.removeAttribute(attr.name);
  }
  for (const [name, value] of Object.entries(node.attrs)) {
    if (!allowed(name, value)) continue;
    const text = value === true ? '' : String(value);
    if (element.getAttribute(name) !== text) element.setAttribute(name, text);
  }
}

/** Replaces the children of `parent` with the rendered nodes. */
export function render(parent: Element, nodes: VNode | (VNode | string)[]): void {
  const list = Array.isArray(nodes) ? nodes : [nodes];
  parent.replaceChildren(...list.map((n) => toDom(n, parent.ownerDocument)));
}
