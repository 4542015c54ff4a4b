"""Running the application: uvicorn for ``vanban serve``, one in-process request for ``serve --get``."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vanban.office import Office


# Seconds an idle keep-alive connection stays open. uvicorn's 5 s is also the default expiry of
# common HTTP clients' pools (httpx): a client reusing a connection the server closes at that
# very moment gets "Server disconnected" (bench/bench_web.py saw it under load). Browsers keep
# connections far longer; so does a server that outlives them.
KEEP_ALIVE = 75


def serve(db: str, *, host: str, port: int, workers: int) -> None:
    """Serve the register ``db`` with uvicorn (several workers share sessions through the database)."""
    import uvicorn

    if workers == 1:
        from vanban.web.app import create_app

        uvicorn.run(
            create_app(db),
            host=host,
            port=port,
            log_level="warning",
            access_log=False,
            timeout_keep_alive=KEEP_ALIVE,
        )
        return
    os.environ["VANBAN_DB"] = db
    uvicorn.run(
        "vanban.web.app:from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        access_log=False,
        timeout_keep_alive=KEEP_ALIVE,
        # uvicorn kills a worker that does not answer its ping in time (5 s by default); a
        # burst of sign-ins (Argon2) on a busy machine took longer and got workers killed.
        timeout_worker_healthcheck=30,
    )


def get(office: Office, path: str, login: str) -> tuple[int, str]:
    """(status, body) of one GET of ``path`` made in process as ``login`` (proven by the caller)."""
    from starlette.testclient import TestClient

    from vanban.web.app import create_app

    with TestClient(create_app(office, trusted_login=login)) as client:
        response = client.get(path, follow_redirects=False)
    return response.status_code, response.text
