"""Loading: files read safely (no links, bounded sizes), YAML with line numbers, front
matter, the load cache, and the catalog that holds every record and page of one project."""
