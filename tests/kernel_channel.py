"""Run code in a Jupyter kernel over its websocket, as a notebook page would (used by the hub and browser tests)."""

from __future__ import annotations

import asyncio
import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

from tornado.httpclient import HTTPRequest
from tornado.websocket import WebSocketClosedError, websocket_connect

#: The largest message this client reads: the kernel echoes the code it runs (execute_input), which may be large.
MAX_MESSAGE = 64 * 1024 * 1024


class KernelError(RuntimeError):
    """The code failed in the kernel, or the server closed the connection."""


def execute_request(code: str, *, username: str = "student") -> dict[str, Any]:
    """An ``execute_request`` message for the kernel's shell channel (JSON form of the websocket protocol)."""
    header = {"msg_id": uuid.uuid4().hex, "msg_type": "execute_request", "session": uuid.uuid4().hex,
              "username": username, "version": "5.3", "date": datetime.now(UTC).isoformat()}
    content = {"code": code, "silent": False, "store_history": False, "user_expressions": {},
               "allow_stdin": False, "stop_on_error": True}
    return {"header": header, "parent_header": {}, "metadata": {}, "content": content, "channel": "shell",
            "buffers": []}


async def _execute(url: str, headers: dict[str, str], code: str, timeout: float) -> str:
    connection = await websocket_connect(HTTPRequest(url, headers=headers, connect_timeout=timeout,
                                                     request_timeout=timeout), max_message_size=MAX_MESSAGE)
    request = execute_request(code)
    printed, error, reply, idle = [], None, None, False
    try:
        await connection.write_message(json.dumps(request))
        while reply is None or not idle:  # the reply (shell) may come before the output (iopub)
            raw = await asyncio.wait_for(connection.read_message(), timeout=timeout)
            if raw is None:
                raise KernelError("the server closed the kernel connection")
            message = json.loads(raw)
            if message.get("parent_header", {}).get("msg_id") != request["header"]["msg_id"]:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "stream":
                printed.append(content["text"])
            elif kind == "error":
                error = "\n".join(content["traceback"])
            elif kind == "execute_reply":
                reply = content
            elif kind == "status":
                idle = content["execution_state"] == "idle"
    except WebSocketClosedError:
        raise KernelError("the server closed the kernel connection") from None
    finally:
        connection.close()
    if error or reply["status"] != "ok":
        raise KernelError(f"the code failed in the kernel:\n{error}")
    return "".join(printed)


def run_code(url: str, code: str, *, headers: dict[str, str] | None = None, timeout: float = 60) -> str:
    """Run ``code`` in the kernel at websocket ``url``; return what it printed, raise :class:`KernelError` if not.

    The client runs in its own thread: a browser test's Playwright may own this thread's event loop.
    """
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, _execute(url, headers or {}, code, timeout)).result()
