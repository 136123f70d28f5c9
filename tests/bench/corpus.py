"""A generated corpus for the benchmarks: N documents (meetings and papers with
editions) plus the people, programmes and sources they name, written into a
copy of the project through the site's own models, so every record is valid.

Text is deterministic pseudo-prose from a fixed seed: about 600 words a
page, with headings, a table and an admonition. It is never published.
"""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path

import yaml

from macros.exports.schemas import schema_comment
from macros.model import models
from macros.model.kinds import BY_NAME

WORDS = [
    "cyber",
    "crime",
    "strategy",
    "expert",
    "group",
    "member",
    "state",
    "police",
    "cooperation",
    "training",
    "forensic",
    "evidence",
    "operation",
    "network",
    "security",
    "incident",
    "response",
    "capacity",
    "building",
    "research",
    "partner",
    "industry",
    "private",
    "sector",
    "law",
    "enforcement",
    "investigation",
    "digital",
    "threat",
    "ransomware",
    "fraud",
    "exploitation",
    "analysis",
    "intelligence",
    "sharing",
    "platform",
    "protocol",
    "secretariat",
    "recommendation",
    "mandate",
    "programme",
    "priority",
    "framework",
    "regional",
    "global",
    "coordination",
    "assessment",
    "resilience",
    "infrastructure",
    "financial",
    "victim",
    "prevention",
]
TOPICS = ["research", "training", "forensics", "operations", "strategy", "cooperation"]
MARKINGS = ["TLP:CLEAR"] * 18 + ["TLP:GREEN", "TLP:AMBER"]  # about one in ten restricted


def sentence(rng: random.Random, words: int = 14) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def paragraph(rng: random.Random, sentences: int = 4) -> str:
    return " ".join(sentence(rng, rng.randint(10, 18)) for _ in range(sentences))


def page_text(rng: random.Random, title: str) -> str:
    """About 600 words of Markdown: sections, a table and an admonition."""
    parts = []
    for section in range(4):
        parts.append(f"## {sentence(rng, 3)[:-1]}")
        parts.append(paragraph(rng, 5))
        if section == 1:
            parts.append(
                "| Area | Lead | Status |\n|---|---|---|\n"
                + "\n".join(
                    f"| {rng.choice(WORDS)} | {rng.choice(WORDS)} | {rng.choice(WORDS)} |"
                    for _ in range(5)
                )
            )
        if section == 2:
            parts.append(f'!!! note "{sentence(rng, 3)[:-1]}"\n\n    {paragraph(rng, 2)}')
    return "\n\n".join(parts) + "\n"


def _dump(model) -> str:
    data = model.model_dump(mode="json", exclude_defaults=True, exclude={"id"})
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _write_record(root: Path, kind: str, record_id: str, model) -> None:
    spec = BY_NAME[kind]
    relative = f"data/{spec.data}/{record_id}.yaml"
    (root / relative).write_text(
        schema_comment(spec, relative) + "\n" + _dump(model), encoding="utf-8"
    )


