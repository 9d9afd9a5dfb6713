"""The room view: a read-only full-screen view of the meeting for a projector or a second screen."""
