"""Sentences parsed by hand for tests that must not depend on a parser's version: one token a
line, "word lemma POS TAG dep head" (the head's 1-based position; 0 for the root)."""

from spacy.lang.en import English
from spacy.tokens import Doc

VOCAB = English().vocab

# Written for the tests. spaCy hangs "rejects" from "believe": a sibling set apart by "however",
# not what Israel does not believe.
REJECTS_HOWEVER = """
        Israel Israel PROPN NNP nsubj 2
        rejects reject VERB VBZ ccomp 12
        the the DET DT det 4
        proposal proposal NOUN NN dobj 2
        of of ADP IN prep 4
        Hamas Hamas PROPN NNP pobj 5
        , , PUNCT , punct 12
        however however ADV RB advmod 12
        Israel Israel PROPN NNP nsubj 12
        does do AUX VBZ aux 12
        not not PART RB neg 12
        believe believe VERB VB ROOT 0
        that that SCONJ IN mark 17
        the the DET DT det 15
        talks talk NOUN NNS nsubj 17
        have have AUX VBP aux 17
        failed fail VERB VBN ccomp 12
        . . PUNCT . punct 12
    """

# Written for the tests: what Israel does not believe, under its "not".
DOES_NOT_BELIEVE = """
        Israel Israel PROPN NNP nsubj 4
        does do AUX VBZ aux 4
        not not PART RB neg 4
        believe believe VERB VB ROOT 0
        that that SCONJ IN mark 7
        Hamas Hamas PROPN NNP nsubj 7
        attacked attack VERB VBD ccomp 4
        Israel Israel PROPN NNP dobj 7
        . . PUNCT . punct 4
    """


def by_hand(rows: str) -> Doc:
    words, lemmas, pos, tags, deps, heads = zip(*(line.split() for line in rows.strip().splitlines()))
    return Doc(VOCAB, words=list(words), lemmas=list(lemmas), pos=list(pos), tags=list(tags), deps=list(deps),
               heads=[int(h) - 1 if int(h) else i for i, h in enumerate(heads)])
