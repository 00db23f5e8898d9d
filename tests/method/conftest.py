from tests.web.conftest import started  # noqa: F401 - the youth after a first conversation
