//! HTML pages: the article's metadata (JSON-LD, Open Graph, `<meta>`,
//! `<title>`) and its main text without navigation.
//!
//! Rationale: html5ever (through `scraper`) parses pages as browsers do,
//! broken markup included. The main text is the page's largest `<article>`
//! when it holds a fair part of the page's text, else its `<main>` (or
//! `role="main"`), else its body; navigation, asides, forms, scripts, the
//! page's own header and footer and hidden elements are left out wherever
//! they are. Metadata sources are taken in the order publishers fill them
//! most carefully: JSON-LD's article, then Open Graph and `article:`
//! properties, then Dublin Core and plain `<meta>` names, then `<title>`.

use crate::{meta::parse_date, DocumentMeta, Format, Read};
use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

pub(crate) fn read(page: &str) -> Read {
    let doc = Html::parse_document(page);
    let mut notes = Vec::new();
    let meta = metadata(&doc, &mut notes);
    let root = main_root(&doc);
    let mut out = Out::default();
    match root {
        Some(r) => render(*r, &mut out, false),
        None => render(doc.tree.root(), &mut out, false),
    }
    Read {
        text: out.finish(),
        meta,
        format: Format::Html,
        pages: None,
        encoding: None,
        notes,
    }
}

/// `<meta>` values by lowercased `name`, `property` or `itemprop`.
fn meta_values<'a>(doc: &'a Html, key: &str) -> Vec<&'a str> {
    let s = sel("meta[content]");
    doc.select(&s)
        .filter(|e| {
            ["name", "property", "itemprop"].iter().any(|a| {
                e.value()
                    .attr(a)
                    .is_some_and(|v| v.eq_ignore_ascii_case(key))
            })
        })
        .filter_map(|e| e.value().attr("content"))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect()
}

fn first_meta(doc: &Html, keys: &[&str]) -> Option<String> {
    keys.iter()
        .find_map(|k| meta_values(doc, k).first().map(|v| v.to_string()))
}

/// The article object of the page's JSON-LD (an `…Article`, a blog post,
/// a report; a `WebPage` when there is nothing better).
fn json_ld(doc: &Html) -> Option<Value> {
    let s = sel(r#"script[type="application/ld+json"]"#);
    let mut objects = Vec::new();
    fn collect(v: Value, out: &mut Vec<Value>) {
        match v {
            Value::Array(items) => items.into_iter().for_each(|i| collect(i, out)),
            Value::Object(mut o) => {
                if let Some(g) = o.remove("@graph") {
                    collect(g, out);
                }
                out.push(Value::Object(o));
            }
            _ => {}
        }
    }
    for script in doc.select(&s) {
        let text: String = script.text().collect();
        if let Ok(v) = serde_json::from_str::<Value>(text.trim()) {
            collect(v, &mut objects);
        }
    }
    let types = |o: &Value| -> Vec<String> {
        match o.get("@type") {
            Some(Value::String(t)) => vec![t.clone()],
            Some(Value::Array(ts)) => ts
                .iter()
                .filter_map(|t| t.as_str().map(String::from))
                .collect(),
            _ => Vec::new(),
        }
    };
    let article = |t: &String| {
        t.ends_with("Article")
            || matches!(
                t.as_str(),
                "BlogPosting" | "LiveBlogPosting" | "Report" | "SocialMediaPosting"
            )
    };
    let pos = objects
        .iter()
        .position(|o| types(o).iter().any(article))
        .or_else(|| {
            objects
                .iter()
                .position(|o| types(o).iter().any(|t| t == "WebPage"))
        })?;
    Some(objects.swap_remove(pos))
}

/// A JSON-LD value as names: a string, an object's `name`, or a list.
fn names(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.trim().to_string()],
        Some(Value::Object(o)) => names(o.get("name")),
        Some(Value::Array(items)) => items.iter().flat_map(|i| names(Some(i))).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect()
}

