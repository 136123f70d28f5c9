import subprocess
import sys
from datetime import date
from pathlib import Path

from macros.model.vocab import DateQualifier
from macros.render.i18n import Translator
from tests.conftest import ROOT

POT = ROOT / "macros/render/locales/messages.pot"


def test_message_catalogue_is_current(tmp_path):
    out = tmp_path / "messages.pot"
    subprocess.run(
        [
            Path(sys.executable).parent / "pybabel",
            "extract",
            "--mapping-file",
            "babel.cfg",
            "--keywords",
            "N_",
            "--keywords",
            "NP_:1,2",
            "--keywords",
            "NC_:1c,2",
            "--no-location",
            "--sort-output",
            "--omit-header",
            "--output-file",
            str(out),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert out.read_text() == POT.read_text(), "run `make messages` and commit the result"
    assert 'msgid "Changes since edition {edition}"' in POT.read_text()


def test_dates_and_numbers_follow_the_language():
    english, french = Translator("en"), Translator("fr")
    start, end = date(2015, 11, 30), date(2015, 12, 1)
    assert english.date_range(start, end) == "30 November – 1 December 2015"
    assert "décembre 2015" in french.date_range(start, end)
    assert Translator("ar").direction == "rtl"
    from macros.model.fields import PartialDate

    assert english.partial_date(PartialDate.parse(2015), DateQualifier.BEFORE) == "before 2015"
