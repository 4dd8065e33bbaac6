/**
 * The playground statechart is drawn from the controller machine itself: every state and every
 * transition of the machine's own config appears, once; the ELK layout (build time) keeps boxes
 * apart and labels clear and inside the picture, and is deterministic; a real step's path
 * highlights exactly the states it passed through; nothing from a machine's keys, events or
 * guards reaches the HTML unescaped; and no browser module reaches the layout or elkjs.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMachine, setup } from 'xstate';
import { DECISION_GRAPH, ENTRY_NODE, RESULTS } from '../../engine/kserve/decision.ts';
import { controllerMachine } from '../../engine/machine/controller.ts';
import { runScenario } from '../../engine/run.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { formatInputError } from '../../engine/scenario/source.ts';
import { toDom, toHtml, type VNode } from '../../playground/dom/vnode.ts';
import { contains, intersects, type Point, type Rect, type StatechartLayout } from '../../playground/statechart/geometry.ts';
import { ACTIVE, EDGE_VISITED, highlightStatechart, VISITED } from '../../playground/statechart/highlight.ts';
import { ELK_OPTIONS, layoutStatechart } from '../../playground/statechart/layout.ts';
import { pathToStateIds, statechartModel } from '../../playground/statechart/model.ts';
import { renderStatechart } from '../../playground/statechart/render.ts';
import { contrastRatio, PALETTE, STATECHART_CSS } from '../../playground/statechart/styles.ts';
import { CHART_TEXT } from '../../playground/statechart/text.ts';

// ---------------------------------------------------------------------------------------------
// An independent walk of a machine's raw config (not xstate's resolved state nodes, which the
// model reads): states by id, and every transition with its source, target and guard.

interface ConfigState {
  initial?: string;
  states?: Record<string, ConfigState>;
  on?: Record<string, unknown>;
  always?: unknown;
}

interface ConfigTransition {
  source: string;
  target: string;
  event: string | null;
  guard: unknown;
}

function walkConfig(machine: { config: unknown }): { states: Map<string, { key: string; parent: string | null; compound: boolean }>; transitions: ConfigTransition[] } {
  const root = machine.config as ConfigState & { id: string };
  const states = new Map<string, { key: string; parent: string | null; compound: boolean }>();
  const transitions: ConfigTransition[] = [];
  const asList = (value: unknown): { target?: string; guard?: unknown }[] =>
    (Array.isArray(value) ? value : [value]).map((t) => (typeof t === 'string' ? { target: t } : (t as { target?: string; guard?: unknown })));
  const visit = (state: ConfigState, id: string, key: string, parent: string | null): void => {
    const children = Object.entries(state.states ?? {});
    states.set(id, { key, parent, compound: children.length > 0 });
    const resolve = (target: string | undefined): string => {
      if (target === undefined) return id;
      if (target.startsWith('#')) return target.slice(1);
      return `${parent}.${target}`;
    };
    for (const [event, value] of Object.entries(state.on ?? {})) {
      for (const t of asList(value)) transitions.push({ source: id, target: resolve(t.target), event, guard: t.guard });
    }
    if (state.always !== undefined) for (const t of asList(state.always)) transitions.push({ source: id, target: resolve(t.target), event: null, guard: t.guard });
    for (const [childKey, child] of children) visit(child, `${id}.${childKey}`, childKey, id);
  };
  visit(root, root.id, root.id, null);
  return { states, transitions };
}

function expectedLabel(guard: unknown): string | null {
  if (guard === undefined) return null;
  if (typeof guard === 'string') return guard;
  const { type, params } = guard as { type: string; params?: { value?: unknown } };
  return params && 'value' in params ? String(params.value) : type;
}

// ---------------------------------------------------------------------------------------------
// Helpers over the rendered HTML and the layout.

function count(html: string, needle: string): number {
  return html.split(needle).length - 1;
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The opening tags of elements carrying a class, as `data-id` → class list. */
function classesById(html: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of html.matchAll(/<g class="([^"]*)" data-state="[^"]*" data-id="([^"]*)"/g)) out.set(unescape(m[2]!), m[1]!.split(' '));
  return out;
}

function edgeClasses(html: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of html.matchAll(/<g class="([^"]*)" data-edge="([^"]*)"/g)) out.set(unescape(m[2]!), m[1]!.split(' '));
  return out;
}

