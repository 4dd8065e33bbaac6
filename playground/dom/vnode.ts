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

/** Replaces the children of `parent` with the rendered nodes. */
export function render(parent: Element, nodes: VNode | (VNode | string)[]): void {
  const list = Array.isArray(nodes) ? nodes : [nodes];
  parent.replaceChildren(...list.map((n) => toDom(n, parent.ownerDocument)));
}
