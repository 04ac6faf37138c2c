// The Entity page: a search box with autocomplete over labels and aliases,
// and an entity's types, names, links and every fact with its evidence.
import { entity, searchEntities } from "./api.js";
import {
  classBadge, clear, dateInputs, dateSpan, documentHref, entityHref, errorBox, h, propertyWords,
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

export function entityPage(root, iri, params = new URLSearchParams()) {
  const dates = { since: params.get("since") ?? "", until: params.get("until") ?? "" };
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
  // A date window: only the facts that hold within it (undated ones are
  // left out), in the URL so that it can be shared.
  const filter = h("form", { class: "date-filter" },
    dateInputs(dates),
    h("button", { type: "submit", class: "primary" }, "Filter by date"),
    dates.since || dates.until
      ? h("a", { href: `#/entity/${encodeURIComponent(iri)}`, class: "clear-dates" }, " all dates")
      : null);
  filter.addEventListener("submit", (e) => {
    e.preventDefault();
    const fd = new FormData(filter);
    const q = new URLSearchParams();
    for (const k of ["since", "until"]) if (fd.get(k)) q.set(k, fd.get(k));
    location.hash = `#/entity/${encodeURIComponent(iri)}${q.toString() ? `?${q}` : ""}`;
  });
  const body = h("div", { class: "entity" }, h("p", {}, "Loading…"));
  root.append(filter, body);
  entity(iri, dates)
    .then((r) => render(body, r, dates))
    .catch((e) => clear(body).append(errorBox(e)));
}

const DAY = 86400000;
const day = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));

/**
 * The timeline of an entity's dated facts: one lane per property, one mark
 * per statement from its first to its last day (an open end reaches the
 * edge of the axis), years along the top. Clicking a mark shows its row in
 * the tables below.
 */
export function timeline(facts) {
  const dated = facts
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => f.date_start || f.date_end);
  const undated = facts.length - dated.length;
  const box = h("section", { class: "timeline", "aria-label": "Timeline" },
    h("h2", {}, "Timeline", h("span", { class: "count" },
      ` ${dated.length} dated fact${dated.length === 1 ? "" : "s"}${undated ? `, ${undated} undated` : ""}`)));
  if (!dated.length) {
    box.append(h("p", { class: "hint" }, "No fact about it is dated: its documents have no date (metadata or dateline) and its sentences say no time."));
    return box;
  }
  const ends = dated.flatMap(({ f }) => [f.date_start, f.date_end].filter(Boolean).map(day));
  let lo = Math.min(...ends);
  let hi = Math.max(...ends) + DAY;
  const firstYear = new Date(lo).getUTCFullYear();
  const lastYear = new Date(hi - DAY).getUTCFullYear();
  lo = Math.min(lo, Date.UTC(firstYear, 0, 1));
  hi = Math.max(hi, Date.UTC(lastYear + 1, 0, 1));
  const at = (t) => `${(100 * (t - lo)) / (hi - lo)}%`;
  const axis = h("div", { class: "axis" });
  for (let y = firstYear; y <= lastYear; y++) {
    axis.append(h("span", { class: "tick", style: `left: ${at(Date.UTC(y, 0, 1))}` }, String(y)));
  }
  const lanes = new Map();
  for (const d of dated) {
    if (!lanes.has(d.f.property)) lanes.set(d.f.property, []);
    lanes.get(d.f.property).push(d);
  }
  // Marks that would overlap go on rows of their own within their lane.
  const minWidth = (hi - lo) * 0.012;
  const span = ({ f }) => {
    const start = f.date_start ? day(f.date_start) : lo;
    return [start, (f.date_end ? day(f.date_end) : hi - DAY) + DAY];
  };
  const rows = [...lanes.entries()].sort().map(([p, items]) => {
    const ends = [];
    const placed = items
      .map((d) => ({ ...d, span: span(d) }))
      .sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1])
      .map((d) => {
        const right = Math.max(d.span[1], d.span[0] + minWidth);
        let row = ends.findIndex((e) => e <= d.span[0]);
        if (row < 0) { row = ends.length; ends.push(right); } else ends[row] = right;
        return { ...d, row };
      });
    return h("div", { class: "lane", "data-property": p, style: `height: ${0.5 + 1.1 * ends.length}rem` },
      h("span", { class: "lane-label" }, propertyWords(p)),
      h("div", { class: "track" }, placed.map(({ f, i, span: [start, end], row }) => {
        const fact = `${f.subject_label} ${propertyWords(f.property)} ${f.object_label}`;
        const words = f.date_expression ? `“${f.date_expression}”` : f.date_source === "document" ? "document date" : "";
        return h("button", {
          class: ["mark", f.polarity, f.conflicting ? "conflicting" : "", f.changed_over_time ? "changed" : "",
            f.date_start ? "" : "open-start", f.date_end ? "" : "open-end"].join(" ").replace(/\s+/g, " ").trim(),
          style: `left: ${at(start)}; width: max(10px, calc(${at(end)} - ${at(start)})); top: ${0.25 + 1.1 * row}rem`,
          title: `${fact}${figure(f) ? ` (${figure(f)})` : ""}\n${dateSpan(f.date_start, f.date_end)} ${words}\n“${f.evidence}” — ${f.document}`,
          "data-fact": i,
          onclick: () => {
            const row = document.getElementById(`fact-${i}`);
            document.querySelectorAll("tr.picked").forEach((r) => r.classList.remove("picked"));
            row?.classList.add("picked");
            row?.scrollIntoView({ block: "center" });
          },
        });
      })));
  });
  box.append(h("div", { class: "chart" }, axis, rows));
  return box;
}

