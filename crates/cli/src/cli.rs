//! The command line: clap types only. Their doc comments are the `--help`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// fentanyl-kg: a knowledge graph of the illicit fentanyl supply chain.
///
/// Reads news articles, hearing transcripts and press releases, extracts
/// who supplies what to whom, which cartel operates where, which agency
/// opens or closes which office, who sanctions, charges or arrests whom —
/// each fact with its evidence sentence, document and speaker — and keeps
/// them in an on-disk RDF store you can query with SPARQL.
///
/// Start with `fkg build` (reads ./seeds), then `fkg explain "Sinaloa Cartel"`
/// or `fkg query --name precursor-suppliers`.
#[derive(Debug, Parser)]
#[command(name = "fkg", version, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    /// Store directory (an Oxigraph RocksDB database; created if missing).
    #[arg(long, global = true, env = "FKG_STORE", default_value = "fkg-store")]
    pub store: PathBuf,

    /// Log more (-v: info, -vv: debug). Logs go to standard error.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract documents into the store (default input: ./seeds).
    ///
    /// Reads files, and folders of them (recursively):
    ///
    /// .txt: plain text, UTF-8 (or UTF-16 with a byte order mark); other
    /// encodings are detected, or named with --encoding.
    ///
    /// .md: Markdown; a front matter (YAML between --- lines) gives title,
    /// date, author, publisher and url.
    ///
    /// .html: the main text (navigation, asides, header and footer left
    /// out); title, date, author, publisher and address from JSON-LD, Open
    /// Graph and <meta>.
    ///
    /// .pdf: the text layer, page by page (evidence cites its page); title,
    /// author and date from the PDF's Info. A scan without text is refused:
    /// run OCR first (`ocrmypdf in.pdf out.pdf`).
    ///
    /// .docx: the paragraphs; title, author and date from its properties.
    ///
    /// Metadata can also come from a sidecar beside a file (report.pdf.meta.json:
    /// {"title", "date", "publisher", "creator", "source"}) or a --meta table,
    /// which win over the file's own. Other formats (.doc, .rtf, .odt, images…)
    /// are reported with the command that converts them.
    ///
    /// Each document becomes one named graph; re-running replaces documents
    /// whose text or metadata changed and skips the others, so nothing is
    /// duplicated. Files that cannot be read (unsupported, damaged, binary,
    /// empty, too large) are reported with the reason and skipped; the rest
    /// are still stored, and the exit code is 1.
    Build {
        /// Files or folders to read.
        #[arg(default_value = "seeds")]
        paths: Vec<PathBuf>,
        /// The encoding of plain texts that are not UTF-8 (a WHATWG label:
        /// latin1, windows-1252, iso-8859-15, shift_jis, gb18030, …), instead
        /// of detecting it.
        #[arg(long)]
        encoding: Option<String>,
        /// A CSV table of document metadata: a header row with `file` (the
        /// path relative to the table's folder, the file name, or the id)
        /// and any of `title`, `date` (2024-06-18 or an ISO 8601 date-time),
        /// `publisher`, `creator` (several separated by ;) and `source` (the
        /// URL). A row's values win over the file's own metadata.
        #[arg(long, value_name = "FILE.csv")]
        meta: Option<PathBuf>,
        /// Worker threads for extraction (default: one per core).
        #[arg(short, long)]
        jobs: Option<usize>,
        /// Skip documents larger than this many bytes.
        #[arg(long, default_value_t = 16 * 1024 * 1024)]
        max_bytes: u64,
        /// Do not draw a progress bar.
        #[arg(short, long)]
        quiet: bool,
        /// Read, extract and store at most this many documents at a time
        /// (and at most 8 MiB of text); memory follows the batch, and the
        /// graph is the same whatever the batch size.
        #[arg(long, default_value_t = 64)]
        batch: usize,
    },
    /// Run a SPARQL query over all documents (the union of their graphs).
    ///
    /// Give the query inline, with --file, or by name from the queries
    /// folder (--name; `fkg query --list` shows them).
    Query {
        /// The SPARQL query text.
        query: Option<String>,
        /// Read the query from this file.
        #[arg(short, long, conflicts_with = "query")]
        file: Option<PathBuf>,
        /// Run the named query queries/NAME.rq.
        #[arg(short, long, conflicts_with_all = ["query", "file"])]
        name: Option<String>,
        /// List the named queries and what each answers.
        #[arg(long)]
        list: bool,
        /// Folder of named queries.
        #[arg(long, default_value = "queries")]
        queries: PathBuf,
        /// Output format: table, json, csv, tsv, xml for SELECT and ASK;
        /// turtle, ntriples, nquads for CONSTRUCT and DESCRIBE.
        #[arg(long, value_enum)]
        format: Option<QueryFormat>,
        /// Seconds the query may run before it is stopped (exit 2); 0: no limit.
        #[arg(long, default_value_t = 0)]
        timeout: u64,
        /// Memory the query may use, in MiB (its process's address space);
        /// beyond it the query is stopped (exit 2).
        #[arg(long, default_value_t = 4096)]
        memory: u64,
        /// Internal: evaluate here (the process `fkg query` starts and stops).
        #[arg(long, hide = true)]
        in_worker: bool,
        /// With --name: the dates of a named query that takes them
        /// (`$since`, `$until` in its text).
        #[command(flatten)]
        dates: DateWindow,
    },
    /// Write the whole store as RDF, or its entities and relations for
    /// network tools (GEXF for Gephi, GraphML, Gephi CSV tables).
    Export {
        /// Format. RDF quad formats keep each document's graph; triple
        /// formats write the union of all graphs; gexf, graphml and csv write
        /// one node per entity and one edge per relation with its evidence.
        #[arg(long, value_enum, default_value_t = ExportFormat::Nquads)]
        format: ExportFormat,
        /// Output file (default: standard output). Written atomically.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// With gexf, graphml or csv: export only the relations a SPARQL
        /// CONSTRUCT returns (e.g. everything within two hops of a cartel).
        #[arg(long)]
        query: Option<String>,
        /// With gexf, graphml or csv: only the statements that hold within
        /// these dates.
        #[command(flatten)]
        dates: DateWindow,
    },
    /// Everything the graph knows about one entity, with the evidence.
    ///
    /// ENTITY is a name or alias ("PRC", "the Sinaloa cartel", "Milgram") or
    /// an entity IRI. Ambiguous names list the candidates.
    Explain {
        entity: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        dates: DateWindow,
    },
    /// Serve the graph over HTTP: a SPARQL 1.1 endpoint and the analyst API.
    ///
    /// Builds the store from --seeds first when it does not exist yet. The
    /// endpoint is at /sparql (and /query): GET ?query=, POST form or
    /// application/sparql-query, results negotiated by Accept (JSON, XML,
    /// CSV, TSV; Turtle, N-Triples, N-Quads, RDF/XML, JSON-LD for graphs) or
    /// format=. Also /health, /api/entities?q=, /api/entity/ID,
    /// /api/queries, /api/queries/NAME, /api/paths?from=&to=,
    /// /api/documents and /api/documents/ID, and the analyst workbench
    /// (query editor, entity pages, path explorer, documents) at /.
    /// Read-only unless --update-token is given; updates then need
    /// "Authorization: Bearer TOKEN". Documents are added to the running
    /// server with POST /api/documents (the update token, or the token the
    /// server writes to STORE/fkg-serve.json, readable by you only), which
    /// `fkg build` does by itself while the server holds the store.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:7878")]
        bind: std::net::SocketAddr,
        /// Documents to build the store from when it does not exist yet.
        #[arg(long, default_value = "seeds")]
        seeds: PathBuf,
        /// Seconds a query may run before it is stopped (503).
        #[arg(long, default_value_t = 30)]
        timeout: u64,
        /// Most rows or triples one answer may carry.
        #[arg(long, default_value_t = 1_000_000)]
        max_rows: usize,
        /// Most bytes one answer may carry.
        #[arg(long, default_value_t = 1 << 30)]
        max_result_bytes: u64,
        /// Queries that may run at once; more get 503.
        #[arg(long, default_value_t = 16)]
        max_concurrent: usize,
        /// Largest request body, in bytes.
        #[arg(long, default_value_t = 1024 * 1024)]
        max_body: usize,
        /// A folder to watch: documents new or changed in it are added to the
        /// running server's store (looked at every --watch-every seconds).
        #[arg(long)]
        watch: Option<PathBuf>,
        /// Seconds between two looks at the --watch folder.
        #[arg(long, default_value_t = 5)]
        watch_every: u64,
        /// Largest body of POST /api/documents (documents added), in bytes.
        #[arg(long, default_value_t = 64 * 1024 * 1024)]
        max_ingest_body: usize,
        /// Seconds a client has to send a request's headers; a connection
        /// idle for as long between requests is closed too.
        #[arg(long, default_value_t = 20)]
        header_timeout: u64,
        /// Connections open at once; more are answered 503 and closed.
        #[arg(long, default_value_t = 512)]
        max_connections: usize,
        /// Allow SPARQL updates from clients sending this bearer token.
        #[arg(long, env = "FKG_UPDATE_TOKEN", hide_env_values = true)]
        update_token: Option<String>,
        /// Accept updates from anyone, without a token. Only for running the
        /// W3C protocol conformance tests; refused unless --bind is loopback.
        #[arg(long)]
        unsafe_open_update: bool,
        /// Folder of named queries served at /api/queries.
        #[arg(long, default_value = "queries")]
        queries: PathBuf,
        /// The built analyst workbench served at / (`bash .ci/install` builds
        /// it into ui/dist; without it the API still works).
        #[arg(long, default_value = "ui/dist")]
        ui: PathBuf,
        /// Memory one query may use, in MiB (the address space of the
        /// process that evaluates it); beyond it the query is stopped (503).
        #[arg(long, default_value_t = 4096)]
        query_memory: u64,
    },
    /// Internal: evaluate one query for `fkg serve` on standard input and
    /// output, with the store opened read-only.
    #[command(hide = true)]
    QueryWorker {
        /// Memory limit in MiB.
        #[arg(long)]
        memory: u64,
    },
    /// Supply-chain paths between two entities, each hop with its evidence.
    ///
    /// Names resolve through labels and aliases ("PRC", "U.S.", "the
    /// Sinaloa cartel"). Paths are the k best loopless ones (Yen's
    /// algorithm). Ranking: each hop costs 1 plus 1/(documents + best
    /// confidence), so fewer hops come first and, among paths of the same
    /// length, hops backed by more independent documents and surer rules
    /// win. With --around, lists the entities within --max-hops of one entity
    /// instead (the neighbourhood of a link chart).
    Paths(PathsArgs),
    /// List the documents in the store with their fact counts.
    Documents,
    /// Drop a document's graph from the store.
    Remove {
        /// Document id (as `fkg documents` lists it) or source file path.
        document: String,
    },
}

