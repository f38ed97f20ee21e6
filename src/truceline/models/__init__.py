"""Trained event models: the data they learn from (`examples`), what they read in a sentence
(`features`), how they are trained (`train`, run by `make train`) and the `events=model` coder
(`coder`) that serves them."""