function unescape(value: string): string {
  return value.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** Any two state boxes of which neither holds the other must not meet; children sit inside their parents. */
function overlaps(layout: StatechartLayout): string[] {
  const problems: string[] = [];
  const byId = new Map(layout.states.map((s) => [s.id, s]));
  const ancestors = (id: string): string[] => {
    const out: string[] = [];
    for (let p = byId.get(id)?.parent ?? null; p; p = byId.get(p)?.parent ?? null) out.push(p);
    return out;
  };
  for (let i = 0; i < layout.states.length; i += 1) {
    for (let j = i + 1; j < layout.states.length; j += 1) {
      const a = layout.states[i]!;
      const b = layout.states[j]!;
      if (ancestors(a.id).includes(b.id) || ancestors(b.id).includes(a.id)) continue;
      if (intersects(a.box, b.box)) problems.push(`${a.id} overlaps ${b.id}`);
    }
  }
  for (const s of layout.states) {
    if (s.parent && !contains(byId.get(s.parent)!.box, s.box)) problems.push(`${s.id} sticks out of ${s.parent}`);
    if (!contains({ x: 0, y: 0, w: layout.width, h: layout.height }, s.box)) problems.push(`${s.id} is off the canvas`);
    if (s.title && !contains(s.box, s.title.box)) problems.push(`${s.id}'s title sticks out of its box`);
    for (const child of layout.states) if (child.parent === s.id && s.title && intersects(child.box, s.title.box)) problems.push(`${child.id} covers ${s.id}'s title`);
  }
  return problems;
}

/** Edge labels: inside the picture, off every atomic state and title, off each other. */
function labelProblems(layout: StatechartLayout): string[] {
  const problems: string[] = [];
  const canvas = { x: 0, y: 0, w: layout.width, h: layout.height };
  const labelled = layout.edges.filter((e) => e.label);
  for (const e of labelled) {
    const box = e.label!.box;
    if (!contains(canvas, box)) problems.push(`${e.id}: label outside the viewBox`);
    for (const s of layout.states) {
      if (!s.title && intersects(box, s.box)) problems.push(`${e.id}: label on ${s.id}`);
      if (s.title && intersects(box, s.title.box)) problems.push(`${e.id}: label on ${s.id}'s title`);
    }
    for (const other of labelled) if (other !== e && intersects(box, other.label!.box)) problems.push(`${e.id}: label on ${other.id}'s label`);
  }
  return problems;
}

/** Shortest distance from a rectangle to an orthogonal polyline. */
function distanceToPolyline(r: Rect, points: readonly Point[]): number {
  let best = Infinity;
  for (let i = 1; i < points.length; i += 1) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const seg = { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) };
    const dx = Math.max(0, seg.x - (r.x + r.w), r.x - (seg.x + seg.w));
    const dy = Math.max(0, seg.y - (r.y + r.h), r.y - (seg.y + seg.h));
    best = Math.min(best, Math.hypot(dx, dy));
  }
  return best;
}

function onBorder(p: { x: number; y: number }, r: Rect): boolean {
  const near = (a: number, b: number): boolean => Math.abs(a - b) < 0.6;
  const inX = p.x >= r.x - 0.6 && p.x <= r.x + r.w + 0.6;
  const inY = p.y >= r.y - 0.6 && p.y <= r.y + r.h + 0.6;
  return ((near(p.x, r.x) || near(p.x, r.x + r.w)) && inY) || ((near(p.y, r.y) || near(p.y, r.y + r.h)) && inX);
}

// ---------------------------------------------------------------------------------------------

const model = statechartModel();
const layout = await layoutStatechart(model);
const html = toHtml(renderStatechart(model, layout));
const config = walkConfig(controllerMachine);
const configInitials = (machine: { config: unknown }): string[] => {
  const out: string[] = [];
  const visit = (state: ConfigState, id: string): void => {
    if (state.initial) out.push(`${id}.${state.initial}`);
    for (const [key, child] of Object.entries(state.states ?? {})) visit(child, `${id}.${key}`);
  };
  const root = machine.config as ConfigState & { id: string };
  visit(root, root.id);
  return out;
};

