import pytest

from macros.limits import MAX_MACRO_CALLS_PER_PAGE
from macros.render.sandbox import ContentError, ContentRenderer


def renderer():
    return ContentRenderer({"greet": lambda name: f"hello {name}"})


def test_registered_macros_render():
    assert renderer().render("docs/x.md", "Say {{ greet('you') }}.", 1) == "Say hello you."


@pytest.mark.parametrize(
    "payload",
    [
        "{{ cycler.__init__.__globals__.os.system('touch /tmp/pwned') }}",
        "{{ greet.__globals__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ config }}",
        "{{ range(10) }}",
        "{% include '/etc/passwd' %}",
        "{{ 'a' * 100000000 }}",
    ],
)
def test_injection_payloads_fail_with_path_and_line(payload):
    with pytest.raises(ContentError) as caught:
        renderer().render("docs/page.md", f"text\n\n{payload}\n", 5)
    assert str(caught.value).startswith("docs/page.md:7: (template): ")


def test_static_check_reports_without_running():
    problems = list(renderer().check("docs/p.md", "{{ nope() }}\n{{ x.__class__ }}\n{% if %}", 3))
    assert [p.line for p in problems] == [5]  # a syntax error hides the rest
    problems = list(renderer().check("docs/p.md", "{{ nope() }}\n{{ greet.__class__ }}", 3))
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (3, "'nope' is not a macro of this site; macros available"),
        (4, "unsafe template expression blocked"),
    ]


def test_only_plain_macro_calls_are_allowed():
    plain = renderer()
    assert plain.render("docs/p.md", '{{ greet("you") }} and {{ greet(name="me") }}', 1)
    for text in [
        "{% for x in 'ab' %}{{ x }}{% endfor %}",
        "{{ '<' }}script>",
        "{{ greet(greet('x')) }}",
        "{% set x = 1 %}",
        "{{ greet('a' ~ 'b') }}",
    ]:
        with pytest.raises(ContentError, match="may only call the site's macros"):
            plain.render("docs/p.md", text, 1)


def test_macro_calls_up_to_the_limit_render():
    text = "{{ greet('x') }}\n" * MAX_MACRO_CALLS_PER_PAGE
    assert renderer().render("docs/p.md", text, 1).count("hello x") == MAX_MACRO_CALLS_PER_PAGE


@pytest.mark.parametrize("layout", ["one per line", "all on one line", "inside calls' text"])
def test_one_call_too_many_is_refused_at_its_line(layout):
    call = "{{ greet('x') }}"
    if layout == "one per line":
        text, line = (call + "\n") * (MAX_MACRO_CALLS_PER_PAGE + 5), MAX_MACRO_CALLS_PER_PAGE + 1
    elif layout == "all on one line":
        text, line = "intro\n" + call * (MAX_MACRO_CALLS_PER_PAGE + 1), 2
    else:
        text = "".join(f"para {n} {call}\n\n" for n in range(MAX_MACRO_CALLS_PER_PAGE + 1))
        line = 2 * MAX_MACRO_CALLS_PER_PAGE + 1
    problems = list(renderer().check("docs/p.md", text, 1))
    assert [(p.line, p.message.split(";")[0]) for p in problems] == [
        (line, f"more than {MAX_MACRO_CALLS_PER_PAGE} macro calls on one page")
    ]
    with pytest.raises(ContentError, match="macro calls on one page"):
        renderer().render("docs/p.md", text, 1)


def test_macro_calls_are_counted_as_they_run_too(monkeypatch):
    """Should the static count ever miss a call, the running count still stops the page."""
    plain = renderer()
    monkeypatch.setattr(plain, "check", lambda *args: iter(()))
    text = "a\n" + "{{ greet('x') }}" * (MAX_MACRO_CALLS_PER_PAGE + 1)
    with pytest.raises(ContentError) as caught:
        plain.render("docs/p.md", text, 4)
    assert str(caught.value).startswith("docs/p.md:5: (template): more than")
    assert plain.render("docs/p.md", "{{ greet('y') }}", 1) == "hello y"  # counted per page


@pytest.mark.parametrize(
    "template",
    [
        "{{ greet(" + "(" * 3000 + "'x'" + ")" * 3000 + ") }}",
        "{{ greet(" + "[" * 3000 + "]" * 3000 + ") }}",
        "{{ greet(" + "{" * 3000 + "}" * 3000 + ") }}",
        "{% if 1 %}" * 3000 + "{% endif %}" * 3000,
        "{% for x in y %}" * 3000 + "{% endfor %}" * 3000,
    ],
)
def test_deep_template_nesting_is_a_problem_not_a_crash(template):
    problems = list(renderer().check("docs/p.md", "text\n\n" + template, 10))
    assert [(p.line, p.field) for p in problems] == [(12, "(template)")]
    assert "nest too deeply" in problems[0].message
