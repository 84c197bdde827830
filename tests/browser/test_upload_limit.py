"""A large upload reaches the kernel in a real JupyterLab: the server's websocket limit is above the answers-file limit.

Without ``jupyter/jupyter_server_config.py`` (installed by ``make`` and by Binder's postBuild) Tornado closes the
kernel connection on any message over 10 MiB, so a student who picks a large file sees nothing happen at all.
"""

from __future__ import annotations

import pytest
from kernel_channel import run_code

pytestmark = pytest.mark.browser

SIZE = 12 * 1024 * 1024  # over Tornado's default of 10 MiB


def test_a_message_over_10_mib_reaches_the_kernel(course_lab) -> None:
    kernel = course_lab.api("api/kernels", method="POST", timeout=60)
    try:
        url = f"{course_lab.url.replace('http', 'ws', 1)}api/kernels/{kernel['id']}/channels?token={course_lab.token}"
        # a closed connection (the message was too large) raises KernelError and fails the test
        assert run_code(url, f"print(len('{'a' * SIZE}'))") == f"{SIZE}\n"
    finally:
        course_lab.api(f"api/kernels/{kernel['id']}", method="DELETE", timeout=30)
