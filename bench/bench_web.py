"""The web desk and REST API under concurrent signed-in users, beside the same ``Office`` calls made directly.

A register of ``--docs`` issued documents and ``--users`` clerks with passwords is served by
``vanban serve --workers 2`` (a real uvicorn, its own processes, the configured database).
Every simulated user signs in through the login form (its own session cookie and CSRF token),
or holds an API token of its own for the API, then repeats the actions of a clerk's day:

- list: the register of outgoing documents, first page (``GET /documents?direction=out``);
- search: a 2-word query without diacritics (``GET /documents?direction=out&q=…``);
- open: a document's page (``GET /documents/{id}``: record, history, trace, actions…);
- draft: a new outgoing plan (``POST /documents/new``, the form with its CSRF token);
- issue: that draft numbered and issued (``POST /documents/{id}/fire``, trigger issue).

The API path does the same through ``/api/v1`` with ``Authorization: Bearer``. Users wait a
random think time (exponential, mean ``--think`` ms) between actions, so the load is that of
an office, not a flood; the achieved request rate is reported.

The baseline ("direct") is the same ``Office`` calls the route makes (the page's or the API
handler's, listed in ``DIRECT``), made in this process one after another on an idle server,
as the clerk. Direct rounds and load rounds alternate (``--rounds``) so a noisy neighbour
hurts both. Reported per action: p50 and p95 in ms of each side, and web p50 / direct p50;
goal: web p50 ≤ 2 × direct p50 + 5 ms, and no error (every answer the status a browser or
client expects). After the run the numbers of every series must still be exactly 1..N
(``--check`` exits 3 when not, or when a request failed).

    .venv/bin/python bench/bench_web.py --engine sqlite
    .venv/bin/python bench/bench_web.py --engine postgresql --users 50 --rounds 3
    .venv/bin/python bench/bench_web.py --engine sqlite,postgresql --json --check
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from time import perf_counter
from typing import Any

from _support import dump_json, engines_to_run, log, machine, scratch_database, table

ACTIONS = ("list", "search", "open", "draft", "issue")
GOAL_FACTOR = 2.0
GOAL_SLACK_MS = 5.0
PAGE_SIZE = 50  # web/pages.py: a page of the register
PASSWORD = "mật khẩu thử tải 2026"
SIGNER, TITLE = "Nguyễn Phúc Công", "Chủ tịch"

_HEADS = ["Kế hoạch", "Báo cáo", "Thông báo", "Hướng dẫn", "Công văn"]
_VERBS = ["triển khai", "tổ chức", "thực hiện", "kiểm tra", "rà soát", "tăng cường", "tuyên truyền"]
_TOPICS = [
    "chuyển đổi số quốc gia",
    "an toàn thông tin",
    "phòng chống thiên tai",
    "xây dựng nông thôn mới",
    "cải cách hành chính",
    "quản lý đất đai",
    "vệ sinh an toàn thực phẩm",
    "tiêm chủng mở rộng",
    "phổ cập giáo dục",
    "phòng cháy chữa cháy rừng",
    "dữ liệu dân cư và định danh điện tử",
    "khuyến học khuyến tài",
]
_PLACES = ["trên địa bàn xã", "tại thôn Đông", "tại thôn Bắc", "quý IV", "đợt 2"]
# Queries typed without diacritics, 2 words each, that the subjects above contain.
QUERIES = [
    "chuyen doi",
    "an toan",
    "thien tai",
    "nong thon",
    "hanh chinh",
    "dat dai",
    "tiem chung",
    "dinh danh",
]


def subject(rng: random.Random) -> str:
    return " ".join([rng.choice(_HEADS), rng.choice(_VERBS), rng.choice(_TOPICS), rng.choice(_PLACES)])


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


# ------------------------------------------------------------------ the register


def build(url: str, engine_name: str, docs: int, users: int, seed: int) -> tuple[list[int], dict[str, str]]:
    """The register: office, ``users`` clerks with a password and an API token, ``docs`` issued
    documents (plans and official letters over this year and last). (document ids, tokens)."""
    from vanban import Office
    from vanban.office import auth

    began = perf_counter()
    rng = random.Random(seed)
    office = Office.init(
        url, org="UBND", name="Ủy ban nhân dân xã Phú Thái", place="Phú Thái", login="quantri"
    )
    try:
        office.add_user("chutich", name=SIGNER, roles=["lanh_dao"])
        office.add_unit("VP", "Văn phòng - Thống kê")
        logins = [f"vanthu{i:02d}" for i in range(1, users + 1)]
        for login in logins:
            office.add_user(login, name=f"Văn thư {login[-2:]}", roles=["van_thu"])
        auth.set_password(office, "quantri", PASSWORD)
        admin = office.as_user("quantri")
        for login in logins:  # argon2-cffi's default parameters, as vanban serve uses them
            auth.set_password(admin, login, PASSWORD)
        tokens = {login: auth.create_token(admin, login, "bench")[1] for login in logins}
        clerk = office.as_user(logins[0])
        ids: list[int] = []
        today = date.today()
        first = date(today.year - 1, 1, 1)
        span = (today - first).days
        for i in range(docs):
            on = first + timedelta(days=i * span // max(docs, 1))
            kind = "KH" if i % 3 else "CV"
            unit = "VP" if kind == "CV" else None
            doc = clerk.register(kind, subject=subject(rng), on=on, unit=unit, signer=SIGNER, title=TITLE)
            ids.append(doc.id)
        took = perf_counter() - began
        log(f"[{engine_name}] register of {docs:,} documents and {users} clerks in {took:.0f} s")
        return ids, tokens
    finally:
        office.close()


def gap_free(url: str) -> tuple[bool, int]:
    """Whether every outgoing series holds exactly the numbers 1..N; and how many numbered documents."""
    from collections import defaultdict

    from vanban import Office

    with Office(url, user="quantri") as office:
        found: dict[tuple[str, int], list[int]] = defaultdict(list)
        numbered = 0
        for doc in office.documents(direction="out", limit=1_000_000):
            if doc.number is not None and doc.series_key is not None and doc.year is not None:
                found[(doc.series_key, doc.year)].append(doc.number)
                numbered += 1
        years = {year for _key, year in found}
        last = {(s.key, s.year): s.last_number for year in years for s in office.series(year)}
    ok = all(sorted(n) == list(range(1, len(n) + 1)) for n in found.values())
    ok = ok and all(last.get(key) == len(n) for key, n in found.items())
    return ok, numbered


# ------------------------------------------------------------------ the direct calls


def direct_calls(office: Any, api: bool) -> dict[str, Callable[[Any], Any]]:
    """The ``Office`` calls each route makes (web/pages.py, web/api.py), made directly.

    Each takes the running state (a random document id, a query, the last draft's id).
    """
    from vanban.office.views import document_json, event_label

    def as_json(docs: list[Any]) -> list[dict[str, Any]]:
        return [document_json(office, d) for d in docs]

    def labels(docs: list[Any]) -> list[str]:
        return [office.status_label(d) for d in docs[:PAGE_SIZE]]

    def list_(state: dict[str, Any]) -> Any:
        if api:
            return as_json(office.documents(direction="out", limit=PAGE_SIZE))
        return labels(office.documents(direction="out", limit=PAGE_SIZE + 1))

    def search(state: dict[str, Any]) -> Any:
        if api:
            return as_json([h.document for h in office.search(state["q"], direction="out", limit=PAGE_SIZE)])
        return labels([h.document for h in office.search(state["q"], direction="out", limit=PAGE_SIZE + 1)])

    def open_(state: dict[str, Any]) -> Any:
        doc = office.get(state["doc"])
        if api:
            return document_json(office, doc)
        office.actions(doc.id)
        wf = office.workflow_of(doc)
        office.trace(doc.id)
        office.status_label(doc)
        history = [
            (e, event_label(office, doc, e.trigger), wf.label_of(e.to_state) if wf else e.to_state)
            for e in office.history(doc.id)
        ]
        return (
            history,
            office.outcomes(doc.id),
            office.assignments(doc.id),
            office.attachments(doc.id),
            office.units(),
            office.users(),  # the page names who acted
        )

    def draft(state: dict[str, Any]) -> Any:
        doc = office.draft("KH", subject=state["subject"])
        state["draft"] = doc.id
        return document_json(office, doc) if api else doc

    def issue(state: dict[str, Any]) -> Any:
        doc = office.issue(state["draft"], signer=SIGNER, title=TITLE)
        return document_json(office, doc) if api else doc

    return {"list": list_, "search": search, "open": open_, "draft": draft, "issue": issue}


def run_direct(
    url: str, login: str, ids: list[int], repeat: int, rng: random.Random, cpu: dict[str, list[float]]
) -> dict[str, dict[str, list[float]]]:
    """``repeat`` rounds of every action, pages' calls then the API's, one after another; the
    CPU time of each call goes to ``cpu`` by path."""
    from time import thread_time

    from vanban import Office

    times: dict[str, dict[str, list[float]]] = {
        "web": {a: [] for a in ACTIONS},
        "api": {a: [] for a in ACTIONS},
    }
    with Office(url, user=login) as office:
        calls = {"web": direct_calls(office, api=False), "api": direct_calls(office, api=True)}
        for _ in range(repeat):
            for side in ("web", "api"):
                state = {"doc": rng.choice(ids), "q": rng.choice(QUERIES), "subject": subject(rng)}
                for action in ACTIONS:
                    start, start_cpu = perf_counter(), thread_time()
                    calls[side][action](state)
                    times[side][action].append(perf_counter() - start)
                    cpu[side].append(thread_time() - start_cpu)
    return times


def process_cpu(pid: int) -> float | None:
    """CPU seconds used so far by ``pid`` and its children (the server's workers), from /proc;
    None where there is no /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    try:
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            # After the command: state, ppid, … utime and stime are fields 14 and 15 of stat(5).
            if int(entry) == pid or int(fields[1]) == pid:
                total += (int(fields[11]) + int(fields[12])) / ticks
    except OSError:
        return None
    return total


# ------------------------------------------------------------------ the server and its users


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """``vanban serve --workers N`` in processes of its own, stopped (the whole group) at the end."""

    def __init__(self, url: str, workers: int) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile(prefix="vanban_bench_serve_", suffix=".log", delete=False)  # noqa: SIM115
        command = [
            sys.executable,
            "-m",
            "vanban",
            "--db",
            url,
            "serve",
            "--port",
            str(self.port),
            "--workers",
            str(workers),
        ]
        self.process = subprocess.Popen(
            command, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_ready(self, timeout: float = 120) -> None:
        import httpx

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(
                    f"vanban serve ended: {Path(self.log.name).read_text(errors='replace')[-2000:]}"
                )
            try:
                if httpx.get(f"{self.base}/login", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise SystemExit("vanban serve did not answer in time")

    def errors_logged(self) -> str:
        return Path(self.log.name).read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()
        os.unlink(self.log.name)


_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


class User:
    """One simulated clerk: an HTTP client of its own (cookies: its session), signed in once."""

    def __init__(self, client: Any, login: str, token: str) -> None:
        self.client = client
        self.login = login
        self.token = token
        self.csrf = ""

    async def sign_in(self) -> float | str:
        """Seconds the sign-in took, or what went wrong."""
        try:
            page = await self.client.get("/login")
            found = _CSRF.search(page.text)
            if not found:
                return f"the sign-in page has no CSRF token: {page.status_code}"
            start = perf_counter()
            answer = await self.client.post(
                "/login",
                data={"csrf": found.group(1), "login": self.login, "password": PASSWORD, "next": "/"},
            )
            took = perf_counter() - start
            if answer.status_code != 303:
                return f"{answer.status_code} {answer.text[:300]}"
            form = await self.client.get("/documents/new")  # the session's CSRF token, as a browser gets it
            found = _CSRF.search(form.text)
            if not found:
                return f"the draft page has no CSRF token: {form.status_code}"
        except Exception as exc:
            return f"{type(exc).__name__}: {exc}"
        self.csrf = found.group(1)
        return took


class Load:
    """The timings and failures of one load phase."""

    def __init__(self, side: str) -> None:
        self.side = side
        self.elapsed = 0.0
        self.server_cpu: float | None = None  # CPU seconds the server's processes used
        self.times: dict[str, dict[str, list[float]]] = {
            "web": {a: [] for a in ACTIONS},
            "api": {a: [] for a in ACTIONS},
        }
        self.errors: dict[str, dict[str, int]] = {
            "web": dict.fromkeys(ACTIONS, 0),
            "api": dict.fromkeys(ACTIONS, 0),
        }
        self.first_errors: list[str] = []
        self.requests = 0

    def note(self, side: str, action: str, took: float, ok: bool, what: str) -> None:
        self.requests += 1
        if ok:
            self.times[side][action].append(took)
        else:
            self.errors[side][action] += 1
            if len(self.first_errors) < 5:
                self.first_errors.append(f"{side} {action}: {what[:300]}")


async def timed(load: Load, side: str, action: str, expected: int, request: Any) -> Any:
    start = perf_counter()
    try:
        answer = await request
    except Exception as exc:
        load.note(side, action, perf_counter() - start, False, f"{type(exc).__name__}: {exc}")
        return None
    took = perf_counter() - start
    ok = answer.status_code == expected
    load.note(side, action, took, ok, f"{answer.status_code} {answer.text}")
    return answer if ok else None


async def user_round(
    user: User, side: str, ids: list[int], iterations: int, think: float, rng: random.Random, load: Load
) -> None:
    """``iterations`` times list, search, open, draft, issue, thinking between actions."""
    client = user.client
    bearer = {"Authorization": f"Bearer {user.token}"}

    async def pause() -> None:
        await asyncio.sleep(rng.expovariate(1 / think) if think > 0 else 0)

    for _ in range(iterations):
        q, doc = rng.choice(QUERIES), rng.choice(ids)
        await pause()
        if side == "web":
            await timed(load, side, "list", 200, client.get("/documents", params={"direction": "out"}))
            await pause()
            await timed(
                load, side, "search", 200, client.get("/documents", params={"direction": "out", "q": q})
            )
            await pause()
            await timed(load, side, "open", 200, client.get(f"/documents/{doc}"))
            await pause()
            made = await timed(
                load,
                side,
                "draft",
                303,
                client.post(
                    "/documents/new", data={"csrf": user.csrf, "type": "KH", "subject": subject(rng)}
                ),
            )
            if made is None:
                continue
            await pause()
            form = {"csrf": user.csrf, "trigger": "issue", "signer": SIGNER, "title": TITLE}
            await timed(load, side, "issue", 303, client.post(f"{made.headers['location']}/fire", data=form))
        else:
            params = {"direction": "out", "limit": PAGE_SIZE}
            await timed(
                load, side, "list", 200, client.get("/api/v1/documents", params=params, headers=bearer)
            )
            await pause()
            await timed(
                load,
                side,
                "search",
                200,
                client.get("/api/v1/documents", params={**params, "q": q}, headers=bearer),
            )
            await pause()
            await timed(load, side, "open", 200, client.get(f"/api/v1/documents/{doc}", headers=bearer))
            await pause()
            made = await timed(
                load,
                side,
                "draft",
                201,
                client.post(
                    "/api/v1/documents", json={"type": "KH", "subject": subject(rng)}, headers=bearer
                ),
            )
            if made is None:
                continue
            await pause()
            body = {"signer": SIGNER, "title": TITLE}
            await timed(
                load,
                side,
                "issue",
                200,
                client.post(f"/api/v1/documents/{made.json()['id']}/issue", json=body, headers=bearer),
            )


async def run_load(
    base: str,
    tokens: dict[str, str],
    ids: list[int],
    rounds: int,
    iterations: int,
    think_ms: float,
    seed: int,
    direct: Callable[[int], dict[str, dict[str, list[float]]]],
    cpu: Callable[[], float | None],
) -> tuple[list[Load], dict[str, dict[str, list[float]]], list[float], list[str]]:
    """Sign every user in, then ``rounds`` times: the direct calls, then the pages and the API
    under load."""
    import httpx

    # Idle connections are let go before the server's keep-alive ends (web/run.py), as browsers do.
    limits = httpx.Limits(max_connections=4, max_keepalive_connections=4, keepalive_expiry=30)
    users = [
        User(
            httpx.AsyncClient(base_url=base, limits=limits, timeout=120, follow_redirects=False), login, token
        )
        for login, token in tokens.items()
    ]
    rngs = [random.Random(seed * 1000 + i) for i in range(len(users))]
    loads: list[Load] = []
    directs: dict[str, dict[str, list[float]]] = {
        "web": {a: [] for a in ACTIONS},
        "api": {a: [] for a in ACTIONS},
    }
    try:
        signed = list(await asyncio.gather(*(u.sign_in() for u in users)))
        sign_ins = [t for t in signed if isinstance(t, float)]
        failed = [f"{u.login} sign in: {t}" for u, t in zip(users, signed, strict=True) if isinstance(t, str)]
        if failed:  # a user who could not sign in takes no part; the run reports the errors
            log(f"  {len(failed)} users could not sign in: {failed[0]}")
            kept = [i for i, t in enumerate(signed) if isinstance(t, float)]
            users, rngs = [users[i] for i in kept], [rngs[i] for i in kept]
        for side in ("web", "api"):  # warm: each worker's threads, connections, templates
            await asyncio.gather(
                *(
                    user_round(u, side, ids, 1, think_ms / 1000, rng, Load(side))
                    for u, rng in zip(users, rngs, strict=True)
                )
            )
        for r in range(rounds):
            done = await asyncio.to_thread(direct, r)
            for side in directs:
                for action in ACTIONS:
                    directs[side][action].extend(done[side][action])
            for side in ("web", "api"):
                load = Load(side)
                began, began_cpu = perf_counter(), cpu()
                await asyncio.gather(
                    *(
                        user_round(u, side, ids, iterations, think_ms / 1000, rng, load)
                        for u, rng in zip(users, rngs, strict=True)
                    )
                )
                load.elapsed = perf_counter() - began
                ended_cpu = cpu()
                if began_cpu is not None and ended_cpu is not None:
                    load.server_cpu = ended_cpu - began_cpu
                loads.append(load)
                log(f"  round {r + 1} {side}: {load.requests} requests in {load.elapsed:.1f} s")
    finally:
        await asyncio.gather(*(u.client.aclose() for u in users))
    return loads, directs, sign_ins, failed


def run_engine(engine_name: str, args: argparse.Namespace) -> dict[str, Any]:
    with scratch_database(engine_name, keep=args.keep) as scratch:
        ids, tokens = build(scratch.url, engine_name, args.docs, args.users, args.seed)
        server = Server(scratch.url, args.workers)
        try:
            server.wait_ready()
            rng = random.Random(args.seed + 7)
            first = next(iter(tokens))

            direct_cpu: dict[str, list[float]] = {"web": [], "api": []}

            def direct(_round: int) -> dict[str, dict[str, list[float]]]:
                return run_direct(scratch.url, first, ids, args.direct, rng, direct_cpu)

            direct(0)  # warm: connections, prepared statements, the page's first templates
            direct_cpu = {"web": [], "api": []}

            def cpu() -> float | None:
                return process_cpu(server.process.pid)

            loads, directs, sign_ins, sign_in_errors = asyncio.run(
                run_load(
                    server.base,
                    tokens,
                    ids,
                    args.rounds,
                    args.iterations,
                    args.think,
                    args.seed,
                    direct,
                    cpu,
                )
            )
            served_log = server.errors_logged()
        finally:
            server.stop()
        ok, numbered = gap_free(scratch.url)
    results = []
    for side in ("web", "api"):
        side_loads = [load for load in loads if load.side == side]
        for action in ACTIONS:
            web = [t for load in side_loads for t in load.times[side][action]]
            base = directs[side][action]
            row: dict[str, Any] = {
                "path": "pages" if side == "web" else "api",
                "action": action,
                "requests": len(web),
                "errors": sum(load.errors[side][action] for load in side_loads),
                "web_p50_ms": 1000 * percentile(web, 50),
                "web_p95_ms": 1000 * percentile(web, 95),
                "direct_p50_ms": 1000 * percentile(base, 50),
                "direct_p95_ms": 1000 * percentile(base, 95),
            }
            row["ratio_p50"] = row["web_p50_ms"] / row["direct_p50_ms"]
            row["goal_ms"] = GOAL_FACTOR * row["direct_p50_ms"] + GOAL_SLACK_MS
            row["goal_met"] = row["web_p50_ms"] <= row["goal_ms"] and row["errors"] == 0
            results.append(row)
    rates = {
        side: sum(load.requests for load in loads if load.side == side)
        / sum(load.elapsed for load in loads if load.side == side)
        for side in ("web", "api")
    }
    # CPU per request, the whole mix of actions: the server's processes (all they did during the
    # load, over the requests timed) beside the direct calls' own CPU time. Unlike wall-clock
    # time it hardly moves with what else the machine runs.
    cpu_ms: dict[str, dict[str, float | None]] = {}
    for side in ("web", "api"):
        side_loads = [load for load in loads if load.side == side]
        used = [load.server_cpu for load in side_loads]
        served = sum(load.requests for load in side_loads)
        server_ms = 1000 * sum(u for u in used if u is not None) / served if None not in used else None
        calls = direct_cpu[side]
        direct_ms = 1000 * sum(calls) / len(calls) if calls else None
        cpu_ms["pages" if side == "web" else "api"] = {"server": server_ms, "direct": direct_ms}
    first_errors = (sign_in_errors + [e for load in loads for e in load.first_errors])[:5]
    tracebacks = served_log.count("Traceback")
    return {
        "engine": engine_name,
        "docs": args.docs,
        "users": args.users,
        "workers": args.workers,
        "think_ms": args.think,
        "requests_per_s": rates,
        "cpu_ms_per_request": cpu_ms,
        "sign_in_errors": len(sign_in_errors),
        "sign_in_p50_ms": 1000 * percentile(sign_ins, 50),
        "sign_in_p95_ms": 1000 * percentile(sign_ins, 95),
        "results": results,
        "first_errors": first_errors,
        "server_tracebacks": tracebacks,
        "numbered": numbered,
        "gap_free": ok,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--engine", default="sqlite", help="sqlite, postgresql, mariadb, a list, or all")
    parser.add_argument("--users", type=int, default=50, help="simulated users at once (50)")
    parser.add_argument(
        "--docs", type=int, default=2000, help="issued documents in the register first (2,000)"
    )
    parser.add_argument("--workers", type=int, default=2, help="vanban serve --workers (2)")
    parser.add_argument("--rounds", type=int, default=3, help="alternations of direct calls and load (3)")
    parser.add_argument(
        "--iterations", type=int, default=2, help="each user's action sequences per round and path (2)"
    )
    parser.add_argument("--direct", type=int, default=20, help="direct calls of each action per round (20)")
    parser.add_argument(
        "--think", type=float, default=1000, help="mean think time between a user's actions, ms (1000)"
    )
    parser.add_argument("--seed", type=int, default=20261205)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument("--json", action="store_true", help="print one JSON document on stdout, nothing else")
    parser.add_argument(
        "--check", action="store_true", help="exit 3 when a request failed or the numbers are not 1..N"
    )
    args = parser.parse_args()
    engines, skipped = engines_to_run(args.engine)
    runs = []
    for engine_name in engines:
        log(f"[{engine_name}] {args.users} users, {args.workers} workers, think {args.think:.0f} ms")
        runs.append(run_engine(engine_name, args))
    if args.json:
        dump_json({"machine": machine(), "runs": runs, "skipped": skipped})
    else:
        rows = [
            [
                run["engine"],
                r["path"],
                r["action"],
                r["requests"],
                r["web_p50_ms"],
                r["web_p95_ms"],
                r["direct_p50_ms"],
                r["direct_p95_ms"],
                f"{r['ratio_p50']:.2f}×",
                r["goal_ms"],
                r["errors"],
                "yes" if r["goal_met"] else "no",
            ]
            for run in runs
            for r in run["results"]
        ]
        headers = [
            "engine",
            "path",
            "action",
            "n",
            "p50 ms",
            "p95 ms",
            "direct p50",
            "direct p95",
            "×p50",
            "goal ms",
            "errors",
            "goal",
        ]
        print(table(headers, rows))
        for run in runs:
            rates = run["requests_per_s"]
            print(
                f"{run['engine']}: {rates['web']:.0f} page and {rates['api']:.0f} API requests/s;"
                f" sign-in p50 {run['sign_in_p50_ms']:.0f} ms, p95 {run['sign_in_p95_ms']:.0f} ms;"
                f" {run['numbered']:,} numbered documents,"
                f" numbers 1..N: {'yes' if run['gap_free'] else 'NO'};"
                f" server tracebacks: {run['server_tracebacks']}"
            )
            for path, used in run["cpu_ms_per_request"].items():
                if used["server"] is not None and used["direct"] is not None:
                    print(
                        f"  {path}: server CPU {used['server']:.2f} ms a request,"
                        f" direct calls {used['direct']:.2f} ms (the same mix of actions)"
                    )
            for error in run["first_errors"]:
                print(f"  {error}")
    broken = any(
        not run["gap_free"]
        or run["server_tracebacks"]
        or run["sign_in_errors"]
        or any(r["errors"] for r in run["results"])
        for run in runs
    )
    return 3 if args.check and broken else 0


if __name__ == "__main__":
    sys.exit(main())