/// What `fkg paths` asks for.
#[derive(Debug, Args)]
pub struct PathsArgs {
    /// Where paths start.
    #[arg(long, required_unless_present = "around")]
    pub from: Option<String>,
    /// Where paths end.
    #[arg(long, required_unless_present = "around")]
    pub to: Option<String>,
    /// List the neighbourhood of this entity instead of paths.
    #[arg(long, conflicts_with_all = ["from", "to"])]
    pub around: Option<String>,
    /// How many paths.
    #[arg(short, long, default_value_t = 5)]
    pub k: usize,
    /// Longest path, in hops.
    #[arg(long, default_value_t = 4)]
    pub max_hops: usize,
    /// Entities every path must pass through (repeatable).
    #[arg(long)]
    pub via: Vec<String>,
    /// Entities no path may pass through (repeatable).
    #[arg(long)]
    pub avoid: Vec<String>,
    /// Properties paths may follow, comma-separated.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "suppliesTo,trafficsTo,supplies,produces,producedIn,traffics,entersVia,laundersMoneyFor,operatesIn,locatedIn"
    )]
    pub predicates: Vec<String>,
    /// Follow relations in both directions.
    #[arg(long)]
    pub undirected: bool,
    /// Least independent documents behind every hop.
    #[arg(long, default_value_t = 1)]
    pub min_sources: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PathFormat::Text)]
    pub format: PathFormat,
    /// Follow only relations with a statement that holds within these
    /// dates, and show those statements.
    #[command(flatten)]
    pub dates: DateWindow,
}

