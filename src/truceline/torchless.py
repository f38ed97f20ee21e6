"""Keeps PyTorch out of the processes that extract and query. spaCy's thinc imports torch
whenever it is installed, for layers truceline's pipelines do not use (the MiniLM reader runs on
onnxruntime): some 235 MB in every process, the command's, the fork server's and each worker's.
Imported before spaCy by the command line and the pipeline (so the workers too); the MiniLM training
(`python -m truceline.models.finetune`) runs on its own and imports torch itself."""

import sys

sys.modules.setdefault("torch", None)  # `import torch` then raises ImportError; thinc goes on without it
