"""A large upload reaches the kernel in a real JupyterLab: the server's websocket limit is above the answers-file limit.

Without ``jupyter/jupyter_server_config.py`` (installed by ``make`` and by Binder's postBuild) Tornado closes the
kernel connection on any message over 10 MiB, so a student who picks a large file sees nothing happen at all.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from tornado.websocket import WebSocketClosedError, websocket_connect

pytestmark = pytest.mark.browser

SIZE = 12 * 1024 * 1024  # over Tornado's default of 10 MiB


def _request(code: str) -> str:
    header = {"msg_id": uuid.uuid4().hex, "msg_type": "execute_request", "session": uuid.uuid4().hex,
              "username": "test", "version": "5.3", "date": datetime.now(UTC).isoformat()}
    content = {"code": code, "silent": False, "store_history": False, "user_expressions": {},
               "allow_stdin": False, "stop_on_error": True}
    return json.dumps({"header": header, "parent_header": {}, "metadata": {}, "content": content,
                       "channel": "shell", "buffers": []})


async def _send_and_read_result(url: str, message: str) -> str | None:
    connection = await websocket_connect(url, max_message_size=64 * 1024 * 1024)
    try:
        try:
            await connection.write_message(message)
        except WebSocketClosedError:
            return None
        while True:
            try:
                reply = await asyncio.wait_for(connection.read_message(), timeout=60)
            except WebSocketClosedError:
                return None
            if reply is None:  # the server closed the connection: the message was too large
                return None
            data = json.loads(reply)
            if data.get("msg_type") == "execute_result":
                return data["content"]["data"]["text/plain"]
    finally:
        connection.close()


def test_a_message_over_10_mib_reaches_the_kernel(course_lab) -> None:
    kernel = course_lab.api("api/kernels", method="POST", timeout=60)
    try:
        url = f"{course_lab.url.replace('http', 'ws', 1)}api/kernels/{kernel['id']}/channels?token={course_lab.token}"
        with ThreadPoolExecutor(1) as thread:  # Playwright's sync API may own this thread's event loop
            result = thread.submit(asyncio.run, _send_and_read_result(url, _request(f"len('{'a' * SIZE}')"))).result()
        assert result == str(SIZE), "de server sloot de verbinding: het bericht van 12 MiB kwam niet aan"
    finally:
        course_lab.api(f"api/kernels/{kernel['id']}", method="DELETE", timeout=30)
