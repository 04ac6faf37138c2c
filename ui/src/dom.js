// A small element builder: h("a", {href: "#"}, "text", child, ...).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") {
      el.addEventListener(k.slice(2).toLowerCase(), v);
    } else if (k === "class") {
      el.className = v;
    } else if (k === "dataset") {
      Object.assign(el.dataset, v);
    } else {
      el.setAttribute(k, v === true ? "" : String(v));
    }
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function errorBox(err) {
  return h("div", { class: "error", role: "alert" }, String(err.message ?? err));
}

/** Colours of the contract's classes, shared by drawings and badges. */
export const CLASS_COLOURS = {
  Country: "#4e79a7",
  State: "#76b7b2",
  City: "#59a14f",
  PortOfEntry: "#8cd17d",
  Office: "#d37295",
  Cartel: "#e15759",
  CriminalOrganization: "#ff9d9a",
  Company: "#f28e2b",
  GovernmentAgency: "#9c755f",
  Person: "#b07aa1",
  Drug: "#edc948",
  PrecursorChemical: "#d4a6c8",
  Event: "#bab0ac",
};

export function classBadge(cls) {
  return h(
    "span",
    { class: "badge", style: `background:${CLASS_COLOURS[cls] ?? "#999"}` },
    cls,
  );
}

export const entityHref = (iri) => `#/entity/${encodeURIComponent(iri)}`;
export const documentHref = (id) => `#/documents/${encodeURIComponent(id)}`;

/** Splits "fkg:suppliesTo"-style local names into words. */
export function propertyWords(p) {
  return p.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/**
 * When a statement holds, in words: "2023-04-14", "2019-01-01 – 2024-06-03",
 * "since 2019-01-01", "until 2021-12-31", or "" when undated.
 */
export function dateSpan(start, end) {
  if (start && end) return start === end ? start : `${start} – ${end}`;
  if (start) return `since ${start}`;
  if (end) return `until ${end}`;
  return "";
}

/** Date inputs (since, until) for a window; values YYYY-MM-DD or "". */
export function dateInputs(state) {
  return [
    h("label", {}, "since ", h("input", { type: "date", name: "since", value: state.since ?? "" })),
    h("label", {}, "until ", h("input", { type: "date", name: "until", value: state.until ?? "" })),
  ];
}
