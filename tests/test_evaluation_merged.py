"""The merged suite: its gold list points at real sentences, and its verdicts follow the rules
its docstring states."""

from __future__ import annotations

from types import SimpleNamespace

from truceline.clean import clean
from truceline.evaluation.merged import GoldAgreement, Outcome, _judge, _named_documents, _threads_at, load_gold
from truceline.evaluation.plover import occurrences
from truceline.records import RawInput

from conftest import ROOT, SHARED, gaza_corpus


def test_every_gold_mention_is_a_sentence_of_its_document():
    gold = load_gold(ROOT / "eval" / "agreements.toml")
    corpus = {d["path"]: d for d in [*gaza_corpus().values(), *_named_documents(SHARED, gold)]}
    for agreement in gold:
        for mention in agreement.mentions:
            [document] = [d for path, d in corpus.items() if mention.document in path]
            text = clean(RawInput("corpus.jsonl#1", document["text"].encode(), "text",
                                  {"url": document["source_url"]})).text
            assert occurrences(mention.quote, text), (agreement.id, mention.quote)


def _outcome(gold_id: str, *threads: str) -> Outcome:
    gold = GoldAgreement(gold_id, gold_id, "ceasefire", (), (), "agreed", {}, ())
    return Outcome(gold, located=len(threads), detected=len(threads), threads=frozenset(threads))


def test_verdicts():
    outcomes = [_outcome("alone", "t1"), _outcome("split", "t2", "t3"), _outcome("shared-a", "t4"),
                _outcome("shared-b", "t4", "t5"), _outcome("missed"), _outcome("split-linked", "t6", "t7", "t8")]
    merged = {t: SimpleNamespace(id=t, links=()) for t in ("t1", "t2", "t3", "t4", "t5", "t6")}
    merged["t7"] = SimpleNamespace(id="t7", links=(SimpleNamespace(agreement="t6"),))
    merged["t8"] = SimpleNamespace(id="t8", links=(SimpleNamespace(agreement="t6"),))
    _judge(outcomes, merged)
    assert [o.verdict for o in outcomes] == ["matched", "split", "wrongly merged", "wrongly merged", "missed", "split"]
    assert outcomes[0].merged is merged["t1"]
    assert [o.pieces_linked for o in outcomes] == [False, False, False, False, False, True]


def test_the_gold_has_thirty_agreements_split_in_halves():
    gold = load_gold(ROOT / "eval" / "agreements.toml")
    assert len(gold) >= 30 and {a.split for a in gold} == {"dev", "test"}
    assert sum(a.split == "test" for a in gold) >= 10


def test_a_quote_in_a_sentence_naming_two_agreements_counts_the_one_of_its_kind_else_of_its_war():
    rows = [{"start": 0, "end": 90, "kind": "ceasefire", "conflict": "Israel–Hezbollah", "thread_id": "lebanon"},
            {"start": 0, "end": 90, "kind": "ceasefire", "conflict": "Israel–Hamas", "thread_id": "gaza"},
            {"start": 0, "end": 90, "kind": "truce", "conflict": "Israel–Hamas", "thread_id": "truce"}]
    proposal = GoldAgreement("p", "p", "proposal", ("Israel", "Hezbollah"), (), "rejected", {}, ())
    truce = GoldAgreement("t", "t", "pause", ("Israel", "Hamas"), (), "agreed", {}, ())
    unknown = GoldAgreement("u", "u", "deal", (), (), "agreed", {}, ())
    assert _threads_at(rows, 10, 30, proposal) == {"lebanon"}
    assert _threads_at(rows, 10, 30, truce) == {"truce"}
    assert _threads_at(rows, 10, 30, unknown) == {"lebanon", "gaza", "truce"}
    assert _threads_at(rows, 95, 99, proposal) == set()
