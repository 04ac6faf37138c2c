//! A deterministic synthetic corpus for benchmarks: news-like paragraphs
//! built from templates and general names (not from any corpus document).

const ACTORS: &[&str] = &[
    "The Gulf Cartel",
    "The Sinaloa Cartel",
    "Chinese chemical companies",
    "Indian chemical companies",
    "The Jalisco Cartel",
    "Guatemalan traffickers",
    "Mexican drug cartels",
    "Los Chapitos",
];
const PLACES: &[&str] = &[
    "Mexico",
    "Texas",
    "Arizona",
    "Guatemala",
    "the United States",
    "Canada",
    "Honduras",
    "California",
];
const DRUGS: &[&str] = &[
    "fentanyl",
    "methamphetamine",
    "heroin",
    "cocaine",
    "counterfeit pills",
    "xylazine",
];
const AGENCIES: &[&str] = &[
    "The Drug Enforcement Administration",
    "The Treasury Department",
    "Customs and Border Protection",
    "The FBI",
    "Mexican authorities",
];
const TEMPLATES: &[&str] = &[
    "{A} smuggles {D} into {P} through ports of entry, officials said.",
    "{G} seized {N} kilograms of {D} in {P} last month.",
    "According to prosecutors, {A} shipped {N} kilograms of precursor chemicals to {P}.",
    "{G} imposed sanctions on {A} on Tuesday.",
    "“{A} is operating in {N} of 32 Mexican states,” Administrator Jane Roe said.",
    "It is unconfirmed whether {A} supplies {D} to {P}.",
    "{A} produces {D} in clandestine labs in {P}.",
    "{G} will close its offices in {P} and Shanghai, while offices in Beijing remain open.",
    "Most of the {D} was manufactured in {P} and moved from {P} to {Q}.",
];

fn pick<'a>(state: &mut u64, list: &[&'a str]) -> &'a str {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    list[(*state % list.len() as u64) as usize]
}

/// About `bytes` bytes of text, the same for the same `seed`.
pub fn corpus(bytes: usize, seed: u64) -> String {
    let mut state = seed | 1;
    let mut out = String::with_capacity(bytes + 512);
    while out.len() < bytes {
        for _ in 0..5 {
            let t = pick(&mut state, TEMPLATES);
            let s = t
                .replace("{A}", pick(&mut state, ACTORS))
                .replace("{D}", pick(&mut state, DRUGS))
                .replace("{P}", pick(&mut state, PLACES))
                .replace("{Q}", pick(&mut state, PLACES))
                .replace("{G}", pick(&mut state, AGENCIES))
                .replace("{N}", &((state % 300) + 2).to_string());
            out.push_str(&s);
            out.push(' ');
        }
        out.push_str("\n\n");
    }
    out
}
