"""BENCHMARKS.md from one run's figures: tables, ratios, and each target met or not."""

from __future__ import annotations


def _row(cells) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


# The targets for the live preview: seconds, by N.
PREVIEW_TARGETS = {1000: 1, 3000: 2}


def render(results, validate, serve, pdf, compendium, command, machine, when) -> str:
    sizes = sorted(results)
    small, large = sizes[0], sizes[-1]
    lines = [
        "# Benchmarks",
        "",
        f"Measured {when} on {machine}, by `{command}` (`make bench`).",
        "One run; this machine is noisy, so compare the ratios, which come from",
        "builds made one after another in the same run, rather than the seconds.",
        "",
        "*ours*: this site, `gceg build` (validation, pages, open data, feed, citations,",
        "permalinks; PDFs measured separately below), with a warm parse cache;",
        "*ours (cold)*: the same with the cache off, as on a fresh CI machine;",
        "*baseline*: the same pages as plain mkdocs-material with the default navigation",
        "(every page listed); *floor*: the same pages with no navigation and no macros.",
        "",
        "## Builds",
        "",
        _row(
            [
                "N documents",
                "build",
                "pages",
                "wall (s)",
                "per page (ms)",
                "peak memory (MB)",
                "output (MB)",
                "mean page (KB)",
                "largest record page (KB)",
                "record page without text (KB)",
                "search index (KB)",
            ]
        ),
        _row(["---"] * 11),
    ]
    for n in sizes:
        for key in ("ours", "ours-cold", "floor", "baseline"):
            run = results[n].get(key)
            if run is None:
                continue
            lines.append(
                _row(
                    [
                        n,
                        run.label,
                        run.pages,
                        f"{run.seconds:.1f}",
                        f"{1000 * run.seconds / run.pages:.1f}",
                        f"{run.peak_mb:.0f}",
                        f"{run.output_mb:.1f}",
                        f"{run.mean_page_kb:.1f}",
                        f"{run.largest_record_page_kb:.1f}",
                        f"{run.bare_record_page_kb:.1f}",
                        f"{run.search_index_kb:.0f}",
                    ]
                )
            )
    lines += [
        "",
        "## Ratios",
        "",
        _row(["N", "baseline / ours", "ours / floor", "ours (cold) / floor"]),
        _row(["---"] * 4),
    ]
    for n in sizes:
        r = results[n]
        base = f"{r['baseline'].seconds / r['ours'].seconds:.1f}x" if "baseline" in r else "not run"
        lines.append(
            _row(
                [
                    n,
                    base,
                    f"{r['ours'].seconds / r['floor'].seconds:.2f}x",
                    f"{r['ours-cold'].seconds / r['floor'].seconds:.2f}x",
                ]
            )
        )

    per_doc = {n: results[n]["ours"].seconds / n for n in sizes}
    growth = per_doc[large] / per_doc[small]
    page_growth = (
        results[large]["ours"].largest_record_page_kb
        / results[small]["ours"].largest_record_page_kb
    )
    bare = results[large]["ours"].bare_record_page_kb
    ours_large, floor_large = results[large]["ours"], results[large]["floor"]
    baseline_large = results[large].get("baseline")
    targets = [
        (
            f"per-document build time at N={large} within 1.25x of N={small}",
            f"{growth:.2f}x",
            growth <= 1.25,
        ),
        (
            f"largest record page at N={large} within 1.1x of N={small}",
            f"{page_growth:.2f}x",
            page_growth <= 1.1,
        ),
        ("a record page without its own text under 60 KB", f"{bare:.1f} KB", bare < 60),
        (
            f"full build at N={large} at least 5x faster than the default-navigation baseline",
            f"{baseline_large.seconds / ours_large.seconds:.1f}x" if baseline_large else "not run",
            bool(baseline_large) and baseline_large.seconds / ours_large.seconds >= 5,
        ),
        (
            f"full build at N={large} within 1.3x of the bare-mkdocs floor",
            f"{ours_large.seconds / floor_large.seconds:.2f}x",
            ours_large.seconds / floor_large.seconds <= 1.3,
        ),
        (
            f"`gceg validate` on {validate['records']:,} records, nothing changed, under 0.5 s",
            f"{validate['warm']:.2f} s ({validate['warm_cpu']:.2f} s CPU)",
            validate["warm"] < 0.5,
        ),
        (
            f"`gceg validate` on {validate['records']:,} records after one record changed, "
            "under 0.5 s",
            f"{validate['one_record']:.1f} s ({validate['one_record_cpu']:.1f} s CPU); "
            f"one page: {validate['one_page']:.1f} s ({validate['one_page_cpu']:.1f} s CPU)",
            max(validate["one_record"], validate["one_page"]) < 0.5,
        ),
        (
            f"`gceg validate` on {validate['records']:,} records cold, under 3 s",
            f"{validate['cold']:.1f} s ({validate['cold_cpu']:.1f} s CPU)",
            validate["cold"] < 3,
        ),
        *(
            (
                f"live preview shows a saved record at N={run['documents']:,} within "
                f"{PREVIEW_TARGETS.get(run['documents'], 1)} s",
                f"{run['rebuild']:.1f} s (median of {len(run['rebuilds'])} saves)",
                run["rebuild"] < PREVIEW_TARGETS.get(run["documents"], 1),
            )
            for run in serve
        ),
        (
            "PDF rendering at least 50 pages/s",
            f"{pdf['pages_per_second']:.1f} pages/s "
            f"({pdf['pages_per_cpu_second']:.1f} per CPU second)",
            pdf["pages_per_second"] >= 50,
        ),
        (
            f"a rebuild with nothing changed adds under 0.3 s for PDFs at {pdf['documents']} "
            "documents",
            f"{pdf['no_change_pdf_seconds']:.2f} s ({pdf['no_change_pdf_cpu']:.2f} s CPU)",
            pdf["no_change_pdf_seconds"] < 0.3,
        ),
        (
            "the compendium after one change costs that document plus the merge, not the "
            f"corpus (N={compendium['documents'] if compendium else 'not run'})",
            _compendium_update(compendium),
            _compendium_update_met(compendium),
        ),
        (
            f"peak memory of the build at N={large} under 600 MB",
            f"{ours_large.peak_mb:.0f} MB",
            ours_large.peak_mb < 600,
        ),
    ]
    lines += ["", "## Targets", "", _row(["target", "measured", "met"]), _row(["---"] * 3)]
    lines += [_row([name, value, "yes" if ok else "**no**"]) for name, value, ok in targets]
    lines += [
        "",
        "## Validation, live preview, PDFs",
        "",
        "Wall times on this machine are shared with other work (several agents ran on its two "
        "cores during the run); CPU seconds (user + system, the command and its children) are "
        "given beside them.",
        "",
        f"- `gceg validate` on {validate['records']:,} records: {validate['cold']:.1f} s cold "
        f"(no cache), {validate['warm']:.2f} s with nothing changed (the last answer, found by "
        f"the digest of every input), {validate['one_record']:.1f} s after one record changed "
        f"and {validate['one_page']:.1f} s after one page changed; peak "
        f"{validate['peak_mb']:.0f} MB. A change costs a whole validation with every unchanged "
        "file's load and every unchanged page's sentences taken from the caches: what is left "
        "is importing the code and unpickling every record (most of it), and the rules across "
        "records.",
        *(
            f"- Live preview (`gceg serve`) with {run['documents']:,} documents: first build "
            f"{run['first_build']:.1f} s; after one record is saved, the change is served "
            f"{run['rebuild']:.1f} s later (saves: "
            f"{', '.join(f'{t:.1f}' for t in run['rebuilds'])} s); the last rebuild made "
            f"{run['pages_made']} pages again and reused {run['pages_reused']} "
            "(macros/incremental)."
            for run in serve
        ),
        f"- PDFs for {pdf['documents']} documents: {pdf['pdfs']} files, {pdf['pages']} pages, "
        f"{pdf['pages_per_second']:.1f} pages/s on this machine's cores; a rebuild with "
        f"nothing changed takes {pdf['no_change_rebuild']:.1f} s against "
        f"{pdf['build_without_pdfs']:.1f} s for the same build without PDFs (every PDF comes "
        f"from the cache); after one document changed, PDFs add "
        f"{pdf['one_change_pdf_seconds']:.1f} s ({_compendium_update(pdf)}).",
    ]
    if compendium:
        lines.append(
            f"- At N={compendium['documents']:,}: {compendium['pages']} pages at "
            f"{compendium['pages_per_second']:.1f} pages/s; after one document changed, PDFs "
            f"add {compendium['one_change_pdf_seconds']:.1f} s "
            f"({compendium['one_change_pdf_cpu']:.1f} s CPU): {_compendium_update(compendium)}."
        )
    lines.append("")
    return "\n".join(lines)


def _compendium_update(figures: dict | None) -> str:
    """The PDF step after one change, as the build reported it (run.py, _compendium_update)."""
    if not figures:
        return "not run"
    if "changed_parts_rendered" not in figures:
        return f"{figures['one_change_pdf_seconds']:.1f} s for PDFs (no compendium report)"
    return (
        f"{figures['one_change_pdf_seconds']:.1f} s for PDFs "
        f"({figures['one_change_pdf_cpu']:.1f} s CPU): {figures['changed_files_rendered']} "
        f"files rendered in {figures['changed_render_seconds']:.1f} s (the document's PDF and "
        f"its part; {figures['changed_parts_rendered']} of "
        f"{figures['compendium_documents']:,} parts), the compendium assembled in "
        f"{figures['changed_assemble_seconds']:.1f} s (front matter "
        f"{figures['changed_front_matter']})"
    )


def _compendium_update_met(figures: dict | None) -> bool:
    """Met when the build rendered that one document alone (its PDF and its part of the
    compendium) and joined the rest from the cache; the seconds are reported beside it."""
    return bool(
        figures
        and figures.get("changed_parts_rendered") == 1
        and figures.get("changed_files_rendered") == 2
    )
