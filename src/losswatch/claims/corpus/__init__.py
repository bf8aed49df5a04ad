"""Corpus-scale claim checking on Dask: inputs as partitions, a Parquet dataset as output.

``check_corpus`` is the entry point (the ``losswatch check-corpus`` command calls it);
:mod:`.inputs` says what input it reads and how it is cut, :mod:`.run` how the work is spread.
"""

from losswatch.claims.corpus.inputs import Document, Partition, discover, read_documents
from losswatch.claims.corpus.run import COLUMNS, CorpusSummary, check_corpus, check_partition

__all__ = [
    "COLUMNS",
    "CorpusSummary",
    "Document",
    "Partition",
    "check_corpus",
    "check_partition",
    "discover",
    "read_documents",
]