def generate(root: Path, documents: int, seed: int = 2015) -> dict[str, int]:
    """Write ``documents`` documents (half meetings, half papers) and what they refer to."""
    rng = random.Random(seed)
    counts = {"meetings": 0, "papers": 0, "editions": 0, "people": 0, "programmes": 0, "sources": 0}
    sources = [f"bench-source-{i:05d}" for i in range(max(1, documents // 20))]
    for source_id in sources:
        model = models.Source(
            id=source_id,
            title=f"Report {sentence(rng, 4)[:-1]}",
            kind="report",
            url=f"https://example.org/reports/{source_id}",
        )
        _write_record(root, "source", source_id, model)
        (root / f"docs/sources/{source_id}.md").write_text("", encoding="utf-8")
    counts["sources"] = len(sources)
    people = [f"bench-person-{i:05d}" for i in range(max(1, documents // 10))]
    for person_id in people:
        name = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS).capitalize()}"
        model = models.Person(
            id=person_id,
            name=name,
            roles=[
                models.PersonRole(
                    title="Expert",
                    organisation="interpol",
                    cite=models.Citation(source=rng.choice(sources)),
                )
            ],
        )
        _write_record(root, "person", person_id, model)
        (root / f"docs/people/{person_id}.md").write_text("", encoding="utf-8")
    counts["people"] = len(people)
    programmes = [f"bench-programme-{i:04d}" for i in range(max(1, documents // 30))]
    for index, programme_id in enumerate(programmes):
        model = models.Programme(
            id=programme_id,
            title=f"Programme {index}: {rng.choice(WORDS)}",
            topic=rng.choice(TOPICS),
            summary=paragraph(rng, 2),
            sources=[models.Citation(source=rng.choice(sources))],
        )
        _write_record(root, "programme", programme_id, model)
        (root / f"docs/programmes/{programme_id}.md").write_text("", encoding="utf-8")
    counts["programmes"] = len(programmes)

    start = date(2016, 1, 1)
    for index in range(documents):
        day = start + timedelta(days=index)
        marking = rng.choice(MARKINGS)
        cite = models.Citation(source=rng.choice(sources))
        if index % 2 == 0:
            meeting_id = f"bench-meeting-{index:05d}"
            model = models.Meeting(
                id=meeting_id,
                doc_id=f"GCEG-MTG-{10000 + index}",
                title=f"Meeting {index}: {sentence(rng, 5)[:-1]}",
                start=day,
                end=day + timedelta(days=1),
                dates_cite=cite,
                topics_cite=cite,
                venue=models.Venue(
                    organisation="igci", city="Singapore", country="Singapore", cite=cite
                ),
                attendance=models.Attendance(
                    participants=models.Figure(value=rng.randint(20, 120)), cite=cite
                ),
                purpose=models.CitedText(text=sentence(rng), cite=cite),
                topics=rng.sample(TOPICS, 2),
                programmes=rng.sample(programmes, min(2, len(programmes))),
                statements=[
                    models.Statement(
                        speaker=rng.choice(people),
                        role="Expert",
                        paragraphs=[paragraph(rng, 2)],
                        cite=cite,
                    )
                ],
                outcomes=[models.CitedText(text=sentence(rng), cite=cite) for _ in range(3)],
                sources=[cite],
                classification="TLP:CLEAR" if marking != "TLP:AMBER" else marking,
            )
            _write_record(root, "meeting", meeting_id, model)
            (root / f"docs/meetings/{meeting_id}.md").write_text(
                page_text(rng, model.title), encoding="utf-8"
            )
            counts["meetings"] += 1
        else:
            paper_id = f"bench-paper-{index:05d}"
            editions = [models.Edition(edition="1.0", date=day, changes="First edition.")]
            if rng.random() < 0.3:
                editions.append(
                    models.Edition(
                        edition="1.1", date=day + timedelta(days=30), changes=sentence(rng)
                    )
                )
            model = models.Paper(
                id=paper_id,
                doc_id=f"GCEG-STRAT-{10000 + index}",
                title=f"Paper {index}: {sentence(rng, 5)[:-1]}",
                status="draft",
                editions=editions,
                created=day,
                issuing_body="gceg",
                authors=rng.sample(people, min(2, len(people))),
                summary=paragraph(rng, 1),
                topics=rng.sample(TOPICS, 2),
                illustrative=True,
                classification=marking,
            )
            _write_record(root, "paper", paper_id, model)
            (root / f"docs/strategy/{paper_id}.md").write_text("", encoding="utf-8")
            folder = root / "docs/strategy" / paper_id
            folder.mkdir(exist_ok=True)
            text = page_text(rng, model.title)
            for edition in editions:
                (folder / f"{edition.edition}.md").write_text(text, encoding="utf-8")
                text = text.replace(" the ", " each ", 3)
                counts["editions"] += 1
            counts["papers"] += 1
    return counts


def fresh_project(source: Path, dest: Path) -> Path:
    """A copy of the project's content, to generate into."""
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml", "data", "docs", "overrides", "includes"):
        if (source / name).is_dir():
            shutil.copytree(source / name, dest / name)
        else:
            shutil.copy2(source / name, dest / name)
    return dest
