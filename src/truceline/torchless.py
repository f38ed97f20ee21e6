"""Keeps PyTorch out of the processes that extract and query. spaCy's thinc imports torch
whenever it is installed, for layers truceline's pipelines do not use (the MiniLM reader runs on
onnxruntime): some 235 MB in every process, the command's, the fork server's and each worker's.
Imported before spaCy by the command line and the pipeline (so the workers too); the MiniLM training
(`python -m truceline.models.finetune`) runs on its own and imports torch itself.

torch is hidden only while thinc is imported, which is when thinc decides it has none: left hidden
(`sys.modules["torch"] = None`), it broke SciPy, which reads `sys.modules["torch"].Tensor` once an
entry is there, and with it scikit-learn and every trained coder."""

import sys

if "torch" not in sys.modules:
    sys.modules["torch"] = None  # `import torch` then raises ImportError; thinc goes on without it
    try:
        import thinc.api  # noqa: F401
    finally:
        del sys.modules["torch"]
