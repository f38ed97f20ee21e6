"""What the event models read: a sentence's words, verbs, clause facts, the rule-based coder's
events and spaCy's contextual token vectors; an actor mention's place in the parse. Features are
dicts of name → value for scikit-learn's `DictVectorizer`, the same at training and at run time."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from truceline import clauses
from truceline.actors import first_person
from truceline.events import lexicon
from truceline.records import Actor, Event, Mention

# Dependents of a verb that complete its phrase: "called on", "held talks", "pulled back".
_PHRASE = {"prt", "prep", "dobj", "acomp", "xcomp"}
_UP = 5  # how far from a mention towards the root its path is read


def sentence(sent: Span, rules: Sequence[Event]) -> dict[str, float]:
    f: dict[str, float] = {}
    words = [t for t in sent if t.is_alpha]
    for a, b in zip(words, words[1:]):
        f[f"b:{a.lemma_.lower()}_{b.lemma_.lower()}"] = 1
    for t in words:
        lemma = t.lemma_.lower()
        if not t.is_stop:
            f[f"w:{lemma}"] = 1
        if t.pos_ in ("VERB", "NOUN") and not t.is_stop:
            for c in t.children:
                if c.dep_ in _PHRASE:
                    f[f"p:{lemma}:{c.dep_}:{c.lemma_.lower()}"] = 1
        if t.pos_ in ("VERB", "AUX", "ADJ"):
            _clause(f, t)
        if t.pos_ == "VERB":  # the types the rules' lexicon gives the verb, whether or not they code it
            for entry in lexicon().predicates.get(lemma, ()):
                f[f"lex:{entry.type}"] = 1
    f[f"root:{sent.root.lemma_.lower()}"] = 1
    facts = clauses.sentence(sent)
    if facts.question:
        f["question"] = 1
    if facts.future:
        f["future"] = 1
    for e in rules:
        f[f"rule:{e.type}"] = 1
        f[f"rule_mode:{e.mode}"] = 1
        f[f"rule:{e.type}:{e.mode}"] = 1
    if not rules:
        f["rule:none"] = 1
    if sent.doc.tensor is not None and len(sent.doc.tensor):
        for i, v in enumerate(sent.doc.tensor[sent.start:sent.end].mean(axis=0)):
            f[f"t{i}"] = float(v)
    return f


def _clause(f: dict[str, float], head: Token) -> None:
    """The clause facts of a verb, keyed by whether it is the sentence's root."""
    facts = clauses.facts(head)
    where = "root" if head.dep_ == "ROOT" else "sub"
    if facts.negated:
        f[f"neg:{where}"] = 1
    for kind in facts.auxiliaries:
        f[f"aux:{where}:{kind}"] = 1
    if facts.conditional:
        f[f"cond:{where}"] = 1
    if facts.hedged:
        f[f"hedged:{where}"] = 1
    if head.dep_ in ("xcomp", "ccomp", "advcl"):
        f[f"gov:{head.head.lemma_.lower()}"] = 1


def mention(sent: Span, head: Token, actor: Actor, rank: int, rules: Sequence[Event]) -> dict[str, float]:
    """An actor mention's place in its sentence: its dependency path up to the root, the verb it
    hangs from and that verb's voice, its order, and the rule-based coder's roles for it."""
    f: dict[str, float] = {f"dep:{head.dep_}": 1, f"kind:{actor.kind}": 1, f"rank:{min(rank, 3)}": 1,
                           "before_root" if head.i < sent.root.i else "after_root": 1}
    path, node = [], head
    for _ in range(_UP):
        if node.dep_ == "ROOT" or node.head.i == node.i:
            break
        path.append(node.dep_)
        if node.head.pos_ == "ADP":
            f[f"prep:{node.head.lower_}"] = 1
            f[f"prep:{node.head.lower_}:{node.head.head.lemma_.lower()}"] = 1
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            verb = node
            f[f"verb:{verb.lemma_.lower()}"] = 1
            f[f"verb:{verb.lemma_.lower()}:{path[-1]}"] = 1
            if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
                f[f"passive:{path[0]}"] = 1
            break
    f[f"path:{'/'.join(path)}"] = 1
    if path:
        f[f"path0:{path[0]}:{len(path)}"] = 1
    if first_person(actor):
        f["speaker"] = 1
    for e in rules:
        if e.source.canonical == actor.canonical:
            f["rule_source"] = 1
        if e.target is not None and e.target.canonical == actor.canonical:
            f["rule_target"] = 1
    return f


def mention_heads(sent: Span, mentions: Sequence[Mention], voiced: bool = False) -> list[tuple[Token, Actor]]:
    """Each mention's head token in the sentence, with its actor, in text order; a main verb
    standing in for the sentence's voice (`Mention.implied`) only if `voiced`."""
    found = []
    for m in mentions:
        if m.implied and not voiced:
            continue
        span = sent.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and len(span):
            found.append((span.root, m.actor))
    return found