fn metadata(doc: &Html, notes: &mut Vec<String>) -> DocumentMeta {
    let ld = json_ld(doc);
    let ld_get = |k: &str| ld.as_ref().and_then(|o| o.get(k));
    let ld_str = |k: &str| names(ld_get(k)).into_iter().next();
    let mut m = DocumentMeta::default();
    let text_of = |css: &str| {
        doc.select(&sel(css))
            .next()
            .map(|e| collapse(&e.text().collect::<String>()))
            .filter(|t| !t.is_empty())
    };
    m.title = ld_str("headline")
        .or_else(|| {
            first_meta(
                doc,
                &[
                    "og:title",
                    "twitter:title",
                    "dc.title",
                    "dcterms.title",
                    "citation_title",
                    "title",
                ],
            )
        })
        .or_else(|| text_of("title"))
        .or_else(|| text_of("h1"))
        .map(|t| collapse(&t));
    let date_time = doc
        .select(&sel(
            "time[pubdate][datetime], [itemprop=datePublished][datetime]",
        ))
        .next()
        .and_then(|e| e.value().attr("datetime").map(String::from));
    let raw_date = ld_str("datePublished")
        .or_else(|| {
            first_meta(
                doc,
                &[
                    "article:published_time",
                    "og:published_time",
                    "datePublished",
                    "dc.date.issued",
                    "dcterms.issued",
                    "dc.date",
                    "dcterms.date",
                    "date",
                    "pubdate",
                    "publishdate",
                    "publish-date",
                    "publication_date",
                    "citation_publication_date",
                    "citation_date",
                    "parsely-pub-date",
                    "sailthru.date",
                ],
            )
        })
        .or(date_time)
        .or_else(|| ld_str("dateCreated"))
        .or_else(|| {
            first_meta(
                doc,
                &["article:modified_time", "dateModified", "last-modified"],
            )
        });
    if let Some(raw) = raw_date {
        match parse_date(&raw) {
            Some(d) => {
                m.date = Some(d);
                m.date_source = Some("html-meta".into());
            }
            None => notes.push(format!("page date {raw:?} not understood")),
        }
    }
    m.publisher = ld
        .as_ref()
        .and_then(|o| names(o.get("publisher")).into_iter().next())
        .or_else(|| {
            first_meta(
                doc,
                &[
                    "og:site_name",
                    "dc.publisher",
                    "dcterms.publisher",
                    "citation_publisher",
                    "publisher",
                ],
            )
        });
    m.creators = names(ld_get("author"));
    if m.creators.is_empty() {
        for key in [
            "author",
            "dc.creator",
            "dcterms.creator",
            "citation_author",
            "article:author",
            "byl",
        ] {
            m.creators = meta_values(doc, key)
                .into_iter()
                .filter(|a| !a.starts_with("http"))
                .map(|a| {
                    a.trim_start_matches("By ")
                        .trim_start_matches("by ")
                        .to_string()
                })
                .collect();
            if !m.creators.is_empty() {
                break;
            }
        }
    }
    m.source_url = doc
        .select(&sel(r#"link[rel="canonical"][href]"#))
        .next()
        .and_then(|e| e.value().attr("href").map(String::from))
        .or_else(|| first_meta(doc, &["og:url"]))
        .or_else(|| ld_str("url"))
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    m
}

/// Elements whose content is never the page's text.
fn dropped(e: &scraper::node::Element, in_article: bool) -> bool {
    let name = e.name();
    if matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "nav"
            | "aside"
            | "form"
            | "button"
            | "select"
            | "iframe"
            | "head"
            | "title"
            | "object"
            | "canvas"
            | "dialog"
            | "menu"
    ) {
        return true;
    }
    if !in_article && matches!(name, "header" | "footer") {
        return true;
    }
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    matches!(
        e.attr("role"),
        Some(
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "search"
                | "menu"
                | "dialog"
        )
    )
}

/// The element whose text is the page's main text.
fn main_root(doc: &Html) -> Option<ElementRef<'_>> {
    let size = |e: &ElementRef| {
        let mut out = Out::default();
        render(**e, &mut out, true);
        out.s.len()
    };
    let body = doc.select(&sel("body")).next();
    let body_size = body.as_ref().map(size).unwrap_or(0);
    let mains: Vec<ElementRef> = doc.select(&sel("main, [role=main]")).collect();
    let container = mains.into_iter().max_by_key(size);
    let container_size = container.as_ref().map(size).unwrap_or(body_size);
    let article = doc
        .select(&sel("article, [itemprop=articleBody]"))
        .max_by_key(size)
        .filter(|a| size(a) * 3 >= container_size);
    article.or(container).or(body)
}

/// Text as it is read: blocks become paragraphs, white space collapses
/// outside `<pre>`.
#[derive(Default)]
struct Out {
    s: String,
    /// Line breaks wanted before the next text.
    pending: usize,
}

impl Out {
    fn brk(&mut self, n: usize) {
        self.pending = self.pending.max(n);
    }

    fn text(&mut self, t: &str, pre: bool) {
        let t = if pre {
            t.to_string()
        } else {
            collapse_keep_edges(t)
        };
        if t.trim().is_empty() {
            if !pre && !t.is_empty() && !self.s.ends_with([' ', '\n']) && self.pending == 0 {
                self.s.push(' ');
            }
            return;
        }
        if self.pending > 0 {
            if !self.s.is_empty() {
                while self.s.ends_with(' ') {
                    self.s.pop();
                }
                self.s.push_str(&"\n".repeat(self.pending));
            }
            self.pending = 0;
            self.s.push_str(t.trim_start());
        } else if self.s.ends_with([' ', '\n']) || self.s.is_empty() {
            self.s.push_str(t.trim_start());
        } else {
            self.s.push_str(&t);
        }
    }

