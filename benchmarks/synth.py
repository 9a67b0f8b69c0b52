"""Synthetic corpora with known answers: an invented article and edited versions of it.

Owns: the generator that alignment tests and benchmarks use to measure link precision
and recall away from the five seed scrapes. The source article is generated from
templates about an invented story (a port, a storm, a city council), so no
third-party text is involved. Each edited version is built from the source by
operations whose effect on paragraph correspondence is recorded:

``paraphrase`` (synonym swaps, sentence reorder), ``split``, ``merge``, ``crossing``
(two paragraphs re-paragraphed across their boundary, AB|CD -> A|BC|D), ``move``,
``add`` (a new paragraph in the story's vocabulary), ``omit``, ``cosmetic`` (curly
quotes, dashes, spaces), ``fact`` (a number, name or quoted word changed), and
optionally ``lift`` (a sentence moved out of its paragraph to another place).

``make_corpus(seed, n_versions, rate)`` returns the source, the versions and the gold
links; everything is deterministic for a given seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

PEOPLE = [
    "Marta Kolvik",
    "Anders Brune",
    "Leila Haddou",
    "Tomas Varga",
    "Ines Obrecht",
    "Piotr Zalewski",
    "Nadia Ferrant",
    "Oskar Lindqvist",
]
ALT_NAMES = {
    "Marta": "Martha",
    "Anders": "Andreas",
    "Leila": "Layla",
    "Tomas": "Thomas",
    "Ines": "Inez",
    "Piotr": "Peter",
    "Nadia": "Nadya",
    "Oskar": "Oscar",
}
PLACES = [
    "Harrowmere",
    "the Veldt estuary",
    "North Quay",
    "Calder Bridge",
    "Ostra Point",
    "the old rail yard",
    "Saltmarsh Road",
]
ORGS = [
    "the harbour authority",
    "the city council",
    "the regional water board",
    "the coast guard",
    "the port workers' union",
    "the environment ministry",
]
THINGS = [
    "flood barriers",
    "pumping stations",
    "cargo cranes",
    "emergency shelters",
    "sea walls",
    "drainage channels",
    "ferry berths",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
QUOTES = [
    "we will not leave anyone behind",
    "the repairs cannot wait another winter",
    "this is the worst damage in a generation",
    "the budget is simply not enough",
    "we were warned and we did nothing",
    "every household will be compensated",
]

TEMPLATES = [
    "{person} said on {day} that {org} would spend {num} million on new {thing} near {place}.",
    "According to {org}, at least {num} homes in {place} were flooded overnight.",
    '"{quote}," {person} told reporters outside the town hall.',
    "The storm damaged {num} {thing} along {place}, officials said.",
    "{org} has asked residents of {place} to stay indoors until {day}.",
    "Engineers expect the {thing} at {place} to reopen within {num} weeks.",
    "{person}, who leads {org}, warned that repairs could cost more than {num} million.",
    "Critics, including {person}, accused {org} of ignoring earlier warnings about {place}.",
    "A report published on {day} found that {num} percent of the {thing} were outdated.",
    "Volunteers from {place} delivered food and blankets to {num} families.",
    '{person} described the response of {org} as "{quote}".',
    "The first ships are due to return to {place} on {day}, {org} confirmed.",
    "Insurance claims from {place} have already passed {num} million, {person} said.",
    "{org} plans to hold a public meeting in {place} on {day} to discuss the {thing}.",
    "Fishermen in {place} said their boats had been lifted onto the quay by the surge.",
    "The railway line to {place} will stay shut for at least {num} days while crews clear debris.",
    "{person} promised an independent inquiry into why the warning sirens in {place} failed.",
    "Electricity was restored to {num} households on {day}, the grid operator reported.",
    "Tourists stranded in {place} were moved to hotels inland by bus convoys.",
    "A spokesman for {org} declined to say when the inspection of the {thing} would finish.",
    "Children from {place} will attend lessons in a sports hall until their school dries out.",
    "{person} toured the damaged streets of {place} in borrowed rubber boots.",
    "Farmers upstream of {place} reported that salt water had ruined {num} hectares of crops.",
    "The last comparable flood, in {year}, left the harbour closed for a whole season.",
    "Divers found {num} containers on the seabed near {place} after the storm.",
    "{org} admitted that its emergency hotline had been overwhelmed on {day} night.",
]
ADDED_TEMPLATES = [
    "Weather services forecast further heavy rain for {place} later in the week.",
    "Similar storms struck the coast in {year} and {year2}, causing lasting damage.",
    "{person} is expected to brief parliament on the recovery plan next month.",
    "Local schools in {place} remain closed while inspectors check the buildings.",
    "The national government has not yet said whether it will contribute funds.",
    "Shipping companies diverted {num} vessels to neighbouring ports during the closure.",
]

SYNONYMS = {
    "said": "stated",
    "told": "informed",
    "spend": "invest",
    "new": "additional",
    "homes": "houses",
    "flooded": "inundated",
    "damaged": "wrecked",
    "officials": "authorities",
    "asked": "urged",
    "residents": "people",
    "expect": "anticipate",
    "reopen": "open again",
    "warned": "cautioned",
    "repairs": "repair works",
    "cost": "reach",
    "accused": "blamed",
    "ignoring": "disregarding",
    "earlier": "previous",
    "found": "concluded",
    "outdated": "obsolete",
    "delivered": "brought",
    "families": "households",
    "described": "called",
    "response": "reaction",
    "confirmed": "said",
    "already": "now",
    "plans": "intends",
    "discuss": "debate",
    "public": "open",
    "due": "expected",
    "leads": "heads",
}


@dataclass(frozen=True)
class Corpus:
    """A source article, edited versions of it, and what corresponds to what.

    ``links[k]`` is the set of (source paragraph, version paragraph) pairs that are the
    same text (possibly edited) in version ``k``; ``added[k]``/``omitted[k]`` list the
    version's new paragraphs and the source paragraphs it dropped.
    """

    source: list[str]
    versions: list[list[str]]
    links: list[set[tuple[int, int]]]
    added: list[set[int]]
    omitted: list[set[int]]


def _fill(template: str, rng: random.Random) -> str:
    year = rng.randint(1950, 2015)
    return template.format(
        person=rng.choice(PEOPLE),
        place=rng.choice(PLACES),
        org=rng.choice(ORGS),
        thing=rng.choice(THINGS),
        day=rng.choice(DAYS),
        num=rng.randint(2, 950),
        quote=rng.choice(QUOTES),
        year=year,
        year2=year + rng.randint(3, 9),
    )


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def make_article(rng: random.Random, n_paragraphs: int) -> list[str]:
    """Paragraphs of 2-4 sentences each, from the story's templates.

    Templates are dealt from a shuffled deck, reshuffled when it runs out, so a short
    article repeats few sentence frames (as a real one does).
    """
    out = []
    deck: list[str] = []
    for _ in range(n_paragraphs):
        sentences = []
        for _ in range(rng.randint(2, 4)):
            if not deck:
                deck = list(TEMPLATES)
                rng.shuffle(deck)
            sentences.append(_cap(_fill(deck.pop(), rng)))
        out.append(" ".join(sentences))
    return out


def paraphrase(text: str, rng: random.Random, strength: float = 0.35) -> str:
    """Swap some words for synonyms and sometimes reorder two sentences."""
    words = text.split(" ")
    for i, w in enumerate(words):
        core = w.rstrip('.,"')
        if core in SYNONYMS and rng.random() < strength:
            words[i] = w.replace(core, SYNONYMS[core], 1)
    sentences = " ".join(words).split(". ")
    if len(sentences) > 2 and rng.random() < 0.5:
        i = rng.randrange(len(sentences) - 1)
        a, b = sentences[i].rstrip("."), sentences[i + 1].rstrip(".")
        sentences[i], sentences[i + 1] = b, a
        return ". ".join(s.rstrip(".") for s in sentences) + "."
    return ". ".join(sentences)


def cosmetic(text: str) -> str:
    """Typographic-only changes: curly quotes, en dashes, apostrophes."""
    out = []
    opened = False
    for ch in text:
        if ch == '"':
            out.append("\u201d" if opened else "\u201c")
            opened = not opened
        elif ch == "'":
            out.append("\u2019")
        else:
            out.append(ch)
    return "".join(out).replace(" - ", " \u2013 ")


def change_fact(text: str, rng: random.Random) -> str:
    """Change a number, a first name's spelling, or a word inside a quotation."""
    words = text.split(" ")
    numeric = [i for i, w in enumerate(words) if w.strip(".,").isdigit()]
    named = [i for i, w in enumerate(words) if w in ALT_NAMES]
    if numeric and rng.random() < 0.5:
        i = rng.choice(numeric)
        words[i] = words[i].replace(words[i].strip(".,"), str(rng.randint(2, 950)))
    elif named:
        i = rng.choice(named)
        words[i] = ALT_NAMES[words[i]]
    else:
        return text.replace("not", "never", 1) if "not" in text else text + " Officials agreed."
    return " ".join(words)