/** When a fact holds and what dates it, for its row. */
function when(f) {
  const span = dateSpan(f.date_start, f.date_end);
  const words = f.date_expression
    ? `“${f.date_expression}”`
    : f.date_source === "document" ? "document date" : "";
  if (!span && !words) return "";
  return [span ? h("span", { class: "date" }, span) : h("span", { class: "date unresolved" }, "unresolved"),
    words ? h("div", { class: "date-words" }, words) : null];
}

function factTable(facts, self, index) {
  return h("table", { class: "facts" },
    h("thead", {}, h("tr", {},
      ["Subject", "Object", "Figure", "When", "Evidence", "Document", "Speaker", "Rule", "Confidence"]
        .map((t) => h("th", {}, t)))),
    h("tbody", {}, facts.map((f) =>
      h("tr", { id: `fact-${index.get(f)}`, class: [f.polarity, f.conflicting ? "conflicting" : "", f.changed_over_time ? "changed" : ""].join(" ").trim() },
        h("td", {}, f.subject === self ? h("b", {}, f.subject_label) : h("a", { href: entityHref(f.subject) }, f.subject_label)),
        h("td", {}, f.object === self ? h("b", {}, f.object_label) : h("a", { href: entityHref(f.object) }, f.object_label)),
        h("td", {}, figure(f),
          f.conflicting ? h("span", { class: "flag", title: "Another statement gives a different figure for this relation, undated or at the same time" }, "conflicting figure") : null,
          f.changed_over_time ? h("span", { class: "flag changed", title: "Another statement gives a different figure for this relation at another time" }, "changed over time") : null),
        h("td", { class: "when" }, when(f)),
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

function render(body, r, dates = {}) {
  clear(body);
  const index = new Map(r.facts.map((f, i) => [f, i]));
  const groups = new Map();
  for (const f of r.facts) {
    if (!groups.has(f.property)) groups.set(f.property, []);
    groups.get(f.property).push(f);
  }
  const conflicts = r.facts.filter((f) => f.conflicting).length;
  const changed = r.facts.filter((f) => f.changed_over_time).length;
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
      dates.since || dates.until ? ` holding ${dateSpan(dates.since, dates.until)}` : "",
      conflicts ? h("span", { class: "flag" }, ` ${conflicts} with conflicting figures`) : null,
      changed ? h("span", { class: "flag changed" }, ` ${changed} figures changed over time`) : null,
      " · ", h("a", { href: `#/paths?from=${encodeURIComponent(r.label)}` }, "paths from here")),
  );
  body.append(timeline(r.facts));
  for (const [p, facts] of [...groups.entries()].sort()) {
    body.append(h("section", { class: "property", "data-property": p },
      h("h2", {}, propertyWords(p), h("span", { class: "count" }, ` ${facts.length}`)),
      factTable(facts, r.iri, index)));
  }
}
