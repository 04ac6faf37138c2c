#!/usr/bin/env python3
"""Compare textblob's part-of-speech tagger with the hand tags and with ours.

A dev tool, not part of the test suite. It reads hand-tagged.txt (next to
this script), tags each sentence's hand tokens with textblob 0.20.1, and
prints textblob's accuracy against the hand tags (overall and open-class:
gold NN*, VB*, JJ*, RB*), its most frequent confusions and, given the
output of our tagger, the token-by-token agreement between the two.

textblob is run on the SAME token list, in two ways:

  shipped  textblob.en.parser.find_tags(tokens): what PatternTagger and
           textblob.en.tag() do. In textblob 0.20.1 this is lexicon lookup,
           NNP for unknown capitalised words, CD for numbers and a few
           suffix rules; Parser.find_tags does not pass the Brill
           morphology and context rules, so they are never applied.
  brill    textblob._text.find_tags(tokens, lexicon, morphology=...,
           context=...): the full Brill tagger over the same data files,
           as pattern.en runs it (without its named-entity pass), which
           is what fkg_extract::lang::Tagger implements.

How to run (from the workspace root):

  python3 -m venv /tmp/tbvenv && /tmp/tbvenv/bin/pip install textblob==0.20.1
  FKG_POS_DUMP=/tmp/pos-ours.txt cargo test --release -p fkg-extract --test pos
  /tmp/tbvenv/bin/python crates/extract/tests/pos/compare_textblob.py \
      --ours /tmp/pos-ours.txt

Without --ours only the accuracies against the hand tags are printed.
No NLTK corpora are needed: textblob's tokenizer is not used.
"""

import argparse
import collections
import os
import sys


def load(path):
    """[(raw, [(word, tag), ...]), ...] from the hand-tagged format."""
    out, raw = [], None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("#") or not line.strip():
                continue
            if line.startswith("> "):
                raw = line[2:]
                continue
            if raw is None:
                sys.exit(f"{path}:{n}: tagged line without a '> ' sentence")
            items = [item.rsplit("/", 1) for item in line.split(" ")]
            out.append((raw, [(w, t) for w, t in items]))
            raw = None
    return out


def is_open_class(tag):
    return tag.startswith(("NN", "VB", "JJ", "RB"))


def score(name, gold, pred):
    """Prints accuracy of pred against gold (lists of tag lists)."""
    total = correct = open_total = open_correct = 0
    confusions = collections.Counter()
    for g_sent, p_sent in zip(gold, pred):
        for g, p in zip(g_sent, p_sent):
            total += 1
            correct += g == p
            if is_open_class(g):
                open_total += 1
                open_correct += g == p
            if g != p:
                confusions[(g, p)] += 1
    print(
        f"{name}: accuracy {correct / total:.3f} ({correct}/{total}); "
        f"open-class {open_correct / open_total:.3f} ({open_correct}/{open_total})"
    )
    top = sorted(confusions.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    for (g, p), n in top:
        print(f"    {g:>5} -> {p:<5} {n}")


def agreement(name, words, a, b):
    """Prints token agreement between two taggings and where they differ."""
    total = same = 0
    diffs = []
    for i, (w_sent, a_sent, b_sent) in enumerate(zip(words, a, b), 1):
        for w, x, y in zip(w_sent, a_sent, b_sent):
            total += 1
            same += x == y
            if x != y:
                diffs.append(f"    sentence {i}: {w}  ours {x}  textblob {y}")
    print(f"agreement ours vs textblob {name}: {same / total:.3f} ({same}/{total})")
    for d in diffs:
        print(d)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", default=os.path.join(here, "hand-tagged.txt"))
    ap.add_argument("--ours", help="our tagger's output (FKG_POS_DUMP of tests/pos.rs)")
    args = ap.parse_args()

    from importlib.metadata import version

    from textblob._text import find_tags
    from textblob.en import lexicon, parser

    sentences = load(args.gold)
    words = [[w for w, _ in toks] for _, toks in sentences]
    gold = [[t for _, t in toks] for _, toks in sentences]
    shipped = [[t for _, t in parser.find_tags(list(ws))] for ws in words]
    brill = [
        [
            t
            for _, t in find_tags(
                list(ws),
                lexicon=lexicon,
                morphology=lexicon.morphology,
                context=lexicon.context,
                default=parser.default,
                language="en",
            )
        ]
        for ws in words
    ]

    print(f"textblob {version('textblob')}, {len(sentences)} sentences")
    score("textblob shipped (parser.find_tags)", gold, shipped)
    score("textblob brill (find_tags + morphology + context)", gold, brill)
    if args.ours:
        ours_sents = load(args.ours)
        if [[w for w, _ in t] for _, t in ours_sents] != words:
            sys.exit("--ours: tokens differ from the hand-tagged tokens")
        ours = [[t for _, t in toks] for _, toks in ours_sents]
        score("ours (fkg_extract::lang::Tagger)", gold, ours)
        agreement("shipped", words, ours, shipped)
        agreement("brill", words, ours, brill)


if __name__ == "__main__":
    main()
