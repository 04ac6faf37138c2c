//! `fkg`: the binary. Parses flags, resolves paths, wires the crates and
//! sets up logging; the work happens in the library crates.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod build;
mod cli;
mod commands;
mod input;
mod output;
mod paths;
mod served;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    // The PDF reader's crates log every odd glyph at warn: that is noise
    // for a user, so they speak at -vv only (a file they cannot read is
    // reported anyway).
    let level = match cli.verbose {
        0 => "warn,pdf_extract=error,lopdf=error",
        1 => "info,pdf_extract=error,lopdf=error",
        _ => "debug",
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("FKG_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level)),
        )
        .with_writer(std::io::stderr)
        .init();
    // A panic that `fkg_store::catch_panic` turns into an error is reported
    // by the caller, once, as an error; any other keeps the default report.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if fkg_store::panic_is_caught() || fkg_read::panic_is_caught() || build::panic_is_caught() {
            tracing::debug!("{info}");
        } else {
            default_hook(info);
        }
    }));
    match commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("fkg: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
