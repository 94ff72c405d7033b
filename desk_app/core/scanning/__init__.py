"""The scanning station without Qt: file decoding, clean-up, indexing, seal QC, the page store."""