describe('statechart model of the controller machine', () => {
  it('has every state of the machine exactly once, with its parent, kind and initial flag', () => {
    const ids = model.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...config.states.keys()].sort());
    for (const node of model.nodes) {
      const state = config.states.get(node.id)!;
      expect(node.key).toBe(state.key);
      expect(node.parent).toBe(state.parent);
      expect(node.kind).toBe(state.compound ? 'compound' : (RESULTS as readonly string[]).includes(node.key) ? 'result' : 'atomic');
    }
    expect(model.nodes.filter((n) => n.initial).map((n) => n.id).sort()).toEqual(configInitials(controllerMachine).sort());
    expect(model.nodes.find((n) => n.initial && n.key === ENTRY_NODE)).toBeDefined();
  });

  it('draws the decision graph from DECISION_GRAPH: one state per node and result, labelled with its check', () => {
    const component = model.nodes.filter((n) => n.parent === 'controller.reconciling.component');
    expect(component.map((n) => n.key).sort()).toEqual([...Object.keys(DECISION_GRAPH), ...RESULTS].sort());
    for (const [key, definition] of Object.entries(DECISION_GRAPH)) {
      const node = component.find((n) => n.key === key)!;
      expect(node.label).toBe(definition.check);
      expect(node.check).toBe(definition.check);
    }
    expect(model.nodes.find((n) => n.key === 'lookup')!.label).toBe('hpaFound');
  });

  it('has every transition as an edge, labelled by event or guard outcome, and no others', () => {
    for (const t of config.transitions) {
      const edge = model.edges.find((e) => e.source === t.source && e.target === t.target);
      expect(edge, `${t.source} → ${t.target}`).toBeDefined();
      const guard = expectedLabel(t.guard);
      if (t.event !== null) expect(edge!.labels).toContain(guard ? `${t.event} [${guard}]` : t.event);
      else if (guard !== null) expect(edge!.labels).toContain(guard);
      else expect(edge!.labels.some((l) => ['always', '*', 'else'].includes(l))).toBe(true);
    }
    expect(model.edges.reduce((n, e) => n + e.labels.length, 0)).toBe(config.transitions.length);
    const pairs = new Set(config.transitions.map((t) => `${t.source}->${t.target}`));
    expect(model.edges.map((e) => e.id).sort()).toEqual([...pairs].sort());
  });

  it('labels decision edges with the outcome and collapses the idle events into one edge', () => {
    const edge = (source: string, target: string) => model.edges.find((e) => e.id === `controller.reconciling.component.${source}->controller.reconciling.component.${target}`)!;
    expect(edge('lookup', 'found').label).toBe('true');
    expect(edge('lookup', 'notFound').label).toBe('false');
    expect(edge('deploymentMode', 'autoscalerClass').label).toBe('RawDeployment');
    expect(edge('deploymentMode', 'NotCalled').labels).toEqual(['Serverless', 'ModelMesh']);
    expect(edge('autoscalerClass', 'createAutoscaler').label).toBe('*');
    const idle = model.edges.filter((e) => e.source === 'controller.idle');
    expect(idle).toHaveLength(1);
    expect(idle[0]!.label).toBe('event');
    expect(idle[0]!.labels).toContain('pod.created');
    expect(idle[0]!.labels).toContain('pod.deleted');
  });

  it('is plain data: it survives JSON unchanged', () => {
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });

  it('maps step-path keys (and finalize) to state ids, skipping names that are no state', () => {
    expect(pathToStateIds(model, ['lookup', 'Delete', 'finalize', 'no-such-state'])).toEqual([
      'controller.reconciling.component.lookup',
      'controller.reconciling.component.Delete',
      'controller.reconciling.finalize',
    ]);
  });
});

