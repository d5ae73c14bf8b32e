"""Follow-up data for the UCCN cooperation agreement: reading, checking, storing, key figures."""

import pyarrow as _pa

# Arrow's default pool (mimalloc) keeps freed memory for reuse; the system allocator hands it
# back, which keeps an import's peak, and a long-running dashboard's footprint, lower.
_pa.set_memory_pool(_pa.system_memory_pool())
