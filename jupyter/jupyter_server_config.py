# Jupyter server settings for the course (`make lab` and Binder copy this file into
# <env>/etc/jupyter/; a JupyterHub needs the same line in its user image).
#
# Uploads travel from the browser to the kernel as one websocket message. Tornado closes the
# connection on a message over 10 MiB, without any message to the student: the backup panel's
# file then never arrives. The panel reads answers files up to 50 MB (cursuslib.store.MAX_FILE_BYTES)
# and says so; 64 MiB lets such a file, and one somewhat too large, reach the kernel, so a student
# always gets a message. JupyterLite has no such limit (no server: the kernel runs in the browser).
#
# A plain dict, not `.update(...)`: JupyterHub's single-user extension looks inside this setting and
# cannot read the lazy value that `.update` leaves (the student's server then never answers the hub).
c = get_config()  # noqa: F821 - provided by Jupyter when it loads this file
_earlier = c.ServerApp.get("tornado_settings")
c.ServerApp.tornado_settings = {**(_earlier if isinstance(_earlier, dict) else {}),
                                "websocket_max_message_size": 64 * 1024 * 1024}
