// The Paths page: ranked supply-chain paths drawn as a graph (cytoscape),
// every hop's evidence one click away, neighbourhoods expanded on demand,
// and the GEXF of exactly the drawing.
import cytoscape from "cytoscape";
import { paths, pathsGexfUrl } from "./api.js";
import {
  CLASS_COLOURS, classBadge, clear, dateInputs, dateSpan, documentHref, entityHref, errorBox, h,
  propertyWords,
} from "./dom.js";
import { entitySearch } from "./entity.js";

/** The properties paths may follow, as the server's default. */
const PROPERTIES = [
  "suppliesTo", "trafficsTo", "supplies", "produces", "producedIn", "traffics",
  "entersVia", "laundersMoneyFor", "operatesIn", "locatedIn",
];

/**
 * Lays the entities an expansion added (not on any path) on an arc below
 * the entity expanded, spaced so that their labels do not collide; the
 * paths keep their breadth-first layout.
 */
function fanOut(cy, data) {
  const placed = new Set(data.nodes.filter((n) => n.on_path).map((n) => n.iri));
  for (const n of data.nodes.filter((n) => n.expanded)) {
    const centre = cy.getElementById(n.iri);
    const leaves = centre.neighborhood("node").filter((m) => !placed.has(m.id()));
    if (!leaves.length) continue;
    leaves.forEach((m) => placed.add(m.id()));
    const c = centre.position();
    const r = Math.max(160, (leaves.length * 90) / Math.PI);
    leaves.forEach((m, i) => {
      const a = Math.PI * ((i + 0.5) / leaves.length);
      m.position({ x: c.x + r * Math.cos(a), y: c.y + r * Math.sin(a) });
    });
  }
  cy.fit(undefined, 30);
}