/// A date window: statements that hold at some time within it (a period
/// that overlaps it). Undated statements are outside every window.
#[derive(Debug, Clone, Default, Args)]
pub struct DateWindow {
    /// Only statements that hold on or after this day: YYYY, YYYY-MM or
    /// YYYY-MM-DD (a year or month from its first day).
    #[arg(long, value_parser = since_bound)]
    pub since: Option<String>,
    /// Only statements that hold on or before this day: YYYY, YYYY-MM or
    /// YYYY-MM-DD (a year or month to its last day).
    #[arg(long, value_parser = until_bound)]
    pub until: Option<String>,
}

impl DateWindow {
    pub fn is_empty(&self) -> bool {
        self.since.is_none() && self.until.is_none()
    }
}

fn since_bound(s: &str) -> Result<String, String> {
    fkg_model::date_bound(s, false).ok_or_else(|| bad_date(s))
}

fn until_bound(s: &str) -> Result<String, String> {
    fkg_model::date_bound(s, true).ok_or_else(|| bad_date(s))
}

fn bad_date(s: &str) -> String {
    format!("{s:?} is no date: give YYYY, YYYY-MM or YYYY-MM-DD")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    Table,
    Json,
    Csv,
    Tsv,
    Xml,
    Turtle,
    Ntriples,
    Nquads,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Nquads,
    Trig,
    Turtle,
    Ntriples,
    /// GEXF 1.3 for Gephi: entities and relations with their evidence.
    Gexf,
    /// GraphML with declared keys.
    Graphml,
    /// Gephi's spreadsheet tables: -o PREFIX writes PREFIX.nodes.csv and PREFIX.edges.csv.
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PathFormat {
    Text,
    Json,
    /// GEXF 1.3 of the entities and relations on the paths.
    Gexf,
    /// Graphviz.
    Dot,
}
