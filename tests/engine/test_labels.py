"""Version labels that tell every version apart (``model.distinct_labels``)."""

from __future__ import annotations

from reader.engine.model import distinct_labels


def test_a_unique_outlet_is_its_own_label() -> None:
    assert distinct_labels([("a.txt", "Harbour Post", None, None)]) == {"a.txt": "Harbour Post"}


def test_two_files_of_one_outlet_get_their_dates_or_file_names() -> None:
    dated = distinct_labels(
        [("a.txt", "Post", "2025-03-04T09:00", None), ("b.txt", "Post", "2025-03-04T17:30", None)]
    )
    assert dated == {"a.txt": "Post (2025-03-04 09:00)", "b.txt": "Post (2025-03-04 17:30)"}
    named = distinct_labels(
        [("morning.txt", "Post", None, None), ("evening.txt", "Post", None, None)]
    )
    assert named == {"morning.txt": "Post (morning)", "evening.txt": "Post (evening)"}


def test_scraper_ids_are_never_labels() -> None:
    labels = distinct_labels(
        [
            ("000_27b8f89ff1528568.txt", "Times", None, None),
            ("001_f2582fd14b31d42f.txt", "Times", None, None),
            ("002_e7e012132c37a880.txt", None, None, "https://www.example.org/news/1"),
            ("003_a1b2c3d4e5f60718.txt", None, None, None),
        ]
    )
    assert labels == {
        "000_27b8f89ff1528568.txt": "Times (1)",
        "001_f2582fd14b31d42f.txt": "Times (2)",
        "002_e7e012132c37a880.txt": "example.org",
        "003_a1b2c3d4e5f60718.txt": "unknown outlet",
    }
    assert len(set(labels.values())) == len(labels)