    fn finish(self) -> String {
        let mut lines: Vec<&str> = Vec::new();
        for l in self.s.lines() {
            let l = l.trim();
            if l.is_empty() && lines.last().is_none_or(|p: &&str| p.is_empty()) {
                continue;
            }
            lines.push(l);
        }
        while lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        lines.join("\n")
    }
}

fn render(node: NodeRef<'_, Node>, out: &mut Out, in_article: bool) {
    render_in(node, out, in_article, false)
}

fn render_in(node: NodeRef<'_, Node>, out: &mut Out, in_article: bool, pre: bool) {
    match node.value() {
        Node::Text(t) => out.text(t, pre),
        Node::Element(e) => {
            if dropped(e, in_article) {
                return;
            }
            let name = e.name();
            let in_article = in_article || matches!(name, "article" | "main");
            let pre = pre || name == "pre";
            let gap = match name {
                "br" => {
                    out.brk(1);
                    return;
                }
                "p" | "div" | "section" | "article" | "main" | "h1" | "h2" | "h3" | "h4" | "h5"
                | "h6" | "ul" | "ol" | "dl" | "table" | "blockquote" | "pre" | "figure"
                | "figcaption" | "header" | "footer" | "address" | "hr" | "body" | "center" => 2,
                "li" | "tr" | "dt" | "dd" | "caption" => 1,
                _ => 0,
            };
            out.brk(gap);
            for child in node.children() {
                render_in(child, out, in_article, pre);
                if matches!(name, "tr") {
                    out.text(" ", false);
                }
            }
            if matches!(name, "td" | "th") {
                out.text(" ", false);
            }
            out.brk(gap);
        }
        Node::Document | Node::Fragment => {
            for child in node.children() {
                render_in(child, out, in_article, pre);
            }
        }
        _ => {}
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// White space collapsed to single spaces, a leading or trailing one kept.
fn collapse_keep_edges(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(html: &str, text: &str) {
        assert_eq!(read(html).text, text);
    }

    #[test]
    fn main_text_without_navigation() {
        check(
            "<html><head><title>x</title></head><body><p>DEA &amp; CBP</p><script>x()</script><p>Two</p></body></html>",
            "DEA & CBP\n\nTwo",
        );
        check(
            "<body><header><a href=/>Home</a> <a href=/news>News</a></header><nav><ul><li>Menu</li></ul></nav>\
             <main><article><h1>Port <em>seizures</em> rise</h1><p>Agents found\n   pills at the   port.</p>\
             <aside>Related: other story</aside><p>Line one<br>line two</p></article></main>\
             <footer>© Outlet</footer></body>",
            "Port seizures rise\n\nAgents found pills at the port.\n\nLine one\nline two",
        );
        check(
            "<body><div role=navigation>Skip</div><ul><li>a</li><li>b</li></ul><table><tr><td>x</td><td>y</td></tr></table></body>",
            "a\nb\n\nx y",
        );
    }

    #[test]
    fn metadata_from_meta_og_and_json_ld() {
        let page = r#"<html><head><title>Ignored | Outlet</title>
            <meta property="og:title" content="Port seizures rise">
            <meta property="og:site_name" content="Border Weekly">
            <meta name="author" content="Ana Ruiz">
            <meta property="article:published_time" content="2024-03-05T08:00:00-05:00">
            <link rel="canonical" href="https://example.org/port">
            </head><body><p>Text.</p></body></html>"#;
        let m = read(page).meta;
        assert_eq!(m.title.as_deref(), Some("Port seizures rise"));
        assert_eq!(m.publisher.as_deref(), Some("Border Weekly"));
        assert_eq!(m.creators, ["Ana Ruiz"]);
        assert_eq!(m.date.as_deref(), Some("2024-03-05T08:00:00-05:00"));
        assert_eq!(m.date_source.as_deref(), Some("html-meta"));
        assert_eq!(m.source_url.as_deref(), Some("https://example.org/port"));

        let page = r#"<html><head><title>Plain title</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Site"},
              {"@type":"NewsArticle","headline":"LD headline","datePublished":"2023-11-30",
               "author":[{"@type":"Person","name":"Bo Chen"},{"@type":"Person","name":"Cy Diaz"}],
               "publisher":{"@type":"Organization","name":"LD Press"}}]}</script>
            </head><body><p>Text.</p></body></html>"#;
        let m = read(page).meta;
        assert_eq!(m.title.as_deref(), Some("LD headline"));
        assert_eq!(m.date.as_deref(), Some("2023-11-30"));
        assert_eq!(m.creators, ["Bo Chen", "Cy Diaz"]);
        assert_eq!(m.publisher.as_deref(), Some("LD Press"));

        let m = read("<title> Just   a title </title><p>x</p>").meta;
        assert_eq!(m.title.as_deref(), Some("Just a title"));
        assert_eq!(m.date, None);
    }
}
