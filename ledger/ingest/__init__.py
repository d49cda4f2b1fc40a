"""Reading articles and finding the claims in them: readers, the extractor, the pipeline."""
