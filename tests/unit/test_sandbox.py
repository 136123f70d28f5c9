import pytest

from macros.sandbox import ContentError, ContentRenderer


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
    for text in ["{% for x in 'ab' %}{{ x }}{% endfor %}", "{{ '<' }}script>", "{{ greet(greet('x')) }}",
                 "{% set x = 1 %}", "{{ greet('a' ~ 'b') }}"]:  # fmt: skip
        with pytest.raises(ContentError, match="may only call the site's macros"):
            plain.render("docs/p.md", text, 1)
