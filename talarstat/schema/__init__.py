"""The JSON Schema of the meeting file, shipped for other tools (talarstat checks files itself)."""

from importlib.resources import files


def meeting_schema_text() -> str:
    return files(__package__).joinpath("meeting.schema.json").read_text(encoding="utf-8")
