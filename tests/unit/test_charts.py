from bs4 import BeautifulSoup

from macros.render.charts import Bar, bar_chart


def test_a_chart_is_a_figure_with_its_caption_first_and_its_data_table_last():
    chart = bar_chart(
        "c",
        "Meetings per topic",
        [Bar("A", 2), Bar("B", 1)],
        "Topic",
        "Meetings",
        "The figures",
        lambda n: f"{n} meetings",
    )
    figure = BeautifulSoup(str(chart), "html.parser").figure
    children = [child.name for child in figure.children]
    # HTML: a figure's figcaption is its first or its last child (the Nu HTML Checker's rule)
    assert children == ["figcaption", "div", "details"]