export function pathsPage(root, params) {
  const state = {
    from: params.get("from") || "China",
    to: params.get("to") || "United States",
    k: params.get("k") || "5",
    max_hops: params.get("max_hops") || "4",
    via: params.get("via") || "",
    avoid: params.get("avoid") || "",
    predicates: params.get("predicates") ? params.get("predicates").split(",") : PROPERTIES.slice(),
    undirected: params.get("undirected") === "true",
    min_sources: params.get("min_sources") || "1",
    since: params.get("since") || "",
    until: params.get("until") || "",
    expand: [],
  };
  const field = (label, input) => h("label", {}, label, input);
  const num = (name, min, max) => h("input", { type: "number", name, min, max, value: state[name] });
  const text = (name, placeholder) => h("input", { type: "text", name, placeholder, value: state[name] });
  const from = entitySearch({ placeholder: "From", value: state.from, name: "from" });
  const to = entitySearch({ placeholder: "To", value: state.to, name: "to" });
  const form = h("form", { class: "paths-form" },
    field("From ", from), field("To ", to),
    field("k ", num("k", 1, 50)), field("max hops ", num("max_hops", 1, 8)),
    field("via ", text("via", "names, comma-separated")),
    field("avoid ", text("avoid", "names, comma-separated")),
    field("min. documents per hop ", num("min_sources", 1, 20)),
    h("label", {}, h("input", { type: "checkbox", name: "undirected", checked: state.undirected }), " either direction"),
    h("fieldset", { class: "dates" }, h("legend", {}, "Statements dated"), dateInputs(state)),
    h("fieldset", { class: "properties" }, h("legend", {}, "Relations to follow"),
      PROPERTIES.map((p) => h("label", {},
        h("input", { type: "checkbox", name: "predicate", value: p, checked: state.predicates.includes(p) }),
        ` ${propertyWords(p)}`))),
    h("button", { type: "submit", class: "primary" }, "Find paths"),
  );
  const list = h("div", { class: "path-list" });
  const canvas = h("div", { id: "graph", class: "graph", "aria-label": "Path drawing" });
  const side = h("div", { class: "evidence-panel", "aria-live": "polite" },
    h("p", { class: "hint" }, "Click a hop (in the list or on the drawing) to see its evidence; click an entity to expand its neighbourhood."));
  const download = h("a", { class: "button", id: "download-gexf", download: "fkg-paths.gexf", hidden: true }, "Download GEXF");
  const legend = h("div", { class: "legend" },
    Object.keys(CLASS_COLOURS).map((c) => classBadge(c)));
  root.classList.add("paths-page");
  root.append(form, h("div", { class: "paths-body" },
    h("div", { class: "left" }, list),
    h("div", { class: "centre" }, h("div", { class: "graph-bar" }, download, legend), canvas),
    h("div", { class: "right" }, side)));

  let cy = null;
  let last = null;

  const query = () => ({
    from: state.from, to: state.to, k: state.k, max_hops: state.max_hops,
    via: state.via, avoid: state.avoid, min_sources: state.min_sources,
    undirected: state.undirected ? "true" : "",
    predicates: state.predicates.length === PROPERTIES.length ? "" : state.predicates.join(","),
    since: state.since, until: state.until,
    expand: state.expand.join(","),
  });

  const showEdge = (edge) => {
    clear(side).append(
      h("h3", { class: "hop-title" },
        h("a", { href: entityHref(edge.source) }, label(edge.source)),
        ` — ${propertyWords(edge.property)} → `,
        h("a", { href: entityHref(edge.target) }, label(edge.target))),
      h("p", {}, `${edge.documents} document${edge.documents === 1 ? "" : "s"}, ${edge.support.length} statement${edge.support.length === 1 ? "" : "s"}`),
      h("ol", { class: "support" }, edge.support.map((s) => h("li", {},
        h("blockquote", { class: "evidence" }, `“${s.evidence}”`),
        h("div", { class: "source" },
          h("a", { href: documentHref(s.document), title: s.document }, s.source ?? s.document),
          s.page != null ? ` · p. ${s.page}` : "",
          s.date_start || s.date_end ? h("span", { class: "date" }, ` · ${dateSpan(s.date_start, s.date_end)}`) : "",
          s.date_expression ? ` (“${s.date_expression}”)` : "",
          s.speaker ? ` · said by ${s.speaker}` : "",
          ` · confidence ${Number(s.confidence).toFixed(2)}`)))),
    );
    cy?.elements().removeClass("selected");
    cy?.getElementById(edge.id).addClass("selected");
  };
  const label = (iri) => last?.nodes.find((n) => n.iri === iri)?.label ?? iri;

  const showNode = (n) => {
    clear(side).append(
      h("h3", {}, n.label, " ", classBadge(n.class)),
      h("p", {},
        h("button", { class: "primary", onclick: () => { if (!state.expand.includes(n.iri)) { state.expand.push(n.iri); run(); } }, disabled: state.expand.includes(n.iri) }, "Expand neighbourhood"),
        " ", h("a", { href: entityHref(n.iri) }, "entity page")),
      h("p", { class: "hint" }, "Expanding draws every relation of this entity that the filters allow."),
    );
  };

  const draw = (data) => {
    cy?.destroy();
    const elements = [
      ...data.nodes.map((n) => ({
        data: { id: n.iri, label: n.label, colour: CLASS_COLOURS[n.class] ?? "#999" },
        classes: [n.on_path ? "on-path" : "", n.expanded ? "expanded" : ""].join(" "),
      })),
      ...data.edges.map((e) => ({
        data: { id: e.id, source: e.source, target: e.target, label: propertyWords(e.property), width: 1 + Math.min(e.documents, 6) },
      })),
    ];
    const fromNode = data.nodes.find((n) => n.label === data.from);
    cy = cytoscape({
      container: canvas,
      elements,
      wheelSensitivity: 0.3,
      style: [
        { selector: "node", style: { "background-color": "data(colour)", label: "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 4, width: 22, height: 22 } },
        { selector: "node.on-path", style: { width: 32, height: 32, "border-width": 2, "border-color": "#222" } },
        { selector: "node.expanded", style: { "border-style": "dashed", "border-width": 3, "border-color": "#555" } },
        { selector: "edge", style: { width: "data(width)", "curve-style": "bezier", "target-arrow-shape": "triangle", label: "data(label)", "font-size": 9, "text-rotation": "autorotate", color: "#444", "line-color": "#aaa", "target-arrow-color": "#aaa" } },
        { selector: ".selected", style: { "line-color": "#d62728", "target-arrow-color": "#d62728", "border-color": "#d62728" } },
      ],
      layout: { name: "breadthfirst", directed: false, roots: fromNode ? [fromNode.iri] : undefined, spacingFactor: 1.1, padding: 20 },
    });
    fanOut(cy, data);
    canvas.cy = cy; // for the end-to-end tests and the browser console
    const edges = new Map(data.edges.map((e) => [e.id, e]));
    const nodes = new Map(data.nodes.map((n) => [n.iri, n]));
    cy.on("tap", "edge", (ev) => showEdge(edges.get(ev.target.id())));
    cy.on("tap", "node", (ev) => showNode(nodes.get(ev.target.id())));
  };

  const renderList = (data) => {
    clear(list);
    list.append(h("h2", {}, `${data.paths.length} path${data.paths.length === 1 ? "" : "s"}: ${data.from} → ${data.to}`));
    if (state.since || state.until) {
      list.append(h("p", { class: "window" }, `Statements dated ${dateSpan(state.since, state.until)} only (undated ones left out)`));
    }
    if (!data.paths.length) {
      list.append(h("p", { class: "hint" }, "No path within these limits: try more hops, either direction, more relations or other dates."));
    }
    const edges = new Map(data.edges.map((e) => [e.id, e]));
    data.paths.forEach((p, i) => {
      list.append(h("div", { class: "path", "data-rank": i + 1 },
        h("div", { class: "path-head" }, `${i + 1}. ${p.entities.join(" → ")}`,
          h("span", { class: "cost" }, ` ${p.hops.length} hop${p.hops.length === 1 ? "" : "s"}, cost ${p.cost}`)),
        h("ol", { class: "hops" }, p.hops.map((hop) => {
          const id = `${hop.subject} ${hop.property} ${hop.object}`;
          return h("li", {}, h("button", {
            class: "hop link", "data-edge": id,
            onclick: () => showEdge(edges.get(id)),
          }, `${hop.subject_label} ${propertyWords(hop.property)} ${hop.object_label}`,
          h("span", { class: "count" }, ` (${hop.documents} doc${hop.documents === 1 ? "" : "s"})`)));
        }))));
    });
    if (state.expand.length) {
      list.append(h("p", {}, `Expanded: ${state.expand.map(label).join(", ")} `,
        h("button", { class: "link", onclick: () => { state.expand = []; run(); } }, "clear")));
    }
  };

  const run = () => {
    clear(list).append(h("p", {}, "Searching…"));
    const q = query();
    paths(q)
      .then((data) => {
        last = data;
        renderList(data);
        draw(data);
        download.href = pathsGexfUrl(q);
        download.hidden = false;
      })
      .catch((e) => {
        clear(list).append(errorBox(e));
        download.hidden = true;
      });
  };

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const fd = new FormData(form);
    state.from = fd.get("from"); state.to = fd.get("to");
    state.k = fd.get("k"); state.max_hops = fd.get("max_hops");
    state.via = fd.get("via"); state.avoid = fd.get("avoid");
    state.min_sources = fd.get("min_sources");
    state.since = fd.get("since") || ""; state.until = fd.get("until") || "";
    state.undirected = fd.get("undirected") !== null;
    state.predicates = fd.getAll("predicate");
    state.expand = [];
    run();
  });
  run();
  return () => cy?.destroy();
}