describe('statechart SVG', () => {
  it('has every state exactly once, as a <g data-state> with a rect and its label', () => {
    for (const node of model.nodes) {
      expect(count(html, ` data-id="${attr(node.id)}"`), node.id).toBe(1);
      expect(count(html, ` data-state="${attr(node.key)}"`), node.key).toBe(1);
      const group = new RegExp(`<g [^>]*data-id="${node.id.replace(/\./g, '\\.')}"[^>]*><title>[^<]*</title><rect [^>]*></rect><text [^>]*>${node.label}</text>`);
      expect(html, node.id).toMatch(group);
    }
    expect(count(html, '<g class="sc-state')).toBe(model.nodes.length);
  });

  it('has every edge exactly once', () => {
    for (const edge of model.edges) expect(count(html, ` data-edge="${attr(edge.id)}"`), edge.id).toBe(1);
    expect(count(html, ' data-edge="')).toBe(model.edges.length);
  });

  it('is an accessible image: role, a title that names it and a desc that describes it', () => {
    expect(html).toMatch(/^<svg [^>]*role="img" aria-labelledby="statechart-title" aria-describedby="statechart-desc"/);
    expect(html).toContain('<title id="statechart-title">');
    expect(html).toMatch(/<desc id="statechart-desc" data-base="[^"]+" data-path="[^"]*\{path\}[^"]*">Drawn from the machine definition: \d+ states/);
    expect(html).toContain(`viewBox="0 0 ${layout.width} ${layout.height}"`);
  });

  it('speaks the page\'s language: title from the UI strings, desc and path sentence in Chinese on zh-cn pages', () => {
    const zh = toHtml(renderStatechart(model, layout, { title: '控制器循环', locale: 'zh-cn', idPrefix: 'zh', highlight: ['deploymentMode', 'autoscalerClass'] }));
    expect(zh).toContain('<title id="zh-title">控制器循环</title>');
    expect(zh).toMatch(new RegExp(`<desc id="zh-desc"[^>]*>由状态机定义生成：${model.nodes.length} 个状态`));
    expect(zh).toContain('本步经过的状态以粗边框和对勾标出：deploymentMode → autoscalerClass；虚线环标出最后一个，autoscalerClass。');
    expect(zh).toContain('：执行检查 ');
    // Both languages describe the same chart and carry a path template the browser can fill.
    for (const text of Object.values(CHART_TEXT)) {
      expect(text.path).toContain('{path}');
      expect(text.path).toContain('{last}');
    }
  });

  it('ships light and dark colours with AA contrast for text, 3:1 for lines', () => {
    expect(STATECHART_CSS).toContain(":root[data-theme='dark'] .statechart");
    for (const p of [PALETTE.light, PALETTE.dark]) {
      for (const fill of [p.box, p.result, p.panel1, p.panel2, p.bg]) expect(contrastRatio(p.text, fill)).toBeGreaterThanOrEqual(4.5);
      for (const fill of [p.bg, p.panel1, p.panel2]) {
        expect(contrastRatio(p.muted, fill)).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(p.accentText, fill)).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(p.line, fill)).toBeGreaterThanOrEqual(3);
        expect(contrastRatio(p.stroke, fill)).toBeGreaterThanOrEqual(3);
        expect(contrastRatio(p.accent, fill)).toBeGreaterThanOrEqual(3);
      }
      expect(contrastRatio(p.accentText, p.accentBg)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(p.onAccent, p.accent)).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('statechart layout (ELK, build time)', () => {
  it('keeps state boxes apart, children inside their parents, titles clear', () => {
    expect(overlaps(layout)).toEqual([]);
  });

  it('places every state of the machine and routes every transition', () => {
    expect(layout.states.map((s) => s.id).sort()).toEqual([...config.states.keys()].sort());
    for (const s of layout.states) expect(s.box.w > 0 && s.box.h > 0, s.id).toBe(true);
    expect(layout.edges.map((e) => e.id).sort()).toEqual(model.edges.map((e) => e.id).sort());
    const pairs = new Set(config.transitions.map((t) => `${t.source}->${t.target}`));
    for (const pair of pairs) expect(layout.edges.find((e) => e.id === pair)?.points.length ?? 0, pair).toBeGreaterThanOrEqual(2);
    // Each compound's initial state gets its dot, and the dot's arrow ends on that state.
    const boxOf = new Map(layout.states.map((s) => [s.id, s.box]));
    expect(layout.initials.map((m) => m.state).sort()).toEqual(configInitials(controllerMachine).sort());
    for (const m of layout.initials) {
      expect(contains(boxOf.get(m.parent)!, { x: m.dot.x, y: m.dot.y, w: 0, h: 0 }), m.state).toBe(true);
      expect(onBorder(m.points[m.points.length - 1]!, boxOf.get(m.state)!), m.state).toBe(true);
    }
  });

  it('routes every edge orthogonally from its source border to its target border, inside the picture', () => {
    const boxOf = new Map(layout.states.map((s) => [s.id, s.box]));
    const canvas = { x: 0, y: 0, w: layout.width, h: layout.height };
    for (const edge of layout.edges) {
      const pts = edge.points;
      expect(pts.length, edge.id).toBeGreaterThanOrEqual(2);
      expect(onBorder(pts[0]!, boxOf.get(edge.source)!), `${edge.id} starts on its source`).toBe(true);
      expect(onBorder(pts[pts.length - 1]!, boxOf.get(edge.target)!), `${edge.id} ends on its target`).toBe(true);
      for (let i = 1; i < pts.length; i += 1) expect(pts[i]!.x === pts[i - 1]!.x || pts[i]!.y === pts[i - 1]!.y, edge.id).toBe(true);
      for (const p of pts) expect(contains(canvas, { ...p, w: 0, h: 0 }), edge.id).toBe(true);
    }
  });

  it('keeps edge labels inside the viewBox, off the states, their titles and each other', () => {
    expect(layout.edges.filter((e) => e.label).length).toBeGreaterThan(20);
    expect(labelProblems(layout)).toEqual([]);
    // A label sits next to its own edge: within a few pixels of one of its segments.
    for (const e of layout.edges.filter((edge) => edge.label)) expect(distanceToPolyline(e.label!.box, e.points), e.id).toBeLessThan(8);
  });

  it('reads top to bottom: the decision graph from its entry node down, each check above what it leads to', () => {
    const box = (key: string) => layout.states.find((s) => s.key === key && s.parent?.endsWith('.component'))!.box;
    for (const [node, definition] of Object.entries(DECISION_GRAPH)) {
      for (const target of Object.values(definition.next) as string[]) expect(box(target).y, `${node} → ${target}`).toBeGreaterThan(box(node).y);
    }
    expect(box(ENTRY_NODE).y).toBe(Math.min(...Object.keys(DECISION_GRAPH).map((n) => box(n).y)));
    // The machine's own initial state comes first at the top level.
    const top = layout.states.filter((s) => s.parent === model.id);
    const initial = top.find((s) => s.initial)!;
    expect(initial.box.y).toBe(Math.min(...top.map((s) => s.box.y)));
  });

  // The KEDA reconciler's node (a third dispatch branch) widened the graph from about 950 px.
  it('stays a readable size: under 1,400 px wide and 1,300 px tall', () => {
    expect(layout.width).toBeGreaterThan(600);
    expect(layout.width).toBeLessThanOrEqual(1400);
    expect(layout.height).toBeLessThanOrEqual(1300);
  });

  it('is deterministic: a fresh layout of an equal model is identical, and so is the SVG', async () => {
    const again = await layoutStatechart(statechartModel(), { cache: false });
    expect(again).toEqual(layout);
    expect(toHtml(renderStatechart(model, again))).toBe(html);
  });

  it('asks ELK for the layered algorithm, hierarchy across compounds and orthogonal routing', () => {
    expect(ELK_OPTIONS).toMatchObject({ 'elk.algorithm': 'layered', 'elk.hierarchyHandling': 'INCLUDE_CHILDREN', 'elk.edgeRouting': 'ORTHOGONAL' });
  });
});

describe('the browser bundle', () => {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  /** Every module reachable by static or dynamic relative import, and the packages they import. */
  function reach(entry: string): { files: Set<string>; packages: Set<string> } {
    const files = new Set<string>();
    const packages = new Set<string>();
    const queue = [resolve(root, entry)];
    while (queue.length) {
      const file = queue.pop()!;
      if (files.has(file)) continue;
      files.add(file);
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(/(?:^|\n)\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)) {
        if (m[2]) continue; // type-only imports vanish from the bundle
        const spec = m[3] ?? m[4] ?? m[5]!;
        if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec.replace(/\?.*$/, '')));
        else packages.add(spec);
      }
    }
    return { files, packages };
  }

  it('never reaches the layout module or elkjs from the playground element', () => {
    const { files, packages } = reach('playground/app/element.ts');
    expect(files).toContain(resolve(root, 'playground/app/chart.ts'));
    expect(files).toContain(resolve(root, 'playground/statechart/highlight.ts'));
    expect([...files].filter((f) => f.endsWith('statechart/layout.ts'))).toEqual([]);
    expect([...packages].filter((p) => p.startsWith('elkjs'))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Hand-made machines, built the way the controller builds its decision states.

type Graph = Record<string, { check: string; next: Record<string, string> }>;

function graphMachine(graph: Graph, entry: string, results: readonly string[]) {
  const decision = Object.fromEntries([
    ...Object.entries(graph).map(([node, definition]) => [node, {
      always: Object.entries(definition.next).map(([value, target]) => ({
        target,
        ...(value === '*' ? {} : { guard: { type: 'outcomeIs' as const, params: { value } } }),
      })),
    }]),
    ...results.map((r) => [r, { always: { target: '#lab.idle' } }]),
  ]);
  return setup({ guards: { outcomeIs: () => true } }).createMachine({
    id: 'lab',
    initial: 'idle',
    states: {
      idle: { on: { poke: 'work' } },
      work: { initial: entry, states: decision },
    },
  } as never);
}

const SMALL: Graph = {
  mode: { check: 'deploymentMode', next: { Raw: 'found', Serverless: 'NotCalled' } },
  found: { check: 'hpaFound', next: { true: 'Delete', false: 'Create' } },
};

describe('statechart of other machines', () => {
  it('a node added to the decision graph shows up in the model, the layout and the SVG', async () => {
    const checks = (graph: Graph) => Object.fromEntries(Object.entries(graph).map(([k, v]) => [k, v.check]));
    const before = statechartModel(graphMachine(SMALL, 'mode', ['Create', 'Delete', 'NotCalled']), { checks: checks(SMALL) });
    const bigger: Graph = {
      ...SMALL,
      found: { check: 'hpaFound', next: { true: 'owned', false: 'Create' } },
      owned: { check: 'ownedByInferenceService', next: { true: 'Delete', false: 'NotCalled' } },
    };
    const after = statechartModel(graphMachine(bigger, 'mode', ['Create', 'Delete', 'NotCalled']), { checks: checks(bigger) });
    expect(before.nodes.map((n) => n.key)).not.toContain('owned');
    const owned = after.nodes.find((n) => n.key === 'owned')!;
    expect(owned).toMatchObject({ id: 'lab.work.owned', parent: 'lab.work', kind: 'atomic', label: 'ownedByInferenceService' });
    expect(after.edges.map((e) => e.id)).toEqual(expect.arrayContaining(['lab.work.found->lab.work.owned', 'lab.work.owned->lab.work.Delete', 'lab.work.owned->lab.work.NotCalled']));
    const laid = await layoutStatechart(after);
    expect(overlaps(laid)).toEqual([]);
    const svg = toHtml(renderStatechart(after, laid));
    expect(count(svg, 'data-id="lab.work.owned"')).toBe(1);
    expect(svg).toContain('>ownedByInferenceService</text>');
  });

  it('the real DECISION_GRAPH plus one node: the new node is drawn between its neighbours', async () => {
    const graph: Graph = {
      ...(DECISION_GRAPH as unknown as Graph),
      lookup: { check: 'hpaFound', next: { false: 'notFound', true: 'ownerCheck' } },
      ownerCheck: { check: 'ownedByInferenceService', next: { true: 'found', false: 'Skipped' } },
    };
    const checks = Object.fromEntries(Object.entries(graph).map(([k, v]) => [k, v.check]));
    const m = statechartModel(graphMachine(graph, ENTRY_NODE, RESULTS), { checks });
    expect(m.nodes.filter((n) => n.parent === 'lab.work')).toHaveLength(Object.keys(graph).length + RESULTS.length);
    const laid = await layoutStatechart(m);
    expect(overlaps(laid)).toEqual([]);
    const y = (key: string) => laid.states.find((s) => s.key === key)!.box.y;
    expect(y('lookup')).toBeLessThan(y('ownerCheck'));
    expect(y('ownerCheck')).toBeLessThan(y('found'));
  });

  it('escapes everything a machine can name: keys, events, guard values', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const machine = setup({ guards: { outcomeIs: () => true } }).createMachine({
      id: 'x',
      initial: 'a&b<i>',
      states: {
        'a&b<i>': { on: { [evil]: { target: '"><script>alert(1)</script>' } } },
        '"><script>alert(1)</script>': {
          always: [{ target: 'a&b<i>', guard: { type: 'outcomeIs', params: { value: `</text><script>alert(2)</script>` } } }, { target: 'a&b<i>' }],
        },
      },
    } as never);
    const m = statechartModel(machine);
    const out = toHtml(renderStatechart(m, await layoutStatechart(m), { highlight: ['a&b<i>'] }));
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<i>');
    // Every tag is well formed, with quoted attribute values that hold no markup, none an event handler.
    for (const tag of out.match(/<[^>]*>/g)!) {
      expect(tag).toMatch(/^<\/?[a-z]+(?: [a-zA-Z_:][-a-zA-Z0-9_:.]*="[^"<>]*")*>$/);
      expect(tag).not.toMatch(/ on\w*=/i);
    }
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('&lt;/text&gt;&lt;script&gt;alert(2)');
    expect(out).toContain('data-state="a&amp;b&lt;i&gt;"');
    const tags = new Set([...out.matchAll(/<\/?([a-zA-Z]+)/g)].map((t) => t[1]));
    expect([...tags].sort()).toEqual(['circle', 'desc', 'g', 'path', 'rect', 'svg', 'text', 'title', 'tspan']);
  });

  it('lays out a plain machine with no decision graph at all', async () => {
    const machine = createMachine({ id: 'light', initial: 'green', states: { green: { on: { timer: 'yellow' } }, yellow: { on: { timer: 'red' } }, red: { on: { timer: 'green' } } } });
    const m = statechartModel(machine);
    expect(m.nodes.map((n) => n.id)).toEqual(['light', 'light.green', 'light.yellow', 'light.red']);
    expect(m.edges.map((e) => `${e.id}:${e.label}`)).toEqual(['light.green->light.yellow:timer', 'light.yellow->light.red:timer', 'light.red->light.green:timer']);
    const laid = await layoutStatechart(m);
    expect(overlaps(laid)).toEqual([]);
    expect(labelProblems(laid)).toEqual([]);
    expect(laid.edges.every((e) => e.points.length >= 2)).toBe(true);
  });

  it('lays out transitions across levels, into and out of compounds, and to the same state', async () => {
    const machine = createMachine({
      id: 'deep',
      initial: 'a',
      states: {
        a: { on: { go: 'b.inner.x', stay: {}, reset: '#deep' } },
        b: {
          initial: 'inner',
          on: { leave: 'a' },
          states: {
            inner: { initial: 'x', states: { x: { on: { up: '#deep.b', out: '#deep.a', next: 'y' } }, y: { always: '#deep.b.done' } } },
            done: { on: { again: 'inner' } },
          },
        },
      },
    });
    const m = statechartModel(machine);
    expect(m.edges.map((e) => e.id)).toEqual(expect.arrayContaining(['deep.a->deep.a', 'deep.a->deep', 'deep.a->deep.b.inner.x', 'deep.b.inner.x->deep.b', 'deep.b.done->deep.b.inner']));
    const laid = await layoutStatechart(m);
    expect(overlaps(laid)).toEqual([]);
    expect(labelProblems(laid)).toEqual([]);
    for (const e of laid.edges) expect(e.points.length, e.id).toBeGreaterThanOrEqual(2);
    expect(laid.initials).toHaveLength(3);
  });
});

// ---------------------------------------------------------------------------------------------
// Highlighting a real step, in the HTML string and on a (minimal) DOM.

function scenarioRun(file: string, version: string) {
  const text = readFileSync(new URL(`../../content/scenarios/${file}`, import.meta.url), 'utf8');
  const parsed = parseScenario([{ name: file, text }]);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => formatInputError(e)).join('\n'));
  return runScenario(parsed.scenario, { versions: [version] }).versions[0]!;
}

/** Just enough DOM for toDom and highlightStatechart. */
class FakeElement {
  attributes = new Map<string, string>();
  children: (FakeElement | FakeText)[] = [];
  readonly tagName: string;
  constructor(tagName: string) {
    this.tagName = tagName;
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  appendChild(child: FakeElement | FakeText): void {
    this.children.push(child);
  }
  get classList() {
    const read = () => new Set((this.getAttribute('class') ?? '').split(/\s+/).filter(Boolean));
    return {
      contains: (name: string) => read().has(name),
      toggle: (name: string, force?: boolean) => {
        const set = read();
        const on = force ?? !set.has(name);
        if (on) set.add(name);
        else set.delete(name);
        this.setAttribute('class', [...set].join(' '));
        return on;
      },
    };
  }
  private all(): FakeElement[] {
    return this.children.flatMap((c) => (c instanceof FakeElement ? [c, ...c.all()] : []));
  }
  querySelectorAll(selector: string): FakeElement[] {
    const attrSelector = /^\[([\w-]+)\]$/.exec(selector);
    return this.all().filter((el) => (attrSelector ? el.attributes.has(attrSelector[1]!) : el.tagName === selector));
  }
  querySelector(selector: string): FakeElement | null {
    return this.querySelectorAll(selector)[0] ?? null;
  }
  set textContent(text: string) {
    this.children = [new FakeText(text)];
  }
  get textContent(): string {
    return this.children.map((c) => c.textContent).join('');
  }
}

class FakeText {
  readonly textContent: string;
  constructor(textContent: string) {
    this.textContent = textContent;
  }
}

const fakeDocument = {
  createElement: (tag: string) => new FakeElement(tag),
  createElementNS: (_ns: string, tag: string) => new FakeElement(tag),
  createTextNode: (text: string) => new FakeText(text),
} as unknown as Document;

function mount(tree: VNode): FakeElement {
  return toDom(tree, fakeDocument) as unknown as FakeElement;
}

describe('statechart highlight of a real step', () => {
  const release = scenarioRun('kserve-4312.yaml', 'v0.14.1');
  const path = release.steps[2]!.path;

  it('takes the path the engine recorded (kserve-4312, v0.14.1, step 3): from the entry check along transitions to Delete', () => {
    const ids = pathToStateIds(model, path);
    expect(ids.length).toBeGreaterThan(3);
    expect(ids[0]).toBe(`controller.reconciling.component.${ENTRY_NODE}`);
    expect(ids[ids.length - 1]).toBe('controller.reconciling.component.Delete');
    const edgeIds = new Set(model.edges.map((e) => e.id));
    for (let i = 1; i < ids.length; i += 1) expect(edgeIds.has(`${ids[i - 1]}->${ids[i]}`), `${ids[i - 1]} → ${ids[i]}`).toBe(true);
  });

  it('renders exactly those states visited, the last one active, and the edges between them', () => {
    const out = toHtml(renderStatechart(model, layout, { highlight: path }));
    const ids = pathToStateIds(model, path);
    const classes = classesById(out);
    const visited = [...classes].filter(([, c]) => c.includes(VISITED)).map(([id]) => id);
    expect(visited.sort()).toEqual([...ids].sort());
    expect([...classes].filter(([, c]) => c.includes(ACTIVE)).map(([id]) => id)).toEqual(['controller.reconciling.component.Delete']);
    const edges = [...edgeClasses(out)].filter(([, c]) => c.includes(EDGE_VISITED)).map(([id]) => id);
    expect(edges.sort()).toEqual(ids.slice(1).map((id, i) => `${ids[i]}->${id}`).sort());
    expect(out).toContain('the states this step passed through: deploymentMode → autoscalerClass');
  });

  it('highlightStatechart toggles the same classes on the mounted SVG, and clears them on the next step', () => {
    const svg = mount(renderStatechart(model, layout));
    highlightStatechart(svg as unknown as Element, path);
    const marked = (cls: string, selector = '[data-state]') => svg.querySelectorAll(selector).filter((el) => el.classList.contains(cls)).map((el) => el.getAttribute('data-id') ?? el.getAttribute('data-edge'));
    const ids = pathToStateIds(model, path);
    expect(marked(VISITED).sort()).toEqual([...ids].sort());
    expect(marked(ACTIVE)).toEqual(['controller.reconciling.component.Delete']);
    expect(marked(EDGE_VISITED, '[data-edge]')).toHaveLength(ids.length - 1);
    expect(svg.querySelector('desc')!.textContent).toContain('→ Delete');

    // The same SVG, the next step: the deletion finalizes without reconciling a component.
    highlightStatechart(svg as unknown as Element, ['finalize']);
    expect(marked(VISITED)).toEqual(['controller.reconciling.finalize']);
    expect(marked(ACTIVE)).toEqual(['controller.reconciling.finalize']);
    expect(marked(EDGE_VISITED, '[data-edge]')).toEqual([]);
    highlightStatechart(svg as unknown as Element, []);
    expect(marked(VISITED)).toEqual([]);
    expect(svg.querySelector('desc')!.textContent).toBe(svg.querySelector('desc')!.getAttribute('data-base'));
  });

  it('marks finalize for a step that deletes the InferenceService', () => {
    const deletion = scenarioRun('isvc-deletion.yaml', 'v0.14.1');
    const step = deletion.steps.find((s) => s.path.includes('finalize'));
    expect(step).toBeDefined();
    const out = toHtml(renderStatechart(model, layout, { highlight: step!.path }));
    expect(classesById(out).get('controller.reconciling.finalize')).toContain(VISITED);
  });
});
