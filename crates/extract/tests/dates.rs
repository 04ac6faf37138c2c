//! Dates on statements: a sentence's date expression, else the document's
//! date (given from outside, else its dateline), resolved without the wall
//! clock. Every sentence here was written for this test.

use fkg_extract::{ExtractOptions, Extractor};
use fkg_model::{DateSource, Extraction};

/// "subject property object | start..end | expression | source" per assertion.
fn dated(x: &Extraction) -> Vec<String> {
    x.assertions
        .iter()
        .map(|a| {
            let d = a.date.as_ref();
            format!(
                "{} {} {} | {}..{} | {} | {}",
                a.subject,
                a.property.local_name(),
                a.object,
                d.and_then(|d| d.start.clone()).unwrap_or_default(),
                d.and_then(|d| d.end.clone()).unwrap_or_default(),
                d.and_then(|d| d.expression.clone()).unwrap_or_default(),
                d.map(|d| d.source.as_str()).unwrap_or("-"),
            )
        })
        .collect()
}

const DATELINED: &str = "BRIGHTWATER, Ore., June 3, 2024 — The Sinaloa Cartel smuggled fentanyl into the United States last week, county officials said.

The Sinaloa Cartel has trafficked fentanyl to Canada since at least 2019.

Mexico extradited Rafael Caro Quintero to the United States on Friday.

In November, the Treasury Department sanctioned the Sinaloa Cartel.

The Sinaloa Cartel operates in Arizona.
";

#[test]
fn a_dateline_dates_the_document_and_anchors_relative_dates() {
    let x = Extractor::new().unwrap().extract(DATELINED);
    let d = x.date.as_ref().expect("a document date");
    assert_eq!(
        (d.date.as_str(), d.source, d.expression.as_deref()),
        ("2024-06-03", DateSource::Dateline, Some("June 3, 2024"))
    );
    // 2024-06-03 is a Monday: last week is May 27 to June 2, Friday May 31;
    // "In November" is the November before June 2024.
    assert_eq!(
        dated(&x),
        [
            "Sinaloa_Cartel traffics fentanyl | 2024-05-27..2024-06-02 | last week | sentence",
            "Sinaloa_Cartel trafficsTo United_States | 2024-05-27..2024-06-02 | last week | sentence",
            "Sinaloa_Cartel traffics fentanyl | 2019-01-01..2024-06-03 | since at least 2019 | sentence",
            "Sinaloa_Cartel trafficsTo Canada | 2019-01-01..2024-06-03 | since at least 2019 | sentence",
            "Mexico extraditesTo United_States | 2024-05-31..2024-05-31 | on Friday | sentence",
            "U_S_Department_of_the_Treasury sanctions Sinaloa_Cartel | 2023-11-01..2023-11-30 | In November | sentence",
            "Sinaloa_Cartel operatesIn Arizona | 2024-06-03..2024-06-03 |  | document",
        ]
    );
}

#[test]
fn a_metadata_date_wins_over_the_dateline() {
    let options = ExtractOptions::new().with_document_date("2024-06-10T08:00:00Z");
    let x = Extractor::new().unwrap().extract_with(DATELINED, &options);
    let d = x.date.as_ref().expect("a document date");
    assert_eq!(
        (d.date.as_str(), d.source),
        ("2024-06-10", DateSource::Metadata)
    );
    // The dateline's words still date no statement; the relative ones
    // move with the new anchor (a Monday too).
    let lines = dated(&x);
    assert!(
        lines.contains(
            &"Sinaloa_Cartel traffics fentanyl | 2024-06-03..2024-06-09 | last week | sentence"
                .to_string()
        ),
        "{lines:#?}"
    );
    assert!(
        lines.contains(
            &"Mexico extraditesTo United_States | 2024-06-07..2024-06-07 | on Friday | sentence"
                .to_string()
        ),
        "{lines:#?}"
    );
    assert!(
        lines.contains(
            &"Sinaloa_Cartel operatesIn Arizona | 2024-06-10..2024-06-10 |  | document".to_string()
        ),
        "{lines:#?}"
    );
    // A date that is no date is reported, and the dateline used.
    let bad = ExtractOptions::new().with_document_date("June-ish");
    let x = Extractor::new().unwrap().extract_with(DATELINED, &bad);
    assert_eq!(x.date.as_ref().map(|d| d.date.as_str()), Some("2024-06-03"));
    assert!(x.diagnostics.iter().any(|d| d.message.contains("June-ish")));
}

#[test]
fn without_a_document_date_relative_dates_keep_their_words() {
    let text = "Field notes\n\nThe Sinaloa Cartel smuggled fentanyl into the United States last week.\n\nThe Sinaloa Cartel operates in Arizona.\n\nIn 2021, the Treasury Department sanctioned the Sinaloa Cartel.\n";
    let x = Extractor::new().unwrap().extract(text);
    assert_eq!(x.date, None);
    assert_eq!(
        dated(&x),
        [
            "Sinaloa_Cartel traffics fentanyl | .. | last week | sentence",
            "Sinaloa_Cartel trafficsTo United_States | .. | last week | sentence",
            "Sinaloa_Cartel operatesIn Arizona | .. |  | -",
            "U_S_Department_of_the_Treasury sanctions Sinaloa_Cartel | 2021-01-01..2021-12-31 | In 2021 | sentence",
        ]
    );
}

#[test]
fn a_dateline_without_a_year_takes_it_from_the_text() {
    let text = "WASHINGTON, April 14 — The Treasury Department sanctioned the Sinaloa Cartel on Tuesday. The cartel had moved fentanyl through Arizona since March 2, 2023.\n";
    let x = Extractor::new().unwrap().extract(text);
    let d = x.date.as_ref().expect("a document date");
    assert_eq!(
        (d.date.as_str(), d.expression.as_deref()),
        ("2023-04-14", Some("April 14"))
    );
    assert!(x
        .diagnostics
        .iter()
        .any(|d| d.message.contains("has no year")));
    let lines = dated(&x);
    assert!(lines.contains(
        &"U_S_Department_of_the_Treasury sanctions Sinaloa_Cartel | 2023-04-11..2023-04-11 | on Tuesday | sentence".to_string()
    ), "{lines:#?}");
}
