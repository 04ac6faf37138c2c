// The Entity page: a search box with autocomplete over labels and aliases,
// and an entity's types, names, links and every fact with its evidence.
import { entity, searchEntities } from "./api.js";
import {
  classBadge, clear, documentHref, entityHref, errorBox, h, propertyWords,
} from "./dom.js";

/** A search box that suggests entities as one types; `pick(match)`. */
export function entitySearch({ placeholder, value = "", pick, name }) {
  const input = h("input", {
    type: "search", placeholder, value, name, autocomplete: "off",
    role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false",
  });
  const list = h("ul", { class: "suggestions", role: "listbox", hidden: true });
  let timer = null;
  let active = -1;
  let matches = [];
  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    active = -1;
  };
  const choose = (m) => {
    input.value = m.label;
    close();
    pick?.(m);
  };
  const show = () => {
    clear(list);
    matches.forEach((m, i) => {
      list.append(
        h("li", {
          role: "option", class: i === active ? "active" : "",
          onmousedown: (e) => { e.preventDefault(); choose(m); },
        },
        h("span", { class: "label" }, m.label),
        m.matched !== m.label ? h("span", { class: "alias" }, ` (${m.matched})`) : null,
        " ", m.types.map(classBadge)),
      );
    });
    list.hidden = matches.length === 0;
    input.setAttribute("aria-expanded", String(!list.hidden));
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) { matches = []; show(); return; }
    timer = setTimeout(() => {
      searchEntities(q, 10)
        .then((m) => { if (input.value.trim() === q) { matches = m; active = -1; show(); } })
        .catch(() => { matches = []; show(); });
    }, 120);
  });
  input.addEventListener("keydown", (e) => {
    if (list.hidden) return;
    if (e.key === "ArrowDown") { active = Math.min(active + 1, matches.length - 1); show(); e.preventDefault(); }
    else if (e.key === "ArrowUp") { active = Math.max(active - 1, 0); show(); e.preventDefault(); }
    else if (e.key === "Enter" && active >= 0) { choose(matches[active]); e.preventDefault(); }
    else if (e.key === "Escape") close();
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
  return h("span", { class: "search" }, input, list);
}

export function entityPage(root, iri) {
  root.append(
    h("div", { class: "toolbar" },
      h("label", {}, "Find an entity ",
        entitySearch({
          placeholder: "name or alias: Sinaloa, PRC, DEA…",
          name: "entity-search",
          pick: (m) => { location.hash = entityHref(m.iri); },
        }))),
  );
  if (!iri) {
    root.append(h("p", { class: "hint" },
      "Type at least two letters; suggestions come from labels and aliases (Spanish names, acronyms)."));
    return;
  }
  const body = h("div", { class: "entity" }, h("p", {}, "Loading…"));
  root.append(body);
  entity(iri)
    .then((r) => render(body, r))
    .catch((e) => clear(body).append(errorBox(e)));
}

function factTable(facts, self) {
  return h("table", { class: "facts" },
    h("thead", {}, h("tr", {},
      ["Subject", "Object", "Figure", "Evidence", "Document", "Speaker", "Rule", "Confidence"]
        .map((t) => h("th", {}, t)))),
    h("tbody", {}, facts.map((f) =>
      h("tr", { class: [f.polarity, f.conflicting ? "conflicting" : ""].join(" ").trim() },
        h("td", {}, f.subject === self ? h("b", {}, f.subject_label) : h("a", { href: entityHref(f.subject) }, f.subject_label)),
        h("td", {}, f.object === self ? h("b", {}, f.object_label) : h("a", { href: entityHref(f.object) }, f.object_label)),
        h("td", {}, figure(f),
          f.conflicting ? h("span", { class: "flag", title: "Another statement gives a different figure for this relation" }, "conflicting figure") : null),
        h("td", { class: "evidence" },
          f.polarity !== "positive" ? h("span", { class: "flag" }, f.polarity) : null,
          `“${f.evidence}”`),
        h("td", { class: "doc" }, h("a", { href: documentHref(f.document), title: f.document },
          f.document_title ?? f.document),
          f.document_publisher || f.document_date
            ? h("div", { class: "byline" }, [f.document_publisher, f.document_date?.split("T")[0]].filter(Boolean).join(", "))
            : null,
          f.page != null ? h("div", { class: "page" }, `p. ${f.page}`) : null),
        h("td", {}, f.speaker ?? ""),
        h("td", { class: "rule" }, f.rule ?? ""),
        h("td", {}, f.confidence != null ? f.confidence.toFixed(2) : ""),
      ))));
}

export function figure(f) {
  if (f.quantity == null) return "";
  const n = Number.isInteger(f.quantity) ? f.quantity : f.quantity.toFixed(2);
  return `${n}${f.out_of != null ? ` of ${f.out_of}` : ""}${f.unit ? ` ${f.unit}` : ""}`;
}

function render(body, r) {
  clear(body);
  const groups = new Map();
  for (const f of r.facts) {
    if (!groups.has(f.property)) groups.set(f.property, []);
    groups.get(f.property).push(f);
  }
  const conflicts = r.facts.filter((f) => f.conflicting).length;
  body.append(
    h("h1", {}, r.label, " ", r.types.map(classBadge)),
    h("dl", { class: "meta" },
      h("dt", {}, "IRI"), h("dd", {}, h("code", {}, r.iri)),
      r.aliases.length ? [h("dt", {}, "Also called"), h("dd", { class: "aliases" }, r.aliases.join(" · "))] : null,
      r.same_as.length ? [h("dt", {}, "Same as"), h("dd", {}, r.same_as.map((s) => h("a", { href: s, rel: "noopener", target: "_blank" }, s)))] : null,
      r.documents.length ? [h("dt", {}, "Mentioned in"), h("dd", { class: "mentioned" },
        (r.document_info ?? r.documents.map((id) => ({ id, citation: id }))).map((d) =>
          h("a", { href: documentHref(d.id), class: "doc", title: d.id }, d.citation ?? d.id)))] : null,
    ),
    h("p", {}, `${r.facts.length} statements`,
      conflicts ? h("span", { class: "flag" }, ` ${conflicts} with conflicting figures`) : null,
      " · ", h("a", { href: `#/paths?from=${encodeURIComponent(r.label)}` }, "paths from here")),
  );
  for (const [p, facts] of [...groups.entries()].sort()) {
    body.append(h("section", { class: "property", "data-property": p },
      h("h2", {}, propertyWords(p), h("span", { class: "count" }, ` ${facts.length}`)),
      factTable(facts, r.iri)));
  }
}
