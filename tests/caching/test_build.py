"""The build's digest: what a server's pages are made of. Any change to a file of
the code, a template or a catalogue gives a new one, and nothing else does."""

from newsroom.core.build import digest

SOURCES = ("code", "templates")


def tree(base, files):
    for name, text in files.items():
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_the_digest_follows_every_file_and_nothing_else(tmp_path):
    tree(tmp_path, {"code/views.py": "A = 1\n", "templates/page.html": "<p>one"})
    first = digest(tmp_path, SOURCES)
    assert len(first) == 12
    # Bytecode, and files outside the sources, are not what the build is made of.
    tree(tmp_path, {"code/__pycache__/views.pyc": "x", "notes.txt": "x"})
    assert digest(tmp_path, SOURCES) == first
    tree(tmp_path, {"templates/page.html": "<p>two"})
    edited = digest(tmp_path, SOURCES)
    assert edited != first
    tree(tmp_path, {"code/new.py": ""})
    assert digest(tmp_path, SOURCES) not in (first, edited)


def test_a_file_moved_is_another_build(tmp_path):
    tree(tmp_path, {"code/a.py": "A = 1\n"})
    before = digest(tmp_path, SOURCES)
    (tmp_path / "code/a.py").rename(tmp_path / "code/b.py")
    assert digest(tmp_path, SOURCES) != before