def _split(text: str) -> list[str] | None:
    parts = text.split(". ")
    if len(parts) < 2:
        return None
    cut = len(parts) // 2
    return [". ".join(parts[:cut]) + ".", ". ".join(parts[cut:])]


def _recut(first: str, second: str) -> list[str] | None:
    """Two paragraphs re-paragraphed across their boundary: AB|CD -> A|BC|D."""
    a = first.split(". ")
    b = second.split(". ")
    if len(a) < 2 or len(b) < 2:
        return None
    return [
        ". ".join(a[:-1]) + ".",
        a[-1] + " " + ". ".join(b[:1]) + ".",
        ". ".join(b[1:]),
    ]


def make_version(
    source: list[str], rng: random.Random, rate: float, lift: float = 0.0, crossing: float = 1.0
) -> tuple[list[str], set[tuple[int, int]], set[int], set[int]]:
    """One edited version of ``source``: its paragraphs, gold links, added, omitted.

    :param crossing: relative chance (times ``rate``) that two neighbouring paragraphs
        are re-paragraphed across their boundary (AB|CD -> A|BC|D).
    """
    items: list[tuple[str, tuple[int, ...]]] = []
    omitted: set[int] = set()
    i = 0
    while i < len(source):
        text = source[i]
        if rng.random() < rate * 0.4:
            omitted.add(i)
            i += 1
            continue
        if rng.random() < rate:
            text = paraphrase(text, rng)
        if rng.random() < rate * 0.5:
            text = cosmetic(text)
        if rng.random() < rate * 0.5:
            text = change_fact(text, rng)
        op = rng.random()
        if op < rate * 0.25 and i + 1 < len(source):
            items.append((text + " " + source[i + 1], (i, i + 1)))
            i += 2
            continue
        if (
            rng.random() < rate * crossing * 0.3
            and i + 1 < len(source)
            and (cut := _recut(text, source[i + 1]))
        ):
            # AB|CD printed as A|BC|D: the three paragraphs are one group with both
            # source paragraphs, so every pair between them is a gold link.
            items.extend((p, (i, i + 1)) for p in cut)
            i += 2
            continue
        if op < rate * 0.5 and (parts := _split(text)):
            items.extend((p, (i,)) for p in parts)
        else:
            items.append((text, (i,)))
        if rng.random() < rate * 0.3:
            items.append((_cap(_fill(rng.choice(ADDED_TEMPLATES), rng)), ()))
        i += 1
    if len(items) > 3 and rng.random() < rate:
        a = rng.randrange(len(items))
        moved = items.pop(a)
        items.insert(rng.randrange(len(items) + 1), moved)
    if len(items) > 3 and rng.random() < rate * lift:
        # A sentence lifted out of its paragraph and placed elsewhere (a quote pulled up).
        a = rng.randrange(len(items))
        text, src = items[a]
        parts = text.split(". ")
        if src and len(parts) >= 3:
            items[a] = (". ".join(parts[:-1]) + ".", src)
            items.insert(rng.randrange(len(items) + 1), (parts[-1], src))
    texts = [t for t, _ in items]
    links = {(b, j) for j, (_, src) in enumerate(items) for b in src}
    added = {j for j, (_, src) in enumerate(items) if not src}
    return texts, links, added, omitted


def make_corpus(
    seed: int,
    n_versions: int,
    rate: float,
    n_paragraphs: int = 14,
    lift: float = 0.0,
    crossing: float = 1.0,
) -> Corpus:
    """A source article of ``n_paragraphs`` and ``n_versions`` edited versions of it.

    :param rate: edit rate in 0..1; roughly the chance that a paragraph is touched by
        each kind of operation (scaled per operation).
    :param lift: relative chance (times ``rate``) that a version has one sentence
        lifted out of its paragraph and placed elsewhere.
    :param crossing: relative chance (times ``rate``) of a crossing re-paragraphing
        (AB|CD -> A|BC|D) at each paragraph.
    """
    rng = random.Random(seed)
    source = make_article(rng, n_paragraphs)
    versions, links, added, omitted = [], [], [], []
    for _ in range(n_versions):
        texts, lk, ad, om = make_version(source, rng, rate, lift, crossing)
        versions.append(texts)
        links.append(lk)
        added.append(ad)
        omitted.append(om)
    return Corpus(source, versions, links, added, omitted)
