// The Documents pages: the ingested documents with their fact counts, and
// one document with the evidence spans of its facts highlighted.
import { documentReport, documents } from "./api.js";
import { clear, documentHref, entityHref, errorBox, h, propertyWords } from "./dom.js";
import { figure } from "./entity.js";

/** The day of an xsd:date or xsd:dateTime ("2024-03-05T08:15:00Z" → "2024-03-05"). */
export const day = (d) => (d ? d.split("T")[0] : "");

/** What a document's metadata says of it: publisher, date, authors, pages. */
export function byline(info) {
  if (!info) return "";
  return [info.publisher, day(info.date), info.creators?.length ? `by ${info.creators.join(", ")}` : "",
    info.pages ? `${info.pages} pages` : ""].filter(Boolean).join(" · ");
}

export function documentsPage(root) {
  const body = h("div", {}, h("p", {}, "Loading…"));
  root.append(h("h1", {}, "Documents"), body);
  documents()
    .then((docs) => {
      clear(body).append(
        h("table", { class: "documents" },
          h("thead", {}, h("tr", {}, ["Title", "Publisher", "Date", "Source file", "Statements"].map((t) => h("th", {}, t)))),
          h("tbody", {}, docs.map((d) => h("tr", {},
            h("td", { class: "title" }, h("a", { href: documentHref(d.id) }, d.title ?? d.id), d.near_copy_of
              ? h("span", { class: "near-copy" }, " — near-copy of ",
                h("a", { href: documentHref(d.near_copy_of.id) }, d.near_copy_of.id),
                ` (similarity ${d.near_copy_of.similarity.toFixed(2)})`)
              : null),
            h("td", { class: "publisher" }, d.publisher ?? ""),
            h("td", { class: "date" }, day(d.date)),
            h("td", {}, h("code", {}, d.source ?? "")),
            h("td", { class: "num" }, d.statements))))),
      );
      if (!docs.length) body.append(h("p", {}, "No documents yet: `fkg build PATH` ingests some."));
    })
    .catch((e) => clear(body).append(errorBox(e)));
}

/**
 * Cuts `text` (indexed in Unicode scalar values, as the store's offsets
 * are) at every evidence boundary; each piece knows which facts cover it.
 */
export function segments(text, facts) {
  const chars = Array.from(text);
  const cuts = new Set([0, chars.length]);
  const spans = facts
    .map((f, i) => ({ i, start: f.char_start, end: f.char_end }))
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end && s.end <= chars.length);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const [a, b] = [points[k], points[k + 1]];
    out.push({
      text: chars.slice(a, b).join(""),
      facts: spans.filter((s) => s.start <= a && b <= s.end).map((s) => s.i),
    });
  }
  return out;
}

export function documentPage(root, id) {
  const body = h("div", { class: "document" }, h("p", {}, "Loading…"));
  root.append(h("p", {}, h("a", { href: "#/documents" }, "← all documents")), body);
  documentReport(id)
    .then((r) => render(body, r))
    .catch((e) => clear(body).append(errorBox(e)));
}

function render(body, r) {
  clear(body);
  const panel = h("div", { class: "evidence-panel", "aria-live": "polite" },
    h("p", { class: "hint" }, "Highlighted spans are evidence; click one to see what was read from it."));
  const showFacts = (idx) => {
    clear(panel).append(h("h3", {}, `${idx.length} statement${idx.length === 1 ? "" : "s"} from this span`),
      h("ul", { class: "span-facts" }, idx.map((i) => factLine(r.facts[i]))));
  };
  const info = r.info ?? {};
  body.append(h("h1", {}, r.title ?? r.id),
    byline(info) ? h("p", { class: "byline" }, byline(info)) : "",
    h("p", { class: "meta" },
      info.source_url ? [h("a", { href: info.source_url, rel: "noopener noreferrer", target: "_blank" }, info.source_url), " · "] : "",
      h("code", {}, r.source ?? ""), ` · ${r.facts.length} statements`,
      info.date_source ? ` · date from ${info.date_source}` : ""));
  const text = h("div", { class: "doc-text" });
  if (r.text == null) {
    text.append(h("p", { class: "hint" },
      "This store was built before document texts were kept; `fkg remove` and `fkg build` the document again to see it highlighted."));
  } else {
    let page = 1;
    for (const s of segments(r.text, r.facts)) {
      if (!s.facts.length) {
        // A PDF's pages are separated by form feeds: draw the break.
        s.text.split("\f").forEach((piece, k) => {
          if (k > 0) text.append(h("span", { class: "page-break", "data-page": ++page }, `page ${page}`));
          text.append(piece);
        });
        continue;
      }
      const polarities = new Set(s.facts.map((i) => r.facts[i].polarity));
      text.append(h("mark", {
        class: [...polarities].join(" ") + (s.facts.length > 1 ? " multi" : ""),
        "data-facts": s.facts.join(","),
        title: s.facts.map((i) => line(r.facts[i])).join("\n"),
        tabindex: 0,
        onclick: () => showFacts(s.facts),
        onkeydown: (e) => { if (e.key === "Enter") showFacts(s.facts); },
      }, s.text));
    }
  }
  body.append(h("div", { class: "doc-body" }, text, panel),
    h("h2", {}, "Statements"),
    h("ol", { class: "doc-facts" }, r.facts.map(factLine)));
}

const line = (f) => `${f.subject_label} ${propertyWords(f.property)} ${f.object_label}${f.polarity !== "positive" ? ` (${f.polarity})` : ""}`;

function factLine(f) {
  return h("li", { class: f.polarity },
    h("a", { href: entityHref(f.subject) }, f.subject_label), ` ${propertyWords(f.property)} `,
    h("a", { href: entityHref(f.object) }, f.object_label),
    f.quantity != null ? ` [${figure(f)}]` : "",
    f.conflicting ? h("span", { class: "flag" }, " conflicting figure") : "",
    f.polarity !== "positive" ? h("span", { class: "flag" }, ` ${f.polarity}`) : "",
    f.speaker ? h("span", { class: "speaker" }, ` — ${f.speaker}`) : "",
    f.page != null ? h("span", { class: "page" }, ` p. ${f.page}`) : "",
    h("span", { class: "rule" }, ` ${f.rule ?? ""}`));
}
