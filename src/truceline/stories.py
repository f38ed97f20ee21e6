"""Stories: documents that are copies or rewrites of one report, found by near-duplicate text.

Each document gets a MinHash signature (datasketch) of its 5-word shingles. The store keeps the
signature and its LSH band keys in SQL tables rather than in datasketch's in-memory index, so a
new document is compared with the stored ones without rebuilding anything (incremental ingest),
and so it works on any database the store does. Two documents whose estimated Jaccard similarity
is at least `SAME_STORY` are one story; a story is a connected group of such pairs, named after
its smallest document id, so the grouping does not depend on the order of ingest.

Machine translations share no shingles with their original and are not found this way.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash

PERMUTATIONS = 128
BANDS = 32  # 32 bands of 4 rows: a pair at Jaccard 0.75 shares a band with probability > 0.9999
SHINGLE_WORDS = 5
# In the 647 White House texts on Gaza and Lebanon, the 10 pairs of one text posted twice score
# 1.0, and the closest distinct texts score 0.70 (two readouts of same-day calls to Egypt and
# Qatar, sharing their paragraphs) and 0.67 (periodic letters to Congress, six months apart).
SAME_STORY = 0.75
_WORD = re.compile(r"\w+")


def signature(text: str) -> bytes:
    """The MinHash signature of a text's 5-word shingles, as bytes for the store."""
    words = _WORD.findall(text.casefold())
    shingles = {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    minhash = MinHash(num_perm=PERMUTATIONS)
    minhash.update_batch([s.encode() for s in shingles])
    return minhash.hashvalues.astype(np.uint64).tobytes()


def band_keys(signature: bytes) -> list[str]:
    """One key per LSH band: documents sharing a key are candidates for the same story."""
    rows = PERMUTATIONS // BANDS * 8
    return [f"{band}:{hashlib.blake2b(signature[band * rows:(band + 1) * rows], digest_size=8).hexdigest()}"
            for band in range(BANDS)]


def similarities(a: bytes, others: list[bytes]) -> np.ndarray:
    """Estimated Jaccard similarity of a text's shingles with each of others', from their
    signatures, in one array operation: texts written from the same sentences share bands with
    most of a corpus, and comparing them one by one cost more per document as the corpus grew."""
    if not others:
        return np.zeros(0)
    own = np.frombuffer(a, dtype=np.uint64)
    return (np.frombuffer(b"".join(others), dtype=np.uint64).reshape(len(others), -1) == own).mean(axis=1)
