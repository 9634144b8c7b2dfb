"""`fazhi serve`: the checker as a local web page, a thin layer over
`fazhi.checker`, `fazhi.annotate` and `fazhi.templates`.

    from fazhi.web import create_app, Settings
    app = create_app(Settings(profile="township"))

FastAPI is an optional dependency (`pip install 'fazhi[web]'`); importing this
package does not import it, `create_app` does."""

from fazhi.web.settings import Settings  # noqa: F401


def create_app(settings: "Settings | None" = None):
    from fazhi.web.app import build_app

    return build_app(settings or Settings())
